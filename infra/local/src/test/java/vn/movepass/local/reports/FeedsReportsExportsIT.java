package vn.movepass.local.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.s3.S3Client;
import vn.movepass.local.embedded.AwsClients;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Recount;
import vn.movepass.local.testkit.Registry;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Classification;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.export.ExportService;
import vn.movepass.shared.export.Pseudonyms;
import vn.movepass.shared.feed.WardFeed;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.report.Unit;
import vn.movepass.shared.store.ContactItem;
import vn.movepass.shared.store.Transactions;

/**
 * A day of mixed activity on the embedded stack, then what ward police, officials and analysts see: ward feeds,
 * daily reports per unit (checked against a recount of the raw records) and the scheduled export.
 */
@FreshRuntime("the dev clock moves; reports and recounts at every level, national included, of one day")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedsReportsExportsIT {
    static final String HCM_WARD = "26734";
    static final String HANOI_WARD = "00001";
    static final String CASE_ID = "case-test-1";
    static Api api;
    static LocalDate today;
    static Ward hcm;
    static Ward hanoi;
    static String anDeclaration;
    static String dungToken;
    static final List<String> passageIds = new ArrayList<>();

    @BeforeAll
    static void aDayOfMixedActivity(Api fresh) throws Exception {
        api = fresh;
        Registry.load(api);
        today = api.today();
        hcm = AdministrativeUnits.get().ward(HCM_WARD).orElseThrow();
        hanoi = AdministrativeUnits.get().ward(HANOI_WARD).orElseThrow();

        // accepted: An 26734 → 00001; Bình 00001 → 26734; Dũng 26734 → 00001
        JsonNode an = declare(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE", HCM_WARD, HANOI_WARD);
        anDeclaration = an.get("declarationId").asText();
        JsonNode binh = declare(Registry.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE", HANOI_WARD, HCM_WARD);
        JsonNode dung = declare(Registry.DUNG, "Phạm Thị Dung", "2003-04-04", "FEMALE", HCM_WARD, HANOI_WARD);
        dungToken = dung.get("pass").get("token").asText();
        // rejected: a wrong name, a deceased person (origin Hanoi), someone not in the registry
        assertEquals("REJECTED", declare(Registry.AN, "Someone Else", "1990-05-17", "MALE", HCM_WARD, HANOI_WARD)
                .get("status").asText());
        assertEquals("REJECTED", declare(Registry.CUONG_DECEASED, "Lê Văn Cường", "1985-03-03", "MALE", HANOI_WARD, HCM_WARD)
                .get("status").asText());
        assertEquals("REJECTED", declare("079099888777", "Người Lạ", "1999-01-01", "MALE", HCM_WARD, HANOI_WARD)
                .get("status").asText());

        String cpA = api.officer("CP-A");
        String cpB = api.officer("CP-B");
        String anToken = an.get("pass").get("token").asText();
        // An leaves through CP-A, arrives through CP-B; the first confirmation is repeated (must count once)
        String first = confirm("CP-A", cpA, scan("CP-A", cpA, anToken), "OUT", "ALLOWED", 201);
        api.runtime.clock().advance(java.time.Duration.ofSeconds(5));
        confirm("CP-B", cpB, scan("CP-B", cpB, anToken), "IN", "ALLOWED", 201);
        // Bình is turned back at CP-B
        api.runtime.clock().advance(java.time.Duration.ofSeconds(5));
        confirm("CP-B", cpB, scan("CP-B", cpB, binh.get("pass").get("token").asText()), "OUT", "TURNED_BACK", 201);
        // Dũng passes a fixed camera at CP-A (record: true)
        api.runtime.clock().advance(java.time.Duration.ofSeconds(5));
        Api.Answer camera = api.post("/v1/checkpoints/CP-A/scans",
                Map.of("code", dung.get("pass").get("token").asText(), "direction", "IN", "record", true), cpA);
        assertEquals(200, camera.status(), camera.text());
        passageIds.add(camera.json().get("passageId").asText());
        // an unreadable code, turned back (no declaration: counted, but in no feed)
        api.runtime.clock().advance(java.time.Duration.ofSeconds(5));
        confirm("CP-A", cpA, scan("CP-A", cpA, "garbage"), "IN", "TURNED_BACK", 201);
        // the repeat of An's first confirmation
        assertEquals(200, api.post("/v1/checkpoints/CP-A/passages", Map.of("scanId", firstScan, "direction", "OUT",
                "decision", "ALLOWED"), cpA).status());
        assertTrue(passageIds.contains(first));

        // tracing's part, through the public API it will use: Đức becomes F1 of a case, resident in 26734
        Platform platform = api.runtime.platform("ReportsFunction");
        WardFeed feed = WardFeed.create(platform);
        DailyCounters counters = DailyCounters.create(platform);
        String nowIso = Times.iso(api.now());
        ContactItem contact = ContactItem.builder().caseId(CASE_ID).citizenId(Registry.DUC).level("F1").depth(1L)
                .via(Registry.AN).kind("SAME_CHECKPOINT").checkpointId("CP-A").at(nowIso).contactAt(nowIso)
                .residenceWard(HCM_WARD).createdAt(nowIso).createdHour(Times.hourBucket(api.now()))
                .expiresAt(api.now().getEpochSecond() + 86_400).build();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(platform.environment().require(EnvKey.CONTACTS_TABLE))
                .item(ContactItem.SCHEMA.itemToMap(contact, true)).conditionExpression("attribute_not_exists(caseId)").build()).build());
        writes.add(feed.contact(CASE_ID, Registry.DUC, "Đặng Văn Đức", HCM_WARD, api.now(), "CP-A", Classification.F1));
        writes.addAll(counters.classified(Classification.F1, HCM_WARD, today, Registry.DUC));
        Transactions.write(platform.dynamo(), writes);
    }

    static String firstScan;

    static JsonNode declare(String id, String name, String dob, String gender, String origin, String destination) {
        ObjectNode d = api.declaration(id, name, dob, gender);
        d.putObject("origin").put("wardCode", origin).put("address", "1 Đường A");
        d.putObject("destination").put("wardCode", destination).put("address", "2 Đường B");
        Api.Answer a = api.post("/v1/declarations", d, null);
        assertEquals(201, a.status(), a.text());
        return a.json();
    }

    static String scan(String cp, String token, String code) {
        Api.Answer a = api.post("/v1/checkpoints/" + cp + "/scans", Map.of("code", code, "direction", "IN"), token);
        assertEquals(200, a.status(), a.text());
        String scanId = a.json().get("scanId").asText();
        if (firstScan == null) {
            firstScan = scanId;
        }
        return scanId;
    }

    static String confirm(String cp, String token, String scanId, String direction, String decision, int status) {
        Map<String, Object> body = new HashMap<>();
        body.put("scanId", scanId);
        body.put("direction", direction);
        body.put("decision", decision);
        body.put("vehiclePlate", null);
        Api.Answer a = api.post("/v1/checkpoints/" + cp + "/passages", body, token);
        assertEquals(status, a.status(), a.text());
        String id = a.json().get("passageId").asText();
        passageIds.add(id);
        return id;
    }

    // ------------------------------------------------------------------ feeds

    List<JsonNode> feed(String ward, String token, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String pageToken = null;
        int pages = 0;
        do {
            Api.Answer a = api.get("/v1/wards/" + ward + "/feed?date=" + today + "&limit=" + limit
                    + (pageToken == null ? "" : "&pageToken=" + pageToken), token);
            assertEquals(200, a.status(), a.text());
            a.json().get("items").forEach(items::add);
            JsonNode next = a.json().get("nextPageToken");
            assertNotNull(next, "nextPageToken is always present");
            pageToken = next.isNull() ? null : next.asText();
            assertTrue(++pages < 50);
        } while (pageToken != null);
        return items;
    }

    @Test
    @Order(1)
    void wardFeedsShowDeparturesArrivalsAndContactsNewestFirst() {
        String police = api.token("WARD_POLICE", "police-hcm", "wardCode", HCM_WARD);
        List<JsonNode> items = feed(HCM_WARD, police, 50);
        Map<String, Integer> kinds = new HashMap<>();
        items.forEach(i -> kinds.merge(i.get("kind").asText(), 1, Integer::sum));
        // An ×2 and Dũng ×1 departed from 26734; Bình (turned back) was headed to 26734; Đức is a contact
        assertEquals(Map.of("DEPARTURE", 3, "ARRIVAL", 1, "CONTACT", 1), kinds);
        for (int i = 1; i < items.size(); i++) {
            assertTrue(items.get(i - 1).get("at").asText().compareTo(items.get(i).get("at").asText()) >= 0, "newest first");
        }
        JsonNode anDeparture = items.stream().filter(i -> i.get("declarationId") != null
                && anDeclaration.equals(i.get("declarationId").asText())).findFirst().orElseThrow();
        assertEquals(Registry.AN, anDeparture.get("citizenId").asText());
        assertEquals("Nguyễn Văn An", anDeparture.get("fullName").asText());
        assertTrue(anDeparture.get("checkpointId").asText().startsWith("CP-"));
        JsonNode contact = items.stream().filter(i -> "CONTACT".equals(i.get("kind").asText())).findFirst().orElseThrow();
        assertEquals(CASE_ID, contact.get("caseId").asText());
        assertEquals(Registry.DUC, contact.get("citizenId").asText());

        // paging by 2 gives the same lines in the same order
        assertEquals(items, feed(HCM_WARD, police, 2));
        // a page token is sealed and bound to its ward and date: it reads no key, and opens no other day's feed
        String token = api.get("/v1/wards/" + HCM_WARD + "/feed?date=" + today + "&limit=1", police).json()
                .get("nextPageToken").asText();
        assertFalse(new String(java.util.Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(today.toString()), "no table key inside");
        assertEquals(200, api.get("/v1/wards/" + HCM_WARD + "/feed?date=" + today + "&limit=1&pageToken=" + token, police).status());
        Api.Answer otherDay = api.get("/v1/wards/" + HCM_WARD + "/feed?date=" + today.minusDays(1) + "&pageToken=" + token, police);
        assertEquals(400, otherDay.status(), otherDay.text());
        assertEquals("pageToken", otherDay.json().get("errors").get(0).get("field").asText());

        String hanoiPolice = api.token("WARD_POLICE", "police-hn", "wardCode", HANOI_WARD);
        Map<String, Integer> hanoiKinds = new HashMap<>();
        feed(HANOI_WARD, hanoiPolice, 50).forEach(i -> hanoiKinds.merge(i.get("kind").asText(), 1, Integer::sum));
        assertEquals(Map.of("ARRIVAL", 3, "DEPARTURE", 1), hanoiKinds);
    }

    @Test
    @Order(2)
    void feedsAreForThePoliceOfThatWard() {
        String police = api.token("WARD_POLICE", "police-hcm", "wardCode", HCM_WARD);
        assertEquals(403, api.get("/v1/wards/" + HANOI_WARD + "/feed?date=" + today, police).status());
        assertEquals(403, api.get("/v1/wards/" + HCM_WARD + "/feed?date=" + today,
                api.token("HEALTH_OFFICIAL", "doctor", null, null)).status());
        assertEquals(401, api.get("/v1/wards/" + HCM_WARD + "/feed?date=" + today).status());
        Api.Answer badDate = api.get("/v1/wards/" + HCM_WARD + "/feed?date=yesterday", police);
        assertEquals(400, badDate.status());
        assertEquals("date", badDate.json().get("errors").get(0).get("field").asText());
        assertEquals(400, api.get("/v1/wards/" + HCM_WARD + "/feed?date=" + today + "&pageToken=bm9wZQ", police).status());
        assertEquals(400, api.get("/v1/wards/" + HCM_WARD + "/feed?date=" + today + "&limit=0", police).status());
        JsonNode empty = api.get("/v1/wards/" + HCM_WARD + "/feed?date=2021-08-01", police).json();
        assertEquals(0, empty.get("items").size());
        assertTrue(empty.get("nextPageToken").isNull());
    }

    // ------------------------------------------------------------------ reports

    static Map<String, Map<String, Long>> recount() {
        return Recount.of(api, today);
    }

    static List<Map<String, AttributeValue>> scanAll(String logicalId) {
        return Recount.scanAll(api, logicalId);
    }

    static Map<String, Long> reported(String unit, String token) {
        return Recount.reported(api, today, unit, token);
    }

    List<String> unitsOfTheDay() {
        return List.of("national", "province:" + hcm.provinceCode(), "district:" + hcm.districtCode(), "ward:" + HCM_WARD,
                "province:" + hanoi.provinceCode(), "district:" + hanoi.districtCode(), "ward:" + HANOI_WARD);
    }

    @Test
    @Order(3)
    void reportsPerUnitEqualARecountOfTheRecords() {
        String analyst = api.token("ANALYST", "analyst", null, null);
        Map<String, Map<String, Long>> expected = recount();
        assertEquals(Map.of("accepted", 3L, "rejected", 3L, "in", 2L, "out", 1L, "turnedBack", 2L, "F1", 1L),
                expected.get("national"), "the day as written");
        for (String unit : unitsOfTheDay()) {
            assertEquals(expected.getOrDefault(unit, Map.of()), reported(unit, analyst), unit);
        }
        assertEquals(Map.of(), reported("province:48", analyst), "a province with no activity");
    }

    @Test
    @Order(4)
    void concurrentDeclarationsStillAddUp() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                boolean accept = i % 3 != 0;
                // the rejections go to ids not in the registry, one each: 5 rejections of one id would hit the
                // anti-enumeration limit (AntiEnumerationIT), which is not what this test is about
                String stranger = "079099" + (900000 + i);
                answers.add(pool.submit(() -> api.post("/v1/declarations", accept
                        ? api.declaration(Registry.DUC, "Đặng Văn Đức", "1988-06-06", "MALE")
                        : api.declaration(stranger, "Người Lạ", "1999-01-01", "MALE"), null)));
            }
            for (Future<Api.Answer> f : answers) {
                assertEquals(201, f.get().status(), f.get().text());
            }
        } finally {
            pool.shutdown();
        }
        String admin = api.admin();
        Map<String, Map<String, Long>> expected = recount();
        for (String unit : unitsOfTheDay()) {
            assertEquals(expected.getOrDefault(unit, Map.of()), reported(unit, admin), unit);
        }
    }

    @Test
    @Order(5)
    void reportsStayWithinEachRolesScope() {
        String unitWard = "ward:" + HCM_WARD;
        String police = api.token("WARD_POLICE", "police-hcm", "wardCode", HCM_WARD);
        assertEquals(200, api.get("/v1/reports/daily?date=" + today + "&unit=" + unitWard, police).status());
        assertEquals(403, api.get("/v1/reports/daily?date=" + today + "&unit=national", police).status());
        assertEquals(403, api.get("/v1/reports/daily?date=" + today + "&unit=ward:" + HANOI_WARD, police).status());
        String doctor = api.token("HEALTH_OFFICIAL", "doctor-hcm", "provinceCode", hcm.provinceCode());
        assertEquals(200, api.get("/v1/reports/daily?date=" + today + "&unit=district:" + hcm.districtCode(), doctor).status());
        assertEquals(200, api.get("/v1/reports/daily?date=" + today + "&unit=" + unitWard, doctor).status());
        assertEquals(403, api.get("/v1/reports/daily?date=" + today + "&unit=province:" + hanoi.provinceCode(), doctor).status());
        assertEquals(403, api.get("/v1/reports/daily?date=" + today + "&unit=national", doctor).status());
        String nationalDoctor = api.token("HEALTH_OFFICIAL", "doctor-vn", null, null);
        assertEquals(200, api.get("/v1/reports/daily?date=" + today + "&unit=national", nationalDoctor).status());
        assertEquals(403, api.get("/v1/reports/daily?date=" + today + "&unit=national", api.officer("CP-A")).status());
        assertEquals(401, api.get("/v1/reports/daily?date=" + today + "&unit=national").status());
        String analyst = api.token("ANALYST", "analyst", null, null);
        for (String bad : List.of("province:99", "ward:99999", "city:79", "national:1", "")) {
            Api.Answer a = api.get("/v1/reports/daily?date=" + today + "&unit=" + bad, analyst);
            assertEquals(400, a.status(), bad);
            assertEquals("unit", a.json().get("errors").get(0).get("field").asText());
        }
        assertEquals(400, api.get("/v1/reports/daily?unit=national", analyst).status());
        assertEquals(400, api.get("/v1/reports/daily?date=2021-13-01&unit=national", analyst).status());
    }

    // ------------------------------------------------------------------ exports

    static S3Client s3() {
        SdkHttpClient http = AwsClients.httpClient();
        return AwsClients.s3(api.runtime.s3Endpoint(), http);
    }

    static byte[] object(S3Client s3, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(api.runtime.buckets().get("ExportsBucket")).key(key)).asByteArray();
    }

    static String gunzip(byte[] gz) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<CSVRecord> parse(String csv) throws IOException {
        try (Reader r = new java.io.StringReader(csv);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            return p.getRecords();
        }
    }

    JsonNode runExport() {
        Api.Answer a = api.post("/dev/schedules/ExportSchedule/run", Map.of("date", today.toString()), null);
        assertEquals(200, a.status(), a.text());
        try (S3Client s3 = s3()) {
            return Json.readTree(new String(object(s3, "exports/dt=" + today + "/manifest.json"), StandardCharsets.UTF_8));
        }
    }

    @Test
    @Order(6)
    void theExportMatchesItsManifestParsesAndHoldsNoPersonalData() throws Exception {
        // health: ward police classify Bình F2 and release her with a reason (free text, never exported); a dose for Dung
        String police = api.token("WARD_POLICE", "police-export-sub", "wardCode", HCM_WARD);
        Instant hourAgo = api.now().minusSeconds(3600);
        assertEquals(201, api.post("/v1/citizens/" + Registry.BINH + "/health-events", Map.of("type", "CLASSIFIED",
                "level", "F2", "at", hourAgo.toString()), police).status());
        assertEquals(201, api.post("/v1/citizens/" + Registry.BINH + "/health-events", Map.of("type", "RELEASED",
                "at", hourAgo.plusSeconds(60).toString(), "reason", "reason-text-XYZ"), police).status());
        String vaccinator = api.token("VACCINATOR", "vaccinator-export-sub", "siteId", "VX-EXPORT");
        Api.Answer dose = api.post("/v1/vaccinations", Map.of("citizenId", Registry.DUNG, "fullName", "Phạm Thị Dung",
                "dateOfBirth", "2003-04-04", "product", "MODERNA", "doseNumber", 1, "administeredAt", hourAgo.toString(),
                "lot", "MD-77", "siteId", "VX-EXPORT"), vaccinator);
        assertEquals(201, dose.status(), dose.text());
        // a venue check-in (An, by the venue's phone): exported with pseudonyms, the venue and its type
        assertEquals(201, api.post("/v1/admin/venues", Map.of("venueId", "V-EXPORT", "name", "Bách Hóa Xanh", "type", "MARKET",
                "wardCode", HCM_WARD, "address", "3 Lê Lợi"), api.admin()).status());
        String venue = api.token("VENUE_OPERATOR", "venue-export-sub", "venueId", "V-EXPORT");
        String anCard = Registry.AN + "||Nguyễn Văn An|17051990|Nam|Lê Lợi|01072021";
        assertEquals(201, api.post("/v1/venues/V-EXPORT/check-ins", Map.of("code", anCard, "direction", "IN"), venue).status());
        // more passages at CP-A (a fixed camera, a second apart) and more stays at the venue (OUT, then IN again): the
        // hour's passages and check-ins spread over its 4 shard keys (issue 22), which the export must read back whole
        String cpA = api.officer("CP-A");
        for (int i = 0; i < 24; i++) {
            api.runtime.clock().advance(java.time.Duration.ofSeconds(1));
            Api.Answer camera = api.post("/v1/checkpoints/CP-A/scans", Map.of("code", dungToken, "direction", i % 2 == 0 ? "OUT"
                    : "IN", "record", true), cpA);
            assertEquals(200, camera.status(), camera.text());
            passageIds.add(camera.json().get("passageId").asText());
        }
        for (int i = 0; i < 6; i++) {
            for (String direction : List.of("OUT", "IN")) {
                api.runtime.clock().advance(java.time.Duration.ofSeconds(1));
                Api.Answer a = api.post("/v1/venues/V-EXPORT/check-ins", Map.of("code", anCard, "direction", direction), venue);
                assertTrue(a.status() == 200 || a.status() == 201, a.text());
            }
        }
        JsonNode manifest = runExport();
        assertEquals(today.toString(), manifest.get("date").asText());
        String prefix = "exports/dt=" + today + "/";
        Map<String, JsonNode> files = new LinkedHashMap<>();
        manifest.get("files").forEach(f -> files.put(f.get("name").asText(), f));
        assertEquals(Set.copyOf(ExportService.FILES.subList(0, ExportService.FILES.size() - 1)), files.keySet());

        byte[] secret = java.util.Base64.getDecoder().decode(api.runtime.platform("ExportFunction").environment()
                .require(EnvKey.EXPORT_PSEUDONYM_SECRET));
        Pseudonyms pseudonyms = new Pseudonyms(secret);
        Map<String, List<CSVRecord>> rows = new HashMap<>();
        StringBuilder everything = new StringBuilder();
        try (S3Client s3 = s3()) {
            for (JsonNode f : files.values()) {
                byte[] bytes = object(s3, prefix + f.get("name").asText());
                assertEquals(f.get("sha256").asText(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                        f.get("name").asText());
                if (f.get("name").asText().endsWith(".csv.gz")) {
                    String csv = gunzip(bytes);
                    everything.append(csv);
                    List<CSVRecord> records = parse(csv);
                    assertEquals(f.get("rows").asLong(), records.size(), f.get("name").asText());
                    rows.put(f.get("name").asText(), records);
                } else {
                    everything.append(new String(bytes, StandardCharsets.UTF_8));
                }
            }
            String symlink = new String(object(s3, "athena/passages/dt=" + today + "/symlink.txt"), StandardCharsets.UTF_8);
            assertTrue(symlink.strip().endsWith("/" + prefix + "passages.csv.gz"), symlink);
        }
        long declarationsToday = scanAll("DeclarationsTable").size();
        long passagesToday = scanAll("PassagesTable").size();
        assertEquals(declarationsToday, rows.get("declarations.csv.gz").size());
        assertEquals(passagesToday, rows.get("passages.csv.gz").size());
        assertEquals(1, rows.get("contacts.csv.gz").size());
        List<CSVRecord> events = rows.get("health_events.csv.gz");
        assertEquals(List.of("CLASSIFIED", "RELEASED"), events.stream().filter(r -> pseudonyms.of(Registry.BINH)
                .equals(r.get("citizen"))).map(r -> r.get("type")).sorted().toList());
        assertTrue(events.stream().allMatch(r -> "WARD_POLICE".equals(r.get("by_role")) || "SYSTEM".equals(r.get("by_role"))
                || "HEALTH_OFFICIAL".equals(r.get("by_role"))), "roles only");
        List<CSVRecord> doses = rows.get("doses.csv.gz");
        assertEquals(1, doses.size());
        assertEquals(pseudonyms.of(Registry.DUNG), doses.get(0).get("citizen"));
        assertEquals("MODERNA", doses.get(0).get("product"));
        assertEquals("1", doses.get(0).get("dose_number"));
        assertEquals("VX-EXPORT", doses.get(0).get("site_id"));
        assertEquals(HCM_WARD, doses.get(0).get("ward"));

        // every passage once, in the order the one hour key gave before it was sharded: checkpoint, then instant and id
        List<Map<String, AttributeValue>> passageItems = scanAll("PassagesTable").stream()
                .filter(i -> i.get("pk").s().startsWith("CP#"))
                .sorted(java.util.Comparator.comparing((Map<String, AttributeValue> i) -> i.get("checkpointId").s())
                        .thenComparing(i -> i.get("sk").s())).toList();
        assertEquals(passageItems.stream().map(i -> pseudonyms.of(i.get("passageId").s())).toList(),
                rows.get("passages.csv.gz").stream().map(r -> r.get("passage")).toList());
        assertTrue(passageItems.stream().filter(i -> "CP-A".equals(i.get("checkpointId").s())).map(i -> i.get("pk").s())
                .distinct().count() >= 2, "CP-A's passages of the hour lie in several shards");

        // the 7 stays, every one once, in order of their IN, across the hour's shards of the byHour index
        List<Map<String, AttributeValue>> stays = scanAll("VenuesTable").stream()
                .filter(i -> i.get("pk").s().startsWith("VISIT#")).sorted(java.util.Comparator.comparing(i -> i.get("inAt").s()))
                .toList();
        assertEquals(7, stays.size());
        assertTrue(stays.stream().map(i -> i.get("inHour").s()).distinct().count() >= 2, "the stays lie in several shards");
        List<CSVRecord> checkIns = rows.get("check_ins.csv.gz");
        assertEquals(stays.stream().map(i -> pseudonyms.of(i.get("visitId").s())).toList(),
                checkIns.stream().map(r -> r.get("check_in")).toList());
        for (CSVRecord checkIn : checkIns) {
            assertEquals(pseudonyms.of(Registry.AN), checkIn.get("citizen"));
            assertEquals("V-EXPORT", checkIn.get("venue_id"));
            assertEquals("MARKET", checkIn.get("venue_type"));
        }
        // one notice per contact told today: whom and in what state, never the phone or the text
        long notices = scanAll("NoticesTable").stream().filter(i -> i.get("pk").s().startsWith("NOTICE#")).count();
        assertEquals(notices, rows.get("notices.csv.gz").size());

        // citizen ids appear only as HMAC-SHA256(secret, id) hex
        Set<String> citizens = new HashSet<>();
        rows.get("passages.csv.gz").forEach(r -> citizens.add(r.get("citizen")));
        assertTrue(citizens.contains(pseudonyms.of(Registry.AN)), "An's pseudonym");
        assertEquals(pseudonyms.of(Registry.DUC), rows.get("contacts.csv.gz").get(0).get("citizen"));
        assertEquals(pseudonyms.of(Registry.AN), rows.get("contacts.csv.gz").get(0).get("via"));
        assertTrue(rows.get("declarations.csv.gz").stream().anyMatch(r -> HCM_WARD.equals(r.get("origin_ward"))), "ward codes stay");

        String text = everything.toString();
        List<String> forbidden = new ArrayList<>(List.of(Registry.AN, Registry.BINH, Registry.DUNG, Registry.DUC,
                Registry.CUONG_DECEASED, "079099888777", "Nguyễn Văn An", "Trần Thị Bình", "Phạm Thị Dung", "Đặng Văn Đức",
                "Someone Else", "Người Lạ", "0901234567", "1 Đường A", "2 Đường B", "Lê Lợi", "51A-123.45", "51A12345",
                anDeclaration, CASE_ID, "reason-text-XYZ", "police-export-sub", "vaccinator-export-sub",
                "venue-export-sub", "+84901234567", "MovePass:"));
        forbidden.addAll(passageIds);
        for (String f : forbidden) {
            assertFalse(text.contains(f), "export contains " + f);
        }
        JsonNode report = null;
        try (S3Client s3 = s3()) {
            report = Json.readTree(new String(object(s3, prefix + "daily_report.json"), StandardCharsets.UTF_8));
        }
        assertEquals(recount().get("national").getOrDefault("in", 0L), report.get("national").get("passages").get("in").asLong());
    }

    @Test
    @Order(7)
    void aReRunReplacesTheDayWhole() throws Exception {
        String bucket = api.runtime.buckets().get("ExportsBucket");
        String prefix = "exports/dt=" + today + "/";
        try (S3Client s3 = s3()) {
            s3.putObject(b -> b.bucket(bucket).key(prefix + "stale.csv.gz"), RequestBody.fromString("old"));
        }
        JsonNode before = runExport();
        // more activity, then the export again
        declare(Registry.DUC, "Đặng Văn Đức", "1988-06-06", "MALE", HCM_WARD, HANOI_WARD);
        JsonNode after = runExport();
        long beforeRows = rowsOf(before, "declarations.csv.gz");
        assertEquals(beforeRows + 1, rowsOf(after, "declarations.csv.gz"));
        try (S3Client s3 = s3()) {
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(o -> keys.add(o.key()
                    .substring(prefix.length())));
            assertEquals(Set.copyOf(ExportService.FILES), Set.copyOf(keys));
            byte[] declarations = object(s3, prefix + "declarations.csv.gz");
            assertEquals(rowsOf(after, "declarations.csv.gz"), parse(gunzip(declarations)).size());
        }
    }

    static long rowsOf(JsonNode manifest, String name) {
        for (JsonNode f : manifest.get("files")) {
            if (name.equals(f.get("name").asText())) {
                return f.get("rows").asLong();
            }
        }
        throw new AssertionError(name);
    }

    @Test
    @Order(8)
    void theScheduleRunEndpointChecksItsInput() {
        assertEquals(404, api.post("/dev/schedules/NoSuchSchedule/run", Map.of("date", today.toString()), null).status());
        Api.Answer bad = api.post("/dev/schedules/ExportSchedule/run", Map.of("date", "20-08-2021"), null);
        assertEquals(400, bad.status());
        assertEquals("date", bad.json().get("errors").get(0).get("field").asText());
        // without a date: the previous day, as the schedule would
        assertEquals(200, api.post("/dev/schedules/ExportSchedule/run", Map.of(), null).status());
        try (S3Client s3 = s3()) {
            assertNotNull(object(s3, "exports/dt=" + today.minusDays(1) + "/manifest.json"));
        }
    }

    /**
     * Capacity fix 1: a crowd of passages at one checkpoint, confirmed at once, lands on many of the passage counters'
     * shards (items of their own, {@code <unit>#<day>#P<shard>}), and every unit's report still equals the recount.
     */
    @Test
    @Order(9)
    void concurrentPassagesSpreadOverThePassageShardsAndStillAddUp() throws Exception {
        String cpA = api.officer("CP-A");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                String code = "unreadable-" + i;
                answers.add(pool.submit(() -> {
                    Api.Answer s = api.post("/v1/checkpoints/CP-A/scans", Map.of("code", code, "direction", "IN"), cpA);
                    assertEquals(200, s.status(), s.text());
                    return api.post("/v1/checkpoints/CP-A/passages", Map.of("scanId", s.json().get("scanId").asText(),
                            "direction", "IN", "decision", "TURNED_BACK"), cpA);
                }));
            }
            for (Future<Api.Answer> f : answers) {
                assertEquals(201, f.get().status(), f.get().text());
            }
        } finally {
            pool.shutdown();
        }
        String admin = api.admin();
        Map<String, Map<String, Long>> expected = recount();
        for (String unit : unitsOfTheDay()) {
            assertEquals(expected.getOrDefault(unit, Map.of()), reported(unit, admin), unit);
        }
        String ward = HCM_WARD; // CP-A's
        String prefix = "ward:" + ward + "#" + today + "#";
        long onShards = 0;
        Set<Integer> shards = new HashSet<>();
        for (Map<String, AttributeValue> item : scanAll("DailyCountersTable")) {
            String pk = item.get("pk").s();
            if (!pk.startsWith(prefix)) {
                continue;
            }
            boolean passageItem = pk.startsWith(prefix + "P");
            assertEquals(passageItem, item.containsKey("passagesTurnedBack") || item.containsKey("passagesIn")
                    || item.containsKey("passagesOut"), pk + ": passages on the passage items only");
            if (passageItem && item.containsKey("passagesTurnedBack")) {
                int shard = Integer.parseInt(pk.substring(prefix.length() + 1));
                assertTrue(shard >= 0 && shard < DailyCounters.passageShards(Unit.Level.WARD), pk);
                shards.add(shard);
                onShards += Long.parseLong(item.get("passagesTurnedBack").n());
            }
        }
        assertEquals(expected.get("ward:" + ward).get("turnedBack"), onShards);
        assertTrue(shards.size() > 10, "48 passages of one ward on " + shards.size() + " of its 36 shards");
    }
}

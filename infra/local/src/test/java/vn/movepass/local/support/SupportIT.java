package vn.movepass.local.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Namespace;
import vn.movepass.local.testkit.Recount;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.json.Json;

/**
 * Policy support end to end: a commune official's case is checked against the registry (name, date of birth…),
 * the residence (permanent or temporary ward, or stranded with a note) and the health history; one case per citizen
 * per policy under concurrency; a payment once, for the case's amount; a reversal by the same ward; the ward's list;
 * the CSV import (per-line errors, the same file twice creates nothing new); reports equal to a recount.
 */
@SharedRuntime
class SupportIT {
    static Api api;
    static Registry registry;
    static Namespace ns;
    static String wardA;
    static String wardB;
    static String officialA;
    static String officialB;
    static String health;
    /** Lives in ward A, registered a temporary residence in ward B. */
    static String giang;
    /** A child of ward A. */
    static String hoa;

    @BeforeAll
    static void start(Api shared, Registry own, Namespace namespace) {
        api = shared;
        registry = own;
        ns = namespace;
        registry.loadInto(api);
        wardA = registry.wardA;
        wardB = registry.wardB;
        giang = ns.citizen("079192000888");
        hoa = ns.citizen("079315000999");
        api.importResidents("citizen_id,full_name,date_of_birth,gender,permanent_ward_code,permanent_address,current_ward_code,"
                + "current_address,date_of_death,temporary_ward_code,temporary_address\n"
                + giang + ",Võ Thị Giang,1992-03-03,FEMALE," + wardA + ",4 Lê Lợi," + wardB + ",7 Phúc Xá,," + wardB + ",7 Phúc Xá\n"
                + hoa + ",Lý Thị Hoa,2015-06-06,FEMALE," + wardA + ",4 Lê Lợi," + wardA + ",4 Lê Lợi,,,\n");
        officialA = api.token("COMMUNE_OFFICIAL", "commune-" + wardA, "wardCode", wardA);
        officialB = api.token("COMMUNE_OFFICIAL", "commune-" + wardB, "wardCode", wardB);
        health = api.token("HEALTH_OFFICIAL", "health-national", null, null);
    }

    static ObjectNode body(String citizenId, String name, String dob, String gender, String policy, String residence) {
        return Json.object().put("citizenId", citizenId).put("fullName", name).put("dateOfBirth", dob).put("gender", gender)
                .put("policyId", policy).put("residence", residence);
    }

    static ObjectNode an(String policy, String residence) {
        return body(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE", policy, residence);
    }

    static Api.Answer create(String ward, ObjectNode body, String token) {
        return api.post("/v1/wards/" + ward + "/support-cases", body, token);
    }

    static Set<String> codes(Api.Answer a) {
        Set<String> codes = new HashSet<>();
        a.json().get("errors").forEach(e -> codes.add(e.get("code").asText()));
        return codes;
    }

    @Test
    void theCatalogueListsThePoliciesWithAmountsAndLegalBasis() {
        Api.Answer a = api.get("/v1/support/policies", officialA);
        assertEquals(200, a.status(), a.text());
        Set<String> ids = new HashSet<>();
        for (JsonNode p : a.json().get("items")) {
            ids.add(p.get("policyId").asText());
            assertTrue(p.get("legalBasis").asText().contains("68/NQ-CP"), p.toString());
            assertTrue(p.get("amount").get("vnd").asLong() > 0, p.toString());
        }
        assertTrue(ids.containsAll(Set.of("F0_MEALS", "F1_MEALS", "CHILD_F0_F1", "SUSPENDED_CONTRACT", "STOPPED_WORK",
                "TERMINATED_CONTRACT", "HOUSEHOLD_BUSINESS", "FREELANCE_WORKER", "PERFORMING_ARTIST", "TOUR_GUIDE")), ids.toString());
    }

    @Test
    void theRegistryAndTheResidenceDecideAndNothingIsStoredWhenTheyDisagree() {
        Api.Answer wrongName = create(wardA, body(registry.binh, "Trần Thị Bính Sai", "1995-02-01", "FEMALE", "TOUR_GUIDE",
                "PERMANENT"), officialA);
        assertEquals(400, wrongName.status(), wrongName.text());
        assertTrue(codes(wrongName).contains("NAME_MISMATCH"), wrongName.text());
        Api.Answer stranger = create(wardA, body(ns.citizen("079099000001"), "Người Lạ", "1999-01-01", "MALE", "TOUR_GUIDE",
                "PERMANENT"), officialA);
        assertTrue(codes(stranger).contains("NOT_IN_REGISTRY"), stranger.text());
        Api.Answer elsewhere = create(wardB, body(registry.binh, "Trần Thị Bình", "1995-02-01", "FEMALE", "TOUR_GUIDE",
                "PERMANENT"), officialB);
        assertEquals(Set.of("NOT_RESIDENT"), codes(elsewhere), elsewhere.text());
        Api.Answer noNote = create(wardB, body(registry.binh, "Trần Thị Bình", "1995-02-01", "FEMALE", "TOUR_GUIDE",
                "STRANDED"), officialB);
        assertEquals(Set.of("NOT_RESIDENT"), codes(noNote), noNote.text());
        assertEquals(0, api.get("/v1/wards/" + wardB + "/support-cases?policyId=TOUR_GUIDE", officialB).json().get("items").size());

        Api.Answer temporary = create(wardB, body(giang, "Võ Thị Giang", "1992-03-03", "FEMALE", "STOPPED_WORK", "TEMPORARY")
                .put("days", 20), officialB);
        assertEquals(201, temporary.status(), "the registry's temporary ward counts: " + temporary.text());
        assertEquals(1_110_000, temporary.json().get("amountVnd").asLong());
        assertEquals("PENDING", temporary.json().get("status").asText());
        Api.Answer other = create(wardA, body(giang, "Võ Thị Giang", "1992-03-03", "FEMALE", "STOPPED_WORK", "PERMANENT")
                .put("days", 20), officialA);
        assertEquals(409, other.status(), other.text());
        assertEquals("ALREADY_REGISTERED", other.json().get("errors").get(0).get("code").asText());
        assertTrue(other.json().get("detail").asText().endsWith(wardB), "names the ward that holds it: " + other.text());
        assertTrue(!other.text().contains(giang) && !other.text().contains("Giang"), "and nothing else: " + other.text());
    }

    @Test
    void mealsAndTheChildrensSupplementNeedTheHealthHistory() {
        Api.Answer none = create(wardA, an("F1_MEALS", "PERMANENT").put("days", 3), officialA);
        assertEquals(Set.of("NOT_ELIGIBLE"), codes(none), none.text());
        Api.Answer f0 = api.post("/v1/citizens/" + hoa + "/health-events", Json.object().put("type", "CLASSIFIED").put("level", "F0")
                .put("at", api.now().minus(Duration.ofDays(5)).toString()), health);
        assertEquals(201, f0.status(), f0.text());
        ObjectNode meals = body(hoa, "Lý Thị Hoa", "2015-06-06", "FEMALE", "F0_MEALS", "PERMANENT");
        Api.Answer tooMany = create(wardA, meals.deepCopy().put("days", 9), officialA);
        assertEquals(Set.of("NOT_ELIGIBLE"), codes(tooMany), tooMany.text());
        Api.Answer ok = create(wardA, meals.deepCopy().put("days", 5), officialA);
        assertEquals(201, ok.status(), ok.text());
        assertEquals(5 * 80_000, ok.json().get("amountVnd").asLong());
        Api.Answer child = create(wardA, body(hoa, "Lý Thị Hoa", "2015-06-06", "FEMALE", "CHILD_F0_F1", "PERMANENT"), officialA);
        assertEquals(201, child.status(), child.text());
        assertEquals(1_000_000, child.json().get("amountVnd").asLong());
        Api.Answer adult = create(wardA, an("CHILD_F0_F1", "PERMANENT"), officialA);
        assertEquals(Set.of("NOT_ELIGIBLE"), codes(adult), adult.text());
    }

    @Test
    void parallelCasesOfOneCitizenAndPolicyFromManyWardsGiveExactlyOne201() throws Exception {
        List<Ward> district = AdministrativeUnits.get().wardsOf(AdministrativeUnits.get().ward(wardA).orElseThrow().districtCode());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Api.Answer>> answers = new ArrayList<>();
        List<String> wards = new ArrayList<>();
        for (int i = 0; i < Math.min(8, district.size()); i++) {
            String ward = district.get(i).code();
            wards.add(ward);
            String token = api.token("COMMUNE_OFFICIAL", "commune-race-" + ward, "wardCode", ward);
            ObjectNode b = body(registry.duc, "Đặng Văn Đức", "1988-06-06", "MALE", "FREELANCE_WORKER", "STRANDED")
                    .put("note", "ở nhờ nhà trọ, không về được quê");
            answers.add(pool.submit(() -> create(ward, b, token)));
        }
        int created = 0;
        String winner = null;
        List<String> holders = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            Api.Answer a = answers.get(i).get();
            if (a.status() == 201) {
                created++;
                winner = wards.get(i);
            } else {
                assertEquals(409, a.status(), a.text());
                holders.add(a.json().get("detail").asText());
            }
        }
        pool.shutdown();
        assertEquals(1, created, "exactly one case");
        for (String h : holders) {
            assertTrue(h.endsWith(winner), h);
        }
    }

    @Test
    void aPaymentIsRecordedOnceForTheCasesAmountAndOnlyItsWardReversesIt() {
        Api.Answer c = create(wardA, an("TERMINATED_CONTRACT", "PERMANENT"), officialA);
        assertEquals(201, c.status(), c.text());
        String id = c.json().get("supportCaseId").asText();
        String path = "/v1/support-cases/" + id + "/payments";
        ObjectNode pay = Json.object().put("amountVnd", 3_710_000).put("paidAt", api.now().minus(Duration.ofHours(1)).toString())
                .put("method", "BANK_TRANSFER").put("reference", "VCB-0001");
        Api.Answer wrong = api.post(path, pay.deepCopy().put("amountVnd", 3_000_000), officialA);
        assertEquals(400, wrong.status(), wrong.text());
        assertEquals(403, api.post(path, pay, officialB).status(), "another ward's official");
        Api.Answer paid = api.post(path, pay, officialA);
        assertEquals(201, paid.status(), paid.text());
        assertEquals("PAID", paid.json().get("status").asText());
        Api.Answer again = api.post(path, pay, officialA);
        assertEquals(409, again.status(), again.text());
        assertEquals("ALREADY_PAID", again.json().get("errors").get(0).get("code").asText());
        assertEquals(403, api.post(path + "/reversal", Json.object().put("reason", "nhầm"), officialB).status());
        assertEquals(400, api.post(path + "/reversal", Json.object(), officialA).status(), "a reason is required");
        Api.Answer reversed = api.post(path + "/reversal", Json.object().put("reason", "chuyển nhầm tài khoản"), officialA);
        assertEquals(200, reversed.status(), reversed.text());
        assertEquals("PENDING", reversed.json().get("status").asText());
        JsonNode payment = reversed.json().get("payment");
        assertTrue(payment == null || payment.isNull(), reversed.text());
        assertEquals(201, api.post(path, pay.deepCopy().put("reference", "VCB-0002"), officialA).status());
        JsonNode detail = api.get("/v1/support-cases/" + id, officialA).json();
        List<String> types = new ArrayList<>();
        detail.get("history").forEach(e -> types.add(e.get("type").asText()));
        assertEquals(List.of("CREATED", "PAID", "REVERSED", "PAID"), types);
        assertEquals("commune-" + wardA, detail.get("history").get(2).get("bySub").asText());
        assertEquals(403, api.get("/v1/support-cases/" + id, officialB).status());
    }

    @Test
    void theWardsListIsPagedAndFilteredByStatusAndPolicy() {
        String csv = "citizen_id,full_name,date_of_birth,gender,policy_id,residence,days,months,note\n"
                + registry.binh + ",Trần Thị Bình,1995-02-01,FEMALE,HOUSEHOLD_BUSINESS,PERMANENT,,,\n"
                + registry.dung + ",Phạm Thị Dung,2003-04-04,FEMALE,HOUSEHOLD_BUSINESS,PERMANENT,,,\n";
        assertEquals(200, importCsv(wardA, csv, officialA).status());
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Api.Answer page = api.get("/v1/wards/" + wardA + "/support-cases?policyId=HOUSEHOLD_BUSINESS&status=PENDING"
                    + (token == null ? "" : "&pageToken=" + token), officialA);
            assertEquals(200, page.status(), page.text());
            page.json().get("items").forEach(i -> seen.add(i.get("citizenId").asText()));
            token = page.json().get("nextPageToken").textValue();
        } while (token != null);
        assertTrue(seen.containsAll(List.of(registry.binh, registry.dung)), seen.toString());
        assertEquals(403, api.get("/v1/wards/" + wardA + "/support-cases", officialB).status());
        assertEquals(400, api.get("/v1/wards/" + wardA + "/support-cases?status=LOST", officialA).status());
    }

    /**
     * The ward's list is sharded (8 keys per index, so that an import spreads its writes): 120 cases imported at once
     * come back page by page, each exactly once, in the same order one unsharded Query would give, with and without filters.
     */
    @Test
    void aLargeImportIsListedWholeAndInOrderAcrossTheShards() {
        StringBuilder residents = new StringBuilder("citizen_id,full_name,date_of_birth,gender,permanent_ward_code,permanent_address,"
                + "current_ward_code,current_address,date_of_death\n");
        StringBuilder lines = new StringBuilder("citizen_id,full_name,date_of_birth,gender,policy_id,residence,days,months,note\n");
        Set<String> ours = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            String id = ns.citizen("079188000" + "%03d".formatted(100 + i));
            ours.add(id);
            residents.append(id).append(",Đỗ Thị Lan,1988-01-01,FEMALE,").append(wardA).append(",9 Lê Lợi,").append(wardA)
                    .append(",9 Lê Lợi,\n");
            lines.append(id).append(",Đỗ Thị Lan,1988-01-01,FEMALE,").append(i % 2 == 0 ? "PERFORMING_ARTIST" : "TERMINATED_CONTRACT")
                    .append(",PERMANENT,,,\n");
        }
        api.importResidents(residents.toString());
        Api.Answer imported = importCsv(wardA, lines.toString(), officialA);
        assertEquals(200, imported.status(), imported.text());
        assertEquals(120, imported.json().get("imported").asLong(), imported.text());

        for (String filter : List.of("", "?status=PENDING", "?policyId=PERFORMING_ARTIST",
                "?policyId=TERMINATED_CONTRACT&status=PENDING")) {
            boolean byPolicy = filter.contains("policyId");
            List<JsonNode> listed = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String sep = filter.isEmpty() ? "?" : "&";
                Api.Answer page = api.get("/v1/wards/" + wardA + "/support-cases" + filter
                        + (token == null ? "" : sep + "pageToken=" + token), officialA);
                assertEquals(200, page.status(), page.text());
                assertTrue(page.json().get("items").size() <= 50, page.text());
                page.json().get("items").forEach(listed::add);
                token = page.json().get("nextPageToken").textValue();
                pages++;
            } while (token != null && pages < 20);
            assertNull(token, "the list ends");
            List<String> mine = listed.stream().map(c -> c.get("citizenId").asText()).filter(ours::contains).toList();
            int expected = filter.contains("PERFORMING_ARTIST") || filter.contains("TERMINATED_CONTRACT") ? 60 : 120;
            assertEquals(expected, mine.size(), filter + ": every case of the import");
            assertEquals(expected, new HashSet<>(mine).size(), filter + ": each once");
            List<String> order = listed.stream().map(c -> byPolicy
                    ? c.get("policyId").asText() + "#" + c.get("status").asText() + "#" + c.get("createdAt").asText()
                    : c.get("status").asText() + "#" + c.get("policyId").asText() + "#" + c.get("createdAt").asText()).toList();
            assertEquals(order.stream().sorted().toList(), order, filter + ": in the index's order across shards and pages");
        }
    }

    static Api.Answer importCsv(String ward, String csv, String token) {
        return api.send("POST", "/v1/wards/" + ward + "/support-cases/import", "text/csv", csv.getBytes(StandardCharsets.UTF_8), token);
    }

    @Test
    void anImportRejectsBadLinesByNumberAndTheSameFileTwiceCreatesNothingNew() {
        String csv = "citizen_id,full_name,date_of_birth,gender,policy_id,residence,days,months,note,extra\n"
                + registry.an + ",Nguyễn Văn An,1990-05-17,MALE,SUSPENDED_CONTRACT,PERMANENT,20,,,x\n"
                + registry.an + ",Nguyễn Văn An,1990-05-17,MALE,NO_SUCH_POLICY,PERMANENT,,,,x\n"
                + "\n"
                + registry.an + ",Nguyễn Văn An,1990-05-17,MALE,TOUR_GUIDE,TEMPORARY,,,,x\n"
                + registry.binh + ",Trần Thị Bình,1995-02-01,FEMALE,PERFORMING_ARTIST,PERMANENT,,,,x\n";
        Api.Answer first = importCsv(wardA, csv, officialA);
        assertEquals(200, first.status(), first.text());
        assertEquals(3, first.json().get("imported").asLong(), first.text());
        JsonNode rejected = first.json().get("rejected");
        assertEquals(1, rejected.size(), first.text());
        assertEquals(3, rejected.get(0).get("line").asLong());
        assertEquals("NOT_ALLOWED", rejected.get(0).get("code").asText());
        Api.Answer second = importCsv(wardA, csv, officialA);
        assertEquals(0, second.json().get("imported").asLong(), second.text());
        assertEquals(3, second.json().get("unchanged").asLong(), second.text());
        assertEquals(403, importCsv(wardA, csv, officialB).status());
        Api.Answer notCsv = api.send("POST", "/v1/wards/" + wardA + "/support-cases/import", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), officialA);
        assertEquals(415, notCsv.status());
        Api.Answer noHeader = importCsv(wardA, "a,b\n1,2\n", officialA);
        assertEquals(400, noHeader.status(), noHeader.text());
    }

    @Test
    void reportsEqualARecountAtEveryLevel() {
        Api.Answer c = create(wardA, body(registry.dung, "Phạm Thị Dung", "2003-04-04", "FEMALE", "TOUR_GUIDE", "PERMANENT"),
                officialA);
        assertEquals(201, c.status(), c.text());
        String id = c.json().get("supportCaseId").asText();
        assertEquals(201, api.post("/v1/support-cases/" + id + "/payments", Json.object().put("amountVnd", 3_710_000)
                .put("paidAt", api.now().toString()).put("method", "CASH"), officialA).status());
        Ward ward = AdministrativeUnits.get().ward(wardA).orElseThrow();
        String admin = api.admin();
        for (String unit : List.of("ward:" + wardA, "district:" + ward.districtCode(), "province:" + ward.provinceCode(), "national")) {
            assertEquals(Recount.support(api, unit), Recount.supportReported(api, unit, admin), unit);
        }
        // the daily report's support figures (the day's cases, payments, amount) equal a recount of the day's events
        Map<String, Long> reported = Recount.reported(api, api.today(), "ward:" + wardA, admin);
        Map<String, Long> recounted = Recount.of(api, api.today()).getOrDefault("ward:" + wardA, Map.of());
        for (String figure : List.of("cases", "paid", "amountPaidVnd")) {
            assertEquals(recounted.get(figure), reported.get(figure), figure);
        }
        assertTrue(reported.get("amountPaidVnd") >= 3_710_000, reported.toString());
        JsonNode report = api.get("/v1/reports/support?unit=ward:" + wardA, officialA).json();
        assertNotNull(report.get("amountPaidVnd"));
        assertEquals(403, api.get("/v1/reports/support?unit=ward:" + wardB, officialA).status());
    }

    @Test
    void theAnalystsExportHasEachCaseEventPseudonymisedWithItsAmount() throws Exception {
        Api.Answer c = create(wardA, body(giang, "Võ Thị Giang", "1992-03-03", "FEMALE", "TOUR_GUIDE", "PERMANENT"), officialA);
        assertEquals(201, c.status(), c.text());
        String id = c.json().get("supportCaseId").asText();
        assertEquals(201, api.post("/v1/support-cases/" + id + "/payments", Json.object().put("amountVnd", 3_710_000)
                .put("paidAt", api.now().toString()).put("method", "POST_OFFICE"), officialA).status());
        String today = api.today().toString();
        Api.Answer run = api.post("/dev/schedules/ExportSchedule/run", java.util.Map.of("date", today), null);
        assertEquals(200, run.status(), run.text());
        byte[] secret = java.util.Base64.getDecoder().decode(api.runtime.platform("ExportFunction").environment()
                .require(vn.movepass.shared.config.EnvKey.EXPORT_PSEUDONYM_SECRET));
        var pseudonyms = new vn.movepass.shared.export.Pseudonyms(secret);
        String csv;
        try (var http = vn.movepass.local.embedded.AwsClients.httpClient();
             var s3 = vn.movepass.local.embedded.AwsClients.s3(api.runtime.s3Endpoint(), http);
             var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(s3.getObjectAsBytes(b -> b
                     .bucket(api.runtime.buckets().get("ExportsBucket")).key("exports/dt=" + today + "/support_events.csv.gz"))
                     .asByteArray()))) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(csv.startsWith("support_case,citizen,event,policy,amount_vnd,method,ward,at,paid_at,by_role"), csv);
        assertTrue(!csv.contains(giang) && !csv.contains(id) && !csv.contains("Giang"), "ids pseudonymised, no names");
        String citizen = pseudonyms.of(giang);
        String caseP = pseudonyms.of(id);
        assertTrue(csv.contains(caseP + "," + citizen + ",CREATED,TOUR_GUIDE,3710000,," + wardA), csv);
        assertTrue(csv.contains(caseP + "," + citizen + ",PAID,TOUR_GUIDE,3710000,POST_OFFICE," + wardA), csv);
    }
}

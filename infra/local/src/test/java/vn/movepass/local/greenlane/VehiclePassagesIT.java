package vn.movepass.local.greenlane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import vn.movepass.local.embedded.AwsClients;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Recount;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.TraceWorld;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.domain.Plates;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.export.Pseudonyms;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.store.ResidentItem;

/**
 * Issue 20, vehicles and shippers: a confirmed green-lane vehicle scan or shipper scan is a passage (confirmed through
 * {@code /passages} with the scan's scanId, once however often), traced by plate both ways (SAME_VEHICLE), fed to the
 * wards, counted in the daily report (equal to a recount); the scans show the driver's or shipper's health, a RED
 * driver is advised TURN_BACK and needs the officer's reason to pass; the depot check is for the depot ward's police.
 */
@FreshRuntime("counts every passage of the day against the reports, and opens cases: a runtime of its own")
public class VehiclePassagesIT {
    static final String RIDER = "079091000777";
    static final String SHIPPER_CARD = "079303000333||Phạm Thị Dung|04042003|Nữ|9 Pasteur|01072021";

    Api api;
    TraceWorld world;
    String health79;
    String officerA;
    String officerB;
    LocalDate today;

    @BeforeEach
    void start(Api fresh) {
        api = fresh;
        Registry.load(api); // CP-A in ward 26734 (HCMC), CP-B in ward 00001 (Hà Nội)
        world = new TraceWorld(api);
        health79 = api.token("HEALTH_OFFICIAL", "health-79", "provinceCode", "79");
        officerA = api.officer("CP-A");
        officerB = api.officer("CP-B");
        today = Times.vietnamDate(api.now());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A permit from ward 26734 (its depot) through 26737 to 00001 for {@code driver}, with a negative test an hour old. */
    String permit(String plate, String driver) {
        ObjectNode b = Json.object().put("plate", plate);
        b.putObject("operator").put("name", "Công ty TNHH Vận tải Sài Gòn").put("taxCode", "0301234567");
        b.putArray("routeWards").add("26734").add("26737").add("00001");
        b.putArray("drivers").add(driver);
        b.put("validUntil", Times.iso(api.now().plus(Duration.ofDays(7))));
        Api.Answer a = api.post("/v1/green-lane/permits", b, health79);
        assertEquals(201, a.status(), a.text());
        Api.Answer t = api.post("/v1/green-lane/driver-tests", Map.of("citizenId", driver, "method", "RAPID_ANTIGEN",
                "result", "NEGATIVE", "sampledAt", Times.iso(api.now().minus(Duration.ofHours(1)))), health79);
        assertEquals(201, t.status(), t.text());
        return a.json().get("token").asText();
    }

    JsonNode vehicleScan(String checkpoint, String officer, String token, String driver) {
        Api.Answer a = api.post("/v1/checkpoints/" + checkpoint + "/vehicle-scans",
                Map.of("code", token, "driverCitizenId", driver), officer);
        assertEquals(200, a.status(), a.text());
        return a.json();
    }

    Api.Answer confirm(String checkpoint, String officer, String scanId, String direction, String decision, String plate) {
        ObjectNode body = Json.object().put("scanId", scanId).put("direction", direction).put("decision", decision);
        if (plate != null) {
            body.put("vehiclePlate", plate);
        }
        return api.post("/v1/checkpoints/" + checkpoint + "/passages", body, officer);
    }

    /** A person with a pass rides in the truck: their scan at {@code checkpoint}, confirmed with the truck's plate. */
    void rides(String citizenId, String name, String dob, String gender, String checkpoint, String officer, String plate) {
        Api.Answer d = api.post("/v1/declarations", api.declaration(citizenId, name, dob, gender), null);
        assertEquals(201, d.status(), d.text());
        String token = d.json().get("pass").get("token").asText();
        Api.Answer s = api.post("/v1/checkpoints/" + checkpoint + "/scans", Map.of("code", token, "direction", "IN"), officer);
        assertEquals(200, s.status(), s.text());
        Api.Answer c = confirm(checkpoint, officer, s.json().get("scanId").asText(), "IN", "ALLOWED", plate);
        assertEquals(201, c.status(), c.text());
    }

    List<Map<String, AttributeValue>> passagesOf(String citizenId) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (var p : Recount.scanAll(api, "PassagesTable")) {
            if (p.containsKey("citizenId") && citizenId.equals(p.get("citizenId").s())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The feed lines of {@code citizenId} in {@code ward} today: "KIND checkpointId". */
    List<String> feed(String ward, String citizenId) {
        String police = api.token("WARD_POLICE", "police-" + ward, "wardCode", ward);
        Api.Answer a = api.get("/v1/wards/" + ward + "/feed?date=" + today, police);
        assertEquals(200, a.status(), a.text());
        List<String> out = new ArrayList<>();
        a.json().get("items").forEach(i -> {
            if (citizenId.equals(i.get("citizenId").asText())) {
                out.add(i.get("kind").asText() + " " + i.get("checkpointId").asText());
            }
        });
        return out;
    }

    @Test
    void aConfirmedVehicleScanIsAPassageTracedByPlateBothWaysFedAndCountedOnce() {
        String truck = permit("51C-123.45", Registry.AN);
        JsonNode scan = vehicleScan("CP-A", officerA, truck, Registry.AN);
        assertEquals("VALID", scan.get("verdict").asText(), scan.toString());
        assertEquals("NONE", scan.get("health").get("level").asText());
        assertEquals("ALLOW", scan.get("advice").asText());
        String scanId = scan.get("scanId").asText();

        Api.Answer first = confirm("CP-A", officerA, scanId, "OUT", "ALLOWED", "99Z-999.99");
        assertEquals(201, first.status(), first.text());
        String passageId = first.json().get("passageId").asText();
        Api.Answer again = confirm("CP-A", officerA, scanId, "OUT", "ALLOWED", null);
        assertEquals(200, again.status(), again.text());
        assertEquals(passageId, again.json().get("passageId").asText());
        assertEquals(409, confirm("CP-B", officerB, scanId, "OUT", "ALLOWED", null).status(), "another checkpoint's scan");
        List<Map<String, AttributeValue>> stored = passagesOf(Registry.AN);
        assertEquals(1, stored.size(), "confirming twice stores one passage");
        assertEquals("51C-123.45", stored.get(0).get("vehiclePlate").s(), "the permit's plate, not the one typed");
        assertEquals("CP-A", stored.get(0).get("checkpointId").s());
        assertFalse(stored.get(0).containsKey("passId"));

        // fed as a trip from the route's first ward (the depot) to its last
        assertEquals(List.of("DEPARTURE CP-A"), feed("26734", Registry.AN));
        assertEquals(List.of("ARRIVAL CP-A"), feed("00001", Registry.AN));
        JsonNode movements = api.get("/v1/citizens/" + Registry.AN + "/movements", health79).json();
        assertEquals(passageId, movements.get("passages").get(0).get("passageId").asText());
        assertEquals("51C-123.45", movements.get("passages").get(0).get("vehiclePlate").asText());

        // Bình rides in that truck (scanned at CP-B, 0 minutes later): a case on her finds the driver by the plate
        rides(Registry.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE", "CP-B", officerB, "51C-123.45");
        // a second truck, driven by Đức, with a rider on board (scanned at CP-C, in ward 00004, where nobody else passed):
        // a case on the driver finds the rider
        String second = permit("51C-678.90", Registry.DUC);
        String secondScan = vehicleScan("CP-A", officerA, second, Registry.DUC).get("scanId").asText();
        assertEquals(201, confirm("CP-A", officerA, secondScan, "IN", "ALLOWED", null).status());
        api.checkpoint("CP-C", "00004");
        world.residents.putItem(ResidentItem.builder().citizenId(RIDER).fullName("Võ Văn Giang").dateOfBirth("1991-01-01")
                .gender("MALE").permanentWardCode("26737").currentWardCode("26737").build());
        rides(RIDER, "Võ Văn Giang", "1991-01-01", "MALE", "CP-C", api.officer("CP-C"), "51C-678.90");

        // a shipper's scan is a passage too, fed to the shipper's ward of residence
        ObjectNode shipper = Json.object().put("citizenId", Registry.DUNG);
        shipper.putObject("company").put("name", "Công ty CP Giao hàng Nhanh").put("taxCode", "0311907295");
        shipper.putArray("operatingWards").add("26734");
        shipper.put("validUntil", Times.iso(api.now().plus(Duration.ofDays(7))));
        assertEquals(201, api.post("/v1/green-lane/shippers", shipper, health79).status());
        Api.Answer shipperScan = api.post("/v1/checkpoints/CP-A/shipper-scans", Map.of("code", SHIPPER_CARD), officerA);
        assertEquals(200, shipperScan.status(), shipperScan.text());
        assertEquals("ACTIVE", shipperScan.json().get("status").asText());
        assertEquals("ALLOW", shipperScan.json().get("advice").asText());
        String shipperScanId = shipperScan.json().get("scanId").asText();
        Api.Answer shipperPassage = confirm("CP-A", officerA, shipperScanId, "IN", "ALLOWED", "59X1-234.56");
        assertEquals(201, shipperPassage.status(), shipperPassage.text());
        assertEquals(200, confirm("CP-A", officerA, shipperScanId, "IN", "ALLOWED", "59X1-234.56").status());
        assertEquals(1, passagesOf(Registry.DUNG).size());
        assertEquals("59X1-234.56", passagesOf(Registry.DUNG).get(0).get("vehiclePlate").s());
        assertEquals(List.of("ARRIVAL CP-A"), feed("26734", Registry.DUNG));

        // the daily report counts them all, and equals a recount of the records
        String analyst = api.token("ANALYST", "analyst", null, null);
        Map<String, Map<String, Long>> expected = Recount.of(api, today);
        assertEquals(Map.of("in", 2L, "out", 1L), filter(expected.get("ward:26734"), "in", "out", "turnedBack"),
                "CP-A: the first truck out, the second truck and the shipper in");
        for (String unit : List.of("national", "province:79", "ward:26734", "province:01", "ward:00001", "ward:00004")) {
            assertEquals(expected.getOrDefault(unit, Map.of()), Recount.reported(api, today, unit, analyst), unit);
        }

        // exported like any passage: pseudonymised driver and plate, the route's first and last wards
        List<CSVRecord> exported = exportedPassages();
        assertEquals(passagesOf(Registry.AN).size() + passagesOf(Registry.DUNG).size() + 3, exported.size(), "every passage");
        Pseudonyms pseudonyms = new Pseudonyms(java.util.Base64.getDecoder().decode(api.runtime.platform("ExportFunction")
                .environment().require(EnvKey.EXPORT_PSEUDONYM_SECRET)));
        CSVRecord row = exported.stream().filter(r -> pseudonyms.of(passageId).equals(r.get("passage"))).findFirst().orElseThrow();
        assertEquals(pseudonyms.of(Registry.AN), row.get("citizen"));
        assertEquals(pseudonyms.of(Plates.key("51C-123.45")), row.get("vehicle"));
        assertEquals(List.of("26734", "00001", "OUT", "ALLOWED", ""), List.of(row.get("origin_ward"), row.get("destination_ward"),
                row.get("direction"), row.get("decision"), row.get("declaration")));

        String riderCase = world.open(Registry.BINH, api.now());
        world.awaitComplete(riderCase, Duration.ofSeconds(120));
        String found = world.contacts(riderCase).get(Registry.AN);
        assertTrue(found != null && found.startsWith("F1 " + Registry.BINH + " SAME_VEHICLE CP-A ") && found.endsWith(" 51C-123.45"),
                "the driver, found through the plate: " + world.contacts(riderCase));
        String driverCase = world.open(Registry.DUC, api.now());
        world.awaitComplete(driverCase, Duration.ofSeconds(120));
        String rider = world.contacts(driverCase).get(RIDER);
        assertTrue(rider != null && rider.startsWith("F1 " + Registry.DUC + " SAME_VEHICLE CP-C ") && rider.endsWith(" 51C-678.90"),
                "the rider, found from the driver's passage: " + world.contacts(driverCase));
    }

    /** Runs today's export and reads its passages file. */
    List<CSVRecord> exportedPassages() {
        Api.Answer a = api.post("/dev/schedules/ExportSchedule/run", Map.of("date", today.toString()), null);
        assertEquals(200, a.status(), a.text());
        try (SdkHttpClient http = AwsClients.httpClient(); S3Client s3 = AwsClients.s3(api.runtime.s3Endpoint(), http)) {
            byte[] gz = s3.getObjectAsBytes(b -> b.bucket(api.runtime.buckets().get("ExportsBucket"))
                    .key("exports/dt=" + today + "/passages.csv.gz")).asByteArray();
            try (var in = new GZIPInputStream(new ByteArrayInputStream(gz));
                 CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                         .parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                return p.getRecords();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Long> filter(Map<String, Long> counts, String... keys) {
        Map<String, Long> out = new java.util.HashMap<>();
        for (String k : keys) {
            if (counts.containsKey(k)) {
                out.put(k, counts.get(k));
            }
        }
        return out;
    }

    @Test
    void aRedDriverIsAdvisedTurnBackAndTheDepotCheckIsForTheDepotWardsPolice() {
        String truck = permit("51C-123.45", Registry.AN);
        String depotPolice = api.token("WARD_POLICE", "police-26734", "wardCode", "26734");
        Map<String, Object> body = Map.of("code", truck, "driverCitizenId", Registry.AN);
        Api.Answer ok = api.post("/v1/wards/26734/depot-checks", body, depotPolice);
        assertEquals(200, ok.status(), ok.text());
        assertEquals("VALID", ok.json().get("verdict").asText());
        assertEquals("26734", ok.json().get("wardCode").asText());
        assertEquals("NEGATIVE", ok.json().get("test").get("result").asText());
        assertEquals("ALLOW", ok.json().get("advice").asText());
        assertFalse(ok.json().has("scanId"), "nothing to confirm at the depot");
        JsonNode trail = api.get("/v1/admin/audit?citizenId=" + Registry.AN, api.admin()).json();
        List<String> actions = new ArrayList<>();
        trail.get("items").forEach(i -> actions.add(i.get("actorSub").asText() + " " + i.get("action").asText()));
        assertTrue(actions.contains("police-26734 DEPOT_CHECK"), actions.toString());

        // only the police of the ward where the route starts
        String otherPolice = api.token("WARD_POLICE", "police-00001", "wardCode", "00001");
        assertEquals(403, api.post("/v1/wards/00001/depot-checks", body, otherPolice).status(), "the route ends there");
        assertEquals(403, api.post("/v1/wards/26734/depot-checks", body, otherPolice).status(), "another ward's account");
        for (String wrong : List.of(officerA, health79, api.admin(), api.token("ANALYST", "a", null, null))) {
            assertEquals(403, api.post("/v1/wards/26734/depot-checks", body, wrong).status());
        }
        assertEquals(401, api.post("/v1/wards/26734/depot-checks", body, null).status());
        Api.Answer forged = api.post("/v1/wards/26734/depot-checks", Map.of("code", "GL1:nonsense", "driverCitizenId",
                Registry.AN), depotPolice);
        assertEquals(200, forged.status(), forged.text());
        assertEquals("INVALID", forged.json().get("verdict").asText());

        // the driver becomes F0 (RED): advised TURN_BACK at the depot and at a checkpoint, like a person
        String caseId = world.open(Registry.AN, api.now());
        world.awaitComplete(caseId, Duration.ofSeconds(120));
        JsonNode red = api.post("/v1/wards/26734/depot-checks", body, depotPolice).json();
        assertEquals("TURN_BACK", red.get("advice").asText(), red.toString());
        assertEquals("F0", red.get("health").get("level").asText());
        JsonNode scan = vehicleScan("CP-A", officerA, truck, Registry.AN);
        assertEquals("VALID", scan.get("verdict").asText(), "the verdict still speaks of the permit and the test");
        assertEquals("TURN_BACK", scan.get("advice").asText());
        assertEquals("F0", scan.get("alerts").get(0).asText());
        Api.Answer through = confirm("CP-A", officerA, scan.get("scanId").asText(), "IN", "ALLOWED", null);
        assertEquals(400, through.status(), through.text());
        assertTrue(through.text().contains("overrideReason"), through.text());
        assertEquals(201, confirm("CP-A", officerA, scan.get("scanId").asText(), "IN", "TURNED_BACK", null).status());
        assertEquals("TURNED_BACK", passagesOf(Registry.AN).get(0).get("decision").s());

        // a refused scan (no test) can be recorded as turned back, never allowed through
        String noTest = vehicleScan("CP-A", officerA, truck, Registry.BINH).get("scanId").asText();
        assertEquals(409, confirm("CP-A", officerA, noTest, "IN", "ALLOWED", null).status());
        assertNull(passagesOf(Registry.BINH).stream().findFirst().orElse(null));
    }
}

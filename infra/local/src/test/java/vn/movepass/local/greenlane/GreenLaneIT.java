package vn.movepass.local.greenlane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Registry;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/**
 * Green lane on the real embedded stack: vehicle permits and their checkpoint verdicts (valid, expired
 * test, positive test, unknown driver, not on the permit, expired, revoked, forged), drivers' tests,
 * shippers and their scans, refusals that store nothing, and who may do what.
 * A fresh runtime per test (the clock moves).
 */
@FreshRuntime("the dev clock moves: drivers' tests, permits and registrations expire; a runtime per test")
public class GreenLaneIT {
    public static final String AN_CARD = "079090123456|025123456|Nguyễn Văn An|17051990|Nam|12 Lê Lợi, Tân Định, Quận 1, TP.HCM|01072021";
    static final String STRANGER = "079099888777";

    Api api;
    String health79;
    String officerA;

    @BeforeEach
    void start(Api fresh) {
        api = fresh;
        Registry.load(api); // CP-A in ward 26734 (HCMC, province 79), CP-B in ward 00001 (Hà Nội, 01)
        health79 = api.token("HEALTH_OFFICIAL", "health-79", "provinceCode", "79");
        officerA = api.officer("CP-A");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    String iso(Duration fromNow) {
        return Times.iso(api.now().plus(fromNow));
    }

    ObjectNode permitBody(Duration validity, String... drivers) {
        ObjectNode b = Json.object().put("plate", "51C-123.45");
        b.putObject("operator").put("name", "Công ty TNHH Vận tải Sài Gòn").put("taxCode", "0301234567");
        b.putArray("routeWards").add("26734").add("26737").add("00001");
        var d = b.putArray("drivers");
        for (String id : drivers) {
            d.add(id);
        }
        b.put("validUntil", iso(validity));
        return b;
    }

    JsonNode register(ObjectNode body) {
        Api.Answer a = api.post("/v1/green-lane/permits", body, health79);
        assertEquals(201, a.status(), a.text());
        return a.json();
    }

    JsonNode test(String citizenId, String result, Duration ago) {
        Api.Answer a = api.post("/v1/green-lane/driver-tests", Map.of("citizenId", citizenId, "method", "RAPID_ANTIGEN",
                "result", result, "sampledAt", iso(ago.negated())), health79);
        assertEquals(201, a.status(), a.text());
        return a.json();
    }

    JsonNode vehicleScan(String checkpoint, String officer, String token, String driverField, String driver) {
        Api.Answer a = api.post("/v1/checkpoints/" + checkpoint + "/vehicle-scans", Map.of("code", token, driverField, driver),
                officer);
        assertEquals(200, a.status(), a.text());
        return a.json();
    }

    JsonNode scanAtA(String token, String driverId) {
        return vehicleScan("CP-A", officerA, token, "driverCitizenId", driverId);
    }

    void advance(String duration) {
        api.post("/dev/clock", Map.of("advance", duration), null);
        officerA = api.officer("CP-A"); // a fresh sign-in: officers' tokens last 12 h
        health79 = api.token("HEALTH_OFFICIAL", "health-79", "provinceCode", "79");
    }

    @Test
    void aPermitIsValidOnlyWithADriverOnItWhoseNegativeTestIsLessThan72HoursOld() {
        JsonNode permit = register(permitBody(Duration.ofDays(7), Registry.AN, Registry.DUC));
        String token = permit.get("token").asText();
        assertTrue(token.startsWith("GL1:"), token);
        assertEquals("VALID", permit.get("status").asText());
        assertEquals("79", permit.get("provinceCode").asText());
        assertEquals("079******456", permit.get("drivers").get(0).get("citizenIdMasked").asText());
        assertEquals("Nguyễn Văn An", permit.get("drivers").get(0).get("fullName").asText());

        JsonNode noTest = scanAtA(token, Registry.AN);
        assertEquals("NO_VALID_TEST", noTest.get("verdict").asText());
        assertEquals("NO_TEST", noTest.get("reason").asText());
        assertEquals("51C-123.45", noTest.get("permit").get("plate").asText());
        assertEquals("Nguyễn Văn An", noTest.get("driver").get("fullName").asText());
        assertTrue(noTest.get("driver").get("onPermit").asBoolean());

        JsonNode recorded = test(Registry.AN, "NEGATIVE", Duration.ofHours(1));
        assertEquals(Times.iso(Instant.parse(recorded.get("sampledAt").asText()).plus(Duration.ofHours(72))),
                recorded.get("validUntil").asText());
        JsonNode valid = scanAtA(token, Registry.AN);
        assertEquals("VALID", valid.get("verdict").asText(), valid.toString());
        assertTrue(valid.get("reason").isNull());
        assertEquals(List.of(), list(valid.get("alerts")), "CP-A's ward is on the route");
        assertEquals("NEGATIVE", valid.get("test").get("result").asText());
        assertEquals("Công ty TNHH Vận tải Sài Gòn", valid.get("permit").get("operator").get("name").asText());

        assertEquals("VALID", vehicleScan("CP-A", officerA, token, "driverCard", AN_CARD).get("verdict").asText(),
                "the driver's chip-ID card instead of a typed id");

        JsonNode notOnPermit = scanAtA(token, Registry.BINH);
        assertEquals("NO_VALID_TEST", notOnPermit.get("verdict").asText());
        assertEquals("DRIVER_NOT_ON_PERMIT", notOnPermit.get("reason").asText());
        assertFalse(notOnPermit.get("driver").get("onPermit").asBoolean());
        JsonNode unknown = scanAtA(token, STRANGER);
        assertEquals("NO_VALID_TEST", unknown.get("verdict").asText());
        assertEquals("UNKNOWN_DRIVER", unknown.get("reason").asText());
        assertEquals("079******777", unknown.get("driver").get("citizenIdMasked").asText());

        advance("PT70H59M");
        assertEquals("VALID", scanAtA(token, Registry.AN).get("verdict").asText());
        advance("PT2M");
        JsonNode expiredTest = scanAtA(token, Registry.AN);
        assertEquals("NO_VALID_TEST", expiredTest.get("verdict").asText());
        assertEquals("TEST_EXPIRED", expiredTest.get("reason").asText());
        assertEquals("VALID", api.get("/v1/green-lane/permits/" + permit.get("permitId").asText(), health79).json()
                .get("status").asText(), "the permit itself is still valid");
    }

    @Test
    void aPositiveTestBlocksTheDriverEvenAfterALaterNegative() {
        String token = register(permitBody(Duration.ofDays(7), Registry.DUC)).get("token").asText();
        test(Registry.DUC, "NEGATIVE", Duration.ofHours(30));
        assertEquals("VALID", scanAtA(token, Registry.DUC).get("verdict").asText());
        // the officer at the checkpoint takes a rapid test on the spot
        Api.Answer atCheckpoint = api.post("/v1/checkpoints/CP-A/driver-tests", Map.of("citizenId", Registry.DUC,
                "method", "RAPID_ANTIGEN", "result", "POSITIVE", "sampledAt", iso(Duration.ZERO)), officerA);
        assertEquals(201, atCheckpoint.status(), atCheckpoint.text());
        assertEquals("CP-A", atCheckpoint.json().get("checkpointId").asText());
        assertTrue(atCheckpoint.json().get("validUntil").isNull());
        JsonNode positive = scanAtA(token, Registry.DUC);
        assertEquals("NO_VALID_TEST", positive.get("verdict").asText());
        assertEquals("TEST_POSITIVE", positive.get("reason").asText());
        assertEquals("POSITIVE", positive.get("test").get("result").asText());

        advance("PT1H");
        test(Registry.DUC, "NEGATIVE", Duration.ofMinutes(10));
        assertEquals("TEST_POSITIVE", scanAtA(token, Registry.DUC).get("reason").asText());
    }

    @Test
    void expiredRevokedForgedAndOffRoutePermits() {
        JsonNode permit = register(permitBody(Duration.ofDays(2), Registry.AN));
        String token = permit.get("token").asText();
        String id = permit.get("permitId").asText();
        test(Registry.AN, "NEGATIVE", Duration.ofHours(1));
        assertEquals(200, api.get("/v1/green-lane/permits/" + id + "/qr.png?size=300").status());
        assertEquals(200, api.get("/v1/green-lane/permits/" + id + "/qr.svg").status());

        // CP-B (ward 00001, Hà Nội) is on this route; a checkpoint in another ward is not
        api.checkpoint("CP-C", "00004");
        JsonNode offRoute = vehicleScan("CP-C", api.officer("CP-C"), token, "driverCitizenId", Registry.AN);
        assertEquals("VALID", offRoute.get("verdict").asText());
        assertEquals(List.of("OFF_ROUTE"), list(offRoute.get("alerts")));

        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        for (int i = 4; i < token.length(); i += 7) {
            char replacement = alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 7) % alphabet.length());
            String forged = token.substring(0, i) + replacement + token.substring(i + 1);
            assertEquals("INVALID", scanAtA(forged, Registry.AN).get("verdict").asText(), "position " + i);
        }
        assertEquals("INVALID", scanAtA("hello", Registry.AN).get("verdict").asText());
        assertEquals("INVALID", scanAtA(token.replace("GL1:", "MP1:"), Registry.AN).get("verdict").asText());

        Api.Answer revoked = api.post("/v1/green-lane/permits/" + id + "/revoke", Map.of("reason", "vehicle sold"),
                api.admin());
        assertEquals(200, revoked.status(), revoked.text());
        assertEquals("REVOKED", revoked.json().get("status").asText());
        assertEquals("REVOKED", scanAtA(token, Registry.AN).get("verdict").asText());
        assertEquals(410, api.get("/v1/green-lane/permits/" + id + "/qr.png").status());

        String shortLived = register(permitBody(Duration.ofHours(1), Registry.AN)).get("token").asText();
        advance("PT1H1M");
        test(Registry.AN, "NEGATIVE", Duration.ofMinutes(5));
        JsonNode expired = scanAtA(shortLived, Registry.AN);
        assertEquals("EXPIRED", expired.get("verdict").asText());
        assertTrue(expired.get("reason").isNull());
    }

    @Test
    void aPermitCanStartLater() {
        ObjectNode body = permitBody(Duration.ofDays(3), Registry.AN).put("validFrom", iso(Duration.ofDays(1)));
        String token = register(body).get("token").asText();
        test(Registry.AN, "NEGATIVE", Duration.ofHours(1));
        assertEquals("NOT_YET_VALID", scanAtA(token, Registry.AN).get("verdict").asText());
        advance("PT24H");
        assertEquals("VALID", scanAtA(token, Registry.AN).get("verdict").asText());
    }

    ObjectNode shipperBody(String citizenId, Duration validity) {
        ObjectNode b = Json.object().put("citizenId", citizenId);
        b.putObject("company").put("name", "Công ty CP Giao hàng Nhanh").put("taxCode", "0311907295");
        b.putArray("operatingWards").add("26734").add("26737");
        b.put("validUntil", iso(validity));
        return b;
    }

    JsonNode shipperScan(String checkpoint, String officer, String code) {
        Api.Answer a = api.post("/v1/checkpoints/" + checkpoint + "/shipper-scans", Map.of("code", code), officer);
        assertEquals(200, a.status(), a.text());
        return a.json();
    }

    @Test
    void aShipperScanShowsStatusCompanyAndWhetherThisWardIsTheirs() {
        Api.Answer registered = api.post("/v1/green-lane/shippers", shipperBody(Registry.BINH, Duration.ofDays(14)), health79);
        assertEquals(201, registered.status(), registered.text());
        String code = registered.json().get("shipperCode").asText();
        assertTrue(code.matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}"), code);
        assertEquals("ACTIVE", registered.json().get("status").asText());

        JsonNode byCard = shipperScan("CP-A", officerA, "079195000111||Trần Thị Bình|01021995|Nữ|3 Hai Bà Trưng|01072021");
        assertEquals("ACTIVE", byCard.get("status").asText());
        assertEquals("Trần Thị Bình", byCard.get("shipper").get("fullName").asText());
        assertEquals("079******111", byCard.get("shipper").get("citizenIdMasked").asText());
        assertEquals("Công ty CP Giao hàng Nhanh", byCard.get("shipper").get("company").get("name").asText());
        assertEquals(List.of("26734", "26737"), list(byCard.get("shipper").get("operatingWards")));
        assertEquals("26734", byCard.get("checkpointWardCode").asText());
        assertTrue(byCard.get("inOperatingWards").asBoolean());

        JsonNode byCodeElsewhere = shipperScan("CP-B", api.officer("CP-B"), code.toLowerCase().replace("-", " "));
        assertEquals("ACTIVE", byCodeElsewhere.get("status").asText());
        assertFalse(byCodeElsewhere.get("inOperatingWards").asBoolean(), "CP-B's ward is not one of hers");

        assertEquals(409, api.post("/v1/green-lane/shippers", shipperBody(Registry.BINH, Duration.ofDays(3)), health79).status(),
                "one registration per person while it lasts");

        Api.Answer suspended = api.post("/v1/green-lane/shippers/" + code + "/suspend", Map.of("reason", "no mask"), health79);
        assertEquals(200, suspended.status(), suspended.text());
        assertEquals("SUSPENDED", shipperScan("CP-A", officerA, code).get("status").asText());

        JsonNode notRegistered = shipperScan("CP-A", officerA, "079303000333||Phạm Thị Dung|04042003|Nữ|9 Pasteur|01072021");
        assertEquals("NOT_REGISTERED", notRegistered.get("status").asText());
        assertTrue(notRegistered.get("shipper").isNull());
        assertEquals("NOT_REGISTERED", shipperScan("CP-A", officerA, "04HM-ASW9-NF6").get("status").asText());
        assertEquals("INVALID", shipperScan("CP-A", officerA, "hello").get("status").asText());

        assertEquals(201, api.post("/v1/green-lane/shippers", shipperBody(Registry.DUNG, Duration.ofHours(2)), health79).status());
        String dungCard = "079303000333||Phạm Thị Dung|04042003|Nữ|9 Pasteur|01072021";
        advance("PT2H");
        assertEquals("EXPIRED", shipperScan("CP-A", officerA, dungCard).get("status").asText());
        Api.Answer again = api.post("/v1/green-lane/shippers", shipperBody(Registry.DUNG, Duration.ofDays(1)), health79);
        assertEquals(201, again.status(), "an expired registration may be replaced: " + again.text());
        assertEquals("ACTIVE", shipperScan("CP-A", officerA, dungCard).get("status").asText());
    }

    @Test
    void refusedInputIsA400ThatStoresNothing() {
        String token = register(permitBody(Duration.ofDays(7), Registry.AN)).get("token").asText();
        api.post("/v1/green-lane/shippers", shipperBody(Registry.BINH, Duration.ofDays(7)), health79);
        Map<String, Integer> before = api.tableCounts();

        List<Api.Answer> refused = new ArrayList<>();
        ObjectNode unknownWard = permitBody(Duration.ofDays(7), Registry.AN);
        unknownWard.withArray("routeWards").add("99999");
        refused.add(api.post("/v1/green-lane/permits", unknownWard, health79));
        refused.add(api.post("/v1/green-lane/permits", permitBody(Duration.ofDays(7), STRANGER), health79));
        refused.add(api.post("/v1/green-lane/permits", permitBody(Duration.ofDays(7), Registry.CUONG_DECEASED), health79));
        refused.add(api.post("/v1/green-lane/permits", permitBody(Duration.ofDays(7), Registry.AN, Registry.AN), health79));
        refused.add(api.post("/v1/green-lane/permits", permitBody(Duration.ofDays(40), Registry.AN), health79));
        refused.add(api.post("/v1/green-lane/permits", permitBody(Duration.ofDays(7), Registry.AN).put("plate", "ABC"), health79));
        refused.add(api.post("/v1/green-lane/permits", permitBody(Duration.ofDays(7), Registry.AN).put("colour", "red"), health79));
        refused.add(api.post("/v1/green-lane/driver-tests", Map.of("citizenId", Registry.AN, "method", "RT_PCR",
                "result", "NEGATIVE", "sampledAt", iso(Duration.ofHours(2))), health79));
        refused.add(api.post("/v1/green-lane/driver-tests", Map.of("citizenId", STRANGER, "method", "RT_PCR",
                "result", "NEGATIVE", "sampledAt", iso(Duration.ofHours(-2))), health79));
        refused.add(api.post("/v1/green-lane/driver-tests", Map.of("citizenId", Registry.AN, "method", "SNIFF",
                "result", "MAYBE", "sampledAt", "yesterday"), health79));
        refused.add(api.post("/v1/green-lane/shippers", shipperBody(STRANGER, Duration.ofDays(7)), health79));
        refused.add(api.post("/v1/green-lane/shippers", shipperBody(Registry.DUNG, Duration.ofDays(7))
                .put("validUntil", iso(Duration.ofHours(-1))), health79));
        refused.add(api.post("/v1/checkpoints/CP-A/vehicle-scans", Map.of("code", token), officerA));
        refused.add(api.post("/v1/checkpoints/CP-A/vehicle-scans", Map.of("code", token, "driverCard", "not a card"), officerA));
        refused.add(api.post("/v1/checkpoints/CP-A/shipper-scans", Map.of(), officerA));
        refused.add(api.send("POST", "/v1/green-lane/permits", "application/json", "{".getBytes(), health79));
        for (Api.Answer a : refused) {
            assertEquals(400, a.status(), a.text());
            assertTrue(a.header("content-type").startsWith("application/problem+json"), a.header("content-type"));
        }
        JsonNode errors = refused.get(0).json().get("errors");
        assertEquals("routeWards[3]", errors.get(0).get("field").asText());
        assertEquals("UNKNOWN_WARD", errors.get(0).get("code").asText());
        assertEquals("NOT_IN_REGISTRY", refused.get(1).json().get("errors").get(0).get("code").asText());
        assertEquals("drivers[0]", refused.get(1).json().get("errors").get(0).get("field").asText());
        assertEquals("DECEASED", refused.get(2).json().get("errors").get(0).get("code").asText());
        assertEquals(3, refused.get(9).json().get("errors").size(), "every bad field named at once");
        assertEquals(before, api.tableCounts());
    }

    @Test
    void onlyTheRightRolesAndScopes() {
        JsonNode permit = register(permitBody(Duration.ofDays(7), Registry.AN));
        String id = permit.get("permitId").asText();
        String token = permit.get("token").asText();
        String health01 = api.token("HEALTH_OFFICIAL", "health-01", "provinceCode", "01");
        String healthNational = api.token("HEALTH_OFFICIAL", "health-vn", null, null);
        String police = api.token("WARD_POLICE", "police-1", "wardCode", "26734");
        String analyst = api.token("ANALYST", "analyst-1", null, null);
        String officerB = api.officer("CP-B");
        ObjectNode newPermit = permitBody(Duration.ofDays(7), Registry.AN);
        Map<String, Object> testBody = Map.of("citizenId", Registry.AN, "method", "RT_PCR", "result", "NEGATIVE",
                "sampledAt", iso(Duration.ofHours(-1)));
        Map<String, Object> scanBody = Map.of("code", token, "driverCitizenId", Registry.AN);

        // no or bad token: 401 on every route that needs one
        for (String path : List.of("/v1/green-lane/permits", "/v1/green-lane/permits/" + id + "/revoke",
                "/v1/green-lane/driver-tests", "/v1/checkpoints/CP-A/driver-tests", "/v1/checkpoints/CP-A/vehicle-scans",
                "/v1/green-lane/shippers", "/v1/green-lane/shippers/04HM-ASW9-NF6/suspend",
                "/v1/checkpoints/CP-A/shipper-scans")) {
            assertEquals(401, api.post(path, Map.of(), null).status(), path);
            assertEquals(401, api.post(path, Map.of(), "not.a.jwt").status(), path);
        }
        assertEquals(401, api.get("/v1/green-lane/permits/" + id).status());

        for (String wrong : List.of(officerA, police, analyst, health01)) {
            assertEquals(403, api.post("/v1/green-lane/permits", newPermit, wrong).status());
            assertEquals(403, api.get("/v1/green-lane/permits/" + id, wrong).status());
            assertEquals(403, api.post("/v1/green-lane/permits/" + id + "/revoke", Map.of("reason", "x"), wrong).status());
            assertEquals(403, api.post("/v1/green-lane/shippers", shipperBody(Registry.DUNG, Duration.ofDays(1)), wrong).status());
        }
        assertEquals(200, api.get("/v1/green-lane/permits/" + id, healthNational).status());
        assertEquals(200, api.get("/v1/green-lane/permits/" + id, api.admin()).status());
        assertEquals(201, api.post("/v1/green-lane/permits", newPermit, healthNational).status());

        for (String wrong : List.of(officerA, police, analyst, api.admin())) {
            assertEquals(403, api.post("/v1/green-lane/driver-tests", testBody, wrong).status());
        }
        for (String wrong : List.of(officerB, health79, police, api.admin())) {
            assertEquals(403, api.post("/v1/checkpoints/CP-A/driver-tests", testBody, wrong).status());
            assertEquals(403, api.post("/v1/checkpoints/CP-A/vehicle-scans", scanBody, wrong).status());
            assertEquals(403, api.post("/v1/checkpoints/CP-A/shipper-scans", Map.of("code", "x"), wrong).status());
        }
        assertEquals(200, api.post("/v1/checkpoints/CP-B/vehicle-scans", scanBody, officerB).status());
        String officerNowhere = api.officer("CP-NONE");
        assertEquals(404, api.post("/v1/checkpoints/CP-NONE/vehicle-scans", scanBody, officerNowhere).status());
    }

    /** Counts DynamoDB operations by name, on a runtime of its own. */
    public static final class OpCounter implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
        final Map<String, java.util.concurrent.atomic.AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            calls.computeIfAbsent(attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME),
                    k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        }

        Map<String, Integer> drain() {
            Map<String, Integer> out = new java.util.TreeMap<>();
            calls.forEach((k, v) -> out.put(k, v.get()));
            calls.clear();
            return out;
        }
    }

    @Test
    void aVehicleScanIsOneBatchGetAndOneQueryAndWritesNothing() {
        // plus the GetItem of the officer's account (disabled accounts stop at once), on every official request
        api.close();
        OpCounter counter = new OpCounter();
        api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withDynamoInterceptors(List.of(counter))));
        Registry.load(api);
        health79 = api.token("HEALTH_OFFICIAL", "health-79", "provinceCode", "79");
        officerA = api.officer("CP-A");
        String token = register(permitBody(Duration.ofDays(7), Registry.AN)).get("token").asText();
        test(Registry.AN, "NEGATIVE", Duration.ofHours(1));
        String code = api.post("/v1/green-lane/shippers", shipperBody(Registry.BINH, Duration.ofDays(7)), health79).json()
                .get("shipperCode").asText();
        counter.drain();
        assertEquals("VALID", scanAtA(token, Registry.AN).get("verdict").asText());
        assertEquals(Map.of("BatchGetItem", 1, "Query", 1, "GetItem", 1), counter.drain());
        assertEquals("ACTIVE", shipperScan("CP-A", officerA, "079195000111||Trần Thị Bình|01021995|Nữ|x|01072021")
                .get("status").asText());
        assertEquals(Map.of("BatchGetItem", 1, "GetItem", 1), counter.drain(), "a card scan of a shipper");
        assertEquals("ACTIVE", shipperScan("CP-A", officerA, code).get("status").asText());
        assertEquals(Map.of("BatchGetItem", 1, "GetItem", 2), counter.drain(), "a shipper code scan: the guard, then the record");
        // vehicles and shippers (issue 20): confirming a vehicle scan is one read and one transaction, as a person's;
        // a depot check reads as a scan does and writes its audit item
        String scanId = scanAtA(token, Registry.AN).get("scanId").asText();
        counter.drain();
        assertEquals(201, api.post("/v1/checkpoints/CP-A/passages", Map.of("scanId", scanId, "direction", "IN",
                "decision", "ALLOWED"), officerA).status());
        assertEquals(Map.of("BatchGetItem", 1, "GetItem", 1, "TransactWriteItems", 1), counter.drain(),
                "a confirmation: the officer's account (authorizer), then account, checkpoint and driver; one transaction");
        String police = api.token("WARD_POLICE", "police-26734", "wardCode", "26734");
        assertEquals(200, api.post("/v1/wards/26734/depot-checks", Map.of("code", token, "driverCitizenId", Registry.AN),
                police).status());
        assertEquals(Map.of("BatchGetItem", 1, "Query", 1, "GetItem", 1, "BatchWriteItem", 1), counter.drain(), "a depot check");

        // figures, not assertions: a vehicle scan against a pass scan, interleaved, same runtime
        String passToken = api.post("/v1/declarations", api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"),
                null).json().get("pass").get("token").asText();
        int n = 300;
        long[] vehicle = new long[n];
        long[] pass = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            scanAtA(token, Registry.AN);
            long t1 = System.nanoTime();
            api.post("/v1/checkpoints/CP-A/scans", Map.of("code", passToken, "direction", "IN"), officerA);
            long t2 = System.nanoTime();
            vehicle[i] = t1 - t0;
            pass[i] = t2 - t1;
        }
        Arrays.sort(vehicle);
        Arrays.sort(pass);
        System.out.printf("local gateway, %d each: vehicle scan p50 %.2f ms p99 %.2f ms; pass scan p50 %.2f ms p99 %.2f ms%n",
                n, vehicle[n / 2] / 1e6, vehicle[n * 99 / 100] / 1e6, pass[n / 2] / 1e6, pass[n * 99 / 100] / 1e6);
    }

    static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

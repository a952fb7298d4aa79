package vn.movepass.local.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Registry;

/** Checkpoint scans over time: expiry, the confirmation window, officers' tokens. A fresh runtime per test (the clock moves). */
@FreshRuntime("the dev clock moves: expiry, the confirmation window, officers' tokens; a runtime per test")
class ScansOverTimeIT {
    Api api;
    String officer;

    @BeforeEach
    void start(Api fresh) {
        api = fresh;
        Registry.load(api);
        officer = api.officer("CP-A");
    }

    JsonNode declareAn() {
        Api.Answer a = api.post("/v1/declarations", api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"), null);
        assertEquals(201, a.status(), a.text());
        return a.json().get("pass");
    }

    JsonNode scan(String code, boolean record) {
        Api.Answer a = api.post("/v1/checkpoints/CP-A/scans", Map.of("code", code, "direction", "IN", "record", record), officer);
        assertEquals(200, a.status(), a.text());
        return a.json();
    }

    @Test
    void expiryIsJudgedByTheClock() {
        JsonNode pass = declareAn();
        api.post("/dev/clock", Map.of("advance", "PT71H59M"), null);
        officer = api.officer("CP-A");
        assertEquals("VALID", scan(pass.get("token").asText(), false).get("verdict").asText());
        api.post("/dev/clock", Map.of("advance", "PT2M"), null);
        officer = api.officer("CP-A"); // a fresh sign-in: officers' tokens last 12 h
        assertEquals("EXPIRED", scan(pass.get("token").asText(), false).get("verdict").asText());
        assertEquals("EXPIRED", api.get("/v1/passes/" + pass.get("passId").asText()).json().get("status").asText());
        assertEquals(410, api.get("/v1/passes/" + pass.get("passId").asText() + "/qr.png").status());
        assertEquals("NO_VALID_PASS", scan("079090123456||Nguyễn Văn An|17051990|Nam|x|01072021", false).get("verdict").asText());
    }

    @Test
    void confirmationsAreRefusedElsewhereLateOrForAnInvalidScan() {
        JsonNode pass = declareAn();
        String scanId = scan(pass.get("token").asText(), false).get("scanId").asText();
        String officerB = api.officer("CP-B");
        Map<String, Object> confirm = Map.of("scanId", scanId, "direction", "IN", "decision", "ALLOWED");
        assertEquals(409, api.post("/v1/checkpoints/CP-B/passages", confirm, officerB).status());
        String invalidScan = scan("nonsense", false).get("scanId").asText();
        assertEquals(409, api.post("/v1/checkpoints/CP-A/passages",
                Map.of("scanId", invalidScan, "direction", "IN", "decision", "ALLOWED"), officer).status());
        assertEquals(201, api.post("/v1/checkpoints/CP-A/passages",
                Map.of("scanId", invalidScan, "direction", "IN", "decision", "TURNED_BACK"), officer).status());
        api.post("/dev/clock", Map.of("advance", "PT10M1S"), null);
        assertEquals(409, api.post("/v1/checkpoints/CP-A/passages", confirm, officer).status());
        assertEquals(400, api.post("/v1/checkpoints/CP-A/passages",
                Map.of("scanId", scanId.substring(0, scanId.length() - 2) + "AA", "direction", "IN", "decision", "ALLOWED"),
                officer).status());
    }

    @Test
    void scansNeedAnOfficerOfThisCheckpoint() {
        Map<String, Object> body = Map.of("code", "x", "direction", "IN");
        assertEquals(401, api.post("/v1/checkpoints/CP-A/scans", body, null).status());
        assertEquals(401, api.post("/v1/checkpoints/CP-A/scans", body, "not.a.jwt").status());
        assertEquals(401, api.post("/v1/checkpoints/CP-A/scans", body, officer.substring(0, officer.length() - 3) + "abc").status());
        assertEquals(403, api.post("/v1/checkpoints/CP-A/scans", body, api.officer("CP-B")).status());
        assertEquals(403, api.post("/v1/checkpoints/CP-A/scans", body, api.admin()).status());
        api.post("/dev/clock", Map.of("advance", "PT13H"), null);
        assertEquals(401, api.post("/v1/checkpoints/CP-A/scans", body, officer).status(), "expired token");
    }
}

package vn.movepass.local.officials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;

/** Officials and field operations: disabled accounts, closed checkpoints, camera scanners, paper declarations, audit, scopes. */
@SharedRuntime
class OfficialsIT {
    static Api api;
    static Registry registry;

    @BeforeAll
    static void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
    }

    static JsonNode declareAn() {
        Api.Answer a = api.post("/v1/declarations", api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"), null);
        assertEquals(201, a.status(), a.text());
        return a.json().get("pass");
    }

    static Api.Answer scan(String checkpoint, String token, String code, boolean record) {
        return api.post("/v1/checkpoints/" + checkpoint + "/scans", Map.of("code", code, "direction", "IN", "record", record), token);
    }

    @Test
    void aDisabledAccountsTokensStopWorkingAtOnce() {
        String officer = api.token("CHECKPOINT_OFFICER", "officer-to-disable", "checkpointId", registry.cpA);
        String code = declareAn().get("token").asText();
        assertEquals(200, scan(registry.cpA, officer, code, false).status());
        assertEquals(200, api.post("/v1/admin/accounts/officer-to-disable/disable", Map.of("reason", "lost phone"),
                api.admin()).status());
        assertEquals(401, scan(registry.cpA, officer, code, false).status(), "scan refused at once");
        assertEquals(401, api.post("/v1/checkpoints/" + registry.cpA + "/passages", Map.of("scanId", "x", "direction", "IN",
                "decision", "ALLOWED"), officer).status());
        assertEquals(200, api.post("/v1/admin/accounts/officer-to-disable/enable", Map.of(), api.admin()).status());
        assertEquals(200, scan(registry.cpA, officer, code, false).status());
        assertEquals(403, api.post("/v1/admin/accounts/x/disable", Map.of("reason", "r"), officer).status());
    }

    @Test
    void aClosedCheckpointRefusesScans() {
        String closing = registry.checkpoint("CP-CLOSING");
        api.checkpoint(closing, registry.wardA);
        String officer = api.officer(closing);
        String code = declareAn().get("token").asText();
        assertEquals(200, scan(closing, officer, code, false).status());
        Api.Answer closed = api.post("/v1/admin/checkpoints/" + closing + "/deactivate", Map.of(), api.admin());
        assertEquals(200, closed.status());
        assertEquals(false, closed.json().get("active").asBoolean());
        assertEquals(403, scan(closing, officer, code, false).status());
        assertEquals(200, api.post("/v1/admin/checkpoints/" + closing + "/activate", Map.of(), api.admin()).status());
        assertEquals(200, scan(closing, officer, code, false).status());
        assertEquals(404, api.post("/v1/admin/checkpoints/NOPE/deactivate", Map.of(), api.admin()).status());
    }

    @Test
    void aCameraScannerOnlyRecords() {
        Api.Answer t = api.post("/dev/tokens", Map.of("role", "CHECKPOINT_OFFICER", "sub", "camera-cp-a", "checkpointId", registry.cpA,
                "device", "CAMERA"), null);
        String camera = t.json().get("token").asText();
        String code = declareAn().get("token").asText();
        assertEquals(403, scan(registry.cpA, camera, code, false).status());
        Api.Answer recorded = scan(registry.cpA, camera, code, true);
        assertEquals(200, recorded.status());
        assertTrue(recorded.json().get("passageId").isTextual());
        assertEquals(403, api.post("/v1/checkpoints/" + registry.cpA + "/passages", Map.of("scanId", recorded.json().get("scanId").asText(),
                "direction", "IN", "decision", "ALLOWED"), camera).status());
        assertEquals(403, api.post("/v1/checkpoints/" + registry.cpA + "/declarations",
                api.declaration(registry.binh, "Trần Thị Bình", "1995-02-01", "FEMALE"), camera).status());
        assertEquals(403, scan(registry.cpB, camera, code, true).status(), "bound to its checkpoint");
    }

    @Test
    void aPaperDeclarationIsRecordedWithItsChannelAndOfficer() {
        String officer = api.officer(registry.cpA);
        Api.Answer a = api.post("/v1/checkpoints/" + registry.cpA + "/declarations",
                api.declaration(registry.binh, "TRAN THI BINH", "1995-02-01", "FEMALE"), officer);
        assertEquals(201, a.status(), a.text());
        assertEquals("ACCEPTED", a.json().get("status").asText());
        var item = api.runtime.dynamo().getItem(r -> r.tableName(api.runtime.provisioned().tableName("DeclarationsTable"))
                .key(Map.of("declarationId", AttributeValue.fromS(a.json().get("declarationId").asText())))).item();
        assertEquals("PAPER", item.get("channel").s());
        assertEquals("officer-" + registry.cpA, item.get("officerSub").s());
        assertEquals(registry.cpA, item.get("checkpointId").s());
        // printable for the citizen: the pass page and its images answer
        String passId = a.json().get("pass").get("passId").asText();
        assertEquals(200, api.get("/v1/passes/" + passId + "/qr.png").status());
        assertEquals(403, api.post("/v1/checkpoints/" + registry.cpB + "/declarations",
                api.declaration(registry.binh, "Trần Thị Bình", "1995-02-01", "FEMALE"), officer).status());
    }

    @Test
    void healthOfficialsActWithinTheirProvinceAndEveryLookupIsAudited() {
        String passId = declareAn().get("passId").asText();
        String hcmc = api.token("HEALTH_OFFICIAL", "health-79", "provinceCode", "79");
        String hanoi = api.token("HEALTH_OFFICIAL", "health-01", "provinceCode", "01");
        String national = api.token("HEALTH_OFFICIAL", "health-vn", null, null);
        assertEquals(200, api.get("/v1/citizens/" + registry.an + "/status", hcmc).status());
        assertEquals(200, api.get("/v1/citizens/" + registry.an + "/movements", national).status());
        assertEquals(403, api.get("/v1/citizens/" + registry.an + "/status", hanoi).status());
        assertEquals(403, api.post("/v1/cases", Map.of("citizenId", registry.an, "classification", "F0",
                "detectedAt", Instant.now().toString().substring(0, 19) + "Z"), hanoi).status());
        assertEquals(403, api.get("/v1/citizens/" + registry.an + "/status", api.token("ANALYST", "analyst-1", null, null)).status());

        JsonNode trail = api.get("/v1/admin/audit?citizenId=" + registry.an, api.admin()).json();
        List<String> actions = new ArrayList<>();
        trail.get("items").forEach(i -> actions.add(i.get("actorSub").asText() + " " + i.get("action").asText()));
        assertTrue(actions.contains("health-79 STATUS") && actions.contains("health-vn MOVEMENTS"), actions.toString());
        assertTrue(actions.stream().noneMatch(a -> a.startsWith("health-01")), "a refused lookup saw nothing");
        JsonNode own = api.get("/v1/passes/" + passId + "/audit").json();
        assertEquals(trail.get("items").size(), own.get("items").size(), "the citizen sees the same trail through the pass link");
        assertEquals(403, api.get("/v1/admin/audit?citizenId=" + registry.an, hcmc).status());
    }
}

package vn.movepass.local.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.shared.pass.RevocationList;

/**
 * {@code GET /v1/passes/revocations}: what the checkpoint page keeps to turn back a revoked pass without network. A pass
 * revoked by a health official is in it (as its hash, never its id) from then on; an officer's phone and ADMIN may read
 * it, a fixed camera, a citizen or another role may not.
 */
@SharedRuntime
class RevocationListIT {
    private static final String PATH = "/v1/passes/revocations";
    Api api;
    Registry registry;

    @BeforeEach
    void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
    }

    private List<String> listed(String token) {
        Api.Answer a = api.get(PATH, token);
        assertEquals(200, a.status(), a.text());
        JsonNode body = a.json();
        List<String> revoked = new ArrayList<>();
        body.get("revoked").forEach(e -> revoked.add(e.asText()));
        assertEquals(revoked.size(), body.get("count").asInt());
        return revoked;
    }

    @Test
    void aRevokedPassIsListedByItsHashFromTheMomentItIsRevoked() {
        JsonNode pass = api.post("/v1/declarations", api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"), null)
                .json().get("pass");
        String passId = pass.get("passId").asText();
        String entry = RevocationList.entry(passId);
        String officer = api.officer(registry.cpA);
        assertFalse(listed(officer).contains(entry), "not revoked yet");

        String health = api.token("HEALTH_OFFICIAL", "health-revocations", "provinceCode", "79");
        assertEquals(200, api.post("/v1/passes/" + passId + "/revoke", Map.of("reason", "F0"), health).status());
        Api.Answer a = api.get(PATH, officer);
        List<String> revoked = listed(officer);
        assertTrue(revoked.contains(entry), "listed once revoked");
        assertTrue(listed(api.admin()).contains(entry));
        assertFalse(a.text().contains(passId), "the list never carries the pass id (the pass page's capability)");
        assertTrue(revoked.stream().allMatch(e -> e.matches("[A-Za-z0-9_-]{11}")), revoked.toString());
    }

    @Test
    void onlyAnOfficersPhoneAndAdminMayReadIt() {
        assertEquals(401, api.get(PATH, null).status());
        String camera = api.post("/dev/tokens", Map.of("role", "CHECKPOINT_OFFICER", "sub", "camera-revocations",
                "checkpointId", registry.cpA, "device", "CAMERA"), null).json().get("token").asText();
        assertEquals(403, api.get(PATH, camera).status(), "a fixed camera checks online");
        assertEquals(403, api.get(PATH, api.token("WARD_POLICE", "police-revocations", "wardCode", registry.wardA)).status());
        assertEquals(403, api.get(PATH, api.token("ANALYST", "analyst-revocations", null, null)).status());
    }
}

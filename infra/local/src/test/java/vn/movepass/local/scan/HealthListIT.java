package vn.movepass.local.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.offline.GolombRiceSet;
import vn.movepass.shared.pass.PassClaims;

/**
 * {@code GET /v1/provinces/{provinceCode}/health-list}: the keyed sets the checkpoint page keeps to judge a pass's health
 * colour with no network. A quarantined holder's pass is in RED, a monitored one's in AMBER, a well one's in neither;
 * released, the holder leaves the list at its next build. The answer names nobody (no name, citizen id or pass id), is
 * served to the officers of the province's checkpoints and ADMIN, answers 304 to a current copy, and is audited as a
 * look-up of each resident in it.
 */
@SharedRuntime
class HealthListIT {
    private static final String PATH = "/v1/provinces/79/health-list";
    Api api;
    Registry registry;

    @BeforeEach
    void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
    }

    private String pass(String citizenId, String name, String dob, String gender) {
        Api.Answer a = api.post("/v1/declarations", api.declaration(citizenId, name, dob, gender), null);
        assertEquals(201, a.status(), a.text());
        return a.json().get("pass").get("passId").asText();
    }

    private void event(String citizenId, Object body, String token) {
        Api.Answer a = api.send("POST", "/v1/citizens/" + citizenId + "/health-events", "application/json",
                Json.write(body).getBytes(StandardCharsets.UTF_8), token);
        assertEquals(201, a.status(), a.text());
    }

    /** Past the list's 60 s in memory, so that the next answer is built from the tables as they are now. */
    private void nextBuild() {
        assertEquals(200, api.post("/dev/clock", Map.of("advance", "PT61S"), null).status());
    }

    private static boolean in(JsonNode list, String set, String passId) {
        byte[] key = Base64.getUrlDecoder().decode(list.get("key").asText());
        JsonNode coded = list.get(set);
        return GolombRiceSet.contains(Base64.getUrlDecoder().decode(coded.get("data").asText()), coded.get("n").asInt(),
                list.get("p").asInt(), key, PassClaims.passIdBytes(passId));
    }

    @Test
    void quarantinedAndMonitoredHoldersPassesAreInTheirSetsAndNobodyIsNamed() {
        String an = pass(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE");
        String binh = pass(registry.binh, "Trần Thị Bình", "1995-02-01", "FEMALE");
        String dung = pass(registry.dung, "Phạm Thị Dung", "2003-04-04", "FEMALE");
        String police = api.token("WARD_POLICE", "police-health-list", "wardCode", registry.wardA);
        String at = api.now().minusSeconds(600).toString();
        event(registry.binh, Map.of("type", "CLASSIFIED", "at", at, "level", "F1"), police);
        event(registry.dung, Map.of("type", "CLASSIFIED", "at", at, "level", "F2"), police);
        nextBuild();

        String officer = api.officer(registry.cpA);
        Api.Answer a = api.get(PATH, officer);
        assertEquals(200, a.status(), a.text());
        JsonNode list = a.json();
        assertEquals("79", list.get("provinceCode").asText());
        assertEquals(20, list.get("p").asInt());
        assertTrue(list.get("keyId").asText().startsWith("79-"), list.toString());
        assertEquals(32, Base64.getUrlDecoder().decode(list.get("key").asText()).length);
        assertTrue(in(list, "red", binh), "the quarantined F1's pass is RED");
        assertFalse(in(list, "amber", binh));
        assertTrue(in(list, "amber", dung), "the monitored F2's pass is AMBER");
        assertFalse(in(list, "red", dung));
        assertFalse(in(list, "red", an) || in(list, "amber", an), "a well holder's pass is in neither set");
        for (String secret : List.of(an, binh, dung, registry.an, registry.binh, registry.dung, "Bình", "Dung", "Trần", registry.wardA)) {
            assertFalse(a.text().contains(secret), "the list names nobody: " + secret);
        }
        assertEquals(List.of("amber", "builtAt", "entry", "key", "keyId", "p", "provinceCode", "red"),
                sorted(list.fieldNames()), "nothing else in it");

        // a current copy: 304, nothing served
        String etag = a.header("etag");
        assertNotNull(etag);
        Api.Answer same = api.send("GET", PATH, null, null, officer, Map.of("If-None-Match", etag));
        assertEquals(304, same.status(), same.text());
        assertEquals(0, same.bytes().length);
        assertEquals(200, api.send("GET", PATH, null, null, officer, Map.of("If-None-Match", "\"old\"")).status());

        // audited as a look-up of each resident in it (by whom, which province), not of the well one
        JsonNode trail = api.get("/v1/admin/audit?citizenId=" + registry.binh, api.admin()).json().get("items");
        assertTrue(trail.toString().contains("HEALTH_LIST") && trail.toString().contains("province:79"), trail.toString());
        JsonNode anTrail = api.get("/v1/admin/audit?citizenId=" + registry.an, api.admin()).json().get("items");
        assertFalse(anTrail.toString().contains("HEALTH_LIST"), anTrail.toString());

        // released: out of the list at its next build, and the content's tag changes
        event(registry.binh, Map.of("type", "RELEASED", "at", api.now().toString(), "reason", "negative test"), police);
        nextBuild();
        Api.Answer after = api.send("GET", PATH, null, null, officer, Map.of("If-None-Match", etag));
        assertEquals(200, after.status(), after.text());
        assertFalse(in(after.json(), "red", binh), "released");
        assertTrue(in(after.json(), "amber", dung));
        assertFalse(etag.equals(after.header("etag")));
    }

    private static List<String> sorted(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        list.sort(null);
        return list;
    }

    @Test
    void onlyTheProvincesOfficersPhonesAndAdminMayReadIt() {
        assertEquals(401, api.get(PATH, null).status());
        assertEquals(200, api.get(PATH, api.officer(registry.cpA)).status());
        assertEquals(200, api.get(PATH, api.admin()).status());
        assertEquals(403, api.get(PATH, api.officer(registry.cpB)).status(), "CP-B is in Hà Nội (01)");
        assertEquals(200, api.get("/v1/provinces/01/health-list", api.officer(registry.cpB)).status());
        String camera = api.post("/dev/tokens", Map.of("role", "CHECKPOINT_OFFICER", "sub", "camera-health-list",
                "checkpointId", registry.cpA, "device", "CAMERA"), null).json().get("token").asText();
        assertEquals(403, api.get(PATH, camera).status(), "a fixed camera checks online");
        String unknownCheckpoint = api.officer(registry.checkpoint("CP-NONE"));
        assertEquals(403, api.get(PATH, unknownCheckpoint).status());
        assertEquals(403, api.get(PATH, api.token("WARD_POLICE", "police-hl", "wardCode", registry.wardA)).status());
        assertEquals(403, api.get(PATH, api.token("HEALTH_OFFICIAL", "health-hl", "provinceCode", "79")).status());
        assertEquals(404, api.get("/v1/provinces/99/health-list", api.admin()).status());
        Api.Answer malformed = api.get("/v1/provinces/7x/health-list", api.admin());
        assertEquals(400, malformed.status(), malformed.text());
    }
}

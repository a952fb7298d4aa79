package vn.movepass.local.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
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
 * revoked by a health official is in it (as its hash, never its id) from the next snapshot on (the list is read at most
 * once per REVOCATION_LIST_MAX_AGE_SECONDS, 60, and served with that max-age and an ETag of its entries, which answers
 * 304 to a current copy) and stays in it until it expires; an officer's phone and ADMIN may read it, a fixed camera, a
 * citizen or another role may not. Time moves on the dev clock.
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
        return entries(api.get(PATH, token));
    }

    private static List<String> entries(Api.Answer a) {
        assertEquals(200, a.status(), a.text());
        JsonNode body = a.json();
        List<String> revoked = new ArrayList<>();
        body.get("revoked").forEach(e -> revoked.add(e.asText()));
        assertEquals(revoked.size(), body.get("count").asInt());
        return revoked;
    }

    /** Past the snapshot's 60 s, so that the next answer is read from the table as it is now. */
    private void nextSnapshot() {
        assertEquals(200, api.post("/dev/clock", Map.of("advance", "PT61S"), null).status());
    }

    @Test
    void aRevokedPassIsListedByItsHashFromTheNextSnapshotUntilItExpires() {
        JsonNode pass = api.post("/v1/declarations", api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"), null)
                .json().get("pass");
        String passId = pass.get("passId").asText();
        String entry = RevocationList.entry(passId);
        String officer = api.officer(registry.cpA);
        Api.Answer before = api.get(PATH, officer);
        assertFalse(entries(before).contains(entry), "not revoked yet");
        assertEquals("private, max-age=60", before.header("cache-control"), "the phone may keep it as long as the server does");

        String health = api.token("HEALTH_OFFICIAL", "health-revocations", "provinceCode", "79");
        assertEquals(200, api.post("/v1/passes/" + passId + "/revoke", Map.of("reason", "F0"), health).status());
        Instant revokedAt = api.now();
        Api.Answer soon = api.get(PATH, officer);
        if (soon.json().get("asOf").asText().equals(before.json().get("asOf").asText())) {
            assertFalse(entries(soon).contains(entry), "the snapshot is served as it was read, its asOf says when");
        }

        nextSnapshot();
        Api.Answer a = api.get(PATH, officer);
        List<String> revoked = entries(a);
        assertTrue(revoked.contains(entry), "listed from the next snapshot on");
        assertTrue(Instant.parse(a.json().get("asOf").asText()).isAfter(revokedAt), a.text());
        assertTrue(listed(api.admin()).contains(entry));
        assertFalse(a.text().contains(passId), "the list never carries the pass id (the pass page's capability)");
        assertTrue(revoked.stream().allMatch(e -> e.matches("[A-Za-z0-9_-]{11}")), revoked.toString());

        String etag = a.header("etag");
        Api.Answer current = api.send("GET", PATH, null, null, officer, Map.of("If-None-Match", etag));
        assertEquals(304, current.status(), "the phone's copy is current: " + current.text());
        assertEquals(etag, current.header("etag"));

        nextSnapshot();
        nextSnapshot();
        Api.Answer later = api.get(PATH, officer);
        assertTrue(entries(later).contains(entry), "a pass revoked more than the max-age ago is still listed: " + later.text());
        assertTrue(Instant.parse(later.json().get("asOf").asText()).isAfter(Instant.parse(a.json().get("asOf").asText())),
                "a snapshot read again: " + later.text());
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

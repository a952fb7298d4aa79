package vn.movepass.local.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.json.Json;

/** Health events by ward police and health officials: who may record what, idempotency, history, the ward's list. */
@SharedRuntime
class HealthEventsIT {
    static Api api;
    static Registry registry;
    static String police;
    static String official;
    static String province;

    @BeforeAll
    static void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
        province = AdministrativeUnits.get().ward(registry.wardA).orElseThrow().provinceCode();
        police = api.token("WARD_POLICE", "police-a", "wardCode", registry.wardA);
        official = api.token("HEALTH_OFFICIAL", "official-a", "provinceCode", province);
    }

    static ObjectNode classified(String level, Instant at) {
        return Json.object().put("type", "CLASSIFIED").put("at", at.toString()).put("level", level);
    }

    static Api.Answer record(String citizenId, Object body, String token, String key) {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        return api.send("POST", "/v1/citizens/" + citizenId + "/health-events", "application/json", bytes, token,
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    static List<String> wardList(String token, String state) {
        List<String> ids = new ArrayList<>();
        String query = state == null ? "" : "?state=" + state;
        Api.Answer a = api.get("/v1/wards/" + registry.wardA + "/health" + query, token);
        assertEquals(200, a.status(), a.text());
        for (JsonNode item : a.json().get("items")) {
            ids.add(item.get("citizenId").asText());
        }
        return ids;
    }

    @Test
    void wardPoliceClassifyAnF1WhoIsQuarantinedAndListedInTheWard() {
        Instant at = api.now().minusSeconds(3600);
        Api.Answer a = record(registry.binh, classified("F1", at), police, null);
        assertEquals(201, a.status(), a.text());
        JsonNode health = a.json().get("health");
        assertEquals("F1", health.get("level").asText());
        assertEquals("QUARANTINED", health.get("state").asText());
        assertEquals("RED", health.get("colour").asText());
        assertNotNull(a.json().get("eventId").asText());
        assertTrue(wardList(police, "QUARANTINED").contains(registry.binh));
        assertTrue(wardList(official, null).contains(registry.binh));
        assertFalse(wardList(police, "ISOLATING").contains(registry.binh));

        Api.Answer view = api.get("/v1/citizens/" + registry.binh + "/health", official);
        assertEquals(200, view.status(), view.text());
        assertEquals("QUARANTINED", view.json().get("health").get("state").asText());
        JsonNode first = view.json().get("history").get(0);
        assertEquals("CLASSIFIED", first.get("type").asText());
        assertEquals("F1", first.get("level").asText());
        assertEquals("WARD_POLICE", first.get("by").get("role").asText());

        Api.Answer released = record(registry.binh, Json.object().put("type", "RELEASED").put("at", api.now().toString())
                .put("reason", "negative test, household contact ruled out"), police, null);
        assertEquals(201, released.status(), released.text());
        assertEquals("NONE", released.json().get("health").get("state").asText());
        assertFalse(wardList(police, null).contains(registry.binh));
        assertEquals(2, api.get("/v1/citizens/" + registry.binh + "/health", police).json().get("history").size());
    }

    @Test
    void aRepeatWithTheSameKeyAnswersTheSameEvent() {
        ObjectNode body = classified("F2", api.now().minusSeconds(60));
        Api.Answer first = record(registry.dung, body, police, "retry-1");
        assertEquals(201, first.status(), first.text());
        Api.Answer again = record(registry.dung, body, police, "retry-1");
        assertEquals(200, again.status(), again.text());
        assertEquals(first.json().get("eventId"), again.json().get("eventId"));
        assertEquals(1, api.get("/v1/citizens/" + registry.dung + "/health", police).json().get("history").size());
        assertEquals(400, record(registry.dung, body, police, "not a key!").status());
    }

    @Test
    void onlyHealthOfficialsRecordF0AndRecoveriesAndAnF0OpensACase() {
        Instant at = api.now().minusSeconds(7200);
        assertEquals(403, record(registry.duc, classified("F0", at), police, null).status());
        ObjectNode positive = Json.object().put("type", "TESTED").put("at", at.toString());
        positive.putObject("test").put("method", "RT_PCR").put("result", "POSITIVE").put("sampledAt", at.toString());
        assertEquals(403, record(registry.duc, positive, police, null).status());
        Api.Answer f0 = record(registry.duc, positive, official, null);
        assertEquals(201, f0.status(), f0.text());
        JsonNode health = f0.json().get("health");
        assertEquals("F0", health.get("level").asText());
        assertEquals("ISOLATING", health.get("state").asText());
        String caseId = health.get("caseId").asText();
        assertEquals(200, api.get("/v1/cases/" + caseId, official).status());
        assertTrue(wardList(police, "ISOLATING").contains(registry.duc));

        ObjectNode recovered = Json.object().put("type", "RECOVERED").put("at", api.now().toString()).put("reason", "two negative tests");
        assertEquals(403, record(registry.duc, recovered, police, null).status());
        Api.Answer released = record(registry.duc, Json.object().put("type", "RELEASED").put("at", api.now().toString())
                .put("reason", "r"), police, null);
        assertEquals(403, released.status(), "ward police do not end an F0's isolation");
        Api.Answer r = record(registry.duc, recovered, official, null);
        assertEquals(201, r.status(), r.text());
        assertEquals("RECOVERED", r.json().get("health").get("state").asText());
        assertEquals("GREEN", r.json().get("health").get("colour").asText());
        assertFalse(wardList(official, null).contains(registry.duc));
        // a recovered resident classified as a contact stays recovered
        Api.Answer shielded = record(registry.duc, classified("F1", api.now()), police, null);
        assertEquals(201, shielded.status(), shielded.text());
        assertEquals("RECOVERED", shielded.json().get("health").get("state").asText());
    }

    @Test
    void badEventsAre400AndUnknownCitizens404() {
        Instant now = api.now();
        assertEquals(400, record(registry.an, classified("F1", now.plusSeconds(3600)), police, null).status(), "future");
        assertEquals(400, record(registry.an, classified("F4", now), police, null).status());
        assertEquals(400, record(registry.an, classified("F1", now).put("reason", "x"), police, null).status(), "not of the type");
        assertEquals(400, record(registry.an, Json.object().put("type", "RELEASED").put("at", now.toString()), police, null).status());
        Api.Answer notF0 = record(registry.an, Json.object().put("type", "RECOVERED").put("at", now.toString()).put("reason", "x"),
                official, null);
        assertEquals(400, notF0.status(), notF0.text());
        assertEquals("NOT_F0", notF0.json().get("errors").get(0).get("code").asText());
        assertEquals(400, record(registry.an, Json.object().put("type", "DOSE").put("at", now.toString()), official, null).status());
        assertEquals(404, record("079999999999", classified("F1", now), official, null).status());
        assertEquals(404, api.get("/v1/citizens/079999999999/health", official).status());
    }

    @Test
    void scopes() {
        Instant now = api.now();
        String otherPolice = api.token("WARD_POLICE", "police-b", "wardCode", registry.wardB);
        String otherProvince = "79".equals(province) ? "01" : "79";
        String foreignOfficial = api.token("HEALTH_OFFICIAL", "official-x", "provinceCode", otherProvince);
        String national = api.token("HEALTH_OFFICIAL", "official-n", null, null);
        assertEquals(403, record(registry.emInconsistent, classified("F3", now), otherPolice, null).status());
        assertEquals(403, record(registry.emInconsistent, classified("F3", now), foreignOfficial, null).status());
        assertEquals(403, record(registry.emInconsistent, classified("F3", now), api.officer(registry.cpA), null).status());
        assertEquals(403, record(registry.emInconsistent, classified("F3", now), api.admin(), null).status());
        assertEquals(401, record(registry.emInconsistent, classified("F3", now), null, null).status());
        assertEquals(403, api.get("/v1/citizens/" + registry.emInconsistent + "/health", otherPolice).status());
        assertEquals(403, api.get("/v1/citizens/" + registry.emInconsistent + "/health", foreignOfficial).status());
        assertEquals(403, api.get("/v1/wards/" + registry.wardA + "/health", otherPolice).status());
        assertEquals(403, api.get("/v1/wards/" + registry.wardA + "/health", foreignOfficial).status());
        assertEquals(200, api.get("/v1/wards/" + registry.wardA + "/health", national).status());
        assertEquals(400, api.get("/v1/wards/" + registry.wardA + "/health?state=RECOVERED", police).status());
        assertEquals(201, record(registry.emInconsistent, classified("F3", now), national, null).status());
    }
}

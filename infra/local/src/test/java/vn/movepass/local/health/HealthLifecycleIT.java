package vn.movepass.local.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Registry;
import vn.movepass.shared.json.Json;

/** An F1's lifecycle judged by the clock: QUARANTINED for 14 days, MONITORING for 7, then NONE everywhere. */
@FreshRuntime("the dev clock moves through a quarantine")
class HealthLifecycleIT {
    Api api;

    @BeforeEach
    void start(Api fresh) {
        api = fresh;
        Registry.load(api);
    }

    JsonNode health(String token) {
        Api.Answer a = api.get("/v1/citizens/" + Registry.BINH + "/health", token);
        assertEquals(200, a.status(), a.text());
        return a.json().get("health");
    }

    String status() {
        String official = api.token("HEALTH_OFFICIAL", "official-life", "provinceCode", "79");
        return api.get("/v1/citizens/" + Registry.BINH + "/status", official).json().get("classification").asText();
    }

    void advance(String duration) {
        assertEquals(200, api.post("/dev/clock", Map.of("advance", duration), null).status());
    }

    @Test
    void anF1IsQuarantinedThenMonitoredThenNone() {
        String police = api.token("WARD_POLICE", "police-life", "wardCode", "26734");
        Api.Answer a = api.post("/v1/citizens/" + Registry.BINH + "/health-events", Json.object().put("type", "CLASSIFIED")
                .put("level", "F1").put("at", api.now().minusSeconds(60).toString()), police);
        assertEquals(201, a.status(), a.text());
        assertEquals("QUARANTINED", health(police).get("state").asText());
        assertEquals("F1", status());

        advance("P14D");
        police = api.token("WARD_POLICE", "police-life", "wardCode", "26734");
        JsonNode monitoring = health(police);
        assertEquals("MONITORING", monitoring.get("state").asText());
        assertEquals("AMBER", monitoring.get("colour").asText());
        assertEquals("F1", status());

        advance("P7D");
        police = api.token("WARD_POLICE", "police-life", "wardCode", "26734");
        JsonNode none = health(police);
        assertEquals("NONE", none.get("state").asText());
        assertEquals("NONE", none.get("level").asText());
        assertEquals("NONE", status(), "/status reads NONE once the period ended by the clock");
        Api.Answer list = api.get("/v1/wards/26734/health", police);
        assertEquals(0, list.json().get("items").size(), list.text());
    }
}

package vn.movepass.local.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.shared.json.Json;

/** Declarations meet health: a RED resident is turned away unless the trip is MEDICAL; the pass carries the registry's name. */
@SharedRuntime
class HealthDeclarationsIT {
    static Api api;
    static Registry registry;
    static String police;

    @BeforeAll
    static void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
        police = api.token("WARD_POLICE", "police-decl", "wardCode", registry.wardA);
    }

    @Test
    void aQuarantinedResidentIsRejectedUnlessTheTripIsMedical() {
        Api.Answer f1 = api.post("/v1/citizens/" + registry.binh + "/health-events", Json.object().put("type", "CLASSIFIED")
                .put("at", api.now().minusSeconds(60).toString()).put("level", "F1"), police);
        assertEquals(201, f1.status(), f1.text());
        ObjectNode body = api.declaration(registry.binh, "Trần Thị Bình", "1995-02-01", "FEMALE");
        Api.Answer rejected = api.post("/v1/declarations", body, null);
        assertEquals(201, rejected.status(), rejected.text());
        assertEquals("REJECTED", rejected.json().get("status").asText());
        assertEquals("ISOLATING", rejected.json().get("reasons").get(0).asText());

        body.put("purpose", "MEDICAL");
        Api.Answer medical = api.post("/v1/declarations", body, null);
        assertEquals("ACCEPTED", medical.json().get("status").asText(), medical.text());
        assertEquals(true, medical.json().get("flags").toString().contains("ISOLATING"));
    }

    @Test
    void thePassShowsTheRegistrysSpelling() {
        Api.Answer a = api.post("/v1/declarations", api.declaration(registry.an, "Nguyen Van An", "1990-05-17", "MALE"), null);
        assertEquals("ACCEPTED", a.json().get("status").asText(), a.text());
        JsonNode pass = a.json().get("pass");
        JsonNode shown = api.get("/v1/passes/" + pass.get("passId").asText()).json();
        assertEquals("Nguyễn Văn An", shown.get("holder").get("fullName").asText());
        String officer = api.officer(registry.cpA);
        JsonNode scan = api.post("/v1/checkpoints/" + registry.cpA + "/scans", Map.of("code", pass.get("token").asText(),
                "direction", "IN", "record", false), officer).json();
        assertEquals("Nguyễn Văn An", scan.get("holder").get("fullName").asText(), scan.toString());
    }
}

package vn.movepass.local.checkpointhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.local.testkit.TraceWorld;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthState;
import vn.movepass.shared.health.Phase;
import vn.movepass.shared.store.PassTableKeys;

/**
 * The checkpoint decides with health: the scan's {@code health} and {@code advice} for RED, AMBER and GREEN holders,
 * the deliberate second step (a reason) to let a RED holder through, and the province policy with the card as the pass.
 * The health copy on a pass and the STATUS item are written directly (the events API is another part of the issue).
 * Policies are per province: this class owns province 92 (Cần Thơ), which no other test uses, so it runs on the shared
 * runtime.
 */
@SharedRuntime
class CheckpointHealthIT {
    static final String PROVINCE = "92";
    Api api;
    Registry registry;
    String officer;

    @BeforeEach
    void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
        officer = api.officer(registry.cpA);
    }

    static String f0() {
        return new HealthSnapshot(List.of(new Phase("F0", HealthState.ISOLATING, Instant.now().minus(Duration.ofDays(2)), null)),
                "case-x", null).encode();
    }

    static String f2() {
        Instant now = Instant.now();
        return new HealthSnapshot(List.of(new Phase("F2", HealthState.MONITORING, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(6)))), null, null).encode();
    }

    JsonNode declare(String citizenId, String name, String dob, String gender) {
        Api.Answer a = api.post("/v1/declarations", api.declaration(citizenId, name, dob, gender), null);
        assertEquals(201, a.status(), a.text());
        return a.json().get("pass");
    }

    void copyOntoPass(JsonNode pass, String encoded) {
        api.runtime.dynamo().updateItem(UpdateItemRequest.builder()
                .tableName(api.runtime.provisioned().tableName("PassesTable"))
                .key(Map.of("pk", AttributeValue.fromS(PassTableKeys.pass(pass.get("passId").asText()))))
                .updateExpression("SET health = :h, healthVersion = :v")
                .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(encoded), ":v", AttributeValue.fromN("1")))
                .build());
    }

    void status(String citizenId, String encoded) {
        api.runtime.dynamo().putItem(PutItemRequest.builder()
                .tableName(api.runtime.provisioned().tableName("HealthTable"))
                .item(Map.of("pk", AttributeValue.fromS(citizenId), "sk", AttributeValue.fromS("STATUS"),
                        "health", AttributeValue.fromS(encoded), "version", AttributeValue.fromN("1")))
                .build());
    }

    JsonNode scan(String checkpointId, String token, String code, boolean record) {
        Api.Answer a = api.post("/v1/checkpoints/" + checkpointId + "/scans", Map.of("code", code, "direction", "IN", "record", record),
                token);
        assertEquals(200, a.status(), a.text());
        return a.json();
    }

    Api.Answer confirm(String checkpointId, String token, JsonNode scan, String decision, String reason) {
        var body = new java.util.LinkedHashMap<String, Object>(Map.of("scanId", scan.get("scanId").asText(), "direction", "IN",
                "decision", decision));
        if (reason != null) {
            body.put("overrideReason", reason);
        }
        return api.post("/v1/checkpoints/" + checkpointId + "/passages", body, token);
    }

    @Test
    void theScanAnswersHealthAndAdviceFromThePassCopy() {
        JsonNode pass = declare(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE");
        String token = pass.get("token").asText();
        JsonNode green = scan(registry.cpA, officer, token, false);
        assertEquals("GREEN", green.get("health").get("colour").asText());
        assertEquals("NONE", green.get("health").get("level").asText());
        assertEquals("ALLOW", green.get("advice").asText());

        copyOntoPass(pass, f2());
        JsonNode amber = scan(registry.cpA, officer, token, false);
        assertEquals("VALID", amber.get("verdict").asText(), "the verdict still speaks of the pass alone");
        assertEquals("AMBER", amber.get("health").get("colour").asText());
        assertEquals("MONITORING", amber.get("health").get("state").asText());
        assertEquals("F2", amber.get("health").get("level").asText());
        assertEquals("CHECK", amber.get("advice").asText());

        copyOntoPass(pass, f0());
        JsonNode red = scan(registry.cpA, officer, token, false);
        assertEquals("VALID", red.get("verdict").asText());
        assertEquals("RED", red.get("health").get("colour").asText());
        assertEquals("ISOLATING", red.get("health").get("state").asText());
        assertEquals("case-x", red.get("health").get("caseId").asText());
        assertEquals("TURN_BACK", red.get("advice").asText());
        // the short code reads the same pass
        JsonNode byCode = scan(registry.cpA, officer, pass.get("shortCode").asText(), false);
        assertEquals("TURN_BACK", byCode.get("advice").asText());
    }

    @Test
    void lettingARedHolderThroughIsADeliberateSecondStepWithAReason() {
        JsonNode pass = declare(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE");
        copyOntoPass(pass, f0());
        JsonNode red = scan(registry.cpA, officer, pass.get("token").asText(), false);
        Api.Answer refused = confirm(registry.cpA, officer, red, "ALLOWED", null);
        assertEquals(400, refused.status(), refused.text());
        assertEquals("overrideReason", refused.json().get("errors").get(0).get("field").asText());
        assertEquals(400, confirm(registry.cpA, officer, red, "ALLOWED", "   ").status());
        Api.Answer allowed = confirm(registry.cpA, officer, red, "ALLOWED", "chở người nhà đi cấp cứu");
        assertEquals(201, allowed.status(), allowed.text());
        var items = api.runtime.dynamo().query(QueryRequest.builder()
                .tableName(api.runtime.provisioned().tableName("PassagesTable")).indexName("byCitizen")
                .keyConditionExpression("citizenId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(registry.an))).build()).items();
        assertEquals(1, items.size());
        assertEquals("chở người nhà đi cấp cứu", items.get(0).get("overrideReason").s());

        JsonNode again = scan(registry.cpA, officer, pass.get("token").asText(), false);
        assertEquals(201, confirm(registry.cpA, officer, again, "TURNED_BACK", null).status(), "turning back needs no reason");
        JsonNode camera = scan(registry.cpA, officer, pass.get("token").asText(), true);
        assertTrue(camera.get("passageId").isNull(), "a fixed scanner never lets a RED holder through on its own");
    }

    /** A ward of province 92 for this namespace's own checkpoint. */
    String provinceCheckpoint(String name) {
        var units = AdministrativeUnits.get();
        String district = units.districtsOf(PROVINCE).get(0).code();
        String ward = units.wardsOf(district).get(0).code();
        String id = registry.checkpoint(name);
        api.checkpoint(id, ward);
        return id;
    }

    Api.Answer putPolicy(boolean cardOnly, boolean complete, String token) {
        return api.send("PUT", "/v1/admin/provinces/" + PROVINCE + "/policy", "application/json",
                ("{\"cardOnly\":" + cardOnly + ",\"requireCompleteVaccination\":" + complete + "}").getBytes(), token);
    }

    @Test
    void theProvincePolicyMakesTheCardThePassAndCanRequireVaccination() {
        String before = provinceCheckpoint("CP-CT1");
        String health92 = api.token("HEALTH_OFFICIAL", "health-92", "provinceCode", PROVINCE);
        String health79 = api.token("HEALTH_OFFICIAL", "health-79", "provinceCode", "79");
        assertEquals(403, putPolicy(true, false, health79).status());
        Api.Answer put = putPolicy(true, false, health92);
        assertEquals(200, put.status(), put.text());
        assertTrue(put.json().get("cardOnly").asBoolean());
        String after = provinceCheckpoint("CP-CT2");
        JsonNode got = api.get("/v1/admin/provinces/" + PROVINCE + "/policy", api.admin()).json();
        assertTrue(got.get("cardOnly").asBoolean());
        assertFalse(got.get("requireCompleteVaccination").asBoolean());
        assertEquals(404, api.get("/v1/admin/provinces/99/policy", api.admin()).status());
        JsonNode listed = api.get("/v1/admin/checkpoints?limit=500", api.admin()).json();
        for (JsonNode c : listed.get("items")) {
            assertFalse(c.get("checkpointId").asText().startsWith("POLICY#"), "policies never show in the checkpoint list");
        }

        String card = registry.card("079303000333||Pham Thi Dung|04042003|Nữ|9 Pasteur|01072021");
        for (String cp : List.of(before, after)) {
            JsonNode s = scan(cp, api.officer(cp), card, false);
            assertEquals("CARD_ONLY", s.get("verdict").asText(), cp);
            assertEquals("Phạm Thị Dung", s.get("holder").get("fullName").asText(), "the registry's spelling");
            assertEquals("GREEN", s.get("health").get("colour").asText());
            assertEquals("ALLOW", s.get("advice").asText());
        }
        // the same card at a checkpoint of a province without the policy
        assertEquals("NO_VALID_PASS", scan(registry.cpA, officer, card, false).get("verdict").asText());

        status(registry.binh, f0());
        JsonNode red = scan(before, api.officer(before), registry.card("079195000111||Trần Thị Bình|01021995|Nữ|3 HBT|01072021"),
                false);
        assertEquals("CARD_ONLY", red.get("verdict").asText());
        assertEquals("RED", red.get("health").get("colour").asText());
        assertEquals("TURN_BACK", red.get("advice").asText());
        assertEquals(400, confirm(before, api.officer(before), red, "ALLOWED", null).status());

        Api.Answer vaccination = putPolicy(false, true, api.admin());
        assertEquals(200, vaccination.status(), vaccination.text());
        assertEquals("NO_VALID_PASS", scan(after, api.officer(after), card, false).get("verdict").asText());
        JsonNode pass = declare(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE");
        JsonNode amber = scan(after, api.officer(after), pass.get("token").asText(), false);
        assertEquals("AMBER", amber.get("health").get("colour").asText(), "not vaccinated, and the province requires it");
        assertFalse(amber.get("health").get("vaccination").get("complete").asBoolean());
        assertEquals("GREEN", scan(registry.cpA, officer, pass.get("token").asText(), false).get("health").get("colour").asText());
        assertEquals(200, putPolicy(true, false, api.admin()).status());
    }

    @Test
    void aCardOnlyPassageIsFedCountedAndTraced() {
        String cp = provinceCheckpoint("CP-CT3");
        assertEquals(200, putPolicy(true, false, api.admin()).status());
        String token = api.officer(cp);
        JsonNode dung = scan(cp, token, registry.card("079303000333||Phạm Thị Dung|04042003|Nữ|9 Pasteur|01072021"), false);
        JsonNode duc = scan(cp, token, registry.card("079088000444||Đặng Văn Đức|06061988|Nam|1 Nguyễn Huệ|01072021"), false);
        assertEquals("CARD_ONLY", dung.get("verdict").asText(), dung.toString());
        Api.Answer first = confirm(cp, token, dung, "ALLOWED", null);
        assertEquals(201, first.status(), first.text());
        assertEquals(200, confirm(cp, token, dung, "ALLOWED", null).status(), "one passage per scan");
        assertEquals(201, confirm(cp, token, duc, "ALLOWED", null).status());

        String today = api.today().toString();
        String police = api.token("WARD_POLICE", "police-" + registry.wardA, "wardCode", registry.wardA);
        JsonNode feed = api.get("/v1/wards/" + registry.wardA + "/feed?date=" + today, police).json();
        long arrivals = 0;
        for (JsonNode item : feed.get("items")) {
            if (cp.equals(item.get("checkpointId").asText()) && "ARRIVAL".equals(item.get("kind").asText())) {
                arrivals++;
            }
        }
        assertEquals(2, arrivals, "fed to the residents' ward: " + feed);

        String ward = AdministrativeUnits.get().wardsOf(AdministrativeUnits.get().districtsOf(PROVINCE).get(0).code()).get(0).code();
        JsonNode report = api.get("/v1/reports/daily?date=" + today + "&unit=ward:" + ward, api.admin()).json();
        assertTrue(report.get("passages").get("in").asInt() >= 2, report.toString());

        TraceWorld world = new TraceWorld(api);
        String caseId = world.open(registry.dung, Instant.now());
        world.awaitComplete(caseId, Duration.ofSeconds(60));
        Map<String, String> contacts = world.contacts(caseId);
        assertNotNull(contacts.get(registry.duc), "a card-only passage is traced: " + contacts);
        assertTrue(contacts.get(registry.duc).startsWith("F1 " + registry.dung + " SAME_CHECKPOINT " + cp), contacts.toString());
    }
}

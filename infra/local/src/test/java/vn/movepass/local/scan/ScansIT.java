package vn.movepass.local.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.shared.domain.Times;

/**
 * Checkpoint scans and passages: every verdict, alerts, recording, confirmation rules. On the shared runtime, each test
 * in a namespace of its own; what needs the clock to move is in {@link ScansOverTimeIT}.
 */
@SharedRuntime
class ScansIT {
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

    JsonNode declareAn() {
        Api.Answer a = api.post("/v1/declarations", api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"), null);
        assertEquals(201, a.status(), a.text());
        return a.json().get("pass");
    }

    JsonNode scan(String code, boolean record) {
        Api.Answer a = api.post("/v1/checkpoints/" + registry.cpA + "/scans", Map.of("code", code, "direction", "IN", "record", record),
                officer);
        assertEquals(200, a.status(), a.text());
        return a.json();
    }

    @Test
    void aFreshPassIsValidAndShowsWhatToCompareWithTheIdCard() {
        JsonNode pass = declareAn();
        JsonNode s = scan(pass.get("token").asText(), false);
        assertEquals("VALID", s.get("verdict").asText());
        assertEquals("Nguyễn Văn An", s.get("holder").get("fullName").asText());
        assertEquals("1990-05-17", s.get("holder").get("dateOfBirth").asText());
        assertEquals("079******456", s.get("holder").get("citizenIdMasked").asText());
        assertEquals("26734", s.get("declaration").get("origin").get("wardCode").asText());
        assertEquals("51A-123.45", s.get("declaration").get("vehicle").get("plate").asText());
        assertEquals(pass.get("passId").asText(), s.get("pass").get("passId").asText());
        assertTrue(s.get("passageId").isNull(), "nothing recorded without record:true");
        assertEquals(0, s.get("alerts").size());
    }

    @Test
    void theShortCodeAndTheChipCardFindTheSamePass() {
        JsonNode pass = declareAn();
        String typed = pass.get("shortCode").asText().toLowerCase().replace("-", " ");
        assertEquals(pass.get("passId").asText(), scan(typed, false).get("pass").get("passId").asText());
        String card = registry.card(
                "079090123456|025123456|Nguyễn Văn An|17051990|Nam|12 Lê Lợi, Tân Định, Quận 1, TP.HCM|01072021\u0000||");
        JsonNode s = scan(card, false);
        assertEquals("VALID", s.get("verdict").asText());
        assertEquals(pass.get("passId").asText(), s.get("pass").get("passId").asText());
    }

    @Test
    void cardsWithoutAPassOrOutsideTheRegistry() {
        JsonNode noPass = scan(registry.card("079195000111||Trần Thị Bình|01021995|Nữ|3 Hai Bà Trưng|01072021"), false);
        assertEquals("NO_VALID_PASS", noPass.get("verdict").asText());
        assertEquals("Trần Thị Bình", noPass.get("holder").get("fullName").asText());
        assertNull(noPass.get("pass").textValue());
        JsonNode unknown = scan("079099888777||Người Lạ|01011999|Nam|Đâu đó|01072021", false);
        assertEquals("UNKNOWN_CITIZEN", unknown.get("verdict").asText());
    }

    @Test
    void aRevokedPassAnswersRevoked() {
        JsonNode pass = declareAn();
        String path = "/v1/passes/" + pass.get("passId").asText() + "/revoke";
        assertEquals(403, api.post(path, Map.of("reason", "x"), officer).status());
        String health = api.token("HEALTH_OFFICIAL", "health-1", "provinceCode", "79");
        Api.Answer revoked = api.post(path, Map.of("reason", "positive test"), health);
        assertEquals(200, revoked.status(), revoked.text());
        assertEquals("REVOKED", revoked.json().get("status").asText());
        assertEquals("REVOKED", scan(pass.get("token").asText(), false).get("verdict").asText());
        assertEquals(410, api.get("/v1/passes/" + pass.get("passId").asText() + "/qr.svg").status());
    }

    @Test
    void everySingleCharacterChangeOfATokenIsInvalid() {
        String token = declareAn().get("token").asText();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        for (int i = 0; i < token.length(); i++) {
            char replacement = alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 7) % alphabet.length());
            String forged = token.substring(0, i) + replacement + token.substring(i + 1);
            assertEquals("INVALID", scan(forged, false).get("verdict").asText(), "position " + i);
        }
        assertEquals("INVALID", scan("hello", false).get("verdict").asText());
    }

    @Test
    void aPassIssuedBeforeItsHolderIsFoundF0ShowsTheAlertOnTheNextScan() {
        JsonNode pass = declareAn();
        assertEquals(List.of(), texts(scan(pass.get("token").asText(), false).get("alerts")));
        String health = api.token("HEALTH_OFFICIAL", "health-scans", null, null);
        Api.Answer opened = api.post("/v1/cases", Map.of("citizenId", registry.an, "classification", "F0",
                "detectedAt", Times.iso(api.now())), health);
        assertEquals(202, opened.status(), opened.text());
        // the token scan reads the pass alone: the level was copied onto it when the case was opened
        assertEquals(List.of("F0"), texts(scan(pass.get("token").asText(), false).get("alerts")));
        assertEquals(List.of("F0"), texts(scan(pass.get("shortCode").asText(), false).get("alerts")));
    }

    @Test
    void aPassIssuedToAMonitoredContactCarriesTheAlertFromTheStartUntilThePeriodEnds() {
        // an F2 monitors for 7 days (AMBER: the declaration is accepted); the pass carries the health copy
        String health = api.token("HEALTH_OFFICIAL", "health-scans", null, null);
        Api.Answer classified = api.post("/v1/citizens/" + registry.an + "/health-events", Map.of("type", "CLASSIFIED",
                "level", "F2", "at", Times.iso(api.now().minusSeconds(60))), health);
        assertEquals(201, classified.status(), classified.text());
        JsonNode pass = declareAn();
        JsonNode scanned = scan(pass.get("token").asText(), false);
        assertEquals(List.of("F2"), texts(scanned.get("alerts")));
        assertEquals("MONITORING", scanned.get("health").get("state").asText());
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aCameraScanRecordsAtOnceAndTheOfficerConfirmsOncePerScan() {
        JsonNode pass = declareAn();
        JsonNode camera = scan(pass.get("token").asText(), true);
        assertNotNull(camera.get("passageId").textValue());

        JsonNode s = scan(pass.get("token").asText(), false);
        Map<String, Object> confirm = Map.of("scanId", s.get("scanId").asText(), "direction", "OUT", "decision", "ALLOWED");
        Api.Answer first = api.post("/v1/checkpoints/" + registry.cpA + "/passages", confirm, officer);
        assertEquals(201, first.status(), first.text());
        Api.Answer again = api.post("/v1/checkpoints/" + registry.cpA + "/passages", confirm, officer);
        assertEquals(200, again.status());
        assertEquals(first.json().get("passageId").asText(), again.json().get("passageId").asText());

        var passages = api.runtime.dynamo().query(QueryRequest.builder()
                .tableName(api.runtime.provisioned().tableName("PassagesTable")).indexName("byCitizen")
                .keyConditionExpression("citizenId = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS(registry.an)))
                .build()).items();
        assertEquals(2, passages.size(), "the camera's passage and the confirmed one, nothing doubled");
        var confirmed = passages.stream().filter(p -> p.get("direction").s().equals("OUT")).findFirst().orElseThrow();
        assertEquals("51A-123.45", confirmed.get("vehiclePlate").s(), "the declaration's plate when none is given");
        assertEquals(registry.cpA, confirmed.get("checkpointId").s());
    }

}

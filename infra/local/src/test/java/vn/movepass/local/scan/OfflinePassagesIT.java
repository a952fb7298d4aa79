package vn.movepass.local.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;

/**
 * {@code POST /v1/checkpoints/{id}/offline-passages}: what the checkpoint page confirmed without network is recorded
 * once, at the instant the officer confirmed, traced like any passage; a forged token, an instant outside the last
 * 24 h or another checkpoint's officer stores nothing.
 */
@SharedRuntime
class OfflinePassagesIT {
    Api api;
    Registry registry;
    String officer;
    String path;

    @BeforeEach
    void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
        officer = api.officer(registry.cpA);
        path = "/v1/checkpoints/" + registry.cpA + "/offline-passages";
    }

    private String token() {
        Api.Answer a = api.post("/v1/declarations", api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"), null);
        assertEquals(201, a.status(), a.text());
        return a.json().get("pass").get("token").asText();
    }

    private Map<String, Object> body(String token, Instant at, String confirmationId) {
        return Map.of("token", token, "at", at.toString(), "direction", "IN", "decision", "ALLOWED", "confirmationId", confirmationId);
    }

    private List<Map<String, AttributeValue>> passagesOfAn() {
        return api.runtime.dynamo().query(QueryRequest.builder()
                .tableName(api.runtime.provisioned().tableName("PassagesTable")).indexName("byCitizen")
                .keyConditionExpression("citizenId = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS(registry.an)))
                .build()).items();
    }

    @Test
    void aConfirmationSentLaterIsOnePassageAtTheInstantItWasMadeHoweverOftenItIsSent() {
        String token = token();
        Instant at = api.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String id = UUID.randomUUID().toString();
        Api.Answer first = api.post(path, body(token, at, id), officer);
        assertEquals(201, first.status(), first.text());
        String passageId = first.json().get("passageId").asText();
        Api.Answer again = api.post(path, body(token, at, id), officer);
        assertEquals(200, again.status(), again.text());
        assertEquals(passageId, again.json().get("passageId").asText());
        Api.Answer otherInstant = api.post(path, body(token, at.plusSeconds(90), id), officer);
        assertEquals(200, otherInstant.status(), otherInstant.text());
        assertEquals(passageId, otherInstant.json().get("passageId").asText(), "the confirmation id decides, not the instant");

        List<Map<String, AttributeValue>> stored = passagesOfAn();
        assertEquals(1, stored.size());
        assertEquals(at.toString(), stored.get(0).get("at").s());
        assertEquals("ALLOWED", stored.get(0).get("decision").s());
        assertEquals("VALID", stored.get(0).get("verdict").s());
        assertEquals(registry.cpA, stored.get(0).get("checkpointId").s());

        String health = api.token("HEALTH_OFFICIAL", "health-offline", "provinceCode", "79");
        JsonNode movements = api.get("/v1/citizens/" + registry.an + "/movements", health).json();
        assertEquals(passageId, movements.get("passages").get(0).get("passageId").asText(), "traced like any passage");
    }

    @Test
    void aForgedTokenOrAnInstantOutsideTheLastDayStoresNothing() {
        String token = token();
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        Api.Answer f = api.post(path, body(forged, api.now().minusSeconds(60), UUID.randomUUID().toString()), officer);
        assertEquals(400, f.status(), f.text());
        assertTrue(f.text().contains("\"token\""), f.text());
        Api.Answer old = api.post(path, body(token, api.now().minus(Duration.ofHours(25)), UUID.randomUUID().toString()), officer);
        assertEquals(400, old.status(), old.text());
        assertTrue(old.text().contains("TOO_OLD"), old.text());
        Api.Answer future = api.post(path, body(token, api.now().plus(Duration.ofMinutes(10)), UUID.randomUUID().toString()), officer);
        assertEquals(400, future.status(), future.text());
        Api.Answer badId = api.post(path, body(token, api.now().minusSeconds(60), "short"), officer);
        assertEquals(400, badId.status(), badId.text());
        assertEquals(0, passagesOfAn().size());
    }

    @Test
    void onlyAnOfficerOfThatCheckpointMayRecordAndNotACameraScanner() {
        String token = token();
        Map<String, Object> b = body(token, api.now().minusSeconds(60), UUID.randomUUID().toString());
        assertEquals(403, api.post(path, b, api.officer(registry.cpB)).status());
        String camera = api.post("/dev/tokens", Map.of("role", "CHECKPOINT_OFFICER", "sub", "camera-offline",
                "checkpointId", registry.cpA, "device", "CAMERA"), null).json().get("token").asText();
        assertEquals(403, api.post(path, b, camera).status(), "a fixed camera never confirms");
        assertEquals(401, api.post(path, b, null).status());
        assertEquals(0, passagesOfAn().size());
    }
}

package vn.movepass.local.declaration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;

/** Declarations through the real gateway and handler, against DynamoDB Local. */
@SharedRuntime
class DeclarationsIT {
    static Api api;
    static Registry registry;

    @BeforeAll
    static void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
    }

    private JsonNode declare(ObjectNode body) {
        Api.Answer a = api.post("/v1/declarations", body, null);
        assertEquals(201, a.status(), a.text());
        return a.json();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aMatchingDeclarationGetsA72HourPass() {
        JsonNode d = declare(api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"));
        assertEquals("ACCEPTED", d.get("status").asText());
        assertEquals(List.of(), texts(d.get("reasons")));
        assertEquals(List.of(), texts(d.get("flags")));
        JsonNode pass = d.get("pass");
        Instant declaredAt = Instant.parse(d.get("declaredAt").asText());
        assertEquals(declaredAt, Instant.parse(pass.get("validFrom").asText()));
        assertEquals(declaredAt.plus(Duration.ofHours(72)), Instant.parse(pass.get("validUntil").asText()));
        assertTrue(pass.get("token").asText().startsWith("MP1:"));
        assertTrue(pass.get("passId").asText().matches("[A-Za-z0-9_-]{22}"), "128-bit pass id");
        assertTrue(pass.get("shortCode").asText().replace("-", "").length() <= 12);
        assertEquals("/v1/passes/" + pass.get("passId").asText() + "/qr.png", pass.get("qrPng").asText());

        JsonNode view = api.get("/v1/passes/" + pass.get("passId").asText()).json();
        assertEquals("VALID", view.get("status").asText());
        assertEquals("079******456", view.get("holder").get("citizenIdMasked").asText());
        assertEquals("Nguyễn Văn An", view.get("holder").get("fullName").asText());
        assertEquals(pass.get("token").asText(), view.get("token").asText());
        assertEquals("00001", view.get("destination").get("wardCode").asText());
    }

    @Test
    void namesMatchWhateverTheCaseAccentsNormalisationOrSpacing() {
        for (String name : List.of(Normalizer.normalize("Nguyễn Văn An", Normalizer.Form.NFD), "NGUYEN VAN AN",
                "  nguyễn   văn  an ")) {
            assertEquals("ACCEPTED", declare(api.declaration(registry.an, name, "1990-05-17", "MALE")).get("status").asText(), name);
        }
        assertEquals("ACCEPTED", declare(api.declaration(registry.duc, "DANG VAN DUC", "1988-06-06", "MALE"))
                .get("status").asText(), "đ = d");
    }

    @Test
    void everyRejectionReasonIsGivenAndStored() {
        assertReasons(api.declaration("079090999999", "Nguyễn Văn An", "1990-05-17", "MALE"), "NOT_IN_REGISTRY");
        assertReasons(api.declaration(registry.an, "Nguyễn Văn Ân Hai", "1990-05-17", "MALE"), "NAME_MISMATCH");
        assertReasons(api.declaration(registry.an, "Nguyễn Văn An", "1990-05-18", "MALE"), "DOB_MISMATCH");
        // the id says male, born 1990: declaring female also contradicts the id itself
        assertReasons(api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "FEMALE"), "GENDER_MISMATCH", "ID_INCONSISTENT");
        assertReasons(api.declaration(registry.emInconsistent, "Hoàng Văn Em", "1990-01-01", "MALE"), "ID_INCONSISTENT");
        assertReasons(api.declaration(registry.cuongDeceased, "Lê Văn Cường", "1985-03-03", "MALE"), "DECEASED");
        // CCCD rule: digit 4 = gender/century (3 = female, 2000s), digits 5-6 = birth year
        assertEquals("ACCEPTED", declare(api.declaration(registry.dung, "Phạm Thị Dung", "2003-04-04", "FEMALE"))
                .get("status").asText());
    }

    private void assertReasons(ObjectNode body, String... reasons) {
        JsonNode d = declare(body);
        assertEquals("REJECTED", d.get("status").asText());
        assertEquals(List.of(reasons), texts(d.get("reasons")));
        assertFalse(d.has("pass"), "no pass for a rejection");
        Map<String, AttributeValue> stored = api.runtime.dynamo().getItem(GetItemRequest.builder()
                .tableName(api.runtime.provisioned().tableName("DeclarationsTable"))
                .key(Map.of("declarationId", AttributeValue.fromS(d.get("declarationId").asText()))).build()).item();
        assertEquals("REJECTED", stored.get("status").s(), "rejections are stored and counted");
    }

    @Test
    void healthSignalsBecomeFlags() {
        ObjectNode body = api.declaration(registry.binh, "Trần Thị Bình", "1995-02-01", "FEMALE");
        ((ObjectNode) body.get("health")).putArray("symptoms").add("FEVER").add("COUGH");
        ((ObjectNode) body.get("health")).put("contactWithCase", true);
        body.putObject("test").put("method", "RAPID_ANTIGEN").put("result", "POSITIVE")
                .put("sampledAt", api.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        JsonNode d = declare(body);
        assertEquals("ACCEPTED", d.get("status").asText());
        assertEquals(List.of("SYMPTOMS", "CONTACT", "POSITIVE_TEST"), texts(d.get("flags")));
    }

    @Test
    void declarationsAndPassesCarryTheirRetention() {
        JsonNode d = declare(api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"));
        var dynamo = api.runtime.dynamo();
        Map<String, AttributeValue> declaration = dynamo.getItem(GetItemRequest.builder()
                .tableName(api.runtime.provisioned().tableName("DeclarationsTable"))
                .key(Map.of("declarationId", AttributeValue.fromS(d.get("declarationId").asText()))).build()).item();
        Instant declaredAt = Instant.parse(d.get("declaredAt").asText());
        assertEquals(declaredAt.plus(Duration.ofDays(30)).getEpochSecond(), Long.parseLong(declaration.get("expiresAt").n()));
        Map<String, AttributeValue> pass = dynamo.getItem(GetItemRequest.builder()
                .tableName(api.runtime.provisioned().tableName("PassesTable"))
                .key(Map.of("pk", AttributeValue.fromS("PASS#" + d.get("pass").get("passId").asText()))).build()).item();
        assertEquals(Instant.parse(d.get("pass").get("validUntil").asText()).getEpochSecond(), Long.parseLong(pass.get("expiresAt").n()));
        assertNotNull(pass.get("token"));
        assertFalse(pass.get("token").s().contains(registry.an), "the token holds no full citizen id");
    }
}

package vn.movepass.local.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import vn.movepass.shared.domain.Plates;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.PassageKeys;
import vn.movepass.shared.store.ResidentItem;

/** Test helpers for tracing: passages written straight into the table, cases opened and awaited through the API. */
public final class TraceWorld {
    public final Api api;
    public final DynamoDbTable<PassageItem> passages;
    public final DynamoDbTable<ResidentItem> residents;
    private final DynamoDbEnhancedClient enhanced;
    private int sequence;

    /** One passage to write. */
    public record Passage(String citizenId, String checkpointId, Instant at, String plate) {
    }

    public TraceWorld(Api api) {
        this.api = api;
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(api.runtime.dynamo()).build();
        this.passages = enhanced.table(api.runtime.provisioned().tableName("PassagesTable"), PassageItem.SCHEMA);
        this.residents = enhanced.table(api.runtime.provisioned().tableName("ResidentsTable"), ResidentItem.SCHEMA);
    }

    public void resident(String citizenId, String ward) {
        residents.putItem(ResidentItem.builder().citizenId(citizenId).fullName("Người " + citizenId.substring(8))
                .dateOfBirth("1990-01-01").gender("MALE").permanentWardCode(ward).currentWardCode(ward).build());
    }

    public void write(List<Passage> list) {
        List<PassageItem> items = new ArrayList<>();
        for (Passage p : list) {
            String id = String.format("p%06d", ++sequence);
            items.add(PassageItem.builder().pk(PassageKeys.partition(p.checkpointId(), p.at(), id))
                    .sk(PassageKeys.sort(p.at(), id)).passageId(id).checkpointId(p.checkpointId()).at(Times.iso(p.at()))
                    .direction("IN").decision("ALLOWED").vehiclePlate(p.plate()).plateKey(Plates.key(p.plate()))
                    .citizenId(p.citizenId()).verdict("VALID").officerSub("camera").build());
        }
        for (int i = 0; i < items.size(); i += 25) {
            var batch = WriteBatch.builder(PassageItem.class).mappedTableResource(passages);
            items.subList(i, Math.min(items.size(), i + 25)).forEach(batch::addPutItem);
            var built = batch.build();
            var result = enhanced.batchWriteItem(r -> r.writeBatches(built));
            assertTrue(result.unprocessedPutItemsForTable(passages).isEmpty());
        }
    }

    public String health() {
        return api.token("HEALTH_OFFICIAL", "health-national", null, null);
    }

    public String open(String citizenId, Instant detectedAt) {
        Api.Answer a = api.post("/v1/cases", Map.of("citizenId", citizenId, "classification", "F0",
                "detectedAt", Times.iso(detectedAt)), health());
        assertEquals(202, a.status(), a.text());
        assertEquals("TRACING", a.json().get("status").asText());
        return a.json().get("caseId").asText();
    }

    public JsonNode awaitComplete(String caseId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String token = health();
        while (true) {
            JsonNode c = api.get("/v1/cases/" + caseId, token).json();
            if ("COMPLETE".equals(c.get("status").asText())) {
                return c;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("case " + caseId + " did not complete: " + c);
            }
            sleep(100);
        }
    }

    /** Every contact of a case: citizen → "level via kind checkpoint at contactAt plate". */
    public Map<String, String> contacts(String caseId) {
        Map<String, String> out = new TreeMap<>();
        String token = health();
        String page = null;
        do {
            JsonNode c = api.get("/v1/cases/" + caseId + (page == null ? "" : "?pageToken=" + page), token).json();
            for (JsonNode contact : c.get("contacts")) {
                JsonNode e = contact.get("evidence");
                out.put(contact.get("citizenId").asText(), String.join(" ", contact.get("level").asText(),
                        contact.get("via").asText(), e.get("kind").asText(), e.get("checkpointId").asText(),
                        e.get("at").asText(), e.get("contactAt").asText(), e.get("plate").isNull() ? "-" : e.get("plate").asText()));
            }
            page = c.get("nextPageToken").isNull() ? null : c.get("nextPageToken").asText();
        } while (page != null);
        return out;
    }

    public String status(String citizenId) {
        return api.get("/v1/citizens/" + citizenId + "/status", health()).json().get("classification").asText();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

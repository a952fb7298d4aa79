package vn.movepass.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import vn.movepass.local.LocalRuntime;
import vn.movepass.bench.tracing.CityScenario;
import vn.movepass.bench.tracing.ReferenceTrace;
import vn.movepass.bench.tracing.TracingBench;
import vn.movepass.bench.tracing.TraceTallies;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.ResidentItem;

/**
 * End to end (a child JVM): the runtime is killed with SIGKILL at seeded points while it fans out F0 cases — half of
 * the kills 0–100 ms after a case's 202 (the trace unit's message just acknowledged), half later in the fan-out —
 * and restarted on the same data dir each time. Once a last runtime on that dir has drained, every case is COMPLETE
 * with exactly the in-memory reference's contacts, each contact has one CONTACT feed line and one national count,
 * and the dead-letter queues are empty.
 */
class KillDuringFanOutIT {
    static final CityScenario CITY = new CityScenario(
            new CityScenario.Size(900, 2, 60, 4, 4, 12, 14, 12), 952L, CityScenario.lastLocalMidnight());
    static final int DEPTH = 2;
    static final int KILLS = 5;
    static final long SEED = 23L;

    @TempDir
    Path dir;

    @Test
    void everyCaseCompletesExactlyAfterKillsMidFanOut() throws Exception {
        long t0 = System.nanoTime();
        RuntimeChild.Setup setup = new RuntimeChild.Setup(dir.resolve("data"), DEPTH, 2, Duration.ofSeconds(5));
        try (LocalRuntime runtime = LocalRuntime.start(setup.options())) {
            load(runtime);
        }
        Random random = new Random(SEED);
        int[] f0s = CITY.f0s();
        Map<String, Integer> caseOf = new LinkedHashMap<>();
        int next = 0;
        for (int k = 0; k < KILLS; k++) {
            try (ChildJvm child = setup.start(dir.resolve("child.log"))) {
                Http http = new Http(child.endpoint());
                String health = http.token("HEALTH_OFFICIAL", "health-kill", null, null);
                int upTo = (int) Math.round((k + 1) * (double) f0s.length / KILLS);
                for (; next < upTo; next++) {
                    Http.Answer a = http.post("/v1/cases", Map.of("citizenId", CityScenario.citizenId(f0s[next]),
                            "classification", "F0", "detectedAt", Times.iso(CITY.end())), health);
                    assertEquals(202, a.status(), a.text());
                    caseOf.put(a.json().get("caseId").asText(), f0s[next]);
                }
                Thread.sleep(k % 2 == 0 ? random.nextInt(101) : 100 + random.nextInt(1_900));
                child.kill();
            }
        }

        System.out.printf("kill -9 during a fan-out: %d cases opened, %d kills, %.1f s%n", caseOf.size(), KILLS,
                (System.nanoTime() - t0) / 1e9);
        try (LocalRuntime runtime = LocalRuntime.start(setup.options())) {
            Http http = new Http(runtime.baseUrl());
            String health = http.token("HEALTH_OFFICIAL", "health-kill", null, null);
            ReferenceTrace reference = new ReferenceTrace(CITY);
            long total = 0;
            long[] perLevel = new long[DEPTH + 1];
            for (Map.Entry<String, Integer> c : caseOf.entrySet()) {
                JsonNode view = awaitComplete(http, c.getKey(), health, Duration.ofSeconds(180));
                Map<String, String> expected = new TreeMap<>();
                reference.contacts(c.getValue(), CITY.end(), DEPTH).forEach((person, level) -> {
                    expected.put(CityScenario.citizenId(person), "F" + level);
                    perLevel[level]++;
                });
                assertEquals(expected, levels(http, c.getKey(), health), "case of " + CityScenario.citizenId(c.getValue()));
                assertEquals(expected.values().stream().filter("F1"::equals).count(), view.get("counts").get("F1").asLong());
                total += expected.size();
            }
            System.out.printf("kill -9 during a fan-out: %d contacts checked after %.1f s%n", total, (System.nanoTime() - t0) / 1e9);
            assertTrue(total > 100, "a fan-out worth interrupting: " + total + " contacts");
            assertTrue(runtime.awaitQueuesIdle(Duration.ofSeconds(60)), "queues drained");
            assertEquals(total, TraceTallies.contactFeedLines(runtime), "one CONTACT line per contact");
            Map<String, Long> national = TraceTallies.nationalCounters(runtime);
            assertEquals(perLevel[1], (long) national.getOrDefault("F1", 0L), "national F1 counters");
            assertEquals(perLevel[2], (long) national.getOrDefault("F2", 0L), "national F2 counters");
            TraceTallies.deadLetters(runtime).forEach((queue, n) -> assertEquals(0L, (long) n, queue + " is empty"));
        }
    }

    static JsonNode awaitComplete(Http http, String caseId, String token, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode c = http.get("/v1/cases/" + caseId, token).json();
            if ("COMPLETE".equals(c.get("status").asText())) {
                return c;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("case " + caseId + " did not complete: " + c);
            }
            Thread.sleep(100);
        }
    }

    /** Every contact of a case: citizen → level. */
    static Map<String, String> levels(Http http, String caseId, String token) {
        Map<String, String> out = new TreeMap<>();
        String page = null;
        do {
            JsonNode c = http.get("/v1/cases/" + caseId + (page == null ? "" : "?pageToken=" + page), token).json();
            for (JsonNode contact : c.get("contacts")) {
                out.put(contact.get("citizenId").asText(), contact.get("level").asText());
            }
            page = c.get("nextPageToken").isNull() ? null : c.get("nextPageToken").asText();
        } while (page != null);
        return out;
    }

    /** Residents and the city's passages, written straight into the tables. */
    static void load(LocalRuntime runtime) {
        var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(runtime.dynamo()).build();
        var residents = enhanced.table(runtime.provisioned().tableName("ResidentsTable"), ResidentItem.SCHEMA);
        var passages = enhanced.table(runtime.provisioned().tableName("PassagesTable"), PassageItem.SCHEMA);
        String[] wards = {"26734", "26737", "26740", "26743", "27457", "27460", "26881", "26509"};
        Batches<ResidentItem> r = new Batches<>(items -> write(enhanced, residents, ResidentItem.class, items));
        for (int p = 0; p < CITY.size().people(); p++) {
            r.add(ResidentItem.builder().citizenId(CityScenario.citizenId(p)).fullName("Cư dân " + p)
                    .dateOfBirth("1990-01-01").gender(p % 2 == 0 ? "MALE" : "FEMALE")
                    .permanentWardCode(wards[p % wards.length]).currentWardCode(wards[p % wards.length]).build());
        }
        r.flush();
        Batches<PassageItem> p = new Batches<>(items -> write(enhanced, passages, PassageItem.class, items));
        CITY.passages(p::add);
        p.flush();
        try {
            TracingBench.loadVisits(CITY, runtime, 1); // the venue stays: tracing through venues is under the kills too
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> void write(DynamoDbEnhancedClient enhanced, DynamoDbTable<T> table, Class<T> type, List<T> items) {
        var batch = WriteBatch.builder(type).mappedTableResource(table);
        items.forEach(batch::addPutItem);
        var built = batch.build();
        var result = enhanced.batchWriteItem(b -> b.writeBatches(built));
        assertTrue(result.unprocessedPutItemsForTable(table).isEmpty(), "a batch written whole");
    }

    /** Groups items by 25, as BatchWriteItem takes them. */
    static final class Batches<T> {
        private final Consumer<List<T>> sink;
        private List<T> items = new ArrayList<>(25);

        Batches(Consumer<List<T>> sink) {
            this.sink = sink;
        }

        void add(T item) {
            items.add(item);
            if (items.size() == 25) {
                flush();
            }
        }

        void flush() {
            if (!items.isEmpty()) {
                sink.accept(items);
                items = new ArrayList<>(25);
            }
        }
    }
}

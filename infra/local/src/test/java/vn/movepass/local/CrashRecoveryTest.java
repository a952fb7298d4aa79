package vn.movepass.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import vn.movepass.local.embedded.AwsClients;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.ResidentItem;

/**
 * The runtime is killed (SIGKILL, a process of its own) in the middle of a fan-out of many F0 cases and started
 * again on the same data dir: every trace completes, each case's contacts and levels are exactly those of the
 * tracing rule worked out in memory (so nothing was lost and nothing doubled), the case counts match, every contact
 * has one CONTACT line in its ward's feed and one count in the national F-level counters, and no message ended in
 * a dead-letter queue.
 */
class CrashRecoveryTest {
    static final CityScenario CITY = new CityScenario(
            new CityScenario.Size(1_500, 2, 100, 4, 4, 12, 14, 30), 952L, Instant.parse("2021-08-20T17:00:00Z"));
    static final int DEPTH = 2;

    @TempDir
    Path dataDir;

    static LocalRuntime.Options options(Path dataDir) {
        return LocalRuntime.Options.inMemory().withDataDir(dataDir).withWebRoot(null).withPollerThreads(2)
                .withVisibilityTimeout(Duration.ofSeconds(3))
                .withParameters(Map.of("TraceMaxDepth", Integer.toString(DEPTH)));
    }

    @Test
    void aRuntimeKilledMidFanOutCompletesEveryTraceExactlyOnRestart() throws Exception {
        String contactsTable;
        String casesTable;
        try (LocalRuntime runtime = LocalRuntime.start(options(dataDir))) {
            contactsTable = runtime.provisioned().tableName("ContactsTable");
            casesTable = runtime.provisioned().tableName("CasesTable");
            var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(runtime.dynamo()).build();
            TracingBench.loadResidents(enhanced.table(runtime.provisioned().tableName("ResidentsTable"), ResidentItem.SCHEMA),
                    enhanced, CITY.size().people(), 2);
            TracingBench.loadPassages(CITY, enhanced.table(runtime.provisioned().tableName("PassagesTable"), PassageItem.SCHEMA),
                    enhanced, 2);
        }

        Map<String, Integer> caseOf = new HashMap<>(); // caseId → F0 person
        long contactsAtKill;
        long completeAtKill;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillableRuntimeMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try {
            String baseUrl = awaitReady(child);
            try (Api api = new Api(baseUrl)) {
                String health = api.token("HEALTH_OFFICIAL", "health-crash", null, null);
                for (int f0 : CITY.f0s()) {
                    Api.Answer a = api.post("/v1/cases", Map.of("citizenId", CityScenario.citizenId(f0), "classification", "F0",
                            "detectedAt", vn.movepass.shared.domain.Times.iso(CITY.end())), health);
                    assertEquals(202, a.status(), a.text());
                    caseOf.put(a.json().get("caseId").asText(), f0);
                }
            }
            URI dynamoEndpoint = URI.create(new Api(baseUrl).get("/dev/endpoints").json().get("dynamodb").asText());
            try (DynamoDbClient dynamo = AwsClients.dynamoDb(dynamoEndpoint, List.of())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                do {
                    Thread.sleep(200);
                    contactsAtKill = TracingBench.countAll(dynamo, contactsTable);
                } while (contactsAtKill < 200 && System.nanoTime() < deadline);
                completeAtKill = TracingBench.count(dynamo, casesTable, "COMPLETE");
            }
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(completeAtKill < caseOf.size(), "killed before the fan-out ended (" + completeAtKill + " complete)");

        try (Api api = new Api(LocalRuntime.start(options(dataDir)))) {
            TraceWorld world = new TraceWorld(api);
            ReferenceTrace reference = new ReferenceTrace(CITY);
            long total = 0;
            long[] perLevel = new long[DEPTH + 1];
            for (Map.Entry<String, Integer> c : new TreeMap<>(caseOf).entrySet()) {
                var view = world.awaitComplete(c.getKey(), Duration.ofSeconds(240));
                Map<String, String> expected = new TreeMap<>();
                reference.contacts(c.getValue(), CITY.end(), DEPTH).forEach((person, level) -> {
                    expected.put(CityScenario.citizenId(person), "F" + level);
                    perLevel[level]++;
                });
                Map<String, String> levels = new TreeMap<>();
                world.contacts(c.getKey()).forEach((who, line) -> levels.put(who, line.substring(0, 2)));
                assertEquals(expected, levels, "case of " + CityScenario.citizenId(c.getValue()));
                assertEquals(expected.values().stream().filter("F1"::equals).count(), view.get("counts").get("F1").asLong());
                total += expected.size();
            }
            assertTrue(total > 500, "a fan-out worth interrupting: " + total + " contacts");
            var dynamo = api.runtime.dynamo();
            String feed = api.runtime.provisioned().tableName("WardFeedTable");
            long contactLines = 0;
            for (var page : dynamo.scanPaginator(r -> r.tableName(feed).select(Select.COUNT).filterExpression("kind = :k")
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("CONTACT"))))) {
                contactLines += page.count();
            }
            assertEquals(total, contactLines, "one CONTACT line per contact");
            Map<String, Long> national = nationalCounters(api);
            assertEquals(perLevel[1], (long) national.getOrDefault("F1", 0L), "national F1 counters");
            assertEquals(perLevel[2], (long) national.getOrDefault("F2", 0L), "national F2 counters");
            for (var q : api.runtime.provisioned().queues().entrySet()) {
                if (q.getKey().endsWith("Dlq")) {
                    String n = api.runtime.sqs().getQueueAttributes(r -> r.queueUrl(q.getValue().url()).attributeNamesWithStrings(
                            "ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages");
                    assertEquals("0", n, q.getKey() + " is empty");
                }
            }
        }
    }

    private static Map<String, Long> nationalCounters(Api api) {
        Map<String, Long> sums = new HashMap<>();
        String table = api.runtime.provisioned().tableName("DailyCountersTable");
        for (var item : api.runtime.dynamo().scanPaginator(r -> r.tableName(table).filterExpression("#u = :n")
                .expressionAttributeNames(Map.of("#u", "unit"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("national")))).items()) {
            for (String level : List.of("F1", "F2")) {
                if (item.containsKey(level)) {
                    sums.merge(level, Long.parseLong(item.get(level).n()), Long::sum);
                }
            }
        }
        return sums;
    }

    private static String awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = new CompletableFuture<>();
        java.util.Deque<String> last = new java.util.ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("READY ")) {
                        ready.complete(line.substring(6).trim());
                    }
                    last.addLast(line);
                    if (last.size() > 40) {
                        last.removeFirst();
                    }
                }
                ready.completeExceptionally(new IllegalStateException("the runtime process ended before it was ready:\n"
                        + String.join("\n", last)));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "killable-runtime-output");
        reader.setDaemon(true);
        reader.start();
        return ready.get(120, TimeUnit.SECONDS);
    }
}

package vn.movepass.bench.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.TraceWorld;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.ResidentItem;

/**
 * The embedded runtime is stopped in the middle of a fan-out of many F0 cases, with work in flight in its pollers,
 * and started again on the same data dir: every trace completes, each case's contacts and levels are exactly those of the
 * tracing rule worked out in memory (so nothing was lost and nothing doubled), the case counts match, every contact
 * has one CONTACT line in its ward's feed and one count in the national F-level counters, and no message ended in
 * a dead-letter queue.
 */
@FreshRuntime("stops a runtime mid-tracing and starts another on its data dir")
class CrashRecoveryIT {
    static final CityScenario CITY = new CityScenario(
            new CityScenario.Size(1_500, 2, 100, 4, 4, 12, 14, 30), 952L, CityScenario.lastLocalMidnight());
    static final int DEPTH = 2;

    @TempDir
    Path dataDir;

    static LocalRuntime.Options options(Path dataDir) {
        return LocalRuntime.Options.inMemory().withDataDir(dataDir).withWebRoot(null).withPollerThreads(2)
                .withVisibilityTimeout(Duration.ofSeconds(10))
                .withParameters(Map.of("TraceMaxDepth", Integer.toString(DEPTH)));
    }

    @Test
    void aRuntimeStoppedMidFanOutCompletesEveryTraceExactlyOnRestart() throws Exception {
        Map<String, Integer> caseOf = new HashMap<>(); // caseId → F0 person
        long completeAtStop;
        try (Api api = new Api(LocalRuntime.start(options(dataDir)))) {
            LocalRuntime runtime = api.runtime;
            var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(runtime.dynamo()).build();
            TracingBench.loadResidents(enhanced.table(runtime.provisioned().tableName("ResidentsTable"), ResidentItem.SCHEMA),
                    enhanced, CITY.size().people(), 2);
            TracingBench.loadPassages(CITY, enhanced.table(runtime.provisioned().tableName("PassagesTable"), PassageItem.SCHEMA),
                    enhanced, 2);
            TracingBench.loadVisits(CITY, runtime, 2);
            String health = api.token("HEALTH_OFFICIAL", "health-crash", null, null);
            for (int f0 : CITY.f0s()) {
                Api.Answer a = api.post("/v1/cases", Map.of("citizenId", CityScenario.citizenId(f0), "classification", "F0",
                        "detectedAt", Times.iso(CITY.end())), health);
                assertEquals(202, a.status(), a.text());
                caseOf.put(a.json().get("caseId").asText(), f0);
            }
            String contacts = runtime.provisioned().tableName("ContactsTable");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (TracingBench.countAll(runtime.dynamo(), contacts) < 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            completeAtStop = TracingBench.count(runtime.dynamo(), runtime.provisioned().tableName("CasesTable"), "COMPLETE");
        } // the stop: pollers, DynamoDB Local and ElasticMQ shut down with the fan-out's work in flight
        assertTrue(completeAtStop < caseOf.size(), "stopped before the fan-out ended (" + completeAtStop + " complete)");

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
            assertEquals(total, TraceTallies.contactFeedLines(api.runtime), "one CONTACT line per contact");
            Map<String, Long> national = TraceTallies.nationalCounters(api.runtime);
            assertEquals(perLevel[1], (long) national.getOrDefault("F1", 0L), "national F1 counters");
            assertEquals(perLevel[2], (long) national.getOrDefault("F2", 0L), "national F2 counters");
            TraceTallies.deadLetters(api.runtime).forEach((queue, n) -> assertEquals(0L, (long) n, queue + " is empty"));
        }
    }
}

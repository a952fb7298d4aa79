package vn.movepass.bench.tracing;

import static vn.movepass.bench.tracing.TracingBench.count;
import static vn.movepass.bench.tracing.TracingBench.countAll;
import static vn.movepass.bench.tracing.TracingBench.out;
import static vn.movepass.bench.tracing.TracingBench.secs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.movepass.local.LocalRuntime;
import vn.movepass.bench.durability.ChildJvm;
import vn.movepass.bench.durability.RuntimeChild;
import vn.movepass.local.embedded.AwsClients;
import vn.movepass.local.embedded.Provisioned;

/**
 * {@code bench tracing --crash}: the tracing bench on a fresh data dir, with the whole runtime stopped in-process
 * (closed, as {@code CrashRecoveryTest} does) once half the cases are complete or half the expected contacts are
 * written, whichever is seen first, and a new runtime started on the same data dir with the same options. With
 * {@code --kill} the runtime that traces runs in a child JVM and is killed with SIGKILL at that point instead (every
 * queue's visibility timeout 20 s in both lives, so that the batches in flight at the kill come back soon). When every
 * case is COMPLETE it checks what the queues and functions wrote against the in-memory rule: per case the same people
 * at the same levels, each case's counts, one CONTACT feed line per contact, the national F-level counters (a
 * contact published twice would count twice there), every contact marked reported, and empty dead-letter queues.
 * Prints counts only: no citizen id or name.
 */
final class TracingCrashBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every queue empty, nothing in flight and cases still not complete on this many checks in a row: stranded. */
    private static final int STRANDED_CHECKS = 5;
    /** With {@code --kill}: every queue's visibility timeout, so that a batch in flight at the kill comes back soon. */
    private static final Duration KILL_VISIBILITY = Duration.ofSeconds(20);

    private TracingCrashBench() {
    }

    /**
     * {@code reference}: F0 → contact → level, from {@link ReferenceTrace}; {@code expected}: the reference's contacts
     * per level (index 1..depth). {@code options} are those of the normal run; a temp data dir is added to them. With
     * {@code kill} the first life is a child JVM SIGKILLed (see {@link #killChild}) instead of a runtime closed here.
     */
    static int run(CityScenario city, int[] f0s, Map<Integer, Map<Integer, Integer>> reference, long[] expected, int threads,
                   LocalRuntime.Options options, boolean kill) throws Exception {
        Path dataDir = Files.createTempDirectory("movepass-bench-crash-");
        try {
            return run(city, f0s, reference, expected, threads, options.withDataDir(dataDir), dataDir, kill);
        } finally {
            delete(dataDir);
        }
    }

    /** What the first life had done when it was stopped or killed. */
    private record Stop(long passages, double seconds, String trigger, long complete, long contacts) {
    }

    private static int run(CityScenario city, int[] f0s, Map<Integer, Map<Integer, Integer>> reference, long[] expected,
                           int threads, LocalRuntime.Options options, Path dataDir, boolean kill) throws Exception {
        Map<String, Integer> caseOf = new LinkedHashMap<>(); // caseId → F0
        out("data dir: %s (fresh, on disk; deleted at the end)", dataDir);
        Stop stop;
        if (kill) {
            // the child's runtime and the restarted one: the bench's options, and in-flight messages back 20 s after the kill
            RuntimeChild.Setup setup = new RuntimeChild.Setup(dataDir, expected.length - 1, threads, KILL_VISIBILITY);
            options = setup.options();
            stop = killChild(city, f0s, expected, threads, setup, caseOf);
        } else {
            stop = stopInProcess(city, f0s, expected, threads, options, caseOf);
        }
        long passages = stop.passages();
        double beforeStop = stop.seconds();
        String trigger = stop.trigger();
        long completeAtStop = stop.complete();
        long contactsAtStop = stop.contacts();
        if (completeAtStop >= caseOf.size()) {
            out("NOTE: every case was already complete at the stop, so the restart has nothing left to recover");
        }

        long restart = System.nanoTime();
        LocalRuntime runtime = LocalRuntime.start(options);
        try {
            out("restarted on the same data dir with the same options in %.1f s; tracing the rest…", secs(restart));
            DynamoDbClient dynamo = runtime.dynamo();
            String casesTable = runtime.provisioned().tableName("CasesTable");
            long lastPrint = 0;
            int idleChecks = 0;
            long complete;
            while (true) {
                boolean idle = runtime.awaitQueuesIdle(Duration.ofMillis(300));
                complete = count(dynamo, casesTable, "COMPLETE");
                if (complete >= caseOf.size()) {
                    break;
                }
                idleChecks = idle ? idleChecks + 1 : 0;
                if (idleChecks >= STRANDED_CHECKS) {
                    out("  stranded: %,d of %,d cases not COMPLETE with every queue empty and nothing in flight",
                            caseOf.size() - complete, caseOf.size());
                    break;
                }
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    TracingBench.progress(runtime, restart, complete, caseOf.size());
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(1000);
            }
            double afterRestart = secs(restart);
            return verify(runtime, caseOf, reference, expected, passages, beforeStop, afterRestart, trigger,
                    completeAtStop, contactsAtStop, complete);
        } finally {
            runtime.close();
        }
    }

    /** The first life in this JVM: loads, opens the cases, traces until half way, then closes the runtime. */
    private static Stop stopInProcess(CityScenario city, int[] f0s, long[] expected, int threads, LocalRuntime.Options options,
                                      Map<String, Integer> caseOf) throws Exception {
        Stop stop;
        LocalRuntime runtime = LocalRuntime.start(options);
        try {
            long passages = TracingBench.loadScenario(runtime, city, threads);
            stop = traceHalfWay(runtime.dynamo(), runtime.provisioned(), passages, runtime.baseUrl(),
                    TracingBench.healthToken(runtime), city, f0s, expected, caseOf, "stopping the runtime");
            out("stop at %.1f s (%s): %,d / %,d cases complete, %,d / %,d contacts written, %,d trace units open; %s",
                    stop.seconds(), stop.trigger(), stop.complete(), caseOf.size(), stop.contacts(), sum(expected),
                    count(runtime.dynamo(), runtime.provisioned().tableName("TraceWorkTable"), "OPEN"), queues(runtime));
        } finally {
            long stopping = System.nanoTime();
            runtime.close();
            out("stopped the runtime in-process in %.1f s (pollers let their in-flight batches finish, then DynamoDB Local"
                    + " and ElasticMQ closed)", secs(stopping));
        }
        return stop;
    }

    /**
     * The first life in a child JVM ({@link RuntimeChild}, as the kill -9 tests run it): the city is loaded here on
     * the data dir by a runtime closed before the child starts; the child opens the cases and traces until half way,
     * watched through its DynamoDB endpoint, and is killed with SIGKILL: no pollers finish, nothing is closed.
     */
    private static Stop killChild(CityScenario city, int[] f0s, long[] expected, int threads, RuntimeChild.Setup setup,
                                  Map<String, Integer> caseOf) throws Exception {
        long passages;
        String token;
        Provisioned names;
        try (LocalRuntime loader = LocalRuntime.start(setup.options())) {
            passages = TracingBench.loadScenario(loader, city, threads);
            token = TracingBench.healthToken(loader);
            names = loader.provisioned();
        }
        long starting = System.nanoTime();
        try (ChildJvm child = setup.start(setup.dataDir().resolve("child.log"));
             DynamoDbClient dynamo = AwsClients.dynamoDb(URI.create(child.endpoints().get(1)), List.of())) {
            out("loaded the city and started a child runtime JVM (pid %d) on the data dir in %.1f s", child.pid(),
                    secs(starting));
            Stop stop = traceHalfWay(dynamo, names, passages, child.endpoint(), token, city, f0s, expected, caseOf,
                    "killing the child runtime with SIGKILL");
            long open = count(dynamo, names.tableName("TraceWorkTable"), "OPEN");
            child.kill();
            out("SIGKILL at %.1f s (%s): %,d / %,d cases complete, %,d / %,d contacts written, %,d trace units open",
                    stop.seconds(), stop.trigger(), stop.complete(), caseOf.size(), stop.contacts(), sum(expected), open);
            return stop;
        }
    }

    /**
     * Opens every case through the API at {@code baseUrl} (into {@code caseOf}) and watches the tables until half the
     * cases are complete or half the expected contacts are written, whichever is seen first.
     */
    private static Stop traceHalfWay(DynamoDbClient dynamo, Provisioned names, long passages, String baseUrl, String token,
                                     CityScenario city, int[] f0s, long[] expected, Map<String, Integer> caseOf,
                                     String then) throws Exception {
        long expectedTotal = sum(expected);
        long start = System.nanoTime();
        List<String> answers = TracingBench.openCases(baseUrl, token, city, f0s);
        for (int i = 0; i < answers.size(); i++) {
            caseOf.put(JSON.readTree(answers.get(i)).get("caseId").asText(), f0s[i]);
        }
        out("opened %,d cases in %.1f s; tracing until half the cases are complete or half the %,d expected contacts"
                + " are written, whichever is seen first, then %s…", caseOf.size(), secs(start), expectedTotal, then);
        String casesTable = names.tableName("CasesTable");
        String contactsTable = names.tableName("ContactsTable");
        long lastPrint = 0;
        while (true) {
            long t0 = System.nanoTime();
            long complete = count(dynamo, casesTable, "COMPLETE");
            long contacts = countAll(dynamo, contactsTable);
            long took = System.nanoTime() - t0;
            if (complete * 2 >= caseOf.size() || contacts * 2 >= expectedTotal) {
                return new Stop(passages, secs(start), complete * 2 >= caseOf.size() ? "half the cases complete"
                        : "half the expected contacts written", complete, contacts);
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                out("  %.0f s: %,d / %,d cases complete, %,d contacts so far", secs(start), complete, caseOf.size(), contacts);
                lastPrint = System.nanoTime();
            }
            // the two count scans grow with the tables: keep them to about a fifth of the time
            Thread.sleep(Math.max(250, 4 * took / 1_000_000));
        }
    }

    private static long sum(long[] values) {
        return java.util.Arrays.stream(values).sum();
    }

    private static int verify(LocalRuntime runtime, Map<String, Integer> caseOf,
                              Map<Integer, Map<Integer, Integer>> reference, long[] expected, long passages, double beforeStop,
                              double afterRestart, String trigger, long completeAtStop, long contactsAtStop, long complete) {
        DynamoDbClient dynamo = runtime.dynamo();
        Provisioned provisioned = runtime.provisioned();
        long expectedTotal = java.util.Arrays.stream(expected).sum();

        // what was written, per case: citizen → level
        Map<String, Map<String, String>> written = new HashMap<>();
        long contacts = 0;
        long unreported = 0;
        for (var item : dynamo.scanPaginator(r -> r.tableName(provisioned.tableName("ContactsTable"))
                .projectionExpression("#c, #p, #l, #r")
                .expressionAttributeNames(Map.of("#c", "caseId", "#p", "citizenId", "#l", "level", "#r", "reported"))).items()) {
            contacts++;
            written.computeIfAbsent(item.get("caseId").s(), k -> new HashMap<>())
                    .put(item.get("citizenId").s(), item.containsKey("level") ? item.get("level").s() : "-");
            if (!item.containsKey("reported") || !Boolean.TRUE.equals(item.get("reported").bool())) {
                unreported++;
            }
        }
        long missing = 0;
        long extra = 0;
        long otherLevel = 0;
        int casesDiffering = 0;
        for (Map.Entry<String, Integer> c : caseOf.entrySet()) {
            Map<String, String> want = new HashMap<>();
            reference.get(c.getValue()).forEach((person, level) -> want.put(CityScenario.citizenId(person), "F" + level));
            Map<String, String> got = written.getOrDefault(c.getKey(), Map.of());
            long m = 0;
            long x = 0;
            long l = 0;
            for (Map.Entry<String, String> w : want.entrySet()) {
                String level = got.get(w.getKey());
                if (level == null) {
                    m++;
                } else if (!level.equals(w.getValue())) {
                    l++;
                }
            }
            for (String who : got.keySet()) {
                if (!want.containsKey(who)) {
                    x++;
                }
            }
            missing += m;
            extra += x;
            otherLevel += l;
            casesDiffering += m + x + l > 0 ? 1 : 0;
        }
        long strays = written.keySet().stream().filter(id -> !caseOf.containsKey(id)).count();
        boolean contactsMatch = casesDiffering == 0 && strays == 0 && contacts == expectedTotal;

        // each case's own counts (set when it turned COMPLETE)
        int countsDiffering = 0;
        for (var item : dynamo.scanPaginator(r -> r.tableName(provisioned.tableName("CasesTable"))).items()) {
            Integer f0 = caseOf.get(item.get("caseId").s());
            if (f0 == null) {
                continue;
            }
            long[] want = new long[4];
            reference.get(f0).values().forEach(level -> want[level]++);
            for (int level = 1; level <= 3; level++) {
                AttributeValue n = item.get("f" + level);
                if (n == null || Long.parseLong(n.n()) != want[level]) {
                    countsDiffering++;
                    break;
                }
            }
        }

        long feedLines = TraceTallies.contactFeedLines(runtime);
        Map<String, Long> national = TraceTallies.nationalCounters(runtime);
        boolean countersMatch = true;
        StringBuilder countersText = new StringBuilder();
        for (int level = 1; level <= 3; level++) {
            long want = level < expected.length ? expected[level] : 0;
            long got = national.getOrDefault("F" + level, 0L);
            countersMatch &= want == got;
            if (level < expected.length || got != 0) {
                countersText.append(countersText.length() == 0 ? "" : ", ")
                        .append(String.format("F%d %,d of %,d", level, got, want));
            }
        }

        long dead = 0;
        StringBuilder deadText = new StringBuilder();
        for (Map.Entry<String, Long> q : TraceTallies.deadLetters(runtime).entrySet()) {
            dead += q.getValue();
            deadText.append(deadText.length() == 0 ? "" : ", ").append(q.getKey()).append(' ').append(q.getValue());
        }

        boolean allComplete = complete >= caseOf.size();
        boolean ok = allComplete && contactsMatch && countsDiffering == 0 && feedLines == expectedTotal && countersMatch
                && unreported == 0 && dead == 0;
        out("");
        out("traced %,d F0 cases over %,d passages in %.1f s before the stop + %.1f s after the restart", caseOf.size(),
                passages, beforeStop, afterRestart);
        out("time before the stop: %.1f s (stopped at %s: %,d / %,d cases complete, %,d / %,d contacts written)", beforeStop,
                trigger, completeAtStop, caseOf.size(), contactsAtStop, expectedTotal);
        out("time after the restart: %.1f s (start on the data dir included) until %s", afterRestart,
                allComplete ? "every case was COMPLETE" : String.format("the trace stalled with %,d cases not COMPLETE",
                        caseOf.size() - complete));
        out("contacts written: %,d", contacts);
        out("every case COMPLETE after the restart: %s (%,d / %,d)", yes(allComplete), complete, caseOf.size());
        out("contacts equal to the in-memory reference: %s (%,d written, %,d expected%s)", yes(contactsMatch), contacts,
                expectedTotal, contactsMatch ? "; same people at the same levels in every case"
                        : String.format("; %,d cases differ: %,d missing, %,d extra, %,d at another level, %,d in unknown cases",
                        casesDiffering, missing, extra, otherLevel, strays));
        out("case counts equal to the reference: %s (%,d cases differ)", yes(countsDiffering == 0), countsDiffering);
        out("one CONTACT feed line per contact: %s (%,d lines, %,d contacts expected)", yes(feedLines == expectedTotal),
                feedLines, expectedTotal);
        out("national counters equal to the reference, none doubled: %s (%s)", yes(countersMatch), countersText);
        out("every contact marked reported: %s (%,d not)", yes(unreported == 0), unreported);
        out("dead-letter queues empty: %s (%s)", yes(dead == 0), deadText);
        return ok ? 0 : 1;
    }

    /** Messages waiting (and in flight) in each queue but the dead-letter ones. */
    private static String queues(LocalRuntime runtime) {
        StringBuilder text = new StringBuilder("queued:");
        for (var q : runtime.provisioned().queues().entrySet()) {
            if (q.getKey().endsWith("Dlq")) {
                continue;
            }
            var a = runtime.sqs().getQueueAttributes(r -> r.queueUrl(q.getValue().url()).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            text.append(String.format(" %s %,d (+%,d in flight)", q.getKey(),
                    Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                    Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))));
        }
        return text.toString();
    }

    private static String yes(boolean b) {
        return b ? "yes" : "NO";
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}

package vn.movepass.local.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;

/**
 * A short load of passage confirmations through the gateway from several client threads: camera scans with
 * {@code record: true} and officers' scan + confirm (sometimes confirmed twice). Every passage acknowledged to a
 * client (2xx with a passage id) is in PassagesTable, nothing else is, and no answer is a 5xx. Bounded by an
 * operation count and a deadline; nothing about timing is asserted.
 */
@SharedRuntime
class LoadReconciliationIT {
    static final int THREADS = 6;
    static final int OPERATIONS_PER_THREAD = 40;
    static final long DEADLINE_MILLIS = 25_000;
    static Api api;
    static Registry registry;

    @BeforeAll
    static void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
    }

    @Test
    void everyAcknowledgedPassageIsStoredOnceAndNoneElse() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (String[] person : List.of(new String[] {registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"},
                new String[] {registry.binh, "Trần Thị Bình", "1995-02-01", "FEMALE"},
                new String[] {registry.duc, "Đặng Văn Đức", "1988-06-06", "MALE"})) {
            Api.Answer a = api.post("/v1/declarations", api.declaration(person[0], person[1], person[2], person[3]), null);
            assertEquals(201, a.status(), a.text());
            tokens.add(a.json().get("pass").get("token").asText());
        }
        String officer = api.officer(registry.cpA);
        String camera = api.post("/dev/tokens", Map.of("role", "CHECKPOINT_OFFICER", "sub", "camera-" + registry.cpA,
                "checkpointId", registry.cpA, "device", "CAMERA"), null).json().get("token").asText();

        // the runtime is shared: the passages other classes stored before are not this load's
        Set<String> before = storedPassageIds();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                int operations = 0;
                for (int i = 0; i < OPERATIONS_PER_THREAD && System.nanoTime() < deadline; i++, operations++) {
                    String token = tokens.get((thread + i) % tokens.size());
                    String direction = i % 2 == 0 ? "IN" : "OUT";
                    if ((thread + i) % 3 == 0) {
                        Api.Answer scan = api.post("/v1/checkpoints/" + registry.cpA + "/scans",
                                Map.of("code", token, "direction", direction, "record", true), camera);
                        check(scan, Set.of(200), failures);
                        JsonNode passage = scan.status() == 200 ? scan.json().get("passageId") : null;
                        if (passage != null && !passage.isNull()) {
                            acknowledged.add(passage.asText());
                        }
                        continue;
                    }
                    Api.Answer scan = api.post("/v1/checkpoints/" + registry.cpA + "/scans",
                            Map.of("code", token, "direction", direction, "record", false), officer);
                    if (!check(scan, Set.of(200), failures)) {
                        continue;
                    }
                    Map<String, Object> confirm = Map.of("scanId", scan.json().get("scanId").asText(), "direction", direction,
                            "decision", i % 5 == 0 ? "TURNED_BACK" : "ALLOWED");
                    int repeats = i % 4 == 0 ? 2 : 1;
                    for (int r = 0; r < repeats; r++) {
                        Api.Answer confirmed = api.post("/v1/checkpoints/" + registry.cpA + "/passages", confirm, officer);
                        if (check(confirmed, r == 0 ? Set.of(201) : Set.of(200), failures)) {
                            acknowledged.add(confirmed.json().get("passageId").asText());
                        }
                    }
                }
                return operations;
            }));
        }
        int operations = 0;
        for (Future<Integer> f : done) {
            operations += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Set<String> stored = storedPassageIds();
        stored.removeAll(before);
        System.out.printf("load reconciliation: %d threads, %d operations, %d passages acknowledged, %d stored%n",
                THREADS, operations, acknowledged.size(), stored.size());
        assertTrue(failures.isEmpty(), "unexpected answers: " + failures);
        assertTrue(operations > 0, "no operation ran");
        assertEquals(acknowledged, stored, "passages acknowledged to the clients = passages stored");
    }

    /** Whether the answer is one of the expected 2xx; anything else (a 5xx above all) is noted. */
    private static boolean check(Api.Answer a, Set<Integer> expected, ConcurrentLinkedQueue<String> failures) {
        if (expected.contains(a.status())) {
            return true;
        }
        failures.add(a.status() + " " + a.text());
        return false;
    }

    private static Set<String> storedPassageIds() {
        Set<String> ids = new java.util.HashSet<>();
        String table = api.runtime.provisioned().tableName("PassagesTable");
        api.runtime.dynamo().scanPaginator(r -> r.tableName(table).projectionExpression("passageId"))
                .items().stream().filter(item -> item.containsKey("passageId")).forEach(item -> ids.add(item.get("passageId").s()));
        return ids;
    }
}

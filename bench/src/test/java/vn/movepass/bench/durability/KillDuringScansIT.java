package vn.movepass.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.demo.DemoData;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/**
 * End to end (a child JVM): the runtime is killed with SIGKILL at seeded points during a burst of camera scans
 * ({@code record: true}) and officers' confirmations, each of a pass of its own, then restarted on the same data dir;
 * confirmations left unanswered by a kill are sent again (the API makes them idempotent per scan). Every passage
 * acknowledged (2xx with a passageId) is stored, and no pass has more than one passage.
 */
class KillDuringScansIT {
    static final int KILLS = 5;
    static final int PER_LIFE = 24;
    static final long SEED = 2323L;

    @TempDir
    Path dir;

    /** A scan left with no answer, to confirm again later. */
    record Pending(String passId, String scanId) {
    }

    @Test
    void everyAcknowledgedPassageIsStoredOnceAfterKillsMidBurst() throws Exception {
        RuntimeChild.Setup setup = new RuntimeChild.Setup(dir.resolve("data"), 2, 2, Duration.ofSeconds(5));
        String checkpoint = DemoData.firstCheckpoint();
        List<JsonNode> passes = new ArrayList<>();
        try (LocalRuntime runtime = LocalRuntime.start(setup.options())) {
            var resident = DemoData.seed(runtime).get(0);
            Http http = new Http(runtime.baseUrl());
            String body = Json.write(DemoData.declaration(resident, Times.vietnamDate(runtime.clock().instant()).plusDays(1)));
            for (int i = 0; i < KILLS * PER_LIFE; i++) {
                Http.Answer a = http.post("/v1/declarations", body, null);
                assertEquals(201, a.status(), a.text());
                passes.add(a.json().get("pass"));
            }
        }
        Random random = new Random(SEED);
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // passageId → passId
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        List<Pending> pending = new ArrayList<>();
        String scans = "/v1/checkpoints/" + checkpoint + "/scans";
        for (int k = 0; k < KILLS; k++) {
            try (ChildJvm child = setup.start(dir.resolve("child.log"))) {
                Http http = new Http(child.endpoint());
                String officer = http.token("CHECKPOINT_OFFICER", "officer-kill", "checkpointId", checkpoint);
                for (Pending p : pending) { // left unanswered by the last kill: the officer confirms again
                    confirm(http, checkpoint, officer, p, acknowledged);
                }
                pending.clear();
                List<Pending> unanswered = java.util.Collections.synchronizedList(new ArrayList<>());
                AtomicInteger answered = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(3);
                List<Future<?>> sent = new ArrayList<>();
                for (JsonNode pass : passes.subList(k * PER_LIFE, (k + 1) * PER_LIFE)) {
                    String passId = pass.get("passId").asText();
                    boolean camera = random.nextBoolean();
                    sent.add(pool.submit(() -> {
                        attempted.add(passId);
                        Http.Answer a = http.post(scans, Json.object().put("code", pass.get("token").asText())
                                .put("direction", "IN").put("record", camera), officer);
                        if (a.status() == 200 && camera) {
                            assertTrue(a.json().hasNonNull("passageId"), "a VALID camera scan records: " + a.text());
                            acknowledged.put(a.json().get("passageId").asText(), passId);
                        } else if (a.status() == 200) {
                            confirm(http, checkpoint, officer, new Pending(passId, a.json().get("scanId").asText()),
                                    acknowledged, unanswered);
                        } else if (a.status() != 0) {
                            throw new AssertionError("scan answered " + a.status() + ": " + a.text());
                        }
                        answered.incrementAndGet();
                    }));
                }
                // the kill: a seeded number of requests answered, then 0-50 ms, with the others in flight
                int killAfter = 2 + random.nextInt(PER_LIFE / 2);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (answered.get() < killAfter && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                Thread.sleep(random.nextInt(51));
                child.kill();
                pool.shutdown();
                assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
                for (Future<?> f : sent) {
                    f.get();
                }
                pending.addAll(unanswered);
            }
        }

        try (LocalRuntime runtime = LocalRuntime.start(setup.options())) {
            Http http = new Http(runtime.baseUrl());
            String officer = http.token("CHECKPOINT_OFFICER", "officer-kill", "checkpointId", checkpoint);
            for (Pending p : pending) {
                confirm(http, checkpoint, officer, p, acknowledged);
            }
            Map<String, String> stored = new HashMap<>(); // passageId → passId
            Map<String, Integer> perPass = new HashMap<>();
            for (var item : runtime.dynamo().scanPaginator(r -> r.tableName(runtime.provisioned().tableName("PassagesTable")))
                    .items()) {
                if (item.containsKey("passId") && attempted.contains(item.get("passId").s())) {
                    assertEquals(null, stored.put(item.get("passageId").s(), item.get("passId").s()), "one item per passage");
                    perPass.merge(item.get("passId").s(), 1, Integer::sum);
                }
            }
            System.out.printf("kill -9 during scans: %d kills, %d passes tried, %d passages acknowledged, %d stored%n", KILLS,
                    attempted.size(), acknowledged.size(), stored.size());
            assertTrue(acknowledged.size() >= KILLS * 2, "a burst worth killing: " + acknowledged.size());
            assertTrue(acknowledged.size() < attempted.size(), "kills mid-burst: " + acknowledged.size() + " of " + attempted.size());
            Set<String> missing = new HashSet<>(acknowledged.keySet());
            missing.removeAll(stored.keySet());
            assertEquals(Set.of(), missing, "acknowledged passages not stored");
            perPass.forEach((pass, n) -> assertEquals(1, (int) n, "passages of pass " + pass));
        }
    }

    private static void confirm(Http http, String checkpoint, String officer, Pending p, Map<String, String> acknowledged) {
        List<Pending> unanswered = new ArrayList<>();
        confirm(http, checkpoint, officer, p, acknowledged, unanswered);
        assertEquals(List.of(), unanswered, "a confirmation sent again to a running runtime is answered");
    }

    private static void confirm(Http http, String checkpoint, String officer, Pending p, Map<String, String> acknowledged,
                                List<Pending> unanswered) {
        Http.Answer a = http.post("/v1/checkpoints/" + checkpoint + "/passages", Json.object().put("scanId", p.scanId())
                .put("direction", "IN").put("decision", "ALLOWED"), officer);
        if (a.status() == 201 || a.status() == 200) {
            acknowledged.put(a.json().get("passageId").asText(), p.passId());
        } else if (a.status() == 0) {
            unanswered.add(p);
        } else {
            throw new AssertionError("confirmation answered " + a.status() + ": " + a.text());
        }
    }
}

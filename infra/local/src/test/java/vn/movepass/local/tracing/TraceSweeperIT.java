package vn.movepass.local.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.TraceWorld;

/**
 * A message acknowledged and then lost (a queue that died before keeping it, a send that failed after the commit)
 * must not leave a case TRACING forever: the unit stays OPEN with its message, and TraceSweeperFunction, on its
 * schedule, sends it again once it has waited {@code TraceSweepAfterMinutes}; the case then completes with the
 * contacts the rule gives, once each.
 */
@FreshRuntime("SQS sends redirected to a black hole by an SDK interceptor; the dev clock moves")
class TraceSweeperIT {

    /**
     * Sends the next {@code lose} messages (after the next {@code pass}, delivered) to a queue nobody reads:
     * acknowledged, never delivered.
     */
    static final class BlackHole implements ExecutionInterceptor {
        final AtomicInteger pass = new AtomicInteger();
        final AtomicInteger lose = new AtomicInteger();
        final AtomicInteger lost = new AtomicInteger();
        volatile String url;

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (url == null || lose.get() <= 0) {
                return request;
            }
            boolean isSend = request instanceof SendMessageRequest s && !s.queueUrl().equals(url)
                    || request instanceof SendMessageBatchRequest b && !b.queueUrl().equals(url);
            if (isSend && pass.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return request;
            }
            if (request instanceof SendMessageRequest send && !send.queueUrl().equals(url) && lose.getAndDecrement() > 0) {
                lost.incrementAndGet();
                return send.toBuilder().queueUrl(url).build();
            }
            if (request instanceof SendMessageBatchRequest batch && !batch.queueUrl().equals(url) && lose.getAndDecrement() > 0) {
                lost.incrementAndGet();
                return batch.toBuilder().queueUrl(url).build();
            }
            return request;
        }
    }

    @Test
    void aLostMessageIsSentAgainByTheSweeperAndTheCaseCompletesWithItsContacts() {
        BlackHole hole = new BlackHole();
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withVisibilityTimeout(Duration.ofSeconds(2))
                .withSqsInterceptors(List.of(hole))))) {
            hole.url = api.runtime.sqs().createQueue(b -> b.queueName("black-hole")).queueUrl();
            TraceWorld world = new TraceWorld(api);
            String f0 = "079090000601";
            String contact = "079090000602";
            String probeContact = "079090000603";
            for (String p : List.of(f0, contact, probeContact)) {
                world.resident(p, "26734");
            }
            Instant at = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            world.write(List.of(new TraceWorld.Passage(f0, "CP-A", at, null), new TraceWorld.Passage(contact, "CP-A",
                    at.plusSeconds(300), null), new TraceWorld.Passage(f0, "CP-B", at.plusSeconds(3_600), null),
                    new TraceWorld.Passage(probeContact, "CP-B", at.plusSeconds(3_660), null)));

            hole.lose.set(1); // the case's first message: acknowledged by the queue, never delivered
            String caseId = world.open(f0, at.plusSeconds(7_200));
            assertTrue(api.runtime.awaitQueuesIdle(Duration.ofSeconds(30)));
            JsonNode stuck = api.get("/v1/cases/" + caseId, world.health()).json();
            assertEquals("TRACING", stuck.get("status").asText(), "nothing happens without the message: " + stuck);
            assertEquals(1, hole.lost.get());

            // before TraceSweepAfterMinutes the sweeper leaves the unit alone (its message may be in flight)
            runSweep(api);
            assertEquals("TRACING", api.get("/v1/cases/" + caseId, world.health()).json().get("status").asText());

            api.runtime.clock().advance(Duration.ofMinutes(11));
            runSweep(api);
            JsonNode done = world.awaitComplete(caseId, Duration.ofSeconds(60));
            assertEquals(2, done.get("counts").get("F1").asInt(), done.toString());
            assertEquals(Map.of(contact, "F1", probeContact, "F1"), levels(world.contacts(caseId)));

            // a second sweep finds nothing open: every unit closed, nothing sent twice
            JsonNode swept = runSweep(api);
            assertTrue(api.runtime.awaitQueuesIdle(Duration.ofSeconds(30)));
            JsonNode metrics = api.get("/dev/metrics", null).json().get("metrics");
            assertTrue(metrics.path("TraceUnitsResent").asInt() >= 1, metrics.toString());
            assertEquals(2, api.get("/v1/cases/" + caseId, world.health()).json().get("counts").get("F1").asInt());
            assertEquals(200, swept.path("status").asInt(200));
        }
    }

    /** The trace step's probes are lost: the sweeper sends them again, to the probes' queue (a P# unit). */
    @Test
    void lostProbesAreSentAgainToTheProbesQueue() {
        BlackHole hole = new BlackHole();
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withVisibilityTimeout(Duration.ofSeconds(2))
                .withSqsInterceptors(List.of(hole))))) {
            hole.url = api.runtime.sqs().createQueue(b -> b.queueName("black-hole")).queueUrl();
            TraceWorld world = new TraceWorld(api);
            String f0 = "079090000611";
            String contact = "079090000612";
            for (String p : List.of(f0, contact)) {
                world.resident(p, "26734");
            }
            Instant at = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            world.write(List.of(new TraceWorld.Passage(f0, "CP-A", at, null),
                    new TraceWorld.Passage(contact, "CP-A", at.plusSeconds(300), null)));

            hole.pass.set(1); // the case's trace request is delivered; the trace step's probes are not
            hole.lose.set(1);
            String caseId = world.open(f0, at.plusSeconds(7_200));
            assertTrue(api.runtime.awaitQueuesIdle(Duration.ofSeconds(30)));
            assertEquals(1, hole.lost.get());
            assertEquals("TRACING", api.get("/v1/cases/" + caseId, world.health()).json().get("status").asText());

            api.runtime.clock().advance(Duration.ofMinutes(11));
            runSweep(api);
            JsonNode done = world.awaitComplete(caseId, Duration.ofSeconds(60));
            assertEquals(Map.of(contact, "F1"), levels(world.contacts(caseId)), done.toString());
            assertTrue(api.runtime.access().used().contains("TraceSweeperFunction\tsqs:SendMessage\tContactProbesQueue"),
                    api.runtime.access().used().toString());
        }
    }

    static JsonNode runSweep(Api api) {
        Api.Answer a = api.post("/dev/schedules/TraceSweepSchedule/run", Map.of(), null);
        assertEquals(200, a.status(), a.text());
        assertTrue(api.runtime.awaitQueuesIdle(Duration.ofSeconds(30)));
        return a.json();
    }

    static Map<String, String> levels(Map<String, String> contacts) {
        Map<String, String> out = new java.util.TreeMap<>();
        contacts.forEach((id, line) -> out.put(id, line.split(" ")[0]));
        return out;
    }
}

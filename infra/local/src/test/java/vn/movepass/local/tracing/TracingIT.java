package vn.movepass.local.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.TraceWorld;

/**
 * The tracing fan-out through the real queues and functions, on a hand-made scenario checked exactly:
 * who is F1, who is F2, who is not, and why — and the same result under redelivery, a poison message
 * and a handler that dies mid-batch.
 */
@FreshRuntime("runtimes with short visibility timeouts, a few gateway and poller threads")
public class TracingIT {
    /**
     * The scenario is written in August 2021 and moved by whole days so that the F0 was detected yesterday (the
     * contract takes no detectedAt older than 14 days): times of day, and so the windows, are as written.
     */
    static final Duration SHIFT = Duration.ofDays(ChronoUnit.DAYS.between(LocalDate.parse("2021-08-20"),
            LocalDate.now(ZoneOffset.UTC)) - 1);
    static final Instant DETECTED = t("2021-08-20T10:00:00Z");
    static final String P0 = "079090000000";
    static final String P1 = "079090000001";
    static final String P2 = "079090000002";
    static final String P3 = "079090000003";
    static final String P4 = "079090000004";
    static final String P5 = "079090000005";
    static final String P6 = "079090000006";
    static final String P7 = "079090000007";
    static final String P8 = "079090000008";
    static final String P9 = "079090000009";

    static Instant t(String iso) {
        return Instant.parse(iso).plus(SHIFT);
    }

    /** An expected contact line with its instants moved like the scenario's. */
    static String line(String written) {
        return Pattern.compile("2021-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ").matcher(written)
                .replaceAll(m -> t(m.group()).toString());
    }

    static final List<TraceWorld.Passage> SCENARIO = List.of(
            // the F0 (P0): two passages in the 14-day window, one before it
            new TraceWorld.Passage(P0, "CP-A", t("2021-08-19T08:00:00Z"), "51A-111.11"),
            new TraceWorld.Passage(P0, "CP-B", t("2021-08-19T11:00:00Z"), null),
            new TraceWorld.Passage(P0, "CP-A", t("2021-08-05T09:00:00Z"), null),
            // F1: same checkpoint exactly 15 min before
            new TraceWorld.Passage(P1, "CP-A", t("2021-08-19T07:45:00Z"), null),
            // not: 15 min + 1 s after
            new TraceWorld.Passage(P2, "CP-A", t("2021-08-19T08:15:01Z"), null),
            // not: same time, other checkpoint
            new TraceWorld.Passage(P3, "CP-C", t("2021-08-19T07:58:00Z"), null),
            // F1: same vehicle (plate written differently) 14 min later at another checkpoint
            new TraceWorld.Passage(P4, "CP-C", t("2021-08-19T08:14:00Z"), "51A 111.11"),
            // F1 reached twice: keeps the first evidence (07:55 at CP-A), not the later one at CP-B
            new TraceWorld.Passage(P5, "CP-A", t("2021-08-19T07:55:00Z"), null),
            new TraceWorld.Passage(P5, "CP-B", t("2021-08-19T10:50:00Z"), null),
            // not: next to the F0's passage outside the 14 days
            new TraceWorld.Passage(P6, "CP-A", t("2021-08-05T09:05:00Z"), null),
            // F2: next to F1 P1 at CP-B the day before
            new TraceWorld.Passage(P1, "CP-B", t("2021-08-18T12:00:00Z"), null),
            new TraceWorld.Passage(P7, "CP-B", t("2021-08-18T12:05:00Z"), null),
            // not: 20 min + 1 s after P1 there
            new TraceWorld.Passage(P8, "CP-B", t("2021-08-18T12:20:01Z"), null),
            // P9 is an F0 of their own (earlier) case, and an F1 contact of P0's: stays F0
            new TraceWorld.Passage(P9, "CP-A", t("2021-08-19T07:50:00Z"), null));

    public static final Map<String, String> EXPECTED = Map.of(
            P1, line("F1 " + P0 + " SAME_CHECKPOINT CP-A 2021-08-19T08:00:00Z 2021-08-19T07:45:00Z -"),
            P4, line("F1 " + P0 + " SAME_VEHICLE CP-C 2021-08-19T08:00:00Z 2021-08-19T08:14:00Z 51A 111.11"),
            P5, line("F1 " + P0 + " SAME_CHECKPOINT CP-A 2021-08-19T08:00:00Z 2021-08-19T07:55:00Z -"),
            P9, line("F1 " + P0 + " SAME_CHECKPOINT CP-A 2021-08-19T08:00:00Z 2021-08-19T07:50:00Z -"),
            P7, line("F2 " + P1 + " SAME_CHECKPOINT CP-B 2021-08-18T12:00:00Z 2021-08-18T12:05:00Z -"));

    /** Runs the scenario on a fresh runtime and returns case 1's contacts, after checking everything else. */
    public static Map<String, String> run(LocalRuntime.Options options) {
        return run(options, runtime -> { });
    }

    public static Map<String, String> run(LocalRuntime.Options options, java.util.function.Consumer<LocalRuntime> started) {
        LocalRuntime.Options withVisibility = options.visibilityTimeout() != null ? options
                : options.withVisibilityTimeout(Duration.ofSeconds(1));
        // a message whose step failed comes back after the visibility timeout, up to 5 times before its DLQ: a run with
        // injected faults (FaultsIT: 20 s) may wait that out several times along a case's chain of steps
        Duration patience = Duration.ofSeconds(60).plus(withVisibility.visibilityTimeout().multipliedBy(5));
        try (Api api = new Api(LocalRuntime.start(withVisibility))) {
            started.accept(api.runtime);
            TraceWorld world = new TraceWorld(api);
            for (String p : List.of(P0, P1, P2, P3, P4, P5, P6, P7, P8, P9)) {
                world.resident(p, "26734");
            }
            world.write(SCENARIO);
            String earlier = world.open(P9, t("2021-08-19T07:50:00Z"));
            world.awaitComplete(earlier, patience);
            String caseId = world.open(P0, DETECTED);
            JsonNode done = world.awaitComplete(caseId, patience);
            Map<String, String> contacts = world.contacts(caseId);
            assertEquals(4, done.get("counts").get("F1").asInt(), done.toString());
            assertEquals(1, done.get("counts").get("F2").asInt(), done.toString());
            assertEquals("F0", world.status(P0), "the F0 stays F0 though P9's case found them as a contact");
            assertEquals("F0", world.status(P9), "an F0 found later as someone's contact stays F0");
            // the contacts are quarantined (F1) or monitored (F2) from their contact instant, two days ago: still on
            assertEquals("F1", world.status(P1));
            assertEquals("F2", world.status(P7));
            JsonNode p1 = api.get("/v1/citizens/" + P1 + "/health", world.health()).json();
            boolean tracedAsF1 = false;
            for (JsonNode event : p1.get("history")) {
                tracedAsF1 |= "F1".equals(event.get("level").asText()) && "SYSTEM".equals(event.get("by").get("role").asText())
                        && t("2021-08-19T07:45:00Z").toString().equals(event.get("at").asText());
            }
            assertTrue(tracedAsF1, "classified F1 by tracing at the contact instant: " + p1);
            assertEquals("NONE", world.status(P2));
            assertTrue(api.runtime.awaitQueuesIdle(Duration.ofSeconds(30)));
            return contacts;
        }
    }

    @Test
    void theHandMadeScenarioGivesExactlyTheseContactsAndEvidence() {
        assertEquals(new java.util.TreeMap<>(EXPECTED), run(LocalRuntime.Options.inMemory()));
    }

    @Test
    void everyMessageDeliveredTwiceGivesTheSameResult() {
        AtomicInteger duplicated = new AtomicInteger();
        SendTwice sendTwice = new SendTwice(duplicated);
        assertEquals(new java.util.TreeMap<>(EXPECTED), run(LocalRuntime.Options.inMemory()
                .withSqsInterceptors(List.of(sendTwice)), runtime -> sendTwice.client = runtime.sqs()));
        assertTrue(duplicated.get() > 5, "messages were really sent twice: " + duplicated);
    }

    @Test
    void aHandlerThatDiesMidBatchLosesNothing() {
        AtomicBoolean died = new AtomicBoolean();
        assertEquals(new java.util.TreeMap<>(EXPECTED), run(LocalRuntime.Options.inMemory()
                .withDynamoInterceptors(List.of(new DieOnce("UpdateItem", 6, died)))));
        assertTrue(died.get(), "the simulated crash happened");
    }

    @Test
    void aPoisonMessageEndsInTheDlqWhileTheRestIsProcessed() {
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withVisibilityTimeout(Duration.ofSeconds(1))))) {
            TraceWorld world = new TraceWorld(api);
            for (String p : List.of(P0, P1, P2, P3, P4, P5, P6, P7, P8, P9)) {
                world.resident(p, "26734");
            }
            world.write(SCENARIO);
            var sqs = api.runtime.sqs();
            String queue = api.runtime.provisioned().queue("TraceRequestsQueue").url();
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody("{\"c\":\"no-such-case\",\"p\":\"x\",\"d\":0}"));
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody("this is not json"));
            String caseId = world.open(P0, DETECTED);
            JsonNode done = world.awaitComplete(caseId, Duration.ofSeconds(60));
            assertEquals(4, done.get("counts").get("F1").asInt());
            assertTrue(api.runtime.awaitQueuesIdle(Duration.ofSeconds(60)), "retries and redrive finish");
            String dlq = api.runtime.provisioned().queue("TraceRequestsDlq").url();
            String depth = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            assertEquals("2", depth, "both poison messages are in the DLQ after maxReceiveCount receives");
        }
    }

    /** Sends every message a second time, as SQS's at-least-once delivery may. */
    static final class SendTwice implements ExecutionInterceptor {
        private final AtomicInteger duplicated;
        private final ThreadLocal<Boolean> resending = ThreadLocal.withInitial(() -> false);
        volatile software.amazon.awssdk.services.sqs.SqsClient client;

        SendTwice(AtomicInteger duplicated) {
            this.duplicated = duplicated;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (resending.get() || !(request instanceof SendMessageRequest || request instanceof SendMessageBatchRequest)) {
                return;
            }
            var sqs = client;
            if (sqs == null) {
                return;
            }
            resending.set(true);
            try {
                if (request instanceof SendMessageRequest single) {
                    sqs.sendMessage(single);
                } else {
                    sqs.sendMessageBatch((SendMessageBatchRequest) request);
                }
                duplicated.incrementAndGet();
            } finally {
                resending.set(false);
            }
        }
    }

    /** Kills the function (an Error, not an exception) on the n-th call of an operation, once. */
    static final class DieOnce implements ExecutionInterceptor {
        private final String operation;
        private final int nth;
        private final AtomicBoolean died;
        private final AtomicInteger calls = new AtomicInteger();

        DieOnce(String operation, int nth, AtomicBoolean died) {
            this.operation = operation;
            this.nth = nth;
            this.died = died;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                    && calls.incrementAndGet() == nth && died.compareAndSet(false, true)) {
                throw new SimulatedCrash();
            }
        }
    }

    /** A crash of the function's process. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }
}

package vn.movepass.local.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import vn.movepass.local.template.FunctionDef;
import vn.movepass.local.template.SamTemplate;
import vn.movepass.local.template.SqsEventDef;
import vn.movepass.local.template.TemplateModel;
import vn.movepass.local.testkit.FreshRuntime;

@FreshRuntime("its own embedded servers, no runtime")
class SqsPollerIT {
    static EmbeddedSqs server;
    static SqsClient sqs;
    static final AtomicInteger QUEUE_SEQ = new AtomicInteger();

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        server = EmbeddedSqs.startInMemory();
        Timings.record("ElasticMQ start, in memory " + Timings.jvm("sqs"), Timings.since(t0));
        sqs = AwsClients.sqs(server.endpoint(), List.of());
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.close();
    }

    /** A fresh queue + DLQ pair for one test, made through the template reader and the Provisioner. */
    private static Provisioned queues(int visibility, int maxReceive) {
        int n = QUEUE_SEQ.incrementAndGet();
        String yaml = """
                Resources:
                  Work%1$d:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: %2$d
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt Dead%1$d.Arn
                        maxReceiveCount: %3$d
                  Dead%1$d:
                    Type: AWS::SQS::Queue
                """.formatted(n, visibility, maxReceive);
        return new Provisioner(null, sqs).provision(SamTemplate.parse(yaml));
    }

    private static Provisioned.QueueInfo work(Provisioned p) {
        return p.queues().values().stream().filter(q -> q.name().startsWith("Work")).findFirst().orElseThrow();
    }

    private static Provisioned.QueueInfo dead(Provisioned p) {
        return p.queues().values().stream().filter(q -> q.name().startsWith("Dead")).findFirst().orElseThrow();
    }

    private static void sendBatch(String url, List<String> bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(bodies.get(i))
                    .messageAttributes(Map.of(
                            "kind", MessageAttributeValue.builder().dataType("String").stringValue("trace").build(),
                            "n", MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(i))
                                    .build()))
                    .build());
        }
        assertTrue(sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)).failed().isEmpty());
    }

    private static List<Message> drain(String url) {
        List<Message> out = new ArrayList<>();
        while (true) {
            List<Message> ms = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (ms.isEmpty()) {
                return out;
            }
            out.addAll(ms);
        }
    }

    private static final List<String> FIVE = List.of("m-0", "m-1", "m-2", "m-3", "m-4");

    @Test
    void failedItemIsRetriedThenDeadLettered_othersDeleted() {
        Provisioned p = queues(1, 3);
        sendBatch(work(p).url(), FIVE);
        List<List<SQSEvent.SQSMessage>> invocations = new CopyOnWriteArrayList<>();
        List<String> requestIds = new CopyOnWriteArrayList<>();
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, ctx) -> {
            invocations.add(event.getRecords());
            requestIds.add(ctx.getAwsRequestId());
            ctx.getLogger().log("batch of " + event.getRecords().size());
            List<SQSBatchResponse.BatchItemFailure> failures = event.getRecords().stream()
                    .filter(r -> r.getBody().equals("m-2"))
                    .map(r -> new SQSBatchResponse.BatchItemFailure(r.getMessageId()))
                    .toList();
            return new SQSBatchResponse(failures);
        };
        long t0 = System.nanoTime();
        try (SqsPoller poller = SqsPoller.builder(sqs, handler).queueUrl(work(p).url()).functionName("Worker")
                .batchSize(5).reportBatchItemFailures(true)
                .functionTimeout(Duration.ofSeconds(5)).start()) {
            assertTrue(poller.awaitIdle(Duration.ofSeconds(30)), "queue drained");
            Timings.record("poller: 1 of 5 failing, 3 receives, to DLQ (vis 1 s)", Timings.since(t0));

            List<SQSEvent.SQSMessage> first = invocations.get(0);
            assertEquals(FIVE, first.stream().map(SQSEvent.SQSMessage::getBody).sorted().toList());
            SQSEvent.SQSMessage r = first.get(0);
            assertEquals("aws:sqs", r.getEventSource());
            assertEquals(work(p).arn(), r.getEventSourceArn());
            assertEquals("ap-southeast-1", r.getAwsRegion());
            assertNotNull(r.getReceiptHandle());
            assertNotNull(r.getMd5OfBody());
            assertEquals("1", r.getAttributes().get("ApproximateReceiveCount"));
            assertNotNull(r.getAttributes().get("SentTimestamp"), r.getAttributes().toString());
            assertNotNull(r.getAttributes().get("ApproximateFirstReceiveTimestamp"), r.getAttributes().toString());
            assertNotNull(r.getAttributes().get("SenderId"));
            assertEquals("trace", r.getMessageAttributes().get("kind").getStringValue());
            assertEquals("String", r.getMessageAttributes().get("kind").getDataType());
            assertEquals("Number", r.getMessageAttributes().get("n").getDataType());

            List<SQSEvent.SQSMessage> failing = invocations.stream().flatMap(List::stream)
                    .filter(m -> m.getBody().equals("m-2")).toList();
            assertEquals(List.of("1", "2", "3"), failing.stream()
                    .map(m -> m.getAttributes().get("ApproximateReceiveCount")).toList());
            assertEquals(4, invocations.stream().flatMap(List::stream).filter(m -> !m.getBody().equals("m-2")).count(),
                    "each good message handled once");
            assertEquals(4, poller.stats().messagesDeleted());
            assertEquals(3, poller.stats().invocations());
            assertEquals(3, Set.copyOf(requestIds).size());
        }
        List<Message> dlq = drain(dead(p).url());
        assertEquals(List.of("m-2"), dlq.stream().map(Message::body).toList());
        assertTrue(drain(work(p).url()).isEmpty());
    }

    @ParameterizedTest(name = "reportBatchItemFailures={0}")
    @ValueSource(booleans = {true, false})
    void handlerThrowingMidBatchLosesNothing(boolean reportBatchItemFailures) {
        Provisioned p = queues(1, 5);
        sendBatch(work(p).url(), FIVE);
        AtomicInteger calls = new AtomicInteger();
        Set<String> done = ConcurrentHashMap.newKeySet();
        List<List<SQSEvent.SQSMessage>> invocations = new CopyOnWriteArrayList<>();
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, ctx) -> {
            invocations.add(event.getRecords());
            boolean fail = calls.incrementAndGet() == 1;
            int i = 0;
            for (SQSEvent.SQSMessage m : event.getRecords()) {
                if (fail && i++ == 2) {
                    throw new IllegalStateException("boom in the middle of the batch");
                }
                done.add(m.getBody());
            }
            return new SQSBatchResponse(List.of());
        };
        long t0 = System.nanoTime();
        try (SqsPoller poller = SqsPoller.builder(sqs, handler).queueUrl(work(p).url()).functionName("Thrower")
                .batchSize(10).reportBatchItemFailures(reportBatchItemFailures).start()) {
            assertTrue(poller.awaitIdle(Duration.ofSeconds(30)), "queue drained");
            Timings.record("poller: handler throws once, batch of 5 redelivered (rbif=" + reportBatchItemFailures
                    + ")", Timings.since(t0));
            assertEquals(Set.copyOf(FIVE), done);
            assertEquals(5, invocations.get(0).size());
            // nothing was deleted after the throw: all five came back, received a second time
            List<SQSEvent.SQSMessage> retried = invocations.stream().skip(1).flatMap(List::stream).toList();
            assertEquals(FIVE, retried.stream().map(SQSEvent.SQSMessage::getBody).sorted().toList());
            assertTrue(retried.stream().allMatch(m -> m.getAttributes().get("ApproximateReceiveCount").equals("2")));
            assertEquals(1, poller.stats().failedInvocations());
            assertEquals(5, poller.stats().messagesDeleted());
        }
        assertTrue(drain(dead(p).url()).isEmpty());
    }

    @Test
    void batchResponseIsIgnoredWithoutReportBatchItemFailures() {
        Provisioned p = queues(1, 2);
        sendBatch(work(p).url(), FIVE);
        AtomicInteger calls = new AtomicInteger();
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, ctx) -> {
            calls.incrementAndGet();
            return new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(
                    event.getRecords().get(0).getMessageId())));
        };
        try (SqsPoller poller = SqsPoller.builder(sqs, handler).queueUrl(work(p).url()).start()) {
            assertTrue(poller.awaitIdle(Duration.ofSeconds(30)));
            assertEquals(1, calls.get());
            assertEquals(5, poller.stats().messagesDeleted());
        }
    }

    @Test
    void invalidBatchResponseFailsTheWholeBatch() {
        Provisioned p = queues(1, 5);
        sendBatch(work(p).url(), FIVE);
        AtomicInteger calls = new AtomicInteger();
        RequestHandler<SQSEvent, Object> handler = (event, ctx) -> {
            if (calls.incrementAndGet() == 1) {
                // a Map shaped like the JSON response, with an id that is not in the batch
                return Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "not-a-message-id")));
            }
            return null;
        };
        try (SqsPoller poller = SqsPoller.builder(sqs, handler).queueUrl(work(p).url())
                .reportBatchItemFailures(true).start()) {
            assertTrue(poller.awaitIdle(Duration.ofSeconds(30)));
            assertEquals(2, calls.get());
            assertEquals(1, poller.stats().failedInvocations());
            assertEquals(5, poller.stats().messagesDeleted());
        }
    }

    @Test
    void closeWaitsForInFlightBatches() throws Exception {
        Provisioned p = queues(5, 5);
        sendBatch(work(p).url(), FIVE);
        CountDownLatch started = new CountDownLatch(2);
        AtomicInteger finished = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        SqsPoller poller = SqsPoller.builder(sqs, () -> (RequestHandler<SQSEvent, Void>) (event, ctx) -> {
                    threads.add(Thread.currentThread().getName());
                    started.countDown();
                    try {
                        Thread.sleep(700);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException("interrupted", e);
                    }
                    finished.incrementAndGet();
                    return null;
                })
                .queueUrl(work(p).url()).batchSize(1).concurrency(2).receiveWait(Duration.ofSeconds(1)).start();
        assertTrue(started.await(10, TimeUnit.SECONDS), "two concurrent invocations");
        long t0 = System.nanoTime();
        poller.close();
        Timings.record("poller close() with 2 batches in flight (700 ms handler)", Timings.since(t0));
        assertEquals(0, poller.inFlight());
        assertEquals(poller.stats().invocations(), finished.get(), "every started invocation finished");
        assertEquals(finished.get(), poller.stats().messagesDeleted());
        assertEquals(2, threads.size());
        // what was not handled is still in the queue
        Thread.sleep(100);
        long left = Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(work(p).url())
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings()
                .get("ApproximateNumberOfMessages"));
        assertEquals(5 - finished.get(), left);
    }

    @Test
    void forEventWiresTheTemplatesSqsEvent() {
        TemplateModel model = SamTemplate.load(ProvisionerIT.resource("sample-template.yaml"));
        TemplateModel queuesOnly = new TemplateModel(model.parameters(), List.of(), model.queues(), model.functions(),
                model.buckets(), model.schedules(), model.httpApis(), model.resourceTypes(), model.conditions(),
                model.mappings());
        Provisioned p = new Provisioner(null, sqs).provision(queuesOnly);
        FunctionDef worker = model.function("WorkerFunction").orElseThrow();
        SqsEventDef work = worker.sqsEvents().get(0);
        List<String> bodies = IntStream.range(0, 12).mapToObj(i -> "w-" + i).toList();
        sendBatch(p.queue("WorkQueue").url(), bodies.subList(0, 10));
        sendBatch(p.queue("WorkQueue").url(), bodies.subList(10, 12));
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Integer> remaining = new CopyOnWriteArrayList<>();
        try (SqsPoller poller = SqsPoller.forEvent(sqs, p, worker, work, () -> (event, ctx) -> {
            sizes.add(event.getRecords().size());
            remaining.add(ctx.getRemainingTimeInMillis());
            event.getRecords().forEach(r -> seen.add(r.getBody()));
            return new SQSBatchResponse(List.of());
        }, 4)) {
            assertTrue(poller.awaitIdle(Duration.ofSeconds(30)));
        }
        assertEquals(Set.copyOf(bodies), seen);
        assertTrue(sizes.stream().allMatch(s -> s <= 5), "batch size 5 from the template: " + sizes);
        assertTrue(remaining.stream().allMatch(ms -> ms > 5_000 && ms <= 7_000), "timeout 7 s: " + remaining);
        assertEquals(12, sizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(drain(p.queue("WorkDlq").url()).isEmpty());
        assertEquals(Set.of(), seen.stream().filter(b -> !b.startsWith("w-")).collect(Collectors.toSet()));
    }
}

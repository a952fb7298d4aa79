package vn.movepass.local.embedded;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.movepass.local.template.FunctionDef;
import vn.movepass.local.template.SqsEventDef;

/**
 * Polls one queue and invokes a {@code RequestHandler<SQSEvent, ?>} the way Lambda's SQS event source mapping does:
 * <ul>
 *   <li>long polling; up to {@code batchSize} messages per invocation (several receives within the batching window
 *       when it is above 0, one receive of at most 10 otherwise);</li>
 *   <li>the handler returns normally: every message is deleted, except, when {@code reportBatchItemFailures} is on,
 *       those listed in the returned {@link SQSBatchResponse} (or a Map with "batchItemFailures"); an invalid
 *       response (blank or unknown itemIdentifier) fails the whole batch, as in AWS;</li>
 *   <li>the handler throws, or runs past the function timeout: nothing is deleted;</li>
 *   <li>messages not deleted become visible again after the queue's visibility timeout, and ElasticMQ moves them to
 *       the dead-letter queue after maxReceiveCount receives, as SQS does.</li>
 * </ul>
 * {@code concurrency} threads poll the queue; each has its own handler instance when a handler factory is given
 * (as each concurrent Lambda environment has), else they share the one handler, which must then be thread-safe.
 * A handler overrunning its timeout is not stopped (a thread cannot be killed); its batch counts as failed.
 */
public final class SqsPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);

    /** Counters since start. */
    public record Stats(long invocations, long failedInvocations, long messagesReceived, long messagesDeleted) {
    }

    private final SqsClient sqs;
    private final Supplier<? extends RequestHandler<SQSEvent, ?>> handlerFactory;
    private final String queueUrl;
    private final String queueArn;
    private final String functionName;
    private final int batchSize;
    private final Duration batchingWindow;
    private final boolean reportBatchItemFailures;
    private final int concurrency;
    private final int receiveWaitSeconds;
    private final Duration functionTimeout;
    private final int memoryMb;
    private final String region;
    private final String accountId;

    private final ExecutorService threads;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong failedInvocations = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private volatile boolean running = true;

    private SqsPoller(Builder b) {
        this.sqs = Objects.requireNonNull(b.sqs, "sqs");
        this.handlerFactory = Objects.requireNonNull(b.handlerFactory, "handler");
        this.queueUrl = Objects.requireNonNull(b.queueUrl, "queueUrl");
        this.queueArn = b.queueArn != null ? b.queueArn
                : sqs.getQueueAttributes(r -> r.queueUrl(b.queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
        this.functionName = b.functionName;
        this.batchSize = b.batchSize;
        this.batchingWindow = b.batchingWindow;
        this.reportBatchItemFailures = b.reportBatchItemFailures;
        this.concurrency = b.concurrency;
        this.receiveWaitSeconds = b.receiveWaitSeconds;
        this.functionTimeout = b.functionTimeout;
        this.memoryMb = b.memoryMb;
        this.region = b.region;
        this.accountId = b.accountId;
        AtomicInteger n = new AtomicInteger();
        String queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        this.threads = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "sqs-" + queueName + "-" + functionName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < concurrency; i++) {
            threads.execute(this::pollLoop);
        }
        LOG.info("Polling {} for {} (batch {}, window {} s, {} thread(s), batch item failures {})", queueName,
                functionName, batchSize, batchingWindow.toSeconds(), concurrency, reportBatchItemFailures);
    }

    public static Builder builder(SqsClient sqs, RequestHandler<SQSEvent, ?> handler) {
        Objects.requireNonNull(handler, "handler");
        return new Builder(sqs, () -> handler);
    }

    /** One handler instance per polling thread, made by the factory. */
    public static Builder builder(SqsClient sqs, Supplier<? extends RequestHandler<SQSEvent, ?>> handlerFactory) {
        return new Builder(sqs, handlerFactory);
    }

    /**
     * Starts a poller for a function's SQS event: queue URL and ARN from {@code provisioned}, batch size, window and
     * batch item failures from the event, timeout and memory from the function; concurrency is capped by the event's
     * ScalingConfig.MaximumConcurrency when set.
     */
    public static SqsPoller forEvent(SqsClient sqs, Provisioned provisioned, FunctionDef function, SqsEventDef event,
                                     Supplier<? extends RequestHandler<SQSEvent, ?>> handlerFactory, int concurrency) {
        Provisioned.QueueInfo q = provisioned.queue(event.queueLogicalId());
        int threads = event.maximumConcurrency() == null ? concurrency
                : Math.max(1, Math.min(concurrency, event.maximumConcurrency()));
        return builder(sqs, handlerFactory)
                .queueUrl(q.url())
                .queueArn(q.arn())
                .functionName(function.logicalId())
                .batchSize(event.batchSize())
                .batchingWindow(Duration.ofSeconds(event.maximumBatchingWindowSeconds()))
                .reportBatchItemFailures(event.reportBatchItemFailures())
                .functionTimeout(Duration.ofSeconds(function.timeout()))
                .memoryMb(function.memorySize())
                .concurrency(threads)
                .start();
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String queueArn() {
        return queueArn;
    }

    public Stats stats() {
        return new Stats(invocations.get(), failedInvocations.get(), received.get(), deleted.get());
    }

    /** Number of batches being handled right now. */
    public int inFlight() {
        return inFlight.get();
    }

    // ------------------------------------------------------------------ polling

    private void pollLoop() {
        RequestHandler<SQSEvent, ?> handler = null;
        long backoffMs = 100;
        while (running) {
            List<Message> batch;
            try {
                batch = receiveBatch();
                backoffMs = 100;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn("Receive from {} failed: {}", queueUrl, e.toString());
                sleepQuietly(backoffMs);
                backoffMs = Math.min(5_000, backoffMs * 2);
                continue;
            }
            if (batch.isEmpty()) {
                continue;
            }
            inFlight.incrementAndGet();
            try {
                if (handler == null) {
                    handler = handlerFactory.get();
                }
                handle(handler, batch);
            } catch (Throwable t) {
                LOG.error("Batch from {} for {} could not be handled", queueUrl, functionName, t);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    @SuppressWarnings("deprecation")
    private List<Message> receiveBatch() {
        List<Message> out = new ArrayList<>();
        long windowEnd = 0;
        while (running && out.size() < batchSize) {
            int max = Math.min(10, batchSize - out.size());
            int wait;
            if (out.isEmpty()) {
                wait = receiveWaitSeconds;
            } else {
                long leftMs = (windowEnd - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0) {
                    break;
                }
                wait = (int) Math.min(20, leftMs / 1000);
            }
            int waitSeconds = wait;
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                    .maxNumberOfMessages(max)
                    .waitTimeSeconds(waitSeconds)
                    .attributeNamesWithStrings("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            for (Message m : got) {
                // Within a long batching window a message can come back (visibility timeout shorter than the
                // window): keep one copy, with the newest receipt handle.
                out.removeIf(o -> o.messageId().equals(m.messageId()));
                out.add(m);
            }
            if (out.isEmpty()) {
                return out;
            }
            if (batchingWindow.isZero()) {
                break;
            }
            if (windowEnd == 0) {
                windowEnd = System.nanoTime() + batchingWindow.toNanos();
            }
            if (got.isEmpty() && wait == 0) {
                sleepQuietly(50);
            }
        }
        received.addAndGet(out.size());
        return out;
    }

    private void handle(RequestHandler<SQSEvent, ?> handler, List<Message> batch) {
        SQSEvent event = toEvent(batch);
        LocalContext ctx = new LocalContext(functionName, region, accountId, memoryMb, functionTimeout);
        invocations.incrementAndGet();
        Object result = null;
        Throwable error = null;
        try {
            result = handler.handleRequest(event, ctx);
        } catch (Throwable t) {
            error = t;
        }
        if (error == null && ctx.timedOut()) {
            error = new IllegalStateException("Task timed out after " + functionTimeout.toMillis() / 1000.0 + " seconds");
        }
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(m -> ids.add(m.messageId()));
        Set<String> keep;
        if (error != null) {
            failedInvocations.incrementAndGet();
            LOG.warn("{} failed on a batch of {} from {} (request {}); the whole batch will be retried",
                    functionName, batch.size(), queueUrl, ctx.getAwsRequestId(), error);
            return;
        } else if (!reportBatchItemFailures) {
            keep = Set.of();
        } else {
            keep = batchItemFailures(result, ids);
            if (keep == null) {
                failedInvocations.incrementAndGet();
                LOG.warn("{} returned an invalid batch response {}; the whole batch will be retried", functionName,
                        result);
                return;
            }
            if (!keep.isEmpty()) {
                LOG.info("{} reported {} of {} message(s) failed", functionName, keep.size(), batch.size());
            }
        }
        List<Message> done = new ArrayList<>();
        for (Message m : batch) {
            if (!keep.contains(m.messageId())) {
                done.add(m);
            }
        }
        delete(done);
    }

    /** Failed message ids from the handler's result; empty for none, null when the response is invalid. */
    private static Set<String> batchItemFailures(Object result, Set<String> batchIds) {
        List<Object> identifiers = new ArrayList<>();
        if (result == null) {
            return Set.of();
        } else if (result instanceof SQSBatchResponse r) {
            if (r.getBatchItemFailures() == null) {
                return Set.of();
            }
            for (SQSBatchResponse.BatchItemFailure f : r.getBatchItemFailures()) {
                identifiers.add(f == null ? null : f.getItemIdentifier());
            }
        } else if (result instanceof Map<?, ?> map) {
            Object failures = map.get("batchItemFailures");
            if (failures == null) {
                return Set.of();
            }
            if (!(failures instanceof Collection<?> c)) {
                return null;
            }
            for (Object f : c) {
                identifiers.add(f instanceof Map<?, ?> fm ? fm.get("itemIdentifier") : null);
            }
        } else {
            LOG.warn("Batch response of type {} is not an SQSBatchResponse; taken as complete success",
                    result.getClass().getName());
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object id : identifiers) {
            if (!(id instanceof String s) || s.isBlank() || !batchIds.contains(s)) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            try {
                DeleteMessageBatchResponse r = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                deleted.addAndGet(r.successful().size());
                r.failed().forEach(f -> LOG.warn("Could not delete a message from {}: {} {}", queueUrl, f.code(),
                        f.message()));
            } catch (RuntimeException e) {
                LOG.warn("Could not delete {} message(s) from {}: {}", chunk.size(), queueUrl, e.toString());
            }
        }
    }

    private SQSEvent toEvent(List<Message> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(batch.size());
        for (Message m : batch) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            r.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
            Map<String, String> attributes = new LinkedHashMap<>(m.attributesAsStrings());
            attributes.putIfAbsent("SenderId", accountId);
            r.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> attrs = new HashMap<>();
            m.messageAttributes().forEach((k, v) -> attrs.put(k, toAttribute(v)));
            r.setMessageAttributes(attrs);
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queueArn);
            r.setAwsRegion(region);
            records.add(r);
        }
        SQSEvent e = new SQSEvent();
        e.setRecords(records);
        return e;
    }

    private static SQSEvent.MessageAttribute toAttribute(MessageAttributeValue v) {
        SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
        a.setDataType(v.dataType());
        a.setStringValue(v.stringValue());
        a.setBinaryValue(v.binaryValue() == null ? null : v.binaryValue().asByteBuffer());
        a.setStringListValues(v.hasStringListValues() ? new ArrayList<>(v.stringListValues()) : new ArrayList<>());
        a.setBinaryListValues(v.hasBinaryListValues()
                ? new ArrayList<>(v.binaryListValues().stream().map(SdkBytes::asByteBuffer).toList())
                : new ArrayList<>());
        return a;
    }

    // ------------------------------------------------------------------ idle / shutdown

    /** True when no batch is in flight and the queue has no visible, in-flight or delayed message. */
    public boolean idleNow() {
        if (inFlight.get() > 0) {
            return false;
        }
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        long pending = 0;
        for (String v : a.values()) {
            pending += Long.parseLong(v);
        }
        return pending == 0 && inFlight.get() == 0;
    }

    /** Waits until this poller's queue is drained; false on timeout. */
    public boolean awaitIdle(Duration timeout) {
        return awaitIdle(timeout, List.of(this));
    }

    /**
     * Waits until every poller is idle ({@link #idleNow()}) on two checks in a row 50 ms apart; false on timeout.
     * Messages that failed stay "not visible" until their visibility timeout, so this also waits for retries and
     * dead-lettering to finish.
     */
    public static boolean awaitIdle(Duration timeout, Collection<SqsPoller> pollers) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int streak = 0;
        while (System.nanoTime() - deadline < 0) {
            boolean idle = true;
            for (SqsPoller p : pollers) {
                if (!p.idleNow()) {
                    idle = false;
                    break;
                }
            }
            streak = idle ? streak + 1 : 0;
            if (streak >= 2) {
                return true;
            }
            if (!sleepQuietly(50)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Stops polling and waits for in-flight batches to finish (at most the receive wait + the function timeout +
     * 5 s); then interrupts what is left.
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        threads.shutdown();
        long waitMs = receiveWaitSeconds * 1000L + functionTimeout.toMillis() + 5_000;
        try {
            if (!threads.awaitTermination(waitMs, TimeUnit.MILLISECONDS)) {
                LOG.warn("Poller of {} for {} did not stop in {} ms; interrupting", queueUrl, functionName, waitMs);
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ------------------------------------------------------------------ builder

    public static final class Builder {
        private final SqsClient sqs;
        private final Supplier<? extends RequestHandler<SQSEvent, ?>> handlerFactory;
        private String queueUrl;
        private String queueArn;
        private String functionName = "LocalFunction";
        private int batchSize = 10;
        private Duration batchingWindow = Duration.ZERO;
        private boolean reportBatchItemFailures;
        private int concurrency = 1;
        private int receiveWaitSeconds = 1;
        private Duration functionTimeout = Duration.ofSeconds(FunctionDef.DEFAULT_TIMEOUT);
        private int memoryMb = FunctionDef.DEFAULT_MEMORY;
        private String region = EmbeddedSqs.DEFAULT_REGION;
        private String accountId = EmbeddedSqs.DEFAULT_ACCOUNT_ID;

        private Builder(SqsClient sqs, Supplier<? extends RequestHandler<SQSEvent, ?>> handlerFactory) {
            this.sqs = sqs;
            this.handlerFactory = handlerFactory;
        }

        public Builder queueUrl(String v) {
            this.queueUrl = v;
            return this;
        }

        /** Optional: read from the queue when not given. */
        public Builder queueArn(String v) {
            this.queueArn = v;
            return this;
        }

        public Builder functionName(String v) {
            this.functionName = v;
            return this;
        }

        /** 1..10000, as Lambda allows; default 10. */
        public Builder batchSize(int v) {
            if (v < 1 || v > 10_000) {
                throw new IllegalArgumentException("batchSize must be 1..10000: " + v);
            }
            this.batchSize = v;
            return this;
        }

        /** 0..300 s; default 0. */
        public Builder batchingWindow(Duration v) {
            if (v.isNegative() || v.compareTo(Duration.ofSeconds(300)) > 0) {
                throw new IllegalArgumentException("batching window must be 0..300 s: " + v);
            }
            this.batchingWindow = v;
            return this;
        }

        public Builder reportBatchItemFailures(boolean v) {
            this.reportBatchItemFailures = v;
            return this;
        }

        /** Polling threads (= concurrent invocations) for this queue; default 1. */
        public Builder concurrency(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1: " + v);
            }
            this.concurrency = v;
            return this;
        }

        /**
         * Long-poll wait of an empty receive, 0..20 s; default 1 s (Lambda uses 20: a short wait makes
         * {@link SqsPoller#close()} quick, since close waits for a receive in progress, at the cost of one idle
         * request per thread per second).
         */
        public Builder receiveWait(Duration v) {
            long s = v.toSeconds();
            if (s < 0 || s > 20) {
                throw new IllegalArgumentException("receive wait must be 0..20 s: " + v);
            }
            this.receiveWaitSeconds = (int) s;
            return this;
        }

        public Builder functionTimeout(Duration v) {
            this.functionTimeout = v;
            return this;
        }

        public Builder memoryMb(int v) {
            this.memoryMb = v;
            return this;
        }

        public Builder region(String v) {
            this.region = v;
            return this;
        }

        public Builder accountId(String v) {
            this.accountId = v;
            return this;
        }

        /** Starts the polling threads. */
        public SqsPoller start() {
            return new SqsPoller(this);
        }
    }
}

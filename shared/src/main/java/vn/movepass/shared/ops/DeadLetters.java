package vn.movepass.shared.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.error.NotFoundException;

/**
 * The dead-letter queues, for an operator: how many messages wait in each (never their bodies: they name citizens),
 * and a redrive that moves them all back to the queue they came from once the cause is fixed — SQS's own
 * StartMessageMoveTask (ElasticMQ implements it too), counted as {@link Metric#DLQ_REDRIVES}. A redriven tracing message
 * is processed as any other: its step is idempotent.
 */
public final class DeadLetters {
    /** A dead-letter queue by the name operators see (its logical id in the template), its URL and its source's. */
    public record Queue(String name, String url, String source, String sourceUrl) {
    }

    /** What waits in one dead-letter queue, and where a redrive sends it. */
    public record Waiting(String queue, String source, long messages, long inFlight) {
    }

    /** A redrive started: its task handle and how many messages it moves. */
    public record Redrive(String queue, String taskHandle, long messages) {
    }

    private final SqsClient sqs;
    private final Map<String, Queue> queues;
    private final Telemetry telemetry;

    public DeadLetters(SqsClient sqs, List<Queue> queues, Telemetry telemetry) {
        this.sqs = sqs;
        this.queues = new LinkedHashMap<>();
        queues.forEach(q -> this.queues.put(q.name(), q));
        this.telemetry = telemetry;
    }

    public static DeadLetters create(Platform p) {
        var env = p.environment();
        return new DeadLetters(p.sqs(), List.of(
                new Queue("TraceRequestsDlq", env.require(EnvKey.TRACE_REQUESTS_DLQ_URL), "TraceRequestsQueue",
                        env.require(EnvKey.TRACE_REQUESTS_QUEUE_URL)),
                new Queue("ContactProbesDlq", env.require(EnvKey.CONTACT_PROBES_DLQ_URL), "ContactProbesQueue",
                        env.require(EnvKey.CONTACT_PROBES_QUEUE_URL)),
                new Queue("NoticesDlq", env.require(EnvKey.NOTICES_DLQ_URL), "NoticesQueue",
                        env.require(EnvKey.NOTICES_QUEUE_URL))), p.telemetry());
    }

    public List<Waiting> list() {
        List<Waiting> out = new ArrayList<>();
        queues.values().forEach(q -> {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(q.url()).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            out.add(new Waiting(q.name(), q.source(), number(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                    number(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))));
        });
        return out;
    }

    /** Moves every message of {@code queue} back to its source queue; 404 for a name that is not a dead-letter queue. */
    public Redrive redrive(String queue) {
        Queue q = queues.get(queue);
        if (q == null) {
            throw new NotFoundException("no dead-letter queue " + queue);
        }
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(q.url()).attributeNames(
                QueueAttributeName.QUEUE_ARN, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
        String destination = sqs.getQueueAttributes(r -> r.queueUrl(q.sourceUrl()).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        long messages = number(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        String handle = sqs.startMessageMoveTask(r -> r.sourceArn(a.get(QueueAttributeName.QUEUE_ARN)).destinationArn(destination))
                .taskHandle();
        telemetry.count(Metric.DLQ_REDRIVES, messages);
        return new Redrive(queue, handle, messages);
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}

package vn.movepass.shared.trace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.ops.Metric;
import vn.movepass.shared.ops.Telemetry;
import vn.movepass.shared.store.Tables;

/**
 * Heals tracing whose messages were lost: a unit is opened (with its message) before the message is sent, so a send
 * that failed after the commit, a message lost with a queue that died before keeping it, or one dropped after its
 * DLQ was purged, leaves the unit OPEN and its case TRACING. On a schedule, the sweeper Queries the sparse index of
 * open units ({@link TraceLedger#BY_OPEN}, 16 shards) for those whose message went out more than {@code after} ago,
 * sends each message again and notes the new send instant (conditional on the unit still OPEN, so a unit that closed
 * meanwhile is left alone). A step is idempotent (the work ledger), so a message sent twice changes nothing.
 */
public final class TraceSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(TraceSweeper.class);
    /** Units re-sent per sweep at most: the rest wait for the next (a national outage must not flood the queues). */
    static final int MAX_PER_SWEEP = 5_000;

    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final String workTable;
    private final String traceQueueUrl;
    private final String probeQueueUrl;
    private final Duration after;
    private final Clock clock;
    private final Telemetry telemetry;

    public TraceSweeper(DynamoDbClient dynamo, SqsClient sqs, String workTable, String traceQueueUrl, String probeQueueUrl,
                        Duration after, Clock clock, Telemetry telemetry) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.workTable = workTable;
        this.traceQueueUrl = traceQueueUrl;
        this.probeQueueUrl = probeQueueUrl;
        this.after = after;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    public static TraceSweeper create(Platform p) {
        var env = p.environment();
        return new TraceSweeper(p.dynamo(), p.sqs(), Tables.name(p, EnvKey.TRACE_WORK_TABLE),
                env.require(EnvKey.TRACE_REQUESTS_QUEUE_URL), env.require(EnvKey.CONTACT_PROBES_QUEUE_URL),
                Duration.ofMinutes(env.integer(EnvKey.TRACE_SWEEP_AFTER_MINUTES)), p.clock(), p.telemetry());
    }

    /** What a sweep did. */
    public record Swept(int resent, int closedMeanwhile) {
    }

    public Swept sweep() {
        Instant now = clock.instant();
        String cutoff = Times.iso(now.minus(after));
        int resent = 0;
        int closed = 0;
        for (int shard = 0; shard < TraceLedger.OPEN_SHARDS && resent < MAX_PER_SWEEP; shard++) {
            Map<String, AttributeValue> start = null;
            do {
                String key = "OPEN#" + shard;
                QueryRequest.Builder q = QueryRequest.builder().tableName(workTable).indexName(TraceLedger.BY_OPEN)
                        .keyConditionExpression("openShard = :s AND sentAt < :cutoff")
                        .expressionAttributeValues(Map.of(":s", TraceLedger.s(key), ":cutoff", TraceLedger.s(cutoff)))
                        .exclusiveStartKey(start);
                QueryResponse page = dynamo.query(q.build());
                for (Map<String, AttributeValue> unit : page.items()) {
                    if (resent >= MAX_PER_SWEEP) {
                        break;
                    }
                    if (resend(unit, now)) {
                        resent++;
                    } else {
                        closed++;
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null && resent < MAX_PER_SWEEP);
        }
        if (resent > 0) {
            telemetry.count(Metric.TRACE_UNITS_RESENT, resent);
            LOG.warn("{} open trace units had waited over {} min: their messages were sent again", resent, after.toMinutes());
        }
        return new Swept(resent, closed);
    }

    /** Notes the new send instant (while the unit is OPEN), then sends; false when the unit closed meanwhile. */
    private boolean resend(Map<String, AttributeValue> unit, Instant now) {
        String unitId = unit.get("unitId").s();
        AttributeValue body = unit.get("body");
        if (body == null) {
            return false; // opened before units carried their message: nothing to send
        }
        try {
            dynamo.updateItem(r -> r.tableName(workTable)
                    .key(Map.of("caseId", unit.get("caseId"), "unitId", unit.get("unitId")))
                    .updateExpression("SET sentAt = :now")
                    .conditionExpression("#s = :open")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":now", TraceLedger.s(Times.iso(now)), ":open", TraceLedger.s("OPEN"))));
        } catch (ConditionalCheckFailedException closedMeanwhile) {
            return false;
        }
        String queue = unitId.startsWith("P#") || unitId.startsWith("V#") ? probeQueueUrl : traceQueueUrl;
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body.s()));
        return true;
    }
}

package vn.movepass.bench.tracing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.movepass.local.LocalRuntime;

/**
 * What a finished fan-out left behind, counted the same way by the crash bench and {@code CrashRecoveryTest}: the
 * CONTACT lines of the ward feeds, the national F-level counters, and the messages in the dead-letter queues.
 */
public final class TraceTallies {
    private TraceTallies() {
    }

    /** CONTACT lines in WardFeedTable (a COUNT scan). */
    public static long contactFeedLines(LocalRuntime runtime) {
        long lines = 0;
        for (var page : runtime.dynamo().scanPaginator(r -> r.tableName(runtime.provisioned().tableName("WardFeedTable"))
                .select(Select.COUNT).filterExpression("kind = :k")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("CONTACT"))))) {
            lines += page.count();
        }
        return lines;
    }

    /** The national counters' F1–F3, summed over every day and shard; a level never counted is absent. */
    public static Map<String, Long> nationalCounters(LocalRuntime runtime) {
        Map<String, Long> sums = new LinkedHashMap<>();
        for (var item : runtime.dynamo().scanPaginator(r -> r.tableName(runtime.provisioned().tableName("DailyCountersTable"))
                .filterExpression("#u = :n").expressionAttributeNames(Map.of("#u", "unit"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("national")))).items()) {
            for (String level : List.of("F1", "F2", "F3")) {
                if (item.containsKey(level)) {
                    sums.merge(level, Long.parseLong(item.get(level).n()), Long::sum);
                }
            }
        }
        return sums;
    }

    /** Each dead-letter queue's messages, waiting and in flight. */
    public static Map<String, Long> deadLetters(LocalRuntime runtime) {
        Map<String, Long> dead = new LinkedHashMap<>();
        for (var q : runtime.provisioned().queues().entrySet()) {
            if (q.getKey().endsWith("Dlq")) {
                var a = runtime.sqs().getQueueAttributes(r -> r.queueUrl(q.getValue().url()).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                dead.put(q.getKey(), a.values().stream().mapToLong(Long::parseLong).sum());
            }
        }
        return dead;
    }
}

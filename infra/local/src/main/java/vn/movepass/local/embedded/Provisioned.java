package vn.movepass.local.embedded;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Provisioner} created or found. {@code tableNames}, {@code tableArns} and {@code tableStreamArns}
 * (only tables with a stream) are keyed by logical id, {@code queues} by queue logical id.
 */
public record Provisioned(Map<String, String> tableNames, Map<String, String> tableArns,
                          Map<String, String> tableStreamArns, Map<String, QueueInfo> queues) {

    public record QueueInfo(String logicalId, String name, String url, String arn) {
    }

    public Provisioned {
        tableNames = Collections.unmodifiableMap(new LinkedHashMap<>(tableNames));
        tableArns = Collections.unmodifiableMap(new LinkedHashMap<>(tableArns));
        tableStreamArns = Collections.unmodifiableMap(new LinkedHashMap<>(tableStreamArns));
        queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
    }

    public String tableName(String logicalId) {
        String n = tableNames.get(logicalId);
        if (n == null) {
            throw new IllegalArgumentException("No table " + logicalId + " was provisioned");
        }
        return n;
    }

    public QueueInfo queue(String logicalId) {
        QueueInfo q = queues.get(logicalId);
        if (q == null) {
            throw new IllegalArgumentException("No queue " + logicalId + " was provisioned");
        }
        return q;
    }

    /** What {@code Ref} returns for provisioned resources: table name, queue URL (as in CloudFormation). */
    public Map<String, String> refs() {
        Map<String, String> refs = new LinkedHashMap<>(tableNames);
        queues.forEach((id, q) -> refs.put(id, q.url()));
        return refs;
    }

    /**
     * {@code Fn::GetAtt} for provisioned resources, or null when unknown (fits
     * {@code ValueResolver.AttributeLookup}): tables Arn, StreamArn; queues Arn, QueueUrl, QueueName.
     */
    public String getAtt(String logicalId, String attribute) {
        QueueInfo q = queues.get(logicalId);
        if (q != null) {
            return switch (attribute) {
                case "Arn" -> q.arn();
                case "QueueUrl" -> q.url();
                case "QueueName" -> q.name();
                default -> null;
            };
        }
        if (tableNames.containsKey(logicalId)) {
            return switch (attribute) {
                case "Arn" -> tableArns.get(logicalId);
                case "StreamArn" -> tableStreamArns.get(logicalId);
                default -> null;
            };
        }
        return null;
    }
}

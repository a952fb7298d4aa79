package vn.movepass.local.template;

import java.util.Objects;

/**
 * An AWS::SQS::Queue. Unset numbers take the SQS defaults (visibility 30 s, retention 345600 s, delay 0).
 * {@code deadLetterLogicalId} comes from {@code RedrivePolicy.deadLetterTargetArn: !GetAtt X.Arn} (null without a
 * redrive policy); {@code maxReceiveCount} is 0 without one. The physical name is the logical id, plus ".fifo" for a
 * FIFO queue (see {@link #queueName()}).
 */
public record QueueDef(String logicalId, boolean fifo, boolean contentBasedDeduplication,
                       int visibilityTimeoutSeconds, int messageRetentionSeconds, int delaySeconds,
                       String deadLetterLogicalId, int maxReceiveCount) {
    public static final int DEFAULT_VISIBILITY_TIMEOUT = 30;
    public static final int DEFAULT_RETENTION = 345_600;

    public QueueDef {
        Objects.requireNonNull(logicalId, "logicalId");
    }

    /** Physical queue name used locally: the logical id, with ".fifo" appended for FIFO queues. */
    public String queueName() {
        return fifo && !logicalId.endsWith(".fifo") ? logicalId + ".fifo" : logicalId;
    }
}

package vn.movepass.local.template;

/**
 * An SQS event of a function: {@code Queue: !GetAtt X.Arn}. batchSize defaults to 10, the batching window to 0.
 * {@code maximumConcurrency} is ScalingConfig.MaximumConcurrency or null.
 */
public record SqsEventDef(String name, String queueLogicalId, int batchSize, int maximumBatchingWindowSeconds,
                          boolean reportBatchItemFailures, boolean enabled, Integer maximumConcurrency) {
}

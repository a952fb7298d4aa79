package vn.movepass.local.template;

/** An AWS::S3::Bucket. {@code bucketName} is the raw BucketName property (may be an intrinsic map) or null. */
public record BucketDef(String logicalId, Object bucketName) {
}

package vn.movepass.local.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Which IAM actions each function's code really needs: every AWS call a function makes is recorded as
 * {@code function, action, resource} (IAM's view: a TransactWriteItems is the PutItem, UpdateItem, DeleteItem and
 * ConditionCheckItem of its items, a SendMessageBatch a SendMessage, an UploadPart a PutObject), the resource by its
 * logical id in the template ({@code Table/index/Name} for a Query of an index, {@code Bucket/*} for an object).
 * The runtime writes what it saw when it closes, if {@code movepass.access.dir} names a directory (the test suite
 * sets it); {@code infra/localstack/least_privilege.py} compares the whole suite's calls with what each function's
 * role grants. Calls outside a function (provisioning, tests' own reads) are not recorded.
 */
public final class AwsAccess implements ExecutionInterceptor {
    public static final String DIRECTORY_PROPERTY = "movepass.access.dir";
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private volatile Map<String, String> logicalIds = Map.of();

    /** Runs {@code work} as {@code function}: the calls it makes on this thread are that function's. */
    public static <T> T as(String function, Supplier<T> work) {
        String before = CURRENT.get();
        CURRENT.set(function);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** The provisioned names (table names, queue URLs) by which requests name resources, to their logical ids. */
    public void names(Provisioned provisioned) {
        Map<String, String> ids = new ConcurrentHashMap<>();
        provisioned.tableNames().forEach((id, name) -> ids.put(name, id));
        provisioned.queues().forEach((id, q) -> {
            ids.put(q.url(), id);
            ids.put(q.arn(), id);
        });
        logicalIds.forEach(ids::putIfAbsent);
        logicalIds = ids;
    }

    /** The buckets' names (what S3 requests name) to their logical ids. */
    public void buckets(Map<String, String> namesByLogicalId) {
        Map<String, String> ids = new ConcurrentHashMap<>(logicalIds);
        namesByLogicalId.forEach((id, name) -> ids.put(name, id));
        logicalIds = ids;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String function = CURRENT.get();
        if (function == null) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        if ("DynamoDB".equalsIgnoreCase(service)) {
            dynamo(function, operation, request);
        } else if ("Sqs".equalsIgnoreCase(service)) {
            String action = operation.startsWith("SendMessage") ? "SendMessage"
                    : operation.startsWith("DeleteMessage") ? "DeleteMessage" : operation;
            // a message move task names its queue by ARN (SourceArn), every other call by URL
            String queue = request.getValueForField("QueueUrl", String.class)
                    .or(() -> request.getValueForField("SourceArn", String.class)).orElse("*");
            record(function, "sqs:" + action, queue);
        } else if ("S3".equalsIgnoreCase(service)) {
            s3(function, operation, request);
        } else {
            record(function, service.toLowerCase(java.util.Locale.ROOT) + ":" + operation, "*");
        }
    }

    /**
     * An S3 call as IAM authorizes it: bucket-level actions on the bucket, object-level ones on {@code bucket/*}
     * (the parts of a multipart upload are s3:PutObject; listing is s3:ListBucket).
     */
    private void s3(String function, String operation, SdkRequest request) {
        String bucket = logicalIds.getOrDefault(request.getValueForField("Bucket", String.class).orElse("*"),
                request.getValueForField("Bucket", String.class).orElse("*"));
        String action = switch (operation) {
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "CopyObject" -> "PutObject";
            case "GetObject", "HeadObject" -> "GetObject";
            case "DeleteObject", "DeleteObjects" -> "DeleteObject";
            case "ListObjects", "ListObjectsV2", "HeadBucket" -> "ListBucket";
            case "ListMultipartUploads" -> "ListBucketMultipartUploads";
            case "ListParts" -> "ListMultipartUploadParts";
            default -> operation;
        };
        boolean bucketLevel = action.startsWith("ListBucket") || operation.endsWith("Bucket");
        used.add(function + "\ts3:" + action + "\t" + (bucketLevel ? bucket : bucket + "/*"));
    }

    private void dynamo(String function, String operation, SdkRequest request) {
        if (request instanceof TransactWriteItemsRequest t) {
            t.transactItems().forEach(i -> {
                if (i.put() != null) {
                    record(function, "dynamodb:PutItem", i.put().tableName());
                } else if (i.update() != null) {
                    record(function, "dynamodb:UpdateItem", i.update().tableName());
                } else if (i.delete() != null) {
                    record(function, "dynamodb:DeleteItem", i.delete().tableName());
                } else if (i.conditionCheck() != null) {
                    record(function, "dynamodb:ConditionCheckItem", i.conditionCheck().tableName());
                }
            });
        } else if (request instanceof TransactGetItemsRequest t) {
            t.transactItems().forEach(i -> record(function, "dynamodb:GetItem", i.get().tableName()));
        } else if (request instanceof BatchGetItemRequest b) {
            b.requestItems().keySet().forEach(table -> record(function, "dynamodb:BatchGetItem", table));
        } else if (request instanceof BatchWriteItemRequest b) {
            b.requestItems().keySet().forEach(table -> record(function, "dynamodb:BatchWriteItem", table));
        } else {
            // a Query or Scan of an index is authorized on the index's ARN (table/index/name), not the table's
            String table = request.getValueForField("TableName", String.class).orElse("*");
            String index = request.getValueForField("IndexName", String.class).map(i -> "/index/" + i).orElse("");
            used.add(function + "\tdynamodb:" + operation + "\t" + logicalIds.getOrDefault(table, table) + index);
        }
    }

    private void record(String function, String action, String name) {
        used.add(function + "\t" + action + "\t" + logicalIds.getOrDefault(name, name));
    }

    /** Every {@code function \t action \t resource} seen, sorted. */
    public Set<String> used() {
        return new TreeSet<>(used);
    }

    /** Writes what was seen to a new file in the directory {@code movepass.access.dir} names, if it names one. */
    public void writeIfAsked() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        if (dir == null || dir.isBlank() || used.isEmpty()) {
            return;
        }
        try {
            Path directory = Files.createDirectories(Path.of(dir));
            Files.write(directory.resolve(UUID.randomUUID() + ".tsv"), used());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the AWS calls seen to " + dir, e);
        }
    }
}

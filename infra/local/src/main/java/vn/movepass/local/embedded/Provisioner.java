package vn.movepass.local.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import vn.movepass.local.template.IndexDef;
import vn.movepass.local.template.KeySchema;
import vn.movepass.local.template.QueueDef;
import vn.movepass.local.template.TableDef;
import vn.movepass.local.template.TemplateModel;

/**
 * Creates the template's tables and queues, idempotently: a table that exists is kept (a GSI the template gained
 * is added to it; a changed key schema is only logged), a queue that exists gets the template's attributes set
 * again (its messages are kept). Physical names are the logical ids (FIFO queues get ".fifo").
 * Tables are PAY_PER_REQUEST; TTL is enabled after creation when declared. Dead-letter queues are created before
 * the queues that redrive to them. Queues get VisibilityTimeout, DelaySeconds, RedrivePolicy and the FIFO attributes;
 * MessageRetentionPeriod is not applied (ElasticMQ 1.7.1 does not support it).
 */
public final class Provisioner {
    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);

    private final DynamoDbClient dynamo;
    private final SqsClient sqs;

    public Provisioner(DynamoDbClient dynamo, SqsClient sqs) {
        this.dynamo = dynamo;
        this.sqs = sqs;
    }

    /** Creates or finds every table and queue of the model. */
    public Provisioned provision(TemplateModel model) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> arns = new LinkedHashMap<>();
        Map<String, String> streams = new LinkedHashMap<>();
        for (TableDef t : model.tables()) {
            TableDescription d = ensureTable(t);
            names.put(t.logicalId(), d.tableName());
            arns.put(t.logicalId(), d.tableArn());
            if (d.latestStreamArn() != null) {
                streams.put(t.logicalId(), d.latestStreamArn());
            }
        }
        return new Provisioned(names, arns, streams, model.queues().isEmpty() ? Map.of() : provisionQueues(model));
    }

    private Map<String, Provisioned.QueueInfo> provisionQueues(TemplateModel model) {
        Map<String, Provisioned.QueueInfo> queues = new LinkedHashMap<>();
        for (QueueDef q : queuesInCreationOrder(model.queues())) {
            queues.put(q.logicalId(), ensureQueue(q, queues));
        }
        // reported in template order
        Map<String, Provisioned.QueueInfo> ordered = new LinkedHashMap<>();
        for (QueueDef q : model.queues()) {
            ordered.put(q.logicalId(), queues.get(q.logicalId()));
        }
        return ordered;
    }

    // ------------------------------------------------------------------ tables

    private TableDescription ensureTable(TableDef t) {
        String name = t.logicalId();
        TableDescription existing = describe(name);
        if (existing == null) {
            try {
                dynamo.createTable(createRequest(t));
                LOG.info("Created table {}", name);
            } catch (ResourceInUseException e) {
                LOG.info("Table {} was created concurrently", name);
            }
        } else {
            reconcile(t, existing);
        }
        TableDescription active = waitActive(name);
        if (t.ttlAttribute() != null) {
            ensureTtl(name, t.ttlAttribute());
        }
        return active;
    }

    private CreateTableRequest createRequest(TableDef t) {
        CreateTableRequest.Builder b = CreateTableRequest.builder()
                .tableName(t.logicalId())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keys(t.keySchema()))
                .attributeDefinitions(attributeDefinitions(t));
        if (!t.gsis().isEmpty()) {
            b.globalSecondaryIndexes(t.gsis().stream().map(Provisioner::gsi).toList());
        }
        if (!t.lsis().isEmpty()) {
            b.localSecondaryIndexes(t.lsis().stream().map(i -> LocalSecondaryIndex.builder()
                    .indexName(i.name()).keySchema(keys(i.keySchema())).projection(projection(i)).build()).toList());
        }
        if (t.streamViewType() != null) {
            b.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(t.streamViewType()).build());
        }
        return b.build();
    }

    private static List<AttributeDefinition> attributeDefinitions(TableDef t) {
        // All of them, as declared: an attribute no key uses is rejected by DynamoDB Local as it is by AWS.
        List<AttributeDefinition> defs = new ArrayList<>();
        t.attributeDefinitions().forEach((n, type) ->
                defs.add(AttributeDefinition.builder().attributeName(n).attributeType(type).build()));
        return defs;
    }

    private static List<KeySchemaElement> keys(KeySchema k) {
        List<KeySchemaElement> l = new ArrayList<>(2);
        l.add(KeySchemaElement.builder().attributeName(k.hash()).keyType(KeyType.HASH).build());
        if (k.range() != null) {
            l.add(KeySchemaElement.builder().attributeName(k.range()).keyType(KeyType.RANGE).build());
        }
        return l;
    }

    private static GlobalSecondaryIndex gsi(IndexDef i) {
        return GlobalSecondaryIndex.builder().indexName(i.name()).keySchema(keys(i.keySchema()))
                .projection(projection(i)).build();
    }

    private static Projection projection(IndexDef i) {
        Projection.Builder p = Projection.builder().projectionType(ProjectionType.fromValue(i.projectionType()));
        if (!i.nonKeyAttributes().isEmpty()) {
            p.nonKeyAttributes(i.nonKeyAttributes());
        }
        return p.build();
    }

    private void reconcile(TableDef t, TableDescription existing) {
        KeySchema have = toKeySchema(existing.keySchema());
        if (!have.equals(t.keySchema())) {
            LOG.warn("Table {} exists with key {} but the template says {}; kept as is (delete the data dir to "
                    + "recreate it)", t.logicalId(), have, t.keySchema());
            return;
        }
        Set<String> present = new HashSet<>();
        if (existing.hasGlobalSecondaryIndexes()) {
            existing.globalSecondaryIndexes().forEach(g -> present.add(g.indexName()));
        }
        for (IndexDef i : t.gsis()) {
            if (present.contains(i.name())) {
                continue;
            }
            LOG.info("Table {}: adding GSI {} declared by the template", t.logicalId(), i.name());
            dynamo.updateTable(u -> u.tableName(t.logicalId())
                    .attributeDefinitions(attributeDefinitions(t))
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                            .create(CreateGlobalSecondaryIndexAction.builder().indexName(i.name())
                                    .keySchema(keys(i.keySchema())).projection(projection(i)).build())
                            .build()));
            waitActive(t.logicalId());
        }
    }

    private static KeySchema toKeySchema(List<KeySchemaElement> elements) {
        String hash = null;
        String range = null;
        for (KeySchemaElement e : elements) {
            if (e.keyType() == KeyType.HASH) {
                hash = e.attributeName();
            } else {
                range = e.attributeName();
            }
        }
        return new KeySchema(hash, range);
    }

    private TableDescription describe(String name) {
        try {
            DescribeTableResponse r = dynamo.describeTable(b -> b.tableName(name));
            return r.table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private TableDescription waitActive(String name) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (true) {
            TableDescription d = describe(name);
            if (d != null && d.tableStatus() == TableStatus.ACTIVE && gsisActive(d)) {
                return d;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Table " + name + " not ACTIVE after " + ACTIVE_TIMEOUT.toSeconds()
                        + " s: " + (d == null ? "missing" : d.tableStatusAsString()));
            }
            sleep(50);
        }
    }

    private static boolean gsisActive(TableDescription d) {
        if (!d.hasGlobalSecondaryIndexes()) {
            return true;
        }
        for (GlobalSecondaryIndexDescription g : d.globalSecondaryIndexes()) {
            if (g.indexStatus() != null && g.indexStatus() != IndexStatus.ACTIVE) {
                return false;
            }
        }
        return true;
    }

    private void ensureTtl(String table, String attribute) {
        var current = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
        boolean on = current != null
                && (current.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                    || current.timeToLiveStatus() == TimeToLiveStatus.ENABLING);
        if (on && attribute.equals(current.attributeName())) {
            return;
        }
        if (on) {
            LOG.warn("Table {} has TTL on {} but the template says {}; kept as is", table,
                    current.attributeName(), attribute);
            return;
        }
        dynamo.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true)));
        LOG.info("Enabled TTL on {}.{}", table, attribute);
    }

    // ------------------------------------------------------------------ queues

    /** Dead-letter queues before their sources (depth-first); a redrive to an undeclared queue is an error. */
    static List<QueueDef> queuesInCreationOrder(List<QueueDef> queues) {
        Map<String, QueueDef> byId = new HashMap<>();
        queues.forEach(q -> byId.put(q.logicalId(), q));
        List<QueueDef> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (QueueDef q : queues) {
            visit(q, byId, done, new HashSet<>(), out);
        }
        return out;
    }

    private static void visit(QueueDef q, Map<String, QueueDef> byId, Set<String> done, Set<String> path,
                              List<QueueDef> out) {
        if (done.contains(q.logicalId())) {
            return;
        }
        if (!path.add(q.logicalId())) {
            throw new IllegalArgumentException("Redrive cycle through queue " + q.logicalId());
        }
        if (q.deadLetterLogicalId() != null) {
            QueueDef dlq = byId.get(q.deadLetterLogicalId());
            if (dlq == null) {
                throw new IllegalArgumentException("Queue " + q.logicalId() + " redrives to "
                        + q.deadLetterLogicalId() + ", which is not an AWS::SQS::Queue of the template");
            }
            visit(dlq, byId, done, path, out);
        }
        done.add(q.logicalId());
        out.add(q);
    }

    private Provisioned.QueueInfo ensureQueue(QueueDef q, Map<String, Provisioned.QueueInfo> created) {
        String name = q.queueName();
        Map<QueueAttributeName, String> attrs = new LinkedHashMap<>();
        attrs.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(q.visibilityTimeoutSeconds()));
        // MessageRetentionPeriod is not sent: ElasticMQ 1.7.1 ignores it (and logs a warning per queue), so
        // messages never expire locally.
        attrs.put(QueueAttributeName.DELAY_SECONDS, Integer.toString(q.delaySeconds()));
        if (q.deadLetterLogicalId() != null) {
            String dlqArn = created.get(q.deadLetterLogicalId()).arn();
            attrs.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                    + "\",\"maxReceiveCount\":\"" + q.maxReceiveCount() + "\"}");
        }
        String url = existingQueueUrl(name);
        if (url == null) {
            Map<QueueAttributeName, String> createAttrs = new LinkedHashMap<>(attrs);
            if (q.fifo()) {
                createAttrs.put(QueueAttributeName.FIFO_QUEUE, "true");
                createAttrs.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                        Boolean.toString(q.contentBasedDeduplication()));
            }
            url = sqs.createQueue(b -> b.queueName(name).attributes(createAttrs)).queueUrl();
            LOG.info("Created queue {}", name);
        } else {
            // ContentBasedDeduplication is not settable on an existing queue in ElasticMQ 1.7.1 (it fails the call).
            Map<QueueAttributeName, String> updateAttrs = new LinkedHashMap<>(attrs);
            String existing = url;
            sqs.setQueueAttributes(b -> b.queueUrl(existing).attributes(updateAttrs));
            LOG.info("Queue {} exists; attributes set from the template", name);
        }
        String queueUrl = url;
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Provisioned.QueueInfo(q.logicalId(), name, url, arn);
    }

    private String existingQueueUrl(String name) {
        try {
            return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a table", e);
        }
    }
}

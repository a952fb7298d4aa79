package vn.movepass.local.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.movepass.local.template.SamTemplate;
import vn.movepass.local.template.TemplateModel;
import vn.movepass.local.testkit.FreshRuntime;

@FreshRuntime("its own embedded servers, no runtime")
class ProvisionerIT {
    static EmbeddedDynamo dynamoServer;
    static EmbeddedSqs sqsServer;
    static DynamoDbClient dynamo;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        dynamoServer = EmbeddedDynamo.startInMemory();
        Timings.record("DynamoDB Local start, in memory " + Timings.jvm("dynamo"), Timings.since(t0));
        t0 = System.nanoTime();
        sqsServer = EmbeddedSqs.startInMemory();
        Timings.record("ElasticMQ start, in memory " + Timings.jvm("sqs"), Timings.since(t0));
        dynamo = AwsClients.dynamoDb(dynamoServer.endpoint(), List.of());
        sqs = AwsClients.sqs(sqsServer.endpoint(), List.of());
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        sqs.close();
        sqsServer.close();
        dynamoServer.close();
    }

    static Path resource(String name) {
        try {
            return Path.of(ProvisionerIT.class.getResource(name.equals("template.yaml") ? "/movepass/template.yaml" : "/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void provisionsTheRealTemplate() {
        TemplateModel model = SamTemplate.load(resource("template.yaml"));
        Provisioner provisioner = new Provisioner(dynamo, sqs);
        long t0 = System.nanoTime();
        Provisioned p = provisioner.provision(model);
        Timings.record("provision real template (" + model.tables().size() + " tables, " + model.queues().size()
                + " queues), fresh", Timings.since(t0));

        Map<String, String> expected = new java.util.HashMap<>();
        model.tables().forEach(t -> expected.put(t.logicalId(), t.logicalId()));
        assertEquals(expected, p.tableNames(), "every table of the template, named by its logical id");

        TableDescription passages = dynamo.describeTable(b -> b.tableName("PassagesTable")).table();
        assertEquals(List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)), passages.keySchema());
        assertEquals(BillingMode.PAY_PER_REQUEST, passages.billingModeSummary().billingMode());
        Map<String, GlobalSecondaryIndexDescription> gsis = passages.globalSecondaryIndexes().stream()
                .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, g -> g));
        assertEquals(Set.of("byCitizen", "byPlate"), gsis.keySet());
        assertEquals(List.of(key("plateKey", KeyType.HASH), key("at", KeyType.RANGE)), gsis.get("byPlate").keySchema());
        assertEquals(ProjectionType.ALL, gsis.get("byPlate").projection().projectionType());
        assertEquals(p.tableArns().get("PassagesTable"), passages.tableArn());

        for (var table : model.tables()) {
            var ttl = dynamo.describeTimeToLive(b -> b.tableName(table.logicalId())).timeToLiveDescription();
            if (table.ttlAttribute() == null) {
                assertEquals(TimeToLiveStatus.DISABLED, ttl.timeToLiveStatus(), table.logicalId());
            } else {
                assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus(), table.logicalId());
                assertEquals(table.ttlAttribute(), ttl.attributeName(), table.logicalId());
            }
        }
        assertTrue(model.table("DeclarationsTable").orElseThrow().ttlAttribute() != null);
        assertTrue(model.table("ResidentsTable").orElseThrow().ttlAttribute() == null, "reference data has no TTL");

        Provisioned.QueueInfo trace = p.queue("TraceRequestsQueue");
        Provisioned.QueueInfo dlq = p.queue("TraceRequestsDlq");
        assertEquals("http://localhost:" + sqsServer.port() + "/000000000000/TraceRequestsQueue", trace.url());
        assertEquals("arn:aws:sqs:ap-southeast-1:000000000000:TraceRequestsDlq", dlq.arn());
        Map<String, String> attrs = sqs.getQueueAttributes(b -> b.queueUrl(trace.url())
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        assertEquals("180", attrs.get("VisibilityTimeout"));
        String redrive = attrs.get("RedrivePolicy");
        assertNotNull(redrive, attrs.toString());
        assertTrue(redrive.contains(dlq.arn()), redrive);
        assertTrue(redrive.replace("\"", "").contains("maxReceiveCount:5"), redrive);

        // idempotent: a second run finds everything and returns the same
        t0 = System.nanoTime();
        Provisioned again = provisioner.provision(model);
        Timings.record("provision real template again (all exist)", Timings.since(t0));
        assertEquals(p, again);

        // refs / getAtt feed the ValueResolver
        assertEquals(trace.url(), p.refs().get("TraceRequestsQueue"));
        assertEquals(trace.arn(), p.getAtt("TraceRequestsQueue", "Arn"));
        assertEquals("TraceRequestsQueue", p.getAtt("TraceRequestsQueue", "QueueName"));
        assertNull(p.getAtt("PassesTable", "StreamArn"));
    }

    @Test
    void provisionsTheSampleTemplate() {
        Provisioned p = new Provisioner(dynamo, sqs).provision(SamTemplate.load(resource("sample-template.yaml")));
        TableDescription items = dynamo.describeTable(b -> b.tableName("ItemsTable")).table();
        GlobalSecondaryIndexDescription byOwner = items.globalSecondaryIndexes().stream()
                .filter(g -> g.indexName().equals("byOwner")).findFirst().orElseThrow();
        assertEquals(ProjectionType.INCLUDE, byOwner.projection().projectionType());
        assertEquals(Set.of("title", "state"), Set.copyOf(byOwner.projection().nonKeyAttributes()));
        assertEquals("bySize", items.localSecondaryIndexes().get(0).indexName());
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, items.streamSpecification().streamViewType());
        assertNotNull(p.tableStreamArns().get("ItemsTable"));
        assertEquals(items.latestStreamArn(), p.getAtt("ItemsTable", "StreamArn"));
        assertFalse(dynamo.describeTimeToLive(b -> b.tableName("NoTtlTable")).timeToLiveDescription()
                .timeToLiveStatus() == TimeToLiveStatus.ENABLED);

        Provisioned.QueueInfo ordered = p.queue("OrderedQueue");
        assertEquals("OrderedQueue.fifo", ordered.name());
        Map<String, String> attrs = sqs.getQueueAttributes(b -> b.queueUrl(ordered.url())
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        assertEquals("true", attrs.get("FifoQueue"), attrs.toString());
        assertEquals("true", attrs.get("ContentBasedDeduplication"), attrs.toString());
        assertEquals("2", attrs.get("VisibilityTimeout"));
    }

    @Test
    void everyClientSeesOneDatabase() {
        new Provisioner(dynamo, sqs).provision(SamTemplate.load(resource("template.yaml")));
        try (DynamoDbClient other = DynamoDbClient.builder()
                .endpointOverride(dynamoServer.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("other", "keys")))
                .httpClient(AwsClients.httpClient())
                .build()) {
            assertTrue(other.listTables().tableNames().contains("PassesTable"));
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}

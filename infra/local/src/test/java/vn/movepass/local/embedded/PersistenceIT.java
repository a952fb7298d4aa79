package vn.movepass.local.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import vn.movepass.local.template.SamTemplate;
import vn.movepass.local.template.TemplateModel;
import vn.movepass.local.testkit.FreshRuntime;

@FreshRuntime("its own embedded servers, no runtime")
class PersistenceIT {

    @Test
    void dynamoItemSurvivesRestart(@TempDir Path dir) {
        Path data = dir.resolve("dynamodb");
        TemplateModel model = SamTemplate.load(ProvisionerIT.resource("template.yaml"));
        long t0 = System.nanoTime();
        try (EmbeddedDynamo server = EmbeddedDynamo.start(data);
             DynamoDbClient dynamo = AwsClients.dynamoDb(server.endpoint(), List.of())) {
            Timings.record("DynamoDB Local start, -dbPath, empty dir " + Timings.jvm("dynamo"), Timings.since(t0));
            new Provisioner(dynamo, null).provision(tablesOnly(model));
            dynamo.putItem(b -> b.tableName("PassesTable").item(Map.of(
                    "pk", AttributeValue.fromS("PASS#1"), "citizenId", AttributeValue.fromS("079000000001"),
                    "expiresAt", AttributeValue.fromN("4102444800"))));
        }
        assertTrue(Files.exists(data.resolve("shared-local-instance.db")), "sharedDb file");

        t0 = System.nanoTime();
        try (EmbeddedDynamo server = EmbeddedDynamo.start(data);
             DynamoDbClient dynamo = AwsClients.dynamoDb(server.endpoint(), List.of())) {
            Timings.record("DynamoDB Local restart, -dbPath, 6 tables", Timings.since(t0));
            long p0 = System.nanoTime();
            Provisioned p = new Provisioner(dynamo, null).provision(tablesOnly(model));
            Timings.record("provision real template tables after restart (all exist)", Timings.since(p0));
            assertEquals("PassesTable", p.tableName("PassesTable"));
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("PassesTable")
                    .key(Map.of("pk", AttributeValue.fromS("PASS#1")))).item();
            assertEquals("079000000001", item.get("citizenId").s());
            assertEquals(TimeToLiveStatus.ENABLED, dynamo.describeTimeToLive(b -> b.tableName("PassesTable"))
                    .timeToLiveDescription().timeToLiveStatus());
            // the GSI still answers
            assertEquals(1, dynamo.query(b -> b.tableName("PassesTable").indexName("byCitizen")
                    .keyConditionExpression("citizenId = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("079000000001")))).count());
        }
    }

    @Test
    void dynamoGainsAGsiTheTemplateAdds(@TempDir Path dir) {
        String v1 = """
                Resources:
                  Things:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                """;
        String v2 = v1.replace("AttributeDefinitions: [{AttributeName: id, AttributeType: S}]",
                "AttributeDefinitions: [{AttributeName: id, AttributeType: S}, {AttributeName: o, AttributeType: S}]")
                + """
                      GlobalSecondaryIndexes:
                        - IndexName: byO
                          KeySchema: [{AttributeName: o, KeyType: HASH}]
                          Projection: {ProjectionType: ALL}
                """;
        try (EmbeddedDynamo server = EmbeddedDynamo.start(dir);
             DynamoDbClient dynamo = AwsClients.dynamoDb(server.endpoint(), List.of())) {
            new Provisioner(dynamo, null).provision(SamTemplate.parse(v1));
            dynamo.putItem(b -> b.tableName("Things").item(Map.of("id", AttributeValue.fromS("1"),
                    "o", AttributeValue.fromS("x"))));
            new Provisioner(dynamo, null).provision(SamTemplate.parse(v2));
            assertEquals("byO", dynamo.describeTable(b -> b.tableName("Things")).table().globalSecondaryIndexes().get(0)
                    .indexName());
            assertEquals(1, dynamo.query(b -> b.tableName("Things").indexName("byO")
                    .keyConditionExpression("o = :o")
                    .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("x")))).count());
        }
    }

    @Test
    void sqsQueuesAndMessagesSurviveRestart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("elasticmq");
        TemplateModel model = SamTemplate.load(ProvisionerIT.resource("sample-template.yaml"));
        String inFlightId;
        int firstPort;
        long t0 = System.nanoTime();
        try (EmbeddedSqs server = EmbeddedSqs.start(data);
             SqsClient sqs = AwsClients.sqs(server.endpoint(), List.of())) {
            Timings.record("ElasticMQ start, H2 persistence, empty dir " + Timings.jvm("sqs"), Timings.since(t0));
            firstPort = server.port();
            Provisioned p = new Provisioner(null, sqs).provision(queuesOnly(model));
            String url = p.queue("WorkQueue").url();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("kept-1").messageAttributes(Map.of("kind",
                    MessageAttributeValue.builder().dataType("String").stringValue("trace").build())));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("kept-2"));
            // one of them is received (in flight) when the server stops
            Message m = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1)).messages().get(0);
            inFlightId = m.messageId();
            sqs.sendMessage(b -> b.queueUrl(p.queue("OrderedQueue").url()).messageBody("fifo-1").messageGroupId("g"));
        }
        assertTrue(Files.list(data).anyMatch(f -> f.getFileName().toString().startsWith("elasticmq")),
                "H2 file in " + data);

        t0 = System.nanoTime();
        try (EmbeddedSqs server = EmbeddedSqs.start(data);
             SqsClient sqs = AwsClients.sqs(server.endpoint(), List.of())) {
            Timings.record("ElasticMQ restart, H2 persistence, 4 msgs in 3 queues", Timings.since(t0));
            assertNotEquals(0, server.port());
            // queues and their attributes are back before provisioning runs again
            String url = sqs.getQueueUrl(b -> b.queueName("WorkQueue")).queueUrl();
            assertEquals(server.queueUrl("WorkQueue"), url, "URL carries the new port (was " + firstPort + ")");
            Map<String, String> attrs = sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
            assertEquals("3", attrs.get("VisibilityTimeout"), attrs.toString());
            assertTrue(attrs.get("RedrivePolicy").contains(server.queueArn("WorkDlq")), attrs.toString());

            Provisioned p = new Provisioner(null, sqs).provision(queuesOnly(model));
            assertEquals(url, p.queue("WorkQueue").url());

            List<Message> got = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (got.size() < 2 && System.currentTimeMillis() < deadline) {
                List<Message> ms = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                got.addAll(ms);
                ms.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
            }
            Map<String, Message> byBody = got.stream().collect(Collectors.toMap(Message::body, m -> m));
            assertEquals(Set.of("kept-1", "kept-2"), byBody.keySet());
            assertEquals("trace", byBody.get("kept-1").messageAttributes().get("kind").stringValue());
            Message wasInFlight = got.stream().filter(m -> m.messageId().equals(inFlightId)).findFirst().orElseThrow();
            assertNotNull(wasInFlight.attributesAsStrings().get("ApproximateReceiveCount"));
            System.out.println("receive count of the message in flight at shutdown, after restart: "
                    + wasInFlight.attributesAsStrings().get("ApproximateReceiveCount"));

            List<Message> fifo = sqs.receiveMessage(b -> b.queueUrl(p.queue("OrderedQueue").url())
                    .waitTimeSeconds(1)).messages();
            assertEquals(List.of("fifo-1"), fifo.stream().map(Message::body).toList());
        }
    }

    private static TemplateModel tablesOnly(TemplateModel m) {
        return new TemplateModel(m.parameters(), m.tables(), List.of(), m.functions(), m.buckets(), m.schedules(),
                m.httpApis(), m.resourceTypes(), m.conditions(), m.mappings());
    }

    private static TemplateModel queuesOnly(TemplateModel m) {
        return new TemplateModel(m.parameters(), List.of(), m.queues(), m.functions(), m.buckets(), m.schedules(),
                m.httpApis(), m.resourceTypes(), m.conditions(), m.mappings());
    }
}

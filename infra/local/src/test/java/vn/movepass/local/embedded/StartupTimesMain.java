package vn.movepass.local.embedded;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.movepass.local.template.SamTemplate;
import vn.movepass.local.template.TemplateModel;

/**
 * Cold-JVM start-up measurement (not a test): {@code java -cp ... StartupTimesMain <template.yaml> [dataDir]}.
 * Prints the time of each step and the total since JVM start.
 */
public final class StartupTimesMain {
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Path template = Path.of(args[0]);
        Path data = args.length > 1 ? Path.of(args[1]) : null;
        long t = System.nanoTime();
        TemplateModel model = SamTemplate.load(template);
        print("parse template", t);
        t = System.nanoTime();
        EmbeddedDynamo dynamoServer = EmbeddedDynamo.start(data == null ? null : data.resolve("dynamodb"));
        print("DynamoDB Local start" + (data == null ? " (in memory)" : " (dbPath)"), t);
        t = System.nanoTime();
        EmbeddedSqs sqsServer = EmbeddedSqs.start(data == null ? null : data.resolve("elasticmq"));
        print("ElasticMQ start" + (data == null ? " (in memory)" : " (H2)"), t);
        t = System.nanoTime();
        DynamoDbClient dynamo = AwsClients.dynamoDb(dynamoServer.endpoint(), List.of());
        SqsClient sqs = AwsClients.sqs(sqsServer.endpoint(), List.of());
        print("build 2 SDK clients", t);
        t = System.nanoTime();
        Provisioned p = new Provisioner(dynamo, sqs).provision(model);
        print("provision " + p.tableNames().size() + " tables, " + p.queues().size() + " queues", t);
        System.out.printf("%-50s %6d ms%n", "total since JVM start", System.currentTimeMillis() - jvmStart);
        t = System.nanoTime();
        dynamo.close();
        sqs.close();
        sqsServer.close();
        dynamoServer.close();
        print("close all", t);
        if (data != null && Files.exists(data)) {
            System.out.println("data dir kept: " + data);
        }
        System.exit(0);
    }

    private static void print(String what, long t0) {
        System.out.printf("%-50s %6d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
    }
}

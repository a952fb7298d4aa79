package vn.movepass.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.embedded.AwsClients;
import vn.movepass.local.embedded.EmbeddedDynamo;
import vn.movepass.local.embedded.EmbeddedS3;
import vn.movepass.local.embedded.EmbeddedSqs;
import vn.movepass.local.embedded.Provisioned;
import vn.movepass.local.embedded.Provisioner;
import vn.movepass.local.template.SamTemplate;
import vn.movepass.local.template.TemplateModel;

/**
 * {@code bench startup}: the runtime's start-up step by step, first in this cold JVM (run it as the process's only
 * command: the first round's figures include class loading), with the total since JVM start; then the same bare steps
 * again warm, and a whole {@link LocalRuntime#start} (the steps plus the gateway, the functions' handlers, pollers and
 * schedules) with its ratio to the sum of the warm bare steps. With {@code --data-dir} every step runs on that
 * directory (the second and third rounds find the tables and queues already there). Figures, no assertions.
 */
public final class StartupBench {
    private StartupBench() {
    }

    public static int run(List<String> args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Path template = null;
        Path data = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--template" -> template = Path.of(args.get(++i));
                case "--data-dir" -> data = Path.of(args.get(++i));
                default -> {
                    System.err.println(Benches.usage("startup"));
                    return 2;
                }
            }
        }
        System.out.println("cold JVM, step by step:");
        long cold = steps(template, data);
        System.out.printf("  %-50s %6d ms%n", "total since JVM start", System.currentTimeMillis() - jvmStart);
        System.out.println("warm JVM, the same steps:");
        long bare = steps(template, data);
        long t = System.nanoTime();
        LocalRuntime.Options options = LocalRuntime.Options.inMemory().withWebRoot(null).withTemplate(template).withDataDir(data);
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            long whole = System.nanoTime() - t;
            System.out.printf("warm JVM, LocalRuntime.start (%d functions, gateway, pollers, schedules): %d ms%n",
                    runtime.model().functions().size(), whole / 1_000_000);
            System.out.printf("RESULT cold steps %d ms; warm: whole start %d ms ÷ bare steps %d ms = %.2f%n",
                    cold / 1_000_000, whole / 1_000_000, bare / 1_000_000, (double) whole / bare);
        }
        return 0;
    }

    /** The bare steps of a start (parse, three servers, clients, provisioning), each printed; their sum in ns. */
    private static long steps(Path templateFile, Path data) throws IOException {
        List<AutoCloseable> open = new ArrayList<>();
        long sum = 0;
        try {
            long t = System.nanoTime();
            TemplateModel model = templateFile == null ? SamTemplate.parse(packagedTemplate()) : SamTemplate.load(templateFile);
            sum += step("parse template", t);
            t = System.nanoTime();
            EmbeddedDynamo dynamoServer = track(open, data == null ? EmbeddedDynamo.startInMemory()
                    : EmbeddedDynamo.start(data.resolve("dynamodb")));
            sum += step("DynamoDB Local start" + (data == null ? " (in memory)" : " (dbPath)"), t);
            t = System.nanoTime();
            EmbeddedSqs sqsServer = track(open, data == null ? EmbeddedSqs.startInMemory() : EmbeddedSqs.start(data.resolve("sqs")));
            sum += step("ElasticMQ start" + (data == null ? " (in memory)" : " (H2)"), t);
            t = System.nanoTime();
            track(open, data == null ? EmbeddedS3.startInMemory() : EmbeddedS3.start(data.resolve("s3")));
            sum += step("LocalS3 start" + (data == null ? " (in memory)" : " (files)"), t);
            t = System.nanoTime();
            SdkHttpClient http = track(open, AwsClients.httpClient());
            DynamoDbClient dynamo = track(open, AwsClients.dynamoDb(dynamoServer.endpoint(), http, List.of()));
            SqsClient sqs = track(open, AwsClients.sqs(sqsServer.endpoint(), http, List.of()));
            sum += step("build 2 SDK clients", t);
            t = System.nanoTime();
            Provisioned p = new Provisioner(dynamo, sqs).provision(model);
            sum += step("provision " + p.tableNames().size() + " tables, " + p.queues().size() + " queues", t);
            return sum;
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception e) {
                    System.err.println("closing " + open.get(i).getClass().getSimpleName() + " failed: " + e);
                }
            }
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> open, T resource) {
        open.add(resource);
        return resource;
    }

    private static long step(String what, long t0) {
        long nanos = System.nanoTime() - t0;
        System.out.printf("  %-50s %6d ms%n", what, nanos / 1_000_000);
        return nanos;
    }

    private static String packagedTemplate() throws IOException {
        try (InputStream in = StartupBench.class.getResourceAsStream("/movepass/template.yaml")) {
            if (in == null) {
                throw new IllegalStateException("template.yaml is not packaged with the runtime; pass --template");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

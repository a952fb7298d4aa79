package vn.movepass.bench.durability;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import vn.movepass.bench.Benches;
import vn.movepass.local.embedded.AwsClients;

/**
 * Measures what an embedded store keeps of its acknowledged writes when its JVM is killed with SIGKILL 0–100 ms after
 * the last acknowledgement: {@code bench store-kill [--store sqs|dynamo|s3|all] [--kills 20] [--writes 200] [--seed 1]
 * [--max-delay 100]} prints, per kill, the writes acknowledged, those lost, and (sqs, dynamo) acknowledged deletes that
 * came back. {@code --max-delay 0} kills right after the last answer, where a store that commits after it answers
 * loses most.
 */
public final class StoreKillBench {
    private StoreKillBench() {
    }

    /** One kill's count. */
    public record Round(int acknowledged, int lost, int deletesAcknowledged, int deletesUndone) {
    }

    /** {@code bench store-kill} with its options; returns the exit code. */
    public static int run(List<String> args) throws Exception {
        String store = "all";
        int kills = 20;
        int writes = 200;
        long seed = 1;
        int maxDelay = 100;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--store" -> store = args.get(++i);
                case "--kills" -> kills = Integer.parseInt(args.get(++i));
                case "--writes" -> writes = Integer.parseInt(args.get(++i));
                case "--seed" -> seed = Long.parseLong(args.get(++i));
                case "--max-delay" -> maxDelay = Integer.parseInt(args.get(++i));
                default -> {
                    System.err.println(Benches.usage("store-kill"));
                    return 2;
                }
            }
        }
        List<String> stores = store.equals("all") ? List.of("sqs", "dynamo", "s3") : List.of(store);
        if (!List.of("sqs", "dynamo", "s3").containsAll(stores)) {
            System.err.println(Benches.usage("store-kill"));
            return 2;
        }
        for (String s : stores) {
            probe(s, kills, writes, seed, maxDelay);
        }
        return 0;
    }

    private static void probe(String store, int kills, int writes, long seed, int maxDelay) throws Exception {
        Path dir = Files.createTempDirectory("kill-probe-" + store);
        List<Round> rounds = run(store, dir, kills, writes, new Random(seed), maxDelay);
        int acked = 0;
        int lost = 0;
        int dacked = 0;
        int undone = 0;
        for (Round r : rounds) {
            acked += r.acknowledged();
            lost += r.lost();
            dacked += r.deletesAcknowledged();
            undone += r.deletesUndone();
        }
        System.out.printf(Locale.ROOT, "%s: %d kills; writes lost %d of %d acknowledged (%d kills lost some);"
                        + " deletes undone %d of %d acknowledged (kills 0-%d ms after the last answer)%n", store,
                rounds.size(), lost, acked,
                rounds.stream().filter(r -> r.lost() > 0).count(), undone, dacked, maxDelay);
    }

    /** {@code kills} rounds on {@code dir}, each killing the child 0 to {@code maxDelay} ms after its last answer. */
    public static List<Round> run(String store, Path dir, int kills, int writes, Random random, int maxDelay) throws Exception {
        Path log = dir.resolve("child.log");
        List<Round> rounds = new ArrayList<>();
        Set<String> previous = Set.of();
        ChildJvm child = ChildJvm.start(StoreChild.class, List.of(store, dir.resolve("data").toString()), log, 120);
        Target target = open(store, URI.create(child.endpoint()));
        try {
            for (int k = 0; k < kills; k++) {
                // even kills come right after acknowledged writes, odd ones right after acknowledged deletes
                int deleted = k % 2 == 0 ? target.delete(previous) : 0;
                Set<String> acked = target.write("k" + k, writes);
                if (k % 2 == 1) {
                    deleted = target.delete(previous);
                }
                Thread.sleep(random.nextInt(maxDelay + 1));
                child.kill();
                target.close();
                child = ChildJvm.start(StoreChild.class, List.of(store, dir.resolve("data").toString()), log, 120);
                target = open(store, URI.create(child.endpoint()));
                Set<String> present = target.present();
                int lost = 0;
                for (String a : acked) {
                    if (!present.contains(a)) {
                        lost++;
                        System.out.println("lost: " + a);
                    }
                }
                int undone = 0;
                for (String p : previous) {
                    if (present.contains(p)) {
                        undone++;
                    }
                }
                Round r = new Round(acked.size(), lost, deleted, undone);
                System.out.printf(Locale.ROOT, "kill %2d: %d acknowledged, %d lost; %d deletes acknowledged, %d undone%n",
                        k + 1, r.acknowledged(), r.lost(), r.deletesAcknowledged(), r.deletesUndone());
                rounds.add(r);
                previous = present;
            }
        } finally {
            target.close();
            child.close();
        }
        return rounds;
    }

    static Target open(String store, URI endpoint) {
        return switch (store) {
            case "sqs" -> new SqsTarget(endpoint);
            case "dynamo" -> new DynamoTarget(endpoint);
            case "s3" -> new S3Target(endpoint);
            default -> throw new IllegalArgumentException(store);
        };
    }

    interface Target extends AutoCloseable {
        /** Acknowledged deletes of {@code keys}; returns how many. */
        int delete(Set<String> keys);

        /** {@code n} acknowledged writes; returns their keys. */
        Set<String> write(String prefix, int n);

        Set<String> present();

        @Override
        void close();
    }

    /** Messages; sent one by one and in batches of 10; deleted after a receive. */
    static final class SqsTarget implements Target {
        final SqsClient sqs;
        final String url;
        final Map<String, String> handles = new java.util.HashMap<>();

        SqsTarget(URI endpoint) {
            sqs = AwsClients.sqs(endpoint, List.of());
            url = sqs.createQueue(b -> b.queueName("probe")).queueUrl();
        }

        @Override
        public int delete(Set<String> keys) {
            int n = 0;
            for (String k : keys) {
                String handle = handles.get(k);
                if (handle != null) {
                    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(handle));
                    n++;
                }
            }
            return n;
        }

        @Override
        public Set<String> write(String prefix, int n) {
            Set<String> acked = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if (i % 20 < 10) {
                    String body = prefix + "-" + i;
                    sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
                    acked.add(body);
                } else {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int j = 0; j < 10 && i < n; j++, i++) {
                        entries.add(SendMessageBatchRequestEntry.builder().id("e" + j).messageBody(prefix + "-" + i).build());
                    }
                    i--;
                    var r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
                    for (var ok : r.successful()) {
                        acked.add(entries.get(Integer.parseInt(ok.id().substring(1))).messageBody());
                    }
                }
            }
            return acked;
        }

        /** Every message, visible or not: waits out the 2 s visibility timeout of a receive restored from before. */
        @Override
        public Set<String> present() {
            sleep(2_100);
            Set<String> out = new HashSet<>();
            for (Message m : receiveAll(2)) {
                out.add(m.body());
                handles.put(m.body(), m.receiptHandle());
            }
            return out;
        }

        private List<Message> receiveAll(int visibility) {
            List<Message> all = new ArrayList<>();
            while (true) {
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                        .visibilityTimeout(visibility)).messages();
                if (got.isEmpty()) {
                    return all;
                }
                all.addAll(got);
            }
        }

        @Override
        public void close() {
            sqs.close();
        }
    }

    /** Items; PutItem one by one and TransactWriteItems of 2. */
    static final class DynamoTarget implements Target {
        final DynamoDbClient ddb;

        DynamoTarget(URI endpoint) {
            ddb = AwsClients.dynamoDb(endpoint, List.of());
            if (!ddb.listTables().tableNames().contains("probe")) {
                ddb.createTable(b -> b.tableName("probe").billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                        .keySchema(s -> s.attributeName("pk").keyType(KeyType.HASH)));
            }
        }

        @Override
        public int delete(Set<String> keys) {
            for (String k : keys) {
                ddb.deleteItem(b -> b.tableName("probe").key(Map.of("pk", AttributeValue.fromS(k))));
            }
            return keys.size();
        }

        @Override
        public Set<String> write(String prefix, int n) {
            Set<String> acked = new HashSet<>();
            for (int i = 0; i < n; i++) {
                String k = prefix + "-" + i;
                if (i % 4 < 2) {
                    ddb.putItem(b -> b.tableName("probe").item(Map.of("pk", AttributeValue.fromS(k),
                            "v", AttributeValue.fromS("x".repeat(100)))));
                    acked.add(k);
                } else {
                    String k2 = prefix + "-" + (++i);
                    ddb.transactWriteItems(b -> b.transactItems(put(k), put(k2)));
                    acked.add(k);
                    acked.add(k2);
                }
            }
            return acked;
        }

        private static TransactWriteItem put(String k) {
            return TransactWriteItem.builder().put(p -> p.tableName("probe").item(Map.of("pk", AttributeValue.fromS(k)))).build();
        }

        @Override
        public Set<String> present() {
            Set<String> out = new HashSet<>();
            ddb.scanPaginator(b -> b.tableName("probe")).items().forEach(i -> out.add(i.get("pk").s()));
            return out;
        }

        @Override
        public void close() {
            ddb.close();
        }
    }

    /** Objects; a key counts as present when it is listed and reads back whole. */
    static final class S3Target implements Target {
        final S3Client s3;

        S3Target(URI endpoint) {
            s3 = AwsClients.s3(endpoint, AwsClients.httpClient());
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals("probe"))) {
                s3.createBucket(b -> b.bucket("probe"));
            }
        }

        @Override
        public int delete(Set<String> keys) {
            for (String k : keys) {
                s3.deleteObject(b -> b.bucket("probe").key(k));
            }
            return keys.size();
        }

        @Override
        public Set<String> write(String prefix, int n) {
            Set<String> acked = new HashSet<>();
            for (int i = 0; i < n; i++) {
                String k = prefix + "-" + i;
                s3.putObject(b -> b.bucket("probe").key(k), RequestBody.fromString(body(k)));
                acked.add(k);
            }
            return acked;
        }

        private static String body(String k) {
            return (k + ";").repeat(200);
        }

        @Override
        public Set<String> present() {
            Set<String> out = new HashSet<>();
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket("probe")).contents()) {
                try {
                    String got = s3.getObjectAsBytes(b -> b.bucket("probe").key(o.key())).asString(StandardCharsets.UTF_8);
                    if (got.equals(body(o.key()))) {
                        out.add(o.key());
                    }
                } catch (RuntimeException e) {
                    System.out.println("unreadable after the kill: " + o.key() + ": " + e);
                }
            }
            return out;
        }

        @Override
        public void close() {
            s3.close();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

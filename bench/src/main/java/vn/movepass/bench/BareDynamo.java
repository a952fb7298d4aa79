package vn.movepass.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import vn.movepass.local.embedded.AwsClients;

/**
 * The machine's bare numbers beside the load: from the load's own JVM, straight to DynamoDB Local (no gateway, no
 * handler), closed loop on 1, 4 and as many threads as the load has connections, the most the server answers per second of
 * (a) the one BatchGetItem a token scan makes (its pass, checkpoint and officer's account) and (b) the bare
 * minimum for a scan, a GetItem of the pass and a PutItem of a passage-sized item under a fresh key (in DeclarationsTable, so the passages
 * counted after the
 * load are the scans' alone).
 */
final class BareDynamo {
    /**
     * Where to read and write, as {@code name=value,...}: endpoint, passes, passKey, checkpoints, checkpoint, accounts, account,
     * declarations (where the bare puts go).
     */
    record Target(URI endpoint, String passes, String passKey, String checkpoints, String checkpoint, String accounts,
                  String account, String declarations) {
        static Target parse(String spec) {
            Map<String, String> m = new HashMap<>();
            for (String part : spec.split(",")) {
                int eq = part.indexOf('=');
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
            return new Target(URI.create(m.get("endpoint")), m.get("passes"), m.get("passKey"), m.get("checkpoints"),
                    m.get("checkpoint"), m.get("accounts"), m.get("account"), m.get("declarations"));
        }

        String spec() {
            return "endpoint=" + endpoint + ",passes=" + passes + ",passKey=" + passKey + ",checkpoints=" + checkpoints
                    + ",checkpoint=" + checkpoint + ",accounts=" + accounts + ",account=" + account + ",declarations=" + declarations;
        }
    }

    /** Operations per second of each kind, on a number of threads. */
    record Ceiling(int threads, double batchGet, double getAndPut) {
    }

    private BareDynamo() {
    }

    /** The ceiling on each of {@code threadCounts}, {@code seconds} per kind and count (after a 2 s warm-up). */
    static List<Ceiling> measure(Target t, int[] threadCounts, int seconds) throws InterruptedException {
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(t.endpoint(), List.of())) {
            return measure(dynamo, t, threadCounts, seconds);
        }
    }

    /** The same on {@code dynamo} (the runtime's in-process client: the functions' own path to the store). */
    static List<Ceiling> measure(DynamoDbClient dynamo, Target t, int[] threadCounts, int seconds) throws InterruptedException {
        Map<String, KeysAndAttributes> batch = Map.of(
                t.passes(), keys("pk", t.passKey()),
                t.checkpoints(), keys("checkpointId", t.checkpoint()),
                t.accounts(), keys("sub", t.account()));
        Map<String, AttributeValue> passKey = Map.of("pk", AttributeValue.fromS(t.passKey()));
        AtomicLong serial = new AtomicLong(System.nanoTime()); // fresh keys whichever JVM measures
        String filler = "x".repeat(300); // about the size of a passage item
        Runnable batchGet = () -> dynamo.batchGetItem(r -> r.requestItems(batch));
        Runnable getAndPut = () -> {
            dynamo.getItem(r -> r.tableName(t.passes()).key(passKey));
            long n = serial.incrementAndGet();
            dynamo.putItem(r -> r.tableName(t.declarations()).item(Map.of(
                            "declarationId", AttributeValue.fromS("bare-" + n), "body", AttributeValue.fromS(filler)))
                    .conditionExpression("attribute_not_exists(declarationId)"));
        };
        List<Ceiling> out = new ArrayList<>();
        for (int threads : threadCounts) {
            closedLoop(batchGet, threads, 2); // warm-up
            double a = closedLoop(batchGet, threads, seconds);
            closedLoop(getAndPut, threads, 2);
            double b = closedLoop(getAndPut, threads, seconds);
            out.add(new Ceiling(threads, a, b));
        }
        return out;
    }

    private static KeysAndAttributes keys(String attribute, String value) {
        return KeysAndAttributes.builder().keys(List.of(Map.of(attribute, AttributeValue.fromS(value)))).build();
    }

    /** Operations completed per second by {@code threads} threads calling {@code op} back to back. */
    private static double closedLoop(Runnable op, int threads, int seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread w = new Thread(() -> {
                while (System.nanoTime() < end) {
                    op.run();
                    done.incrementAndGet();
                }
            }, "bare-" + i);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    static String line(Ceiling c, double achieved) {
        return line("BARE %2d threads straight to DynamoDB Local", c, achieved);
    }

    static String line(String label, Ceiling c, double achieved) {
        return String.format(Locale.ROOT, label + ": the scan's BatchGetItem %4.0f/s,"
                        + " GetItem + PutItem %4.0f/s; sustained scans ÷ bare BatchGetItem = %.2f, ÷ bare GetItem + PutItem = %.2f",
                c.threads(), c.batchGet(), c.getAndPut(), achieved / c.batchGet(), achieved / c.getAndPut());
    }
}

package vn.movepass.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.demo.DemoData;
import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/**
 * {@code bench capacity}: what each operation costs in DynamoDB capacity units, SQS messages and S3 requests, the
 * figures AWS bills and throttles by. The runtime starts with the demo data and a {@link Meter} on its DynamoDB, SQS and
 * S3 clients; while an operation runs, the meter asks every DynamoDB request for {@code ReturnConsumedCapacity=INDEXES}
 * and adds up the read units of the answers per table and index (DynamoDB Local 3.x answers it as DynamoDB does for
 * reads: 1 RCU per 4 KB strongly consistent, half that eventually consistent), and counts the write units from the
 * items each write request names (DynamoDB Local under-reports a call of several items; see {@link Meter}). The work
 * an operation queues (a case's trace step and contact probes) runs before the operation's tally closes, under the
 * name of the function that consumed it. Handler time is the median of the rounds (the request's own handler only).
 * {@code --tsv FILE} writes the figures for {@code docs/capacity-model.py}. Figures only; {@code CapacityBudgetIT}
 * holds each operation's units under a budget.
 */
public final class CapacityBench {
    private CapacityBench() {
    }

    public static int run(List<String> args) throws Exception {
        int rounds = 3;
        int exportRows = 10_000;
        Path tsv = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--rounds" -> rounds = Math.max(1, Integer.parseInt(args.get(++i)));
                case "--export-rows" -> exportRows = Math.max(100, Integer.parseInt(args.get(++i)));
                case "--tsv" -> tsv = Path.of(args.get(++i));
                default -> {
                    System.err.println(Benches.usage("capacity"));
                    return 2;
                }
            }
        }
        List<Usage> usages = measure(rounds, exportRows, System.out);
        if (tsv != null) {
            Files.writeString(tsv, tsv(usages, exportRows), StandardCharsets.UTF_8);
            System.out.println("wrote " + tsv);
        }
        return 0;
    }

    // ---- the meter

    /** Read or write units of one table or index ("Table" or "Table/Index"), by who consumed them. */
    public record Units(String source, String resource, double read, double write) {
    }

    /** One operation's mean cost per run over the rounds. */
    public record Usage(String operation, String note, double handlerMs, List<Units> units, Map<String, Double> sqsMessages,
                        Map<String, Double> s3Requests, Map<String, Double> queuedMessages, double contacts, double localWrite) {
        public double read() {
            return units.stream().mapToDouble(Units::read).sum();
        }

        public double write() {
            return units.stream().mapToDouble(Units::write).sum();
        }

        public double sqs() {
            return sqsMessages.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        public double s3() {
            return s3Requests.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /**
     * An SDK interceptor for the runtime's DynamoDB, SQS and S3 clients, idle unless {@link #on}: it then sets
     * {@code ReturnConsumedCapacity=INDEXES} on every DynamoDB request and tallies the capacity of the answers per table
     * and index; SQS messages sent per queue; S3 requests per operation. Calls are attributed by thread: a queue
     * poller's thread ({@code sqs-<queue>-<function>-n}) to its function, the schedules' threads to "schedule", any
     * other to "request".
     */
    public static final class Meter implements ExecutionInterceptor {
        private static final ExecutionAttribute<Map<String, Double>> WRITES = new ExecutionAttribute<>("capacity.writes");
        /** Set while the meter makes its own reads (item sizes), which it neither modifies nor counts. */
        private static final ThreadLocal<Boolean> OWN = ThreadLocal.withInitial(() -> false);
        private volatile boolean on;
        private volatile DynamoDbClient dynamo;
        private final Map<String, List<GlobalSecondaryIndexDescription>> indexes = new ConcurrentHashMap<>();
        private final java.util.concurrent.ExecutorService ownThread = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "capacity-meter");
            t.setDaemon(true);
            return t;
        });
        private volatile Map<String, String> tables = Map.of();
        private volatile Map<String, String> queues = Map.of();
        private final Map<String, DoubleAdder> read = new ConcurrentHashMap<>();
        private final Map<String, DoubleAdder> write = new ConcurrentHashMap<>();
        private final Map<String, DoubleAdder> sqs = new ConcurrentHashMap<>();
        private final Map<String, DoubleAdder> s3 = new ConcurrentHashMap<>();
        /** The write units DynamoDB Local itself reported, for comparison with the counted ones. */
        private final DoubleAdder localWrite = new DoubleAdder();

        /** Physical table names and queue URLs to their logical ids; the client the meter reads items and indexes with. */
        void names(LocalRuntime runtime) {
            dynamo = runtime.dynamo();
            Map<String, String> t = new ConcurrentHashMap<>();
            runtime.provisioned().tableNames().forEach((id, name) -> t.put(name, id));
            Map<String, String> q = new ConcurrentHashMap<>();
            runtime.provisioned().queues().forEach((id, info) -> q.put(info.url(), id));
            tables = t;
            queues = q;
        }

        void start() {
            read.clear();
            write.clear();
            sqs.clear();
            s3.clear();
            localWrite.reset();
            on = true;
        }

        void stop() {
            on = false;
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!on || OWN.get()) {
                return context.request();
            }
            ReturnConsumedCapacity all = ReturnConsumedCapacity.INDEXES;
            SdkRequest r = context.request();
            if (r instanceof GetItemRequest x) {
                return x.toBuilder().returnConsumedCapacity(all).build();
            } else if (r instanceof PutItemRequest x) {
                return x.toBuilder().returnConsumedCapacity(all).build();
            } else if (r instanceof UpdateItemRequest x) {
                return x.toBuilder().returnConsumedCapacity(all).build();
            } else if (r instanceof DeleteItemRequest x) {
                return x.toBuilder().returnConsumedCapacity(all).build();
            } else if (r instanceof QueryRequest x) {
                return x.toBuilder().returnConsumedCapacity(all).build();
            } else if (r instanceof ScanRequest x) {
                return x.toBuilder().returnConsumedCapacity(all).build();
            } else if (r instanceof BatchGetItemRequest x) {
                return x.toBuilder().returnConsumedCapacity(all).build();
            } else if (r instanceof BatchWriteItemRequest x) {
                return x.toBuilder().returnConsumedCapacity(all).build();
            } else if (r instanceof TransactGetItemsRequest x) {
                return x.toBuilder().returnConsumedCapacity(all).build();
            } else if (r instanceof TransactWriteItemsRequest x) {
                return x.toBuilder().returnConsumedCapacity(all).build();
            }
            return r;
        }

        /**
         * The write units of a write request, computed from its items as DynamoDB bills them: DynamoDB Local's own figure
         * is right for one item but not for several in one call (four counter updates in one transaction come back as
         * 2 WCU where DynamoDB bills 8). Per item: 1 WCU per started KB of the larger of the item before and after,
         * twice that inside a transaction; the same again for every GSI the item is (or was) in. Sizes follow DynamoDB's
         * rules (attribute names plus values); an update's item after is taken as the item before plus every value the
         * update names (an upper bound).
         */
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (!on || OWN.get()) {
                return;
            }
            SdkRequest r = context.request();
            Map<String, Double> units = new TreeMap<>();
            if (r instanceof PutItemRequest x) {
                put(units, x.tableName(), x.item(), 1);
            } else if (r instanceof UpdateItemRequest x) {
                update(units, x.tableName(), x.key(), x.updateExpression(), x.expressionAttributeNames(), x.expressionAttributeValues(), 1);
            } else if (r instanceof DeleteItemRequest x) {
                existing(units, x.tableName(), x.key(), 1);
            } else if (r instanceof BatchWriteItemRequest x) {
                x.requestItems().forEach((table, writes) -> {
                    for (WriteRequest w : writes) {
                        if (w.putRequest() != null) {
                            put(units, table, w.putRequest().item(), 1);
                        } else if (w.deleteRequest() != null) {
                            existing(units, table, w.deleteRequest().key(), 1);
                        }
                    }
                });
            } else if (r instanceof TransactWriteItemsRequest x) {
                for (TransactWriteItem i : x.transactItems()) {
                    if (i.put() != null) {
                        put(units, i.put().tableName(), i.put().item(), 2);
                    } else if (i.update() != null) {
                        var u = i.update();
                        update(units, u.tableName(), u.key(), u.updateExpression(), u.expressionAttributeNames(),
                                u.expressionAttributeValues(), 2);
                    } else if (i.delete() != null) {
                        existing(units, i.delete().tableName(), i.delete().key(), 2);
                    } else if (i.conditionCheck() != null) {
                        // a condition check in a transaction is billed as a transactional write of the item it checks
                        Map<String, AttributeValue> item = read(i.conditionCheck().tableName(), i.conditionCheck().key());
                        units.merge(tables.getOrDefault(i.conditionCheck().tableName(), i.conditionCheck().tableName()),
                                2.0 * kb(item == null ? size(i.conditionCheck().key()) : size(item)), Double::sum);
                    }
                }
            } else {
                return;
            }
            attributes.putAttribute(WRITES, units);
        }

        private void put(Map<String, Double> units, String table, Map<String, AttributeValue> item, int factor) {
            Map<String, AttributeValue> before = read(table, keyOf(table, item));
            int size = Math.max(size(item), before == null ? 0 : size(before));
            add(units, table, item, before, size, factor);
        }

        private void update(Map<String, Double> units, String table, Map<String, AttributeValue> key, String expression,
                            Map<String, String> names, Map<String, AttributeValue> values, int factor) {
            Map<String, AttributeValue> before = read(table, key);
            int size = (before == null ? size(key) : size(before)) + (values == null ? 0 : size(values));
            Map<String, AttributeValue> after = new java.util.HashMap<>(before == null ? key : before);
            // the attributes the update names (by placeholder or plainly) exist after it: an index keyed on one gets a write
            AttributeValue named = AttributeValue.fromS("");
            if (names != null) {
                names.values().forEach(n -> after.putIfAbsent(n, named));
            }
            if (expression != null) {
                for (String token : expression.split("[^A-Za-z0-9_]+")) {
                    if (!token.isEmpty()) {
                        after.putIfAbsent(token, named);
                    }
                }
            }
            add(units, table, after, before, size, factor);
        }

        private void existing(Map<String, Double> units, String table, Map<String, AttributeValue> key, int factor) {
            Map<String, AttributeValue> before = read(table, key);
            add(units, table, before == null ? key : before, before, before == null ? size(key) : size(before), factor);
        }

        private void add(Map<String, Double> units, String table, Map<String, AttributeValue> item,
                         Map<String, AttributeValue> before, int size, int factor) {
            String name = tables.getOrDefault(table, table);
            units.merge(name, (double) factor * kb(size), Double::sum);
            for (GlobalSecondaryIndexDescription gsi : gsis(table)) {
                boolean inAfter = gsi.keySchema().stream().allMatch(k -> item.containsKey(k.attributeName()));
                boolean inBefore = before != null && gsi.keySchema().stream().allMatch(k -> before.containsKey(k.attributeName()));
                if (inAfter || inBefore) {
                    units.merge(name + "/" + gsi.indexName(), (double) factor * kb(size), Double::sum);
                }
            }
        }

        private Map<String, AttributeValue> keyOf(String table, Map<String, AttributeValue> item) {
            Map<String, AttributeValue> key = new java.util.HashMap<>();
            for (KeySchemaElement k : describe(table).keySchema()) {
                key.put(k.attributeName(), item.get(k.attributeName()));
            }
            return key;
        }

        private Map<String, AttributeValue> read(String table, Map<String, AttributeValue> key) {
            var item = own(() -> dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)));
            return item.hasItem() ? item.item() : null;
        }

        private software.amazon.awssdk.services.dynamodb.model.TableDescription describe(String table) {
            return own(() -> dynamo.describeTable(b -> b.tableName(table)).table());
        }

        /**
         * The meter's own call, on its own thread: not counted, not modified, and not recorded as the function's
         * ({@link vn.movepass.local.embedded.AwsAccess} attributes calls by thread; the least-privilege check reads them).
         */
        private <T> T own(java.util.concurrent.Callable<T> call) {
            try {
                return ownThread.submit(() -> {
                    OWN.set(true);
                    try {
                        return call.call();
                    } finally {
                        OWN.set(false);
                    }
                }).get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private List<GlobalSecondaryIndexDescription> gsis(String table) {
            return indexes.computeIfAbsent(table, t -> describe(t).globalSecondaryIndexes());
        }

        private static int kb(int bytes) {
            return Math.max(1, (bytes + 1023) / 1024);
        }

        /** An item's size as DynamoDB counts it: every attribute's name and value. */
        static int size(Map<String, AttributeValue> item) {
            int n = 0;
            for (var e : item.entrySet()) {
                n += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
            }
            return n;
        }

        private static int size(AttributeValue v) {
            if (v.s() != null) {
                return v.s().getBytes(StandardCharsets.UTF_8).length;
            } else if (v.n() != null) {
                return (v.n().replaceAll("[^0-9]", "").length() + 1) / 2 + 1;
            } else if (v.b() != null) {
                return v.b().asByteArray().length;
            } else if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
                return 1;
            } else if (v.hasSs()) {
                return v.ss().stream().mapToInt(x -> x.getBytes(StandardCharsets.UTF_8).length).sum();
            } else if (v.hasNs()) {
                return v.ns().stream().mapToInt(x -> (x.length() + 1) / 2 + 1).sum();
            } else if (v.hasL()) {
                return 3 + v.l().stream().mapToInt(x -> 1 + size(x)).sum();
            } else if (v.hasM()) {
                return 3 + v.m().entrySet().stream().mapToInt(e -> 1 + e.getKey().length() + size(e.getValue())).sum();
            }
            return 1;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (!on || OWN.get()) {
                return;
            }
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            String source = source(Thread.currentThread().getName());
            if ("DynamoDB".equalsIgnoreCase(service)) {
                boolean reads = operation.startsWith("Get") || operation.startsWith("BatchGet") || operation.startsWith("Query")
                        || operation.startsWith("Scan") || operation.startsWith("TransactGet");
                if (reads) {
                    for (ConsumedCapacity c : consumed(context.response())) {
                        tally(read, source, c);
                    }
                } else {
                    for (ConsumedCapacity c : consumed(context.response())) {
                        localWrite.add(c.capacityUnits() == null ? 0 : c.capacityUnits());
                    }
                    Map<String, Double> units = attributes.getAttribute(WRITES);
                    if (units != null) {
                        units.forEach((resource, u) -> add(write, source, resource, u));
                    }
                }
            } else if ("Sqs".equalsIgnoreCase(service) && operation.startsWith("SendMessage")) {
                SdkRequest r = context.request();
                String queue = queues.getOrDefault(r.getValueForField("QueueUrl", String.class).orElse("?"), "?");
                int messages = r instanceof SendMessageBatchRequest b ? b.entries().size() : 1;
                sqs.computeIfAbsent(source + "\t" + queue, k -> new DoubleAdder()).add(messages);
            } else if ("S3".equalsIgnoreCase(service)) {
                s3.computeIfAbsent(source + "\t" + operation, k -> new DoubleAdder()).add(1);
            }
        }

        private static List<ConsumedCapacity> consumed(SdkResponse response) {
            List<ConsumedCapacity> out = new ArrayList<>();
            response.getValueForField("ConsumedCapacity", Object.class).ifPresent(v -> {
                if (v instanceof ConsumedCapacity c) {
                    out.add(c);
                } else if (v instanceof List<?> list) {
                    list.stream().filter(ConsumedCapacity.class::isInstance).map(ConsumedCapacity.class::cast).forEach(out::add);
                }
            });
            return out;
        }

        private void tally(Map<String, DoubleAdder> into, String source, ConsumedCapacity c) {
            String table = tables.getOrDefault(c.tableName(), c.tableName());
            double split = 0;
            if (c.table() != null && c.table().capacityUnits() != null) {
                add(into, source, table, c.table().capacityUnits());
                split += c.table().capacityUnits();
            }
            for (var e : c.globalSecondaryIndexes().entrySet()) {
                add(into, source, table + "/" + e.getKey(), e.getValue().capacityUnits());
                split += e.getValue().capacityUnits();
            }
            for (var e : c.localSecondaryIndexes().entrySet()) {
                add(into, source, table + "/" + e.getKey(), e.getValue().capacityUnits());
                split += e.getValue().capacityUnits();
            }
            if (c.capacityUnits() != null && c.capacityUnits() > split + 1e-9) {
                // a total without its parts (TransactGetItems): the table's
                add(into, source, table, c.capacityUnits() - split);
            }
        }

        private static void add(Map<String, DoubleAdder> into, String source, String resource, double units) {
            into.computeIfAbsent(source + "\t" + resource, k -> new DoubleAdder()).add(units);
        }

        static String source(String thread) {
            if (thread.startsWith("sqs-")) {
                String[] parts = thread.split("-");
                return parts.length >= 4 ? parts[parts.length - 2] : thread;
            }
            return thread.startsWith("schedule") ? "schedule" : "request";
        }
    }

    // ---- the operations

    /** One operation: it runs once per round; its note says what it is. */
    @FunctionalInterface
    interface Op {
        void run(int round) throws Exception;
    }

    record Operation(String name, String note, Op op, boolean schedule) {
    }

    /** Every operation of issue 22 part 5, each measured over {@code rounds} runs; the export once over {@code exportRows}. */
    public static List<Usage> measure(int rounds, int exportRows, PrintStream out) throws Exception {
        Meter meter = new Meter();
        LocalRuntime.Options options = LocalRuntime.Options.inMemory().withDynamoInterceptors(List.of(meter))
                .withSqsInterceptors(List.of(meter)).withS3Interceptors(List.of(meter));
        try (BenchWorld world = BenchWorld.start(options)) {
            meter.names(world.runtime);
            World w = new World(world);
            List<Operation> ops = w.operations(rounds, exportRows);
            out.printf(Locale.ROOT, "capacity per operation (mean of %d rounds after a warm-up run; ReturnConsumedCapacity=INDEXES"
                    + " on DynamoDB Local; JDK %s)%n", rounds, System.getProperty("java.version"));
            out.printf(Locale.ROOT, "%-44s %8s %8s %8s %6s %5s %10s%n", "operation", "ms", "RCU", "WCU", "SQS", "S3", "Local WCU");
            List<Usage> all = new ArrayList<>();
            for (Operation o : ops) {
                int n = o.name().startsWith("export") ? 1 : rounds;
                Usage u = usage(w, meter, o, n);
                all.add(u);
                out.printf(Locale.ROOT, "%-44s %8.1f %8.1f %8.1f %6.1f %5.1f %10.1f%n", o.name(), u.handlerMs(), u.read(), u.write(),
                        u.sqs(), u.s3(), u.localWrite());
                for (Units x : u.units()) {
                    out.printf(Locale.ROOT, "    %-40s %17.2f %8.2f   %s%n", x.resource(), x.read(), x.write(),
                            "request".equals(x.source()) ? "" : "(" + x.source() + ")");
                }
                if (u.contacts() > 0) {
                    out.printf(Locale.ROOT, "    contacts recorded per case: %.1f%n", u.contacts());
                }
                u.sqsMessages().forEach((k, v) -> out.printf(Locale.ROOT, "    SQS %-36s %6.1f messages%n", k.replace('\t', ' '), v));
                u.s3Requests().forEach((k, v) -> out.printf(Locale.ROOT, "    S3 %-37s %6.1f requests%n", k.replace('\t', ' '), v));
            }
            out.println("per run: RCU as DynamoDB Local reported them (ReturnConsumedCapacity), WCU counted from the items written"
                    + " as DynamoDB bills them (see Meter; Local WCU: what DynamoDB Local reported for them); ms: the request's"
                    + " handler (median); SQS: messages sent; S3: requests.");
            for (Operation o : ops) {
                out.printf("  %-42s %s%n", o.name(), o.note());
            }
            return all;
        }
    }

    private static Usage usage(World w, Meter meter, Operation o, int rounds) throws Exception {
        List<Double> ms = new ArrayList<>();
        Map<String, double[]> units = new TreeMap<>();
        Map<String, Double> sqs = new TreeMap<>();
        Map<String, Double> s3 = new TreeMap<>();
        double localWrite = 0;
        int warmUp = o.schedule() ? 0 : 1;
        for (int r = 0; r < rounds + warmUp; r++) {
            w.prepare(o, r);
            meter.start();
            long t = System.nanoTime();
            o.op().run(r);
            double took = (System.nanoTime() - t) / 1e6;
            if (!w.world.runtime.awaitQueuesIdle(Duration.ofMinutes(2))) {
                throw new IllegalStateException(o.name() + ": the queues did not drain");
            }
            meter.stop();
            if (w.caseIds.containsKey(r) && o.name().startsWith("case")) {
                w.contacts.add(w.contactsOf(w.caseIds.remove(r)));
            }
            if (r < warmUp) {
                w.contacts.clear();
                continue; // the first run of an operation warms its code paths up
            }
            ms.add(took);
            meter.read.forEach((k, v) -> units.computeIfAbsent(k, x -> new double[2])[0] += v.sum() / rounds);
            meter.write.forEach((k, v) -> units.computeIfAbsent(k, x -> new double[2])[1] += v.sum() / rounds);
            meter.sqs.forEach((k, v) -> sqs.merge(k, v.sum() / rounds, Double::sum));
            meter.s3.forEach((k, v) -> s3.merge(k, v.sum() / rounds, Double::sum));
            localWrite += meter.localWrite.sum() / rounds;
        }
        List<Units> list = new ArrayList<>();
        units.forEach((k, v) -> {
            String[] parts = k.split("\t");
            if ((o.schedule() || !"schedule".equals(parts[0])) && v[0] + v[1] > 0) {
                list.add(new Units(parts[0], parts[1], v[0], v[1]));
            }
        });
        Map<String, Double> queued = new TreeMap<>();
        sqs.forEach((k, v) -> queued.merge(k.split("\t")[1], v, Double::sum));
        double contacts = w.contacts.stream().mapToInt(Integer::intValue).average().orElse(0);
        w.contacts.clear();
        return new Usage(o.name(), o.note(), RatioBench.median(ms), List.copyOf(list), sqs, s3, queued, contacts, localWrite);
    }

    /** The data the operations use: fresh residents for every write, a site, a venue, a ward's commune official. */
    static final class World {
        final BenchWorld world;
        final List<Resident> residents = DemoData.living(6_000);
        final AtomicInteger next = new AtomicInteger(5); // the first five are BenchWorld's samples
        final String checkpoint;
        final String ward;
        final Map<String, String> officer;
        final Map<String, String> health = Map.of("sub", "bench-health", "role", "HEALTH_OFFICIAL");
        final Map<String, String> admin = Map.of("sub", "bench-admin", "role", "ADMIN");
        final Map<String, String> police;
        final Map<String, String> analyst = Map.of("sub", "bench-analyst", "role", "ANALYST");
        final Map<String, String> venue = Map.of("sub", "bench-venue", "role", "VENUE_OPERATOR", "venue_id", "BENCH-CAP-V1");
        /** Per round: the pass (passId, token, shortCode) and resident the pass, scan and passage operations use. */
        final Map<Integer, JsonNode> passes = new ConcurrentHashMap<>();
        final Map<Integer, Resident> holders = new ConcurrentHashMap<>();
        final Map<Integer, String> scanIds = new ConcurrentHashMap<>();
        final Map<Integer, String[]> supportCases = new ConcurrentHashMap<>();
        final Map<Integer, String> caseIds = new ConcurrentHashMap<>();
        final List<Resident> wardResidents = new ArrayList<>();
        final AtomicInteger nextWardResident = new AtomicInteger();
        final String supportWard;
        /** Contacts each measured case ended with (counted after its trace, outside the meter). */
        final List<Integer> contacts = new java.util.concurrent.CopyOnWriteArrayList<>();
        static final String FEED_WARD = "26734";

        World(BenchWorld world) {
            this.world = world;
            this.checkpoint = world.checkpointId;
            this.officer = world.officerClaims;
            this.ward = "27457"; // the first demo checkpoint's ward (Tân Tạo A, Bình Tân)
            // the feed lines of a declaration go to its origin and destination wards (DemoData: 26734 → 00001)
            this.police = Map.of("sub", "bench-police", "role", "WARD_POLICE", "ward_code", FEED_WARD);
            Map<String, Integer> byWard = new LinkedHashMap<>();
            for (Resident r : residents) {
                byWard.merge(r.currentWardCode(), 1, Integer::sum);
            }
            this.supportWard = byWard.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            for (Resident r : residents) {
                if (supportWard.equals(r.currentWardCode())) {
                    wardResidents.add(r);
                }
            }
        }

        static final String FULL_SITE = "BENCH-CAP-VX1";
        Instant slot0;

        JsonNode book(Resident p, String site, Instant slot, int status) {
            return post(status, "/v1/vaccination-appointments", Map.of("citizenId", p.citizenId(), "fullName", p.fullName(),
                    "dateOfBirth", p.dateOfBirth().toString(), "gender", p.gender().name(), "phone", "0901234567",
                    "priorityGroup", "OTHER", "siteId", site, "slotStart", slot.toString()), null, "booking");
        }

        /** The contacts a case recorded (a Query of ContactsTable by case). */
        int contactsOf(String caseId) {
            String table = world.runtime.provisioned().tableName("ContactsTable");
            int n = 0;
            for (var page : world.runtime.dynamo().queryPaginator(b -> b.tableName(table).keyConditionExpression("caseId = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(caseId))))) {
                n += page.count();
            }
            return n;
        }

        Resident fresh() {
            return residents.get(next.getAndIncrement());
        }

        JsonNode post(int status, String path, Object body, Map<String, String> claims, String what) {
            byte[] bytes = (body instanceof byte[] b ? b : Json.write(body).getBytes(StandardCharsets.UTF_8));
            return Json.readTree(BenchWorld.expect(status, world.runtime.gateway().invoke("POST", path, null, BenchWorld.JSON,
                    bytes, claims), what).getBody());
        }

        void get(String path, String query, Map<String, String> claims, String what) {
            BenchWorld.expect(200, world.runtime.gateway().invoke("GET", path, query, Map.of(), new byte[0], claims), what);
        }

        JsonNode declare(Resident r) {
            LocalDate departure = Times.vietnamDate(world.runtime.clock().instant()).plusDays(1);
            return post(201, "/v1/declarations", DemoData.declaration(r, departure), null, "declaration").get("pass");
        }

        String now(long secondsAgo) {
            return world.runtime.clock().instant().minusSeconds(secondsAgo).toString();
        }

        static String card(Resident r) {
            return r.citizenId() + "||" + r.fullName() + "|" + r.dateOfBirth().format(DateTimeFormatter.ofPattern("ddMMyyyy")) + "|"
                    + (r.gender() == Gender.MALE ? "Nam" : "Nữ") + "|Quận 1|01072021";
        }

        /** What an operation needs before its measured run (outside the meter). */
        void prepare(Operation o, int round) {
            if (o.name().startsWith("pass view")) {
                Resident r = fresh();
                holders.put(round, r);
                passes.put(round, declare(r));
            } else if (o.name().startsWith("passage confirmation")) {
                JsonNode scan = post(200, world.scansPath(), Map.of("code", passes.get(round).get("token").asText(), "direction",
                        "OUT"), officer, "scan");
                scanIds.put(round, scan.get("scanId").asText());
            } else if (o.name().startsWith("vaccination booking of a full slot")) {
                book(fresh(), FULL_SITE, slot0.plusSeconds(1_800L * round), 201); // its one place taken
            } else if (o.name().startsWith("support payment")) {
                if (!supportCases.containsKey(round)) {
                    throw new IllegalStateException("the support case operation runs first");
                }
            }
        }

        List<Operation> operations(int rounds, int exportRows) throws Exception {
            String site = "BENCH-CAP-VX";
            post(201, "/v1/vaccination-sites", Map.of("siteId", site, "name", "Trạm tiêm", "wardCode", ward, "address",
                    "1 Lê Lợi", "slotMinutes", 30, "capacityPerSlot", 100, "opens", "07:30", "closes", "17:00"),
                    Map.of("sub", "bench-health-79", "role", "HEALTH_OFFICIAL", "province_code", "79"), "site");
            post(201, "/v1/vaccination-sites", Map.of("siteId", FULL_SITE, "name", "Trạm tiêm nhỏ", "wardCode", ward, "address",
                    "3 Lê Lợi", "slotMinutes", 30, "capacityPerSlot", 1, "opens", "07:30", "closes", "17:00"),
                    Map.of("sub", "bench-health-79", "role", "HEALTH_OFFICIAL", "province_code", "79"), "site");
            post(201, "/v1/admin/venues", Map.of("venueId", "BENCH-CAP-V1", "name", "Co.opmart", "type", "SUPERMARKET",
                    "wardCode", ward, "address", "2 Lý Tự Trọng"), admin, "venue");
            String cp = world.scansPath();
            String commune = "commune-" + supportWard;
            Map<String, String> communeClaims = Map.of("sub", commune, "role", "COMMUNE_OFFICIAL", "ward_code", supportWard);
            String today = Times.vietnamDate(world.runtime.clock().instant()).toString();
            List<Operation> ops = new ArrayList<>();
            ops.add(new Operation("declaration (ACCEPTED)", "POST /v1/declarations of a registry resident, a pass issued",
                    r -> declare(fresh()), false));
            ops.add(new Operation("pass view", "GET /v1/passes/{passId}", r -> get("/v1/passes/" + passes.get(r).get("passId")
                    .asText(), null, null, "pass"), false));
            ops.add(new Operation("pass QR PNG", "GET /v1/passes/{passId}/qr.png", r -> get("/v1/passes/" + passes.get(r)
                    .get("passId").asText() + "/qr.png", null, null, "qr"), false));
            ops.add(new Operation("scan: pass token (VALID)", "POST scans, the pass's QR, record false", r -> post(200, cp,
                    Map.of("code", passes.get(r).get("token").asText(), "direction", "IN", "record", false), officer, "scan"), false));
            ops.add(new Operation("scan: short code", "POST scans, the pass's short code typed", r -> post(200, cp,
                    Map.of("code", passes.get(r).get("shortCode").asText(), "direction", "IN"), officer, "scan"), false));
            ops.add(new Operation("scan: chip-ID card QR", "POST scans, the holder's card QR (registry + health)", r -> post(200, cp,
                    Map.of("code", card(holders.get(r)), "direction", "IN"), officer, "scan"), false));
            ops.add(new Operation("scan: unreadable code", "POST scans, a code that is nothing", r -> post(200, cp,
                    Map.of("code", "garbage-" + r, "direction", "IN"), officer, "scan"), false));
            ops.add(new Operation("scan recording a passage", "POST scans with record true (the passage in the scan's transaction)",
                    r -> post(200, cp, Map.of("code", passes.get(r).get("token").asText(), "direction", "IN", "record", true), officer,
                            "recording scan"), false));
            ops.add(new Operation("passage confirmation", "POST /passages for an earlier scan (ALLOWED)", r -> post(201,
                    "/v1/checkpoints/" + checkpoint + "/passages", Map.of("scanId", scanIds.get(r), "direction", "OUT", "decision",
                            "ALLOWED"), officer, "passage"), false));
            ops.add(new Operation("offline passage", "POST /offline-passages, one confirmation queued by the offline PWA",
                    r -> post(201, "/v1/checkpoints/" + checkpoint + "/offline-passages", Map.of("token", passes.get(r).get("token")
                            .asText(), "at", now(60), "direction", "IN", "decision", "ALLOWED", "confirmationId", "cap-" + r + "-"
                            + System.nanoTime()), officer, "offline passage"), false));
            ops.add(new Operation("venue check-in IN", "POST venue check-ins, a chip-ID card QR, IN", r -> post(201,
                    "/v1/venues/BENCH-CAP-V1/check-ins", Map.of("code", card(holders.get(r)), "direction", "IN"), venue, "venue IN"),
                    false));
            ops.add(new Operation("venue check-in OUT", "POST venue check-ins, the same card, OUT (the stay closed)", r -> post(201,
                    "/v1/venues/BENCH-CAP-V1/check-ins", Map.of("code", card(holders.get(r)), "direction", "OUT"), venue, "venue OUT"),
                    false));
            ops.add(new Operation("health event (F2)", "POST health-events, CLASSIFIED F2 of a resident with a live pass",
                    r -> post(201, "/v1/citizens/" + holders.get(r).citizenId() + "/health-events", Map.of("type", "CLASSIFIED",
                            "level", "F2", "at", now(0)), health, "health event"), false));
            ops.add(new Operation("vaccination dose", "POST /v1/vaccinations, dose 1 at a site", r -> {
                Resident p = fresh();
                post(201, "/v1/vaccinations", Map.of("citizenId", p.citizenId(), "fullName", p.fullName(), "dateOfBirth",
                        p.dateOfBirth().toString(), "product", "JANSSEN", "doseNumber", 1, "administeredAt", now(3_600), "lot", "J-1",
                        "siteId", site), health, "dose");
            }, false));
            slot0 = LocalDate.parse(today).plusDays(1).atTime(8, 0).atZone(Times.VIETNAM).toInstant();
            ops.add(new Operation("vaccination booking", "POST /v1/vaccination-appointments, a slot of tomorrow (citizen, no token)",
                    r -> book(fresh(), site, slot0.plusSeconds(1_800L * r), 201), false));
            ops.add(new Operation("vaccination booking of a full slot", "the same on a slot whose one place is taken: 409 SLOT_FULL"
                    + " from a read, no transaction", r -> book(fresh(), FULL_SITE, slot0.plusSeconds(1_800L * r), 409), false));
            ops.add(new Operation("support case", "POST support-cases, a commune official enters a beneficiary", r -> {
                Resident p = wardResidents.get(nextWardResident.getAndIncrement());
                JsonNode c = post(201, "/v1/wards/" + supportWard + "/support-cases", Map.of("citizenId", p.citizenId(), "fullName",
                        p.fullName(), "dateOfBirth", p.dateOfBirth().toString(), "gender", p.gender().name(), "policyId",
                        "FREELANCE_WORKER", "residence", supportWard.equals(p.permanentWardCode()) ? "PERMANENT" : "TEMPORARY"),
                        communeClaims, "support case");
                supportCases.put(r, new String[]{c.get("supportCaseId").asText(), c.get("amountVnd").asText()});
            }, false));
            ops.add(new Operation("support payment", "POST payments of that case, its whole amount in cash", r -> post(201,
                    "/v1/support-cases/" + supportCases.get(r)[0] + "/payments", Map.of("amountVnd", Long.parseLong(supportCases.get(r)[1]),
                            "paidAt", now(3_600), "method", "CASH"), communeClaims, "payment"), false));
            ops.add(new Operation("case (F0) with its trace", "POST /v1/cases of a holder who passed the checkpoint with the"
                    + " round's other holders; the trace step and contact probes it queues are under their functions",
                    r -> caseIds.put(r, post(202, "/v1/cases", Map.of("citizenId", holders.get(r).citizenId(), "classification", "F0",
                            "detectedAt", now(60)), health, "case").get("caseId").asText()), false));
            ops.add(new Operation("ward feed page", "GET /v1/wards/{ward}/feed of today, the first page (the origin ward of every"
                    + " declaration made here)", r -> get("/v1/wards/" + FEED_WARD + "/feed", "date=" + today, police, "feed"), false));
            ops.add(new Operation("daily report (ward)", "GET /v1/reports/daily of today for the ward", r -> get("/v1/reports/daily",
                    "date=" + today + "&unit=ward:" + ward, analyst, "report"), false));
            ops.add(new Operation("daily report (province)", "GET /v1/reports/daily of today for province 79",
                    r -> get("/v1/reports/daily", "date=" + today + "&unit=province:79", analyst, "report"), false));
            LocalDate yesterday = LocalDate.parse(today).minusDays(1);
            ops.add(new Operation("export of " + exportRows + " passages", "the daily export schedule on a day of " + exportRows
                    + " passages (20 checkpoints x 24 hours): its Queries, the CSV to S3", r -> exportDay(yesterday), true));
            loadExportDay(yesterday, exportRows);
            return ops;
        }

        private void loadExportDay(LocalDate day, int rows) {
            for (int c = 0; c < ExportBench.CHECKPOINTS; c++) {
                post(201, "/v1/admin/checkpoints", Map.of("checkpointId", ExportBench.checkpoint(c), "name", "Chốt "
                        + ExportBench.checkpoint(c), "wardCode", ExportBench.WARD, "lat", 10.77, "lon", 106.70), admin, "checkpoint");
            }
            ExportBench.load(world.runtime, day, rows);
        }

        private void exportDay(LocalDate day) throws IOException, InterruptedException {
            HttpResponse<String> a = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(world.runtime.baseUrl()
                            + "/dev/schedules/ExportSchedule/run")).header("content-type", "application/json")
                    .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("date",
                            day.toString())))).build(), HttpResponse.BodyHandlers.ofString());
            if (a.statusCode() / 100 != 2) {
                throw new IllegalStateException("export answered " + a.statusCode() + ": " + a.body());
            }
        }
    }

    /** The figures as tab-separated lines: {@code op}, {@code units}, {@code sqs} and {@code s3} rows. */
    static String tsv(List<Usage> usages, int exportRows) {
        StringBuilder b = new StringBuilder("# bench capacity: per run of each operation; export over " + exportRows + " rows\n");
        b.append("kind\toperation\tsource\tresource\tread (sqs, s3: count)\twrite\tms\n");
        for (Usage u : usages) {
            b.append(String.format(Locale.ROOT, "op\t%s\t-\t-\t%.2f\t%.2f\t%.1f%n", u.operation(), u.read(), u.write(), u.handlerMs()));
            b.append(String.format(Locale.ROOT, "local\t%s\t-\t-\t-\t%.2f\t-%n", u.operation(), u.localWrite()));
            if (u.contacts() > 0) {
                b.append(String.format(Locale.ROOT, "contacts\t%s\t-\t-\t%.2f\t-\t-%n", u.operation(), u.contacts()));
            }
            for (Units x : u.units()) {
                b.append(String.format(Locale.ROOT, "units\t%s\t%s\t%s\t%.2f\t%.2f\t-%n", u.operation(), x.source(), x.resource(),
                        x.read(), x.write()));
            }
            u.sqsMessages().forEach((k, v) -> b.append(String.format(Locale.ROOT, "sqs\t%s\t%s\t%.2f\t-\t-%n", u.operation(), k, v)));
            u.s3Requests().forEach((k, v) -> b.append(String.format(Locale.ROOT, "s3\t%s\t%s\t%.2f\t-\t-%n", u.operation(), k, v)));
        }
        return b.toString();
    }
}

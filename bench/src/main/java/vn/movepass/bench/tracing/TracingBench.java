package vn.movepass.bench.tracing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import vn.movepass.local.LocalRuntime;
import vn.movepass.bench.Benches;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.ResidentItem;

/**
 * {@code bench tracing}: loads a city-scale fortnight of passages into the embedded runtime, opens
 * every F0 case through the HTTP API, lets the real queues and functions trace them all, and prints
 * the contacts written per second next to the bare PutItem rate of the same DynamoDB Local in the same
 * run (same threads), as a ratio. With {@code --crash} it stops the runtime half way and finishes on a restart
 * instead, with {@code --crash --kill} it SIGKILLs a child JVM running it (see {@link TracingCrashBench}).
 */
public final class TracingBench {
    /** The items every contact needs written, whatever the design. */
    private static final String ESSENTIAL = "the contact, their health status and its event, a report counter, the notice"
            + " guard, the ward feed line";
    private static final int ESSENTIAL_ITEMS = 6;

    private static final List<PassageItem> END = List.of();

    private TracingBench() {
    }

    public static int run(List<String> args) throws Exception {
        double scale = 1.0;
        int threads = 4;
        long seed = 20210820L;
        Path dataDir = null;
        int depth = 2;
        int maxCases = Integer.MAX_VALUE;
        boolean crash = false;
        boolean kill = false;
        boolean overHttp = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--crash" -> crash = true;
                case "--kill" -> kill = true;
                case "--scale" -> scale = Double.parseDouble(args.get(++i));
                case "--depth" -> depth = Integer.parseInt(args.get(++i));
                case "--cases" -> maxCases = Integer.parseInt(args.get(++i));
                case "--threads" -> threads = Integer.parseInt(args.get(++i));
                case "--seed" -> seed = Long.parseLong(args.get(++i));
                case "--dynamo-over-http" -> overHttp = true;
                case "--data-dir" -> dataDir = Path.of(args.get(++i));
                default -> {
                    System.err.println(Benches.usage("tracing"));
                    return 2;
                }
            }
        }
        if (kill && !crash) {
            System.err.println("--kill is a way of crashing: bench tracing --crash --kill");
            return 2;
        }
        if (crash && dataDir != null) {
            System.err.println("bench tracing --crash runs on a fresh temporary data dir of its own (deleted at the end);"
                    + " it takes no --data-dir");
            return 2;
        }
        CityScenario.Size size = CityScenario.Size.hcmc().scaled(scale);
        CityScenario city = new CityScenario(size, seed, CityScenario.lastLocalMidnight());
        int[] f0s = city.f0s();
        f0s = java.util.Arrays.copyOf(f0s, Math.min(f0s.length, maxCases));
        long t0 = System.nanoTime();
        ReferenceTrace reference = new ReferenceTrace(city);
        long[] expected = new long[depth + 1];
        Map<Integer, Map<Integer, Integer>> perCase = crash ? new java.util.HashMap<>() : null; // F0 → person → level
        for (int f0 : f0s) {
            Map<Integer, Integer> contacts = reference.contacts(f0, city.end(), depth);
            contacts.values().forEach(level -> expected[level]++);
            if (perCase != null) {
                perCase.put(f0, contacts);
            }
        }
        long expectedTotal = java.util.Arrays.stream(expected).sum();
        out("in-memory reference (same rule, %.1f s): %,d contacts for %,d cases at depth %d %s", secs(t0), expectedTotal,
                f0s.length, depth, levelsText(expected));
        var options = LocalRuntime.Options.inMemory().withWebRoot(null).withPollerThreads(threads)
                .withParameters(Map.of("TraceMaxDepth", Integer.toString(depth)));
        if (overHttp) {
            options = options.withFunctionsDynamoOverHttp();
        }
        if (crash) {
            return TracingCrashBench.run(city, f0s, perCase, expected, threads, options, kill);
        }
        if (dataDir != null) {
            options = options.withDataDir(dataDir);
        }
        CallReplay calls = new CallReplay();
        if (!overHttp) {
            options = options.withDynamoObservers(List.of(calls)); // the functions' calls only while they are in process
        }
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            long passages = loadScenario(runtime, city, threads);

            double bare = bareWriteRate(runtime.functionsDynamo(), threads * 2, Duration.ofSeconds(10), Write.PUT);
            double bareHttp = runtime.functionsDynamo() == runtime.dynamo() ? bare
                    : bareWriteRate(runtime.dynamo(), threads * 2, Duration.ofSeconds(10), Write.PUT);
            out("bare PutItem: %,.0f items/s on the functions' own path (%s), %,.0f over HTTP (%d threads, same DynamoDB Local)",
                    bare, path(runtime), bareHttp, threads * 2);

            long start = System.nanoTime();
            calls.start();
            List<String> cases = openCases(runtime, city, f0s);
            out("opened %,d cases in %.1f s; tracing…", cases.size(), secs(start));
            String casesTable = runtime.provisioned().tableName("CasesTable");
            long lastPrint = 0;
            while (true) {
                long complete = count(runtime.dynamo(), casesTable, "COMPLETE");
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    progress(runtime, start, complete, cases.size());
                    lastPrint = System.nanoTime();
                }
                if (complete >= cases.size()) {
                    break;
                }
                Thread.sleep(1000);
            }
            double seconds = secs(start);
            calls.stop();
            long contacts = countAll(runtime.dynamo(), runtime.provisioned().tableName("ContactsTable"));
            double rate = contacts / seconds;
            out("");
            out("traced %,d F0 cases over %,d passages in %.1f s", cases.size(), passages, seconds);
            out("contacts written: %,d (%,.0f per second)", contacts, rate);
            out("  by evidence: %s", byKind(runtime.dynamo(), runtime.provisioned().tableName("ContactsTable")));
            out("bare PutItem rate, same run: %,.0f per second (%s), %,.0f over HTTP", bare, path(runtime), bareHttp);
            out("ratio contacts/s ÷ bare PutItem/s: %.3f (÷ over HTTP: %.3f)", rate / bare, rate / bareHttp);
            likeForLike(runtime, calls, contacts, rate, threads * 2, bare);
            out("contacts equal to the in-memory reference: %s (%,d written, %,d expected)",
                    contacts == expectedTotal ? "yes" : "NO", contacts, expectedTotal);
            return contacts == expectedTotal ? 0 : 1;
        }
    }

    /** Prints the scenario, loads its residents and passages (printing how long each took); returns the passages. */
    static long loadScenario(LocalRuntime runtime, CityScenario city, int threads) throws Exception {
        CityScenario.Size size = city.size();
        out("scenario: %,d people, %,d shared vehicles, %d checkpoints, %d days, %,d F0 (≈%,d passages); %d threads per queue",
                size.people(), size.sharedVehicles(), size.checkpoints(), size.days(), size.f0(),
                size.expectedPassages(), threads);
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(runtime.dynamo()).build();
        long t0 = System.nanoTime();
        long residents = loadResidents(enhanced.table(runtime.provisioned().tableName("ResidentsTable"), ResidentItem.SCHEMA),
                enhanced, size.people(), threads);
        out("loaded %,d residents in %.1f s", residents, secs(t0));
        t0 = System.nanoTime();
        long passages = loadPassages(city, enhanced.table(runtime.provisioned().tableName("PassagesTable"), PassageItem.SCHEMA),
                enhanced, threads);
        out("loaded %,d passages in %.1f s (%,.0f items/s by BatchWriteItem)", passages, secs(t0), passages / secs(t0));
        t0 = System.nanoTime();
        long stays = loadVisits(city, runtime, threads);
        out("loaded %,d venue stays at %,d supermarkets and pharmacies in %.1f s", stays, city.venues(), secs(t0));
        return passages;
    }

    /** Opens a case for each F0 through the HTTP API; returns the answers' bodies, in the order of {@code f0s}. */
    static List<String> openCases(LocalRuntime runtime, CityScenario city, int[] f0s) throws Exception {
        return openCases(runtime.baseUrl(), healthToken(runtime), city, f0s);
    }

    /** A health official's token from the runtime's issuer (its key is kept in the data dir, if any). */
    static String healthToken(LocalRuntime runtime) {
        return runtime.issuer().mint("bench-health", Map.of("role", "HEALTH_OFFICIAL"));
    }

    /** Opens an F0 case per person of {@code f0s} through the API at {@code baseUrl}; returns the 202 answers. */
    static List<String> openCases(String baseUrl, String token, CityScenario city, int[] f0s) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> cases = new ArrayList<>();
        for (int person : f0s) {
            String body = "{\"citizenId\":\"" + CityScenario.citizenId(person) + "\",\"classification\":\"F0\",\"detectedAt\":\""
                    + Times.iso(city.end()) + "\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/cases"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("case refused: " + r.statusCode() + " " + r.body());
            }
            cases.add(r.body());
        }
        return cases;
    }

    /** The progress line: seconds since {@code start}, cases complete, contacts so far. */
    static void progress(LocalRuntime runtime, long start, long complete, int cases) {
        out("  %.0f s: %,d / %,d cases complete, %,d contacts so far", secs(start), complete, cases,
                countAll(runtime.dynamo(), runtime.provisioned().tableName("ContactsTable")));
    }

    public static long loadResidents(DynamoDbTable<ResidentItem> table, DynamoDbEnhancedClient enhanced, int people,
                                      int threads) throws Exception {
        BlockingQueue<List<ResidentItem>> queue = new ArrayBlockingQueue<>(threads * 4);
        Batcher<ResidentItem> batches = new Batcher<>(queue);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> writers = startWriters(pool, threads, queue, items -> write(enhanced, table, ResidentItem.class, items));
        String[] wards = {"26734", "26737", "26740", "26743", "27457", "27460", "26881", "26509"};
        for (int p = 0; p < people; p++) {
            batches.accept(ResidentItem.builder().citizenId(CityScenario.citizenId(p)).fullName("Cư dân " + p)
                    .dateOfBirth("1990-01-01").gender(p % 2 == 0 ? "MALE" : "FEMALE")
                    .permanentWardCode(wards[p % wards.length]).currentWardCode(wards[p % wards.length]).build());
        }
        finish(queue, batches.rest(), threads, writers, pool);
        return people;
    }

    public static long loadPassages(CityScenario city, DynamoDbTable<PassageItem> table, DynamoDbEnhancedClient enhanced,
                                     int threads) throws Exception {
        BlockingQueue<List<PassageItem>> queue = new ArrayBlockingQueue<>(threads * 4);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> writers = startWriters(pool, threads, queue, items -> write(enhanced, table, PassageItem.class, items));
        Batcher<PassageItem> batches = new Batcher<>(queue);
        long total = city.passages(batches);
        finish(queue, batches.rest(), threads, writers, pool);
        return total;
    }

    /** The city's venue stays into VenuesTable (BatchWriteItem, 25 at a time, unprocessed items retried). */
    public static long loadVisits(CityScenario city, LocalRuntime runtime, int threads) throws Exception {
        String table = runtime.provisioned().tableName("VenuesTable");
        var dynamo = runtime.dynamo();
        BlockingQueue<List<Map<String, AttributeValue>>> queue = new ArrayBlockingQueue<>(threads * 4);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> writers = startWriters(pool, threads, queue, items -> batchWrite(dynamo, table, items));
        Batcher<Map<String, AttributeValue>> batches = new Batcher<>(queue);
        long total = city.visits(batches);
        finish(queue, batches.rest(), threads, writers, pool);
        return total;
    }

    /** Puts up to 25 items into {@code table} by BatchWriteItem, the unprocessed ones again until none is left. */
    private static void batchWrite(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        List<WriteRequest> remaining = items.stream().map(i -> WriteRequest.builder().putRequest(p -> p.item(i)).build())
                .toList();
        while (!remaining.isEmpty()) {
            List<WriteRequest> batch = remaining;
            remaining = dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, batch))).unprocessedItems()
                    .getOrDefault(table, List.of());
        }
    }

    /** Fills batches of 25 (BatchWriteItem's most) and hands each full one to the writers' queue. */
    private static final class Batcher<T> implements java.util.function.Consumer<T> {
        private final BlockingQueue<List<T>> queue;
        private List<T> batch = new ArrayList<>(25);

        Batcher(BlockingQueue<List<T>> queue) {
            this.queue = queue;
        }

        @Override
        public void accept(T item) {
            batch.add(item);
            if (batch.size() == 25) {
                try {
                    queue.put(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                batch = new ArrayList<>(25);
            }
        }

        /** The last batch, not yet handed over (perhaps empty). */
        List<T> rest() {
            return batch;
        }
    }

    private static <T> List<Future<?>> startWriters(ExecutorService pool, int threads, BlockingQueue<List<T>> queue,
                                                    java.util.function.Consumer<List<T>> writer) {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                for (List<T> items = queue.take(); !items.isEmpty(); items = queue.take()) {
                    writer.accept(items);
                }
                return null;
            }));
        }
        return futures;
    }

    @SuppressWarnings("unchecked")
    private static <T> void finish(BlockingQueue<List<T>> queue, List<T> last, int threads, List<Future<?>> writers,
                                   ExecutorService pool) throws Exception {
        if (!last.isEmpty()) {
            queue.put(last);
        }
        for (int i = 0; i < threads; i++) {
            queue.put((List<T>) (List<?>) END);
        }
        for (Future<?> f : writers) {
            f.get();
        }
        pool.shutdown();
    }

    private static <T> void write(DynamoDbEnhancedClient enhanced, DynamoDbTable<T> table, Class<T> type, List<T> items) {
        List<T> remaining = items;
        while (!remaining.isEmpty()) {
            var batch = WriteBatch.builder(type).mappedTableResource(table);
            remaining.forEach(batch::addPutItem);
            var built = batch.build();
            remaining = enhanced.batchWriteItem(r -> r.writeBatches(built)).unprocessedPutItemsForTable(table);
        }
    }

    /** PutItem of passage-sized items into a scratch table, as fast as {@code threads} threads go. */
    /** How the functions reach DynamoDB Local. */
    static String path(LocalRuntime runtime) {
        return runtime.functionsDynamo() == runtime.dynamo() ? "the SDK over HTTP" : "in process";
    }

    /** How a bare writer writes its items: one PutItem each, or 25 a call by BatchWriteItem or TransactWriteItems. */
    enum Write {
        PUT(1), BATCH(25), TRANSACT(25);

        final int items;

        Write(int items) {
            this.items = items;
        }
    }

    /** Items written per second by {@code threads} bare writers for {@code duration}, each call as {@code how} says. */
    static double bareWriteRate(DynamoDbClient dynamo, int threads, Duration duration, Write how) throws Exception {
        String table = "BenchBare" + how;
        dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        AtomicLong written = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    List<Map<String, AttributeValue>> items = new ArrayList<>(how.items);
                    for (int k = 0; k < how.items; k++) {
                        items.add(contactLike(thread, n++));
                    }
                    switch (how) {
                        case PUT -> dynamo.putItem(r -> r.tableName(table).item(items.get(0)));
                        case BATCH -> batchWrite(dynamo, table, items);
                        case TRANSACT -> dynamo.transactWriteItems(r -> r.transactItems(items.stream()
                                .map(i -> TransactWriteItem.builder().put(b -> b.tableName(table).item(i)).build()).toList()));
                    }
                    written.addAndGet(how.items);
                }
                return null;
            }));
        }
        long started = System.nanoTime();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double rate = written.get() / secs(started);
        dynamo.deleteTable(r -> r.tableName(table));
        return rate;
    }

    /** An item the size of a contact's. */
    private static Map<String, AttributeValue> contactLike(int thread, long i) {
        return Map.of("pk", AttributeValue.fromS("case-" + thread + "-" + (i % 100)),
                "sk", AttributeValue.fromS(String.format("0790%08d", i)),
                "level", AttributeValue.fromS("F1"), "via", AttributeValue.fromS("079000000001"),
                "kind", AttributeValue.fromS("SAME_CHECKPOINT"), "checkpointId", AttributeValue.fromS("HCM-001"),
                "at", AttributeValue.fromS("2021-08-19T08:00:00Z"), "contactAt", AttributeValue.fromS("2021-08-19T08:05:00Z"),
                "expiresAt", AttributeValue.fromN("1700000000"));
    }

    /**
     * The like-for-like bare: the functions' own DynamoDB calls of this run replayed on the bare's threads (fresh keys
     * for the writes, {@link CallReplay}) for up to 20 s; contacts/s that pace would give, and the calls and items a
     * contact took. Only on the in-process path (over HTTP the observer does not see the functions' calls).
     */
    private static void likeForLike(LocalRuntime runtime, CallReplay calls, long contacts, double rate, int threads,
                                    double barePut) throws Exception {
        if (calls.calls() == 0 || contacts == 0) {
            out("bare contacts (the functions' calls replayed): not measured (%s)", path(runtime));
            return;
        }
        double perContact = (double) calls.calls() / contacts;
        out("DynamoDB calls: %,d (%.1f a contact), %,d items written (%.1f a contact): %s", calls.calls(), perContact,
                calls.writtenItems(), (double) calls.writtenItems() / contacts, calls.byOperation());
        CallReplay.Result replay = calls.replay(runtime.functionsDynamo(), threads, 20);
        double bareContacts = replay.callsPerSecond() / perContact;
        out("bare contacts, the same calls replayed (%d threads, fresh keys): %,d calls in %.1f s (%,.0f/s, %,d refused)"
                + " = %,.0f contacts/s; ratio contacts/s ÷ bare contacts/s: %.3f", threads, replay.calls(), replay.seconds(),
                replay.callsPerSecond(), replay.refused(), bareContacts, rate / bareContacts);
        ceiling(runtime.functionsDynamo(), threads, barePut, (double) calls.writtenItems() / contacts);
    }

    /**
     * What the item writes alone allow: the bare item rate by PutItem, by BatchWriteItem of 25 and by TransactWriteItems
     * of 25 (same threads, same store), and the contacts/s the best of them gives at the items a contact wrote here, and
     * at the {@link #ESSENTIAL_ITEMS} no contact can do without, with no reads at all.
     */
    private static void ceiling(DynamoDbClient dynamo, int threads, double barePut, double itemsPerContact) throws Exception {
        double batch = bareWriteRate(dynamo, threads, Duration.ofSeconds(5), Write.BATCH);
        double transact = bareWriteRate(dynamo, threads, Duration.ofSeconds(5), Write.TRANSACT);
        double best = Math.max(barePut, Math.max(batch, transact));
        out("item writes, same store (%d threads): PutItem %,.0f items/s, BatchWriteItem of 25 %,.0f, TransactWriteItems"
                + " of 25 %,.0f", threads, barePut, batch, transact);
        out("ceiling, item writes alone at %,.0f items/s: %.1f items a contact (this run) = %,.0f contacts/s, ratio %.3f;"
                + " %d items (%s), no reads = %,.0f contacts/s, ratio %.3f", best, itemsPerContact, best / itemsPerContact,
                best / itemsPerContact / barePut, ESSENTIAL_ITEMS, ESSENTIAL, best / ESSENTIAL_ITEMS,
                best / ESSENTIAL_ITEMS / barePut);
        // the counters must be written in the same transaction as the records they count
        out("ceiling, the %d items by TransactWriteItems at %,.0f items/s, no reads = %,.0f contacts/s, ratio %.3f",
                ESSENTIAL_ITEMS, transact, transact / ESSENTIAL_ITEMS, transact / ESSENTIAL_ITEMS / barePut);
    }


    /** Items of a table (with the given status, when not null), by a paged COUNT scan. */
    /** The contacts by evidence kind (a bench may Scan): SAME_CHECKPOINT, SAME_VEHICLE, SAME_VENUE → count. */
    static Map<String, Long> byKind(DynamoDbClient dynamo, String table) {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        dynamo.scanPaginator(r -> r.tableName(table).projectionExpression("kind")).items()
                .forEach(i -> kinds.merge(i.containsKey("kind") ? i.get("kind").s() : "?", 1L, Long::sum));
        return kinds;
    }

    public static long countAll(DynamoDbClient dynamo, String table) {
        return count(dynamo, table, null);
    }

    public static long count(DynamoDbClient dynamo, String table, String status) {
        long n = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.scan(b -> {
                b.tableName(table).select(Select.COUNT);
                if (status != null) {
                    b.filterExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status)));
                }
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            n += page.count();
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return n;
    }

    private static String levelsText(long[] levels) {
        StringBuilder text = new StringBuilder("(");
        for (int level = 1; level < levels.length; level++) {
            text.append(level > 1 ? ", " : "").append(String.format("F%d %,d", level, levels[level]));
        }
        return text.append(')').toString();
    }

    static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void out(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}

package vn.movepass.bench;

import java.io.BufferedWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.demo.SyntheticRegistry;
import vn.movepass.shared.admin.AdminService;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.support.SupportImport;
import vn.movepass.shared.support.SupportParser;
import vn.movepass.shared.support.SupportService;

/**
 * {@code bench support-import}: N generated beneficiary lines of one ward (registry residents of that ward, policies the
 * system cannot check further, so each line is one registry read and one transaction) through the real import
 * ({@link SupportImport}: parse, BatchGetItem of 25 residents, a transaction per line of case + guard + event + 4 counter
 * updates, an audit batch), then the bare work replayed on the raw SDK in the same run: the same BatchGetItems, the same
 * seven-item TransactWriteItems per line into a table of the same keys, the same audit BatchWriteItems. Printed: lines/s
 * of each and their ratio; the heap's high-water mark (sampled every 20 ms) and the heap in use after a GC at 10,000 lines
 * and at N, to show that memory stays flat. Figures, no assertions.
 */
public final class SupportImportBench {
    private static final String WARD = "26734";
    private static final String[] POLICIES = {"TERMINATED_CONTRACT", "TOUR_GUIDE", "HOUSEHOLD_BUSINESS", "PERFORMING_ARTIST",
        "FREELANCE_WORKER"};

    private SupportImportBench() {
    }

    public static int run(List<String> args) throws Exception {
        int n = 100_000;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--lines" -> n = Math.max(100, Integer.parseInt(args.get(++i)));
                default -> {
                    System.err.println(Benches.usage("support-import"));
                    return 2;
                }
            }
        }
        Path[] csvs = {Files.createTempFile("support-import-1", ".csv"), Files.createTempFile("support-import-2", ".csv")};
        List<String> ids = new ArrayList<>(n);
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.inMemory().withWebRoot(null))) {
            long t = System.nanoTime();
            AdminService admin = AdminService.create(runtime.platform("AdminFunction"));
            SyntheticRegistry registry = new SyntheticRegistry(2021_07_01L, AdministrativeUnits.get());
            List<ResidentItem> batch = new ArrayList<>(25);
            try (BufferedWriter first = Files.newBufferedWriter(csvs[0], StandardCharsets.UTF_8);
                 BufferedWriter second = Files.newBufferedWriter(csvs[1], StandardCharsets.UTF_8)) {
                first.write(SupportParser.CSV_HEADER + "\n");
                second.write(SupportParser.CSV_HEADER + "\n");
                for (int i = 0; i < n; i++) {
                    BufferedWriter out = i < n / 2 ? first : second;
                    Resident r = registry.next();
                    while (r.dateOfDeath() != null) {
                        r = registry.next();
                    }
                    batch.add(AdminService.toItem(r).toBuilder().permanentWardCode(WARD).build());
                    if (batch.size() == 25) {
                        admin.writeBatch(batch);
                        batch.clear();
                    }
                    ids.add(r.citizenId());
                    out.write(r.citizenId() + "," + r.fullName() + "," + r.dateOfBirth() + "," + r.gender() + ","
                            + POLICIES[i % POLICIES.length] + ",PERMANENT,,,\n");
                }
                if (!batch.isEmpty()) {
                    admin.writeBatch(batch);
                }
            }
            System.out.printf("registry of %,d residents of ward %s and the CSV written in %.1f s%n", n, WARD, secs(t));

            Platform platform = runtime.platform("SupportFunction");
            SupportImport imports = new SupportImport(SupportService.create(platform), new SupportParser(platform.clock()));
            Principal commune = new Principal("bench-commune", Role.COMMUNE_OFFICIAL, null, WARD, null);
            HeapWatch heap = HeapWatch.start();
            long[] at10k = new long[2];
            int total = n;
            String bareTable = bareTable(runtime.functionsDynamo(), runtime.provisioned().tableName("SupportTable"));
            String residents = runtime.provisioned().tableName("ResidentsTable");
            // alternating halves (import, bare, import, bare) so that neither gets the JIT's warm-up alone
            double imported = 0;
            double bare = 0;
            long done = 0;
            long rejected = 0;
            for (int half = 0; half < 2; half++) {
                long offset = done;
                long t0 = System.nanoTime();
                SupportImport.Result result;
                try (Reader reader = Files.newBufferedReader(csvs[half], StandardCharsets.UTF_8)) {
                    long[] lastPrint = {0};
                    result = imports.importCsv(commune, WARD, reader, lines -> {
                        if (offset + lines >= 10_000 && at10k[0] == 0) {
                            at10k[0] = heap.peak();
                            at10k[1] = heap.liveAfterGc();
                        }
                        long now = System.nanoTime();
                        if (now - lastPrint[0] > 2_000_000_000L) {
                            lastPrint[0] = now;
                            System.err.printf("\r%,d of %,d lines ", offset + lines, total);
                        }
                    });
                }
                imported += secs(t0);
                done += result.imported();
                rejected += result.rejectedLines();
                List<String> slice = half == 0 ? ids.subList(0, n / 2) : ids.subList(n / 2, n);
                bare += bare(runtime.functionsDynamo(), residents, bareTable, slice); // the functions' own path
            }
            long peakAll = heap.peak();
            long liveAll = heap.liveAfterGc();
            heap.stop();
            System.err.println();
            System.out.printf("import: %,d imported, %,d rejected in %.1f s = %,.0f lines/s%n", done, rejected, imported, n / imported);
            System.out.printf("bare:   the same reads and transactions on the raw SDK in %.1f s = %,.0f lines/s%n", bare, n / bare);
            System.out.printf("ratio import ÷ bare: %.2f%n", (n / imported) / (n / bare));
            if (at10k[0] > 0 && n > 10_000) {
                System.out.printf("heap at 10,000 lines: high-water %,d MiB, in use after GC %,d MiB%n", at10k[0] >> 20, at10k[1] >> 20);
            }
            System.out.printf("heap at %,d lines: high-water %,d MiB, in use after GC %,d MiB (max heap %,d MiB)%n", n, peakAll >> 20,
                    liveAll >> 20, Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            for (Path csv : csvs) {
                Files.deleteIfExists(csv);
            }
        }
        return 0;
    }

    /** A table with SupportTable's keys and indexes (each index costs DynamoDB a write per indexed item). */
    private static String bareTable(DynamoDbClient dynamo, String supportTable) {
        String table = "bench-bare-support";
        var real = dynamo.describeTable(b -> b.tableName(supportTable)).table();
        List<software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (var g : real.globalSecondaryIndexes()) {
            indexes.add(software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex.builder().indexName(g.indexName())
                    .keySchema(g.keySchema()).projection(g.projection()).build());
        }
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(real.attributeDefinitions()).keySchema(real.keySchema()).globalSecondaryIndexes(indexes));
        return table;
    }

    /**
     * The import's calls without the import: per 25 lines a BatchGetItem and an audit batch, per line the 7 transacted items
     * (case, guard, event, 4 counters) with the attributes the indexes read.
     */
    private static double bare(DynamoDbClient dynamo, String residents, String table, List<String> ids) {
        long t = System.nanoTime();
        String now = Instant.now().toString();
        for (int from = 0; from < ids.size(); from += 25) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 25));
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            chunk.forEach(id -> keys.add(Map.of("citizenId", s(id))));
            dynamo.batchGetItem(b -> b.requestItems(Map.of(residents, KeysAndAttributes.builder().keys(keys).build())));
            List<WriteRequest> audit = new ArrayList<>();
            for (String id : chunk) {
                List<TransactWriteItem> items = new ArrayList<>();
                Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", s("CASE#" + id), "sk", s("CASE"), "citizenId", s(id),
                        "fullName", s("Nguyễn Văn An"), "policyId", s("TOUR_GUIDE"), "amountVnd", n(3_710_000), "wardCode", s(WARD),
                        "status", s("PENDING"), "createdAt", s(now), "expiresAt", n(2_000_000_000L)));
                item.putAll(Map.of("listKey", s("PENDING#TOUR_GUIDE#" + now + "#" + id), "policyKey", s("TOUR_GUIDE#PENDING#" + now
                        + "#" + id), "residence", s("PERMANENT"), "dateOfBirth", s("1990-01-01"), "createdBy", s("bench"),
                        "supportCaseId", s(id), "version", n(1), "wardShard", s(WARD + "#" + SupportService.wardShard(id))));
                items.add(put(table, item, "attribute_not_exists(pk)"));
                items.add(put(table, Map.of("pk", s("GUARD#" + id), "sk", s("GUARD"), "wardCode", s(WARD), "expiresAt",
                        n(2_000_000_000L)), "attribute_not_exists(pk)"));
                Map<String, AttributeValue> event = new HashMap<>(Map.of("pk", s("CASE#" + id), "sk", s("EVENT#000001#CREATED"),
                        "at", s(now), "type", s("CREATED"), "recordedHour", s(now.substring(0, 13)), "citizenId", s(id)));
                event.putAll(Map.of("policyId", s("TOUR_GUIDE"), "ward", s(WARD), "amountVnd", n(3_710_000), "byRole",
                        s("COMMUNE_OFFICIAL"), "bySub", s("bench")));
                items.add(put(table, event, null));
                for (String unit : List.of("national#" + (id.hashCode() & 15), "province:79#" + (id.hashCode() & 7),
                        "district:760#" + (id.hashCode() & 1), "ward:26734#0")) {
                    items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(Map.of("pk", s("COUNTER#" + unit), "sk", s("COUNTER")))
                            .updateExpression("SET #u = :u ADD #c :one").expressionAttributeNames(Map.of("#u", "unit", "#c",
                                    "cases_TOUR_GUIDE")).expressionAttributeValues(Map.of(":u", s(unit), ":one", n(1))).build()).build());
                }
                dynamo.transactWriteItems(b -> b.transactItems(items));
                audit.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("pk", s("AUDIT#" + id), "sk",
                        s(now + "#" + id), "action", s("SUPPORT_CASE_ENTRY"))).build()).build());
            }
            dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, audit)));
        }
        return secs(t);
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item, String condition) {
        Put.Builder p = Put.builder().tableName(table).item(item);
        if (condition != null) {
            p.conditionExpression(condition);
        }
        return TransactWriteItem.builder().put(p.build()).build();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The heap's high-water mark (sampled every 20 ms) and the heap in use right after a GC. */
    private static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;

        private HeapWatch() {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(used(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
        }

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            w.sampler.start();
            return w;
        }

        long peak() {
            return peak.get();
        }

        long liveAfterGc() {
            System.gc();
            return used();
        }

        void stop() throws InterruptedException {
            sampler.interrupt();
            sampler.join();
        }

        private static long used() {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    used += pool.getUsage().getUsed();
                }
            }
            return used;
        }
    }
}

package vn.movepass.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.embedded.AwsClients;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.PassageKeys;

/**
 * {@code bench export}: N synthetic passages of one day loaded straight into PassagesTable (20 checkpoints × 24 hours),
 * then, alternating each round, the analysts' export of that day ({@code POST /dev/schedules/ExportSchedule/run}: the
 * real function, pseudonyms, gzip, S3) and the bare work it must do: the same 480 Queries of the passages, every
 * value written as a CSV line through gzip (buffered in memory), one PutObject to the same bucket. Printed per
 * round: seconds, rows/s and the peak heap in use; then the median ratio export ÷ bare. Run with a small heap
 * ({@code java -Xmx256m -jar …}) to see that memory does not follow the row count. Figures, no assertions.
 */
public final class ExportBench {
    static final int CHECKPOINTS = 20;
    static final String WARD = "26734";

    private ExportBench() {
    }

    public static int run(List<String> args) throws Exception {
        int n = 200_000;
        int rounds = 3;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--passages" -> n = Math.max(CHECKPOINTS, Integer.parseInt(args.get(++i)));
                case "--rounds" -> rounds = Math.max(1, Integer.parseInt(args.get(++i)));
                default -> {
                    System.err.println(Benches.usage("export"));
                    return 2;
                }
            }
        }
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.inMemory().withWebRoot(null));
             SdkHttpClient http = AwsClients.httpClient();
             S3Client s3 = AwsClients.s3(runtime.s3Endpoint(), http)) {
            Map<String, String> admin = Map.of("sub", "bench-admin", "role", "ADMIN");
            for (int c = 0; c < CHECKPOINTS; c++) {
                byte[] body = Json.write(Map.of("checkpointId", checkpoint(c), "name", "Chốt " + checkpoint(c),
                        "wardCode", WARD, "lat", 10.77, "lon", 106.70)).getBytes(StandardCharsets.UTF_8);
                BenchWorld.expect(201, runtime.gateway().invoke("POST", "/v1/admin/checkpoints", null, BenchWorld.JSON, body,
                        admin), "checkpoint");
            }
            LocalDate day = Times.vietnamDate(runtime.clock().instant()).minusDays(1);
            long t = System.nanoTime();
            load(runtime, day, n);
            System.out.printf("loaded %,d passages of %s in %.1f s%n", n, day, secs(t));
            String bucket = runtime.buckets().get("ExportsBucket");
            HttpClient client = HttpClient.newHttpClient();
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double ours = 0;
                double bare = 0;
                for (int side = 0; side < 2; side++) {
                    boolean exportSide = (side + r) % 2 == 0;
                    System.gc();
                    HeapPeak peak = HeapPeak.start();
                    t = System.nanoTime();
                    String what;
                    if (exportSide) {
                        HttpResponse<String> a = client.send(HttpRequest.newBuilder(
                                        URI.create(runtime.baseUrl() + "/dev/schedules/ExportSchedule/run"))
                                .header("content-type", "application/json").timeout(Duration.ofMinutes(30))
                                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("date", day.toString())))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        ours = secs(t);
                        what = "export (HTTP " + a.statusCode() + ")";
                    } else {
                        long rows = bare(runtime, s3, bucket, day);
                        bare = secs(t);
                        what = "bare (" + String.format("%,d", rows) + " rows)";
                    }
                    double seconds = exportSide ? ours : bare;
                    System.out.printf("round %d %-28s %6.1f s %,10.0f rows/s   peak heap in use %,5d MiB of max %,d MiB%n",
                            r + 1, what, seconds, n / seconds, peak.stop() >> 20, Runtime.getRuntime().maxMemory() >> 20);
                }
                ratios.add(ours / bare);
            }
            System.out.printf("RESULT export of %,d passages ÷ bare Queries + gzip CSV + PutObject: median %.2f over %d round(s)%n",
                    n, RatioBench.median(ratios), rounds);
        }
        return 0;
    }

    static String checkpoint(int c) {
        return String.format("CP-B%02d", c);
    }

    /** N passages spread evenly over the day, straight into PassagesTable in batches of 25. */
    static void load(LocalRuntime runtime, LocalDate day, int n) {
        Instant start = day.atStartOfDay(Times.VIETNAM).toInstant();
        String table = runtime.provisioned().tableName("PassagesTable");
        List<WriteRequest> batch = new ArrayList<>(25);
        for (int i = 0; i < n; i++) {
            Instant at = start.plusMillis((long) i * 86_400_000L / n);
            String cp = checkpoint(i % CHECKPOINTS);
            String id = "p" + i;
            PassageItem p = PassageItem.builder().pk(PassageKeys.partition(cp, at, id)).sk(Times.iso(at) + "#" + id)
                    .passageId(id).checkpointId(cp).at(Times.iso(at)).direction(i % 2 == 0 ? "IN" : "OUT")
                    .decision("ALLOWED").vehiclePlate("51A-123.45").plateKey("51A12345").citizenId(String.format("079%09d", i))
                    .passId("pass" + i).declarationId("decl" + i).originWard(WARD).destinationWard("00001")
                    .verdict("VALID").officerSub("bench").expiresAt(at.getEpochSecond() + 86_400 * 30).build();
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(PassageItem.SCHEMA.itemToMap(p, true)).build())
                    .build());
            if (batch.size() == 25 || i == n - 1) {
                var unprocessed = runtime.dynamo().batchWriteItem(b -> b.requestItems(Map.of(table, List.copyOf(batch))))
                        .unprocessedItems();
                while (unprocessed != null && !unprocessed.isEmpty()) {
                    var again = unprocessed;
                    unprocessed = runtime.dynamo().batchWriteItem(b -> b.requestItems(again)).unprocessedItems();
                }
                batch.clear();
            }
        }
    }

    /** The export's unavoidable work on the passages: the same Queries, a gzip CSV of the values, one PutObject. */
    private static long bare(LocalRuntime runtime, S3Client s3, String bucket, LocalDate day) throws IOException {
        String table = runtime.provisioned().tableName("PassagesTable");
        Instant start = day.atStartOfDay(Times.VIETNAM).toInstant();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        long rows = 0;
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes, 64 * 1024), StandardCharsets.UTF_8)) {
            for (int c = 0; c < CHECKPOINTS; c++) {
                for (int h = 0; h < 24; h++) {
                    // the hour's shards one after the other (the export merges them in order; a bare reader need not)
                    for (String pk : PassageKeys.partitions(checkpoint(c), Times.hourBucket(start.plus(Duration.ofHours(h))))) {
                        var pages = runtime.functionsDynamo().queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))));
                        for (Map<String, AttributeValue> item : pages.items()) {
                            StringBuilder line = new StringBuilder(160);
                            for (AttributeValue v : item.values()) {
                                line.append(v.s() != null ? v.s() : v.n()).append(',');
                            }
                            line.setCharAt(line.length() - 1, '\n');
                            out.write(line.toString());
                            rows++;
                        }
                    }
                }
            }
        }
        s3.putObject(b -> b.bucket(bucket).key("bench/bare-passages.csv.gz").contentType("application/gzip"),
                RequestBody.fromBytes(bytes.toByteArray()));
        return rows;
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Samples the heap in use every 20 ms until stopped; {@link #stop} gives the peak in bytes. */
    private static final class HeapPeak {
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;

        private HeapPeak() {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long used = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == MemoryType.HEAP) {
                            used += pool.getUsage().getUsed();
                        }
                    }
                    peak.accumulateAndGet(used, Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-peak");
            sampler.setDaemon(true);
        }

        static HeapPeak start() {
            HeapPeak p = new HeapPeak();
            p.sampler.start();
            return p;
        }

        long stop() throws InterruptedException {
            sampler.interrupt();
            sampler.join();
            return peak.get();
        }
    }
}

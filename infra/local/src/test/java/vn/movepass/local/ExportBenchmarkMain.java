package vn.movepass.local;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.store.PassageItem;

/**
 * Figures for the export (not a test: it prints). Loads N synthetic passages of one day straight into the passages
 * table (20 checkpoints × 24 hours), runs {@code POST /dev/schedules/ExportSchedule/run} and prints rows/s and the
 * peak heap seen while exporting. Run with a small heap to see that memory does not follow the row count:
 * {@code java -Xmx256m -cp <test classpath> vn.movepass.local.ExportBenchmarkMain 300000}.
 */
public final class ExportBenchmarkMain {
    private ExportBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        try (Api api = Api.start()) {
            Registry.load(api);
            for (int c = 0; c < 20; c++) {
                api.checkpoint(String.format("CP-B%02d", c), "26734");
            }
            LocalDate day = api.today().minusDays(1);
            Instant start = day.atStartOfDay(Times.VIETNAM).toInstant();
            String table = api.runtime.provisioned().tableName("PassagesTable");
            long loadStarted = System.nanoTime();
            List<WriteRequest> batch = new ArrayList<>(25);
            for (int i = 0; i < n; i++) {
                Instant at = start.plusMillis((long) i * 86_400_000L / n);
                String cp = String.format("CP-B%02d", i % 20);
                String id = "p" + i;
                String citizen = String.format("079%09d", i);
                PassageItem p = PassageItem.builder().pk("CP#" + cp + "#" + Times.hourBucket(at)).sk(Times.iso(at) + "#" + id)
                        .passageId(id).checkpointId(cp).at(Times.iso(at)).direction(i % 2 == 0 ? "IN" : "OUT")
                        .decision("ALLOWED").vehiclePlate("51A-123.45").plateKey("51A12345").citizenId(citizen)
                        .passId("pass" + i).declarationId("decl" + i).originWard("26734").destinationWard("00001")
                        .verdict("VALID").officerSub("bench").expiresAt(at.getEpochSecond() + 86_400 * 30).build();
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(PassageItem.SCHEMA.itemToMap(p, true)).build()).build());
                if (batch.size() == 25 || i == n - 1) {
                    var req = Map.of(table, List.copyOf(batch));
                    var unprocessed = api.runtime.dynamo().batchWriteItem(b -> b.requestItems(req)).unprocessedItems();
                    while (unprocessed != null && !unprocessed.isEmpty()) {
                        var again = unprocessed;
                        unprocessed = api.runtime.dynamo().batchWriteItem(b -> b.requestItems(again)).unprocessedItems();
                    }
                    batch.clear();
                }
            }
            System.out.printf("loaded %,d passages in %.1f s%n", n, (System.nanoTime() - loadStarted) / 1e9);
            System.gc();
            long[] peak = {0};
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long used = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == MemoryType.HEAP) {
                            used += pool.getUsage().getUsed();
                        }
                    }
                    peak[0] = Math.max(peak[0], used);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long started = System.nanoTime();
            Api.Answer a = api.post("/dev/schedules/ExportSchedule/run", Map.of("date", day.toString()), null);
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.interrupt();
            System.out.printf("export of %,d passages: HTTP %d in %.1f s (%,.0f rows/s); peak heap in use %d MiB of max %d MiB%n",
                    n, a.status(), seconds, n / seconds, peak[0] >> 20, Runtime.getRuntime().maxMemory() >> 20);
            System.out.println(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}

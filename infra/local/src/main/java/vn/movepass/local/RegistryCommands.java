package vn.movepass.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import vn.movepass.local.demo.SyntheticRegistry;
import vn.movepass.shared.admin.AdminService;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.registry.RegistryCsv;
import vn.movepass.shared.store.ResidentItem;

/** The registry subcommands: streaming import with a progress bar, and a synthetic registry generator. */
final class RegistryCommands {
    private static final int WRITERS = 4;
    private static final List<ResidentItem> END = List.of();

    private RegistryCommands() {
    }

    static int generateRegistry(List<String> args) throws IOException {
        long count = 10_000;
        long seed = 2021_08_23L;
        Path out = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--count" -> count = Long.parseLong(args.get(++i));
                case "--out" -> out = Path.of(args.get(++i));
                case "--seed" -> seed = Long.parseLong(args.get(++i));
                default -> {
                    System.err.println("unknown option " + args.get(i));
                    return 2;
                }
            }
        }
        if (out == null || count < 1) {
            System.err.println("generate-registry --count N --out FILE.csv [--seed S]");
            return 2;
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            SyntheticRegistry.writeCsv(count, seed, writer);
        }
        System.err.printf("wrote %,d residents to %s%n", count, out);
        return 0;
    }

    static int importRegistry(List<String> args) throws Exception {
        Path file = null;
        Path dataDir = Path.of("data");
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--data-dir" -> dataDir = Path.of(args.get(++i));
                default -> file = Path.of(args.get(i));
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            System.err.println("import-registry FILE.csv [--data-dir DIR]");
            return 2;
        }
        long size = Files.size(file);
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.inMemory().withDataDir(dataDir).withWebRoot(null))) {
            AdminService admin = AdminService.create(runtime.platform("AdminFunction"));
            Result result = importInto(admin, file, size);
            System.err.printf("%nimported %,d residents, rejected %,d rows in %.1f s%n", result.imported(),
                    result.rejected(), result.seconds());
            return result.rejected() == 0 ? 0 : 1;
        }
    }

    record Result(long imported, long rejected, double seconds) {
    }

    /** Streams the file: one reader, a bounded queue of 25-item batches, {@value #WRITERS} writers. */
    static Result importInto(AdminService admin, Path file, long size) throws Exception {
        long started = System.nanoTime();
        BlockingQueue<List<ResidentItem>> queue = new ArrayBlockingQueue<>(WRITERS * 8);
        AtomicLong imported = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            futures.add(writers.submit(() -> {
                for (List<ResidentItem> batch = queue.take(); batch != END; batch = queue.take()) {
                    admin.writeBatch(batch);
                    imported.addAndGet(batch.size());
                }
                return null;
            }));
        }
        CountingStream counting = new CountingStream(Files.newInputStream(file));
        try (Reader reader = new InputStreamReader(counting, StandardCharsets.UTF_8)) {
            List<ResidentItem>[] pending = new List[]{new ArrayList<>(25)};
            long[] lastPrint = {0};
            RegistryCsv.read(reader, AdministrativeUnits.get(), new RegistryCsv.Sink() {
                @Override
                public void accept(Resident r) {
                    pending[0].add(AdminService.toItem(r));
                    if (pending[0].size() == 25) {
                        put(queue, pending[0]);
                        pending[0] = new ArrayList<>(25);
                        progress(counting.count(), size, imported.get(), lastPrint);
                    }
                }

                @Override
                public void reject(long line, String reason) {
                    if (rejected.incrementAndGet() <= 20) {
                        System.err.printf("%nline %d rejected: %s", line, reason);
                    }
                }
            });
            if (!pending[0].isEmpty()) {
                put(queue, pending[0]);
            }
        } finally {
            for (int i = 0; i < WRITERS; i++) {
                put(queue, END);
            }
            writers.shutdown();
        }
        for (Future<?> f : futures) {
            f.get();
        }
        progress(size, size, imported.get(), new long[]{0});
        return new Result(imported.get(), rejected.get(), (System.nanoTime() - started) / 1e9);
    }

    private static void put(BlockingQueue<List<ResidentItem>> queue, List<ResidentItem> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void progress(long read, long size, long imported, long[] lastPrint) {
        long now = System.nanoTime();
        if (now - lastPrint[0] < 200_000_000L && read < size) {
            return;
        }
        lastPrint[0] = now;
        int width = 40;
        double fraction = size == 0 ? 1 : Math.min(1, (double) read / size);
        int filled = (int) (fraction * width);
        System.err.printf("\r[%s%s] %5.1f%%  %,d residents", "#".repeat(filled), " ".repeat(width - filled),
                fraction * 100, imported);
    }

    /** Counts bytes read, for the progress bar. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final AtomicLong count = new AtomicLong();

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count.get();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}

package vn.movepass.local;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.support.SupportImport;
import vn.movepass.shared.support.SupportParser;
import vn.movepass.shared.support.SupportService;

/**
 * {@code import-support FILE.csv --ward 26734 [--data-dir DIR] [--sub NAME]}: a ward's beneficiaries imported as
 * {@code POST /v1/wards/{ward}/support-cases/import} does (the same checks, the same per-line answer), streamed from a file
 * of any size with a progress bar, as the commune official {@code --sub}. The same file again creates nothing new.
 */
final class SupportCommands {
    private SupportCommands() {
    }

    static int importSupport(List<String> args) throws Exception {
        Path file = null;
        Path dataDir = Path.of("data");
        String ward = null;
        String sub = "import-support";
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--data-dir" -> dataDir = Path.of(args.get(++i));
                case "--ward" -> ward = args.get(++i);
                case "--sub" -> sub = args.get(++i);
                default -> file = Path.of(args.get(i));
            }
        }
        if (file == null || !Files.isRegularFile(file) || ward == null) {
            System.err.println("import-support FILE.csv --ward WARDCODE [--data-dir DIR] [--sub NAME]");
            return 2;
        }
        long size = Files.size(file);
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.inMemory().withDataDir(dataDir).withWebRoot(null))) {
            Platform platform = runtime.platform("SupportFunction");
            SupportImport imports = new SupportImport(SupportService.create(platform), new SupportParser(platform.clock()));
            Principal official = new Principal(sub, Role.COMMUNE_OFFICIAL, null, ward, null);
            long started = System.nanoTime();
            CountingStream counting = new CountingStream(Files.newInputStream(file));
            SupportImport.Result result;
            try (Reader reader = new InputStreamReader(counting, StandardCharsets.UTF_8)) {
                long[] lastPrint = {0};
                result = imports.importCsv(official, ward, reader, lines -> progress(counting.count(), size, lines, lastPrint));
            }
            progress(size, size, result.imported() + result.unchanged() + result.rejectedLines(), new long[]{0});
            for (SupportImport.Rejected r : result.rejected().subList(0, Math.min(20, result.rejected().size()))) {
                System.err.printf("%nline %d rejected: %s%s", r.line(), r.code(), r.field() == null ? "" : " (" + r.field() + ")");
            }
            System.err.printf("%nimported %,d cases, %,d unchanged, rejected %,d lines in %.1f s%n", result.imported(),
                    result.unchanged(), result.rejectedLines(), (System.nanoTime() - started) / 1e9);
            return result.rejectedLines() == 0 ? 0 : 1;
        }
    }

    private static void progress(long read, long size, long lines, long[] lastPrint) {
        long now = System.nanoTime();
        if (now - lastPrint[0] < 200_000_000L && read < size) {
            return;
        }
        lastPrint[0] = now;
        int width = 40;
        double fraction = size == 0 ? 1 : Math.min(1, (double) read / size);
        int filled = (int) (fraction * width);
        System.err.printf("\r[%s%s] %5.1f%%  %,d lines", "#".repeat(filled), " ".repeat(width - filled), fraction * 100, lines);
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
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}

package vn.movepass.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.movepass.shared.domain.Resident;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.registry.RegistryCsv;

/**
 * Reads a generated 200,000-row file through a counting sink and checks the reader never runs far
 * ahead of the sink (so memory stays constant however long the file is).
 */
class RegistryCsvStreamingTest {

    private static final int ROWS = 200_000;
    private static final long MAX_READ_AHEAD_CHARS = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void streamsALargeFileInConstantMemory() throws IOException {
        Path file = dir.resolve("registry.csv");
        long generateStart = System.nanoTime();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            SyntheticRegistry.writeCsv(ROWS, 42, out);
        }
        double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
        long fileChars = Files.readString(file, StandardCharsets.UTF_8).length();
        AdministrativeUnits units = AdministrativeUnits.get();

        try (CountingReader in = new CountingReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            CountingSink sink = new CountingSink(in, fileChars);
            long start = System.nanoTime();
            long rows = RegistryCsv.read(in, units, sink);
            double seconds = (System.nanoTime() - start) / 1e9;

            assertEquals(ROWS, rows);
            assertEquals(ROWS, sink.accepted);
            assertEquals(0, sink.rejected);
            assertTrue(sink.maxReadAhead < MAX_READ_AHEAD_CHARS,
                    "reader ran " + sink.maxReadAhead + " chars ahead of the sink");
            long heapGrowth = sink.heapAtEnd - sink.heapAtStart;
            assertTrue(heapGrowth < 24L << 20, "heap grew by " + (heapGrowth >> 20) + " MB while reading");
            System.out.printf("[RegistryCsv] %,d rows (%,d chars): read %.2f s = %,.0f rows/s; "
                            + "max read-ahead %,d chars; heap growth %+,d KB; generated at %,.0f rows/s%n",
                    rows, fileChars, seconds, rows / seconds, sink.maxReadAhead, heapGrowth >> 10,
                    ROWS / generateSeconds);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Counts the characters handed out by the wrapped reader. */
    private static final class CountingReader extends FilterReader {
        private long chars;

        CountingReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                chars++;
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                chars += n;
            }
            return n;
        }
    }

    /** Keeps nothing but counters; compares the reader's position with the expected position. */
    private static final class CountingSink implements RegistryCsv.Sink {
        private final CountingReader in;
        private final double charsPerRow;
        private long accepted;
        private long rejected;
        private long maxReadAhead;
        private long heapAtStart;
        private long heapAtEnd;

        CountingSink(CountingReader in, long fileChars) {
            this.in = in;
            this.charsPerRow = fileChars / (double) (ROWS + 1);
        }

        @Override
        public void accept(Resident resident) {
            accepted++;
            if (accepted % 1_000 == 0) {
                long expectedPosition = (long) ((accepted + 1) * charsPerRow);
                maxReadAhead = Math.max(maxReadAhead, in.chars - expectedPosition);
            }
            if (accepted == 20_000) {
                heapAtStart = usedHeapAfterGc();
            } else if (accepted == ROWS - 10_000) {
                heapAtEnd = usedHeapAfterGc();
            }
        }

        @Override
        public void reject(long line, String reason) {
            rejected++;
        }
    }
}

package vn.movepass.local.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** Appends measured durations to target/timings.txt (and stdout) so that a run can report them. */
final class Timings {
    private static final Path FILE = Path.of("target", "timings.txt");

    private Timings() {
    }

    static synchronized void record(String what, Duration d) {
        String line = String.format("%-60s %6d ms%n", what, d.toMillis());
        System.out.print("[timing] " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.util.Set<String> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** "(1st in this JVM)" the first time a kind of server is started in this JVM, "(warm JVM)" after. */
    static String jvm(String kind) {
        return STARTED.add(kind) ? "(1st in this JVM)" : "(warm JVM)";
    }

    static Duration since(long nanoStart) {
        return Duration.ofNanos(System.nanoTime() - nanoStart);
    }
}

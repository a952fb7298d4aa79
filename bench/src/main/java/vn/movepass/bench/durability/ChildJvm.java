package vn.movepass.bench.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on this JVM's class path, started with a main class and arguments; it reports readiness with one stdout
 * line {@code READY <endpoint> [<endpoint>…]} (the rest of its output goes to a log file). {@link #kill()} is SIGKILL
 * ({@link Process#destroyForcibly()} on a JVM): no shutdown hook, no finally, no flush runs in the child.
 */
public final class ChildJvm implements AutoCloseable {
    public static final String READY = "READY ";

    private final Process process;
    private final List<String> endpoints;

    private ChildJvm(Process process, String endpoints) {
        this.process = process;
        this.endpoints = List.of(endpoints.split(" +"));
    }

    /** Starts {@code mainClass} with {@code args}, waits for its READY line (at most {@code timeoutSeconds}). */
    public static ChildJvm start(Class<?> mainClass, List<String> args, Path log, long timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(p, log, ready), "child-" + p.pid());
        pump.setDaemon(true);
        pump.start();
        try {
            return new ChildJvm(p, ready.get(timeoutSeconds, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("child " + mainClass.getSimpleName() + " " + args + " did not get ready; see " + log, e);
        }
    }

    private static void pump(Process p, Path log, CompletableFuture<String> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var out = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(READY)) {
                    ready.complete(line.substring(READY.length()).trim());
                }
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the child's output ended"));
    }

    /** The first endpoint of the READY line. */
    public String endpoint() {
        return endpoints.get(0);
    }

    /** Every endpoint of the READY line, in its order. */
    public List<String> endpoints() {
        return endpoints;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, and waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child " + process.pid() + " still alive after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}

package vn.movepass.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The load process of {@code bench load}, a JVM of its own: checkpoint scans over HTTP/1.1 keep-alive sockets to the
 * local gateway on 127.0.0.1 (and nowhere else), open loop: request i is due at start + i / rate, spread over the
 * connections in turn, and its latency runs from when it was due (so a server falling behind shows in the latency,
 * not in a quietly lower rate). It steps the rate up until two steps in a row fail (p99, errors or rate), then holds
 * the highest passing rate for the sustained run. Every phase is bounded in time.
 *
 * <p>{@code ScanLoad --port P --path /v1/checkpoints/X/scans --token JWT --bodies FILE [--rates 200,400,..]
 * [--step-seconds 5] [--duration 60] [--connections 32] [--p99-ms 50] [--bare SPEC]}; FILE holds one JSON body a line.
 * A 10 s warm-up at the first rate comes first; at most 12 steps. With {@code --bare}, the machine's bare numbers
 * follow ({@link BareDynamo}).
 */
public final class ScanLoad {
    private static final byte[] CRLF2 = {'\r', '\n', '\r', '\n'};
    static final int WARM_UP_SECONDS = 10;
    static final int MAX_STEPS = 12;

    private ScanLoad() {
    }

    /** One phase's figures. */
    record Phase(double targetRate, double achievedRate, int completed, int errors, double p50, double p99, double max,
                 String firstError) {
        boolean passes(double p99Limit) {
            return errors == 0 && p99 < p99Limit && achievedRate >= 0.95 * targetRate;
        }

        String line(String label) {
            return String.format(Locale.ROOT, "%-10s target %6.0f/s  achieved %7.1f/s  %7d scans  p50 %6.2f ms  p99 %7.2f ms"
                    + "  max %7.1f ms  errors %d%s", label, targetRate, achievedRate, completed, p50, p99, max, errors,
                    firstError == null ? "" : "  (first: " + firstError + ")");
        }
    }

    public static void main(String[] args) throws Exception {
        int port = -1;
        String path = null;
        String token = null;
        Path bodies = null;
        double[] rates = {50, 100, 200, 300, 400, 600, 800, 1000, 1200, 1400, 1700, 2000};
        int stepSeconds = 5;
        int duration = 60;
        int connections = 32;
        double p99Limit = 50;
        String bare = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--path" -> path = args[++i];
                case "--token" -> token = args[++i];
                case "--bodies" -> bodies = Path.of(args[++i]);
                case "--rates" -> rates = Arrays.stream(args[++i].split(",")).limit(MAX_STEPS)
                        .mapToDouble(Double::parseDouble).toArray();
                case "--step-seconds" -> stepSeconds = Math.min(60, Integer.parseInt(args[++i]));
                case "--duration" -> duration = Math.min(600, Integer.parseInt(args[++i]));
                case "--connections" -> connections = Math.min(256, Integer.parseInt(args[++i]));
                case "--p99-ms" -> p99Limit = Double.parseDouble(args[++i]);
                case "--bare" -> bare = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port <= 0 || path == null || token == null || bodies == null) {
            throw new IllegalArgumentException("--port, --path, --token and --bodies are required");
        }
        List<byte[]> requests = new ArrayList<>();
        for (String body : Files.readAllLines(bodies)) {
            byte[] json = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n";
            byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head8, head8.length + json.length);
            System.arraycopy(json, 0, request, head8.length, json.length);
            requests.add(request);
        }
        ScanLoad.Target target = new Target(port, requests, connections);
        System.out.printf(Locale.ROOT, "load: %d keep-alive connections to 127.0.0.1:%d, POST %s, %d distinct bodies;"
                + " pass = no error, p99 < %.0f ms, >= 95%% of the target rate%n", connections, port, path, requests.size(), p99Limit);
        System.out.println(target.run(rates[0], WARM_UP_SECONDS).line("warm-up"));
        double best = -1;
        int failedInARow = 0;
        for (double rate : rates) {
            Phase p = target.run(rate, stepSeconds);
            boolean ok = p.passes(p99Limit);
            System.out.println(p.line("step") + (ok ? "" : "  <- fails"));
            failedInARow = ok ? 0 : failedInARow + 1;
            if (ok) {
                best = rate;
            } else if (failedInARow == 2) {
                break; // one failing step may be a neighbour's burst on a shared machine; two in a row end the search
            }
        }
        if (best < 0) {
            best = rates[0];
            System.out.println("no step passed; the sustained run uses the lowest rate");
        }
        Phase sustained = target.run(best, duration);
        System.out.println(sustained.line("sustained"));
        System.out.printf(Locale.ROOT, "RESULT %d s at %.0f scans/s: achieved %.1f/s, p50 %.2f ms, p99 %.2f ms, errors %d, %s%n",
                duration, best, sustained.achievedRate(), sustained.p50(), sustained.p99(), sustained.errors(),
                sustained.passes(p99Limit) ? "p99 within " + (int) p99Limit + " ms" : "p99 NOT within " + (int) p99Limit + " ms");
        if (bare != null) {
            for (BareDynamo.Ceiling c : BareDynamo.measure(BareDynamo.Target.parse(bare), new int[]{1, 4, connections}, 8)) {
                System.out.println(BareDynamo.line(c, sustained.achievedRate()));
            }
        }
    }

    /** The gateway and the requests to send it. */
    private record Target(int port, List<byte[]> requests, int connections) {
        Phase run(double rate, int seconds) throws InterruptedException {
            long periodNanos = (long) (1e9 / rate);
            long start = System.nanoTime() + 50_000_000L;
            long end = start + seconds * 1_000_000_000L;
            Connection[] workers = new Connection[connections];
            Thread[] threads = new Thread[connections];
            for (int c = 0; c < connections; c++) {
                workers[c] = new Connection(this, c, start, end, periodNanos);
                threads[c] = new Thread(workers[c], "load-" + c);
                threads[c].start();
            }
            long lastDone = start;
            int errors = 0;
            int completed = 0;
            String firstError = null;
            long[] all = new long[0];
            for (int c = 0; c < connections; c++) {
                threads[c].join(seconds * 1000L + 30_000);
                Connection w = workers[c];
                lastDone = Math.max(lastDone, w.lastDone);
                errors += w.errors;
                completed += w.count;
                if (firstError == null) {
                    firstError = w.firstError;
                }
                int from = all.length;
                all = Arrays.copyOf(all, from + w.count);
                System.arraycopy(w.latencies, 0, all, from, w.count);
            }
            Arrays.sort(all);
            double elapsed = Math.max(1, lastDone - start) / 1e9;
            return new Phase(rate, completed / elapsed, completed, errors, percentile(all, 0.50), percentile(all, 0.99),
                    all.length == 0 ? 0 : all[all.length - 1] / 1e6, firstError);
        }
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** One keep-alive connection sending its share of the schedule: requests c, c + n, c + 2n, … */
    private static final class Connection implements Runnable {
        private final Target target;
        private final int index;
        private final long start;
        private final long end;
        private final long period;
        long[] latencies = new long[1024];
        int count;
        int errors;
        long lastDone;
        String firstError;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(Target target, int index, long start, long end, long period) {
            this.target = target;
            this.index = index;
            this.start = start;
            this.end = end;
            this.period = period;
        }

        @Override
        public void run() {
            try {
                for (long i = index; ; i += target.connections()) {
                    long due = start + i * period;
                    if (due >= end) {
                        break;
                    }
                    for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    String error = send(target.requests().get((int) (i % target.requests().size())));
                    long done = System.nanoTime();
                    if (error != null) {
                        errors++;
                        if (firstError == null) {
                            firstError = error;
                        }
                        close();
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = done - due;
                    lastDone = done;
                }
            } finally {
                close();
            }
        }

        /** Sends one request and reads its answer; null when it is a 200 with a VALID verdict, else what went wrong. */
        private String send(byte[] request) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(10_000);
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.port()), 2_000);
                    in = new BufferedInputStream(socket.getInputStream(), 16_384);
                    out = socket.getOutputStream();
                }
                out.write(request);
                out.flush();
                String head = readHead();
                int status = Integer.parseInt(head.substring(9, 12));
                int length = contentLength(head);
                byte[] body = in.readNBytes(length);
                if (body.length != length) {
                    return "connection closed mid-answer";
                }
                if (status != 200) {
                    return "HTTP " + status + " " + new String(body, StandardCharsets.UTF_8);
                }
                String text = new String(body, StandardCharsets.UTF_8);
                if (!text.contains("\"verdict\":\"VALID\"")) {
                    return "verdict not VALID: " + text;
                }
                if (head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) {
                    close();
                }
                return null;
            } catch (IOException | RuntimeException e) {
                return e.toString();
            }
        }

        private String readHead() throws IOException {
            StringBuilder head = new StringBuilder(256);
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed before an answer");
                }
                head.append((char) b);
                matched = b == CRLF2[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            }
            return head.toString();
        }

        private static int contentLength(String head) {
            String lower = head.toLowerCase(Locale.ROOT);
            int at = lower.indexOf("\r\ncontent-length:");
            if (at < 0) {
                throw new IllegalStateException("no Content-Length in " + head.strip());
            }
            int from = at + "\r\ncontent-length:".length();
            return Integer.parseInt(lower.substring(from, lower.indexOf('\r', from)).trim());
        }

        private void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // nothing to do
                }
            }
            socket = null;
        }
    }
}

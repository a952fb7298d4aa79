package vn.movepass.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import vn.movepass.local.LocalRuntime;
import vn.movepass.shared.store.PassTableKeys;

/**
 * {@code bench load}: an in-memory runtime with the demo data and a few hundred fresh passes, its HTTP gateway on
 * 127.0.0.1, and {@link ScanLoad} in a separate JVM (same classpath) scanning those passes at the checkpoint: it steps
 * the rate up, then holds the highest rate whose p99 stays under the limit for the sustained run. Afterwards the
 * passages stored are counted (none unless {@code --record}, which makes every scan record one). The load process
 * ends with the machine's bare numbers ({@link BareDynamo}): what DynamoDB Local serves, on as many threads, of the
 * scan's one BatchGetItem and of a GetItem + PutItem, with the sustained rate as a ratio of each.
 */
public final class LoadBench {
    private LoadBench() {
    }

    public static int run(List<String> args) throws Exception {
        int passes = 200;
        boolean record = false;
        boolean overHttp = false;
        List<String> load = new ArrayList<>();
        int duration = 60;
        int gatewayThreads = 32;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--passes" -> passes = Math.min(5_000, Integer.parseInt(args.get(++i)));
                case "--record" -> record = true;
                case "--dynamo-over-http" -> overHttp = true;
                case "--gateway-threads" -> gatewayThreads = Math.max(1, Math.min(256, Integer.parseInt(args.get(++i))));
                case "--duration" -> {
                    duration = Math.min(600, Integer.parseInt(args.get(++i)));
                    load.add(a);
                    load.add(Integer.toString(duration));
                }
                case "--rates", "--step-seconds", "--connections", "--p99-ms" -> {
                    load.add(a);
                    load.add(args.get(++i));
                }
                default -> {
                    System.err.println(Benches.usage("load"));
                    return 2;
                }
            }
        }
        Path bodies = Files.createTempFile("movepass-load", ".jsonl");
        var options = LocalRuntime.Options.inMemory().withGatewayThreads(gatewayThreads);
        try (BenchWorld world = BenchWorld.start(overHttp ? options.withFunctionsDynamoOverHttp() : options)) {
            StringBuilder lines = new StringBuilder();
            String firstPass = null;
            for (int i = 0; i < passes; i++) {
                var pass = world.declare();
                firstPass = firstPass == null ? pass.get("passId").asText() : firstPass;
                lines.append(new String(BenchWorld.scanBody(pass.get("token").asText(), record),
                        StandardCharsets.UTF_8)).append('\n');
            }
            var tables = world.runtime.provisioned();
            var bare = new BareDynamo.Target(world.runtime.dynamoEndpoint(), tables.tableName("PassesTable"),
                    PassTableKeys.pass(firstPass), tables.tableName("CheckpointsTable"), world.checkpointId,
                    tables.tableName("AccountsTable"), world.officerClaims.get("sub"), tables.tableName("DeclarationsTable"));
            Files.writeString(bodies, lines);
            long before = world.passagesStored();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xms64m", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    ScanLoad.class.getName(), "--port", Integer.toString(world.runtime.port()), "--path", world.scansPath(),
                    "--token", world.officerToken(), "--bodies", bodies.toString(), "--bare", bare.spec()));
            command.addAll(load);
            boolean inProcess = world.runtime.functionsDynamo() != world.runtime.dynamo();
            System.out.printf(Locale.ROOT, "server: this JVM (gateway %s, %d threads, %d passes of %s at %s, record:%s; the"
                    + " functions reach DynamoDB Local %s); load: a separate JVM (pid below)%n", world.runtime.baseUrl(),
                    gatewayThreads, passes, world.resident.citizenId(), world.checkpointId, record,
                    inProcess ? "in process" : "over HTTP");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            System.out.println("load process pid " + p.pid() + " (this JVM is pid " + ProcessHandle.current().pid() + ")");
            var achieved = new java.util.concurrent.atomic.AtomicReference<Double>(-1.0);
            Thread relay = new Thread(() -> achieved.set(relay(p)), "load-output");
            relay.start();
            // the warm-up, at most MAX_STEPS steps of at most 60 s, the sustained run, and slack; ended past that
            if (!p.waitFor(ScanLoad.WARM_UP_SECONDS + ScanLoad.MAX_STEPS * 60L + duration + 60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                System.out.println("the load process overran its time and was stopped");
                return 1;
            }
            relay.join();
            if (inProcess && achieved.get() > 0) {
                // the functions' own path: the same calls in this JVM on the in-process client, after the load
                for (BareDynamo.Ceiling c : BareDynamo.measure(world.runtime.functionsDynamo(), bare, new int[] {1, 4, 32}, 8)) {
                    System.out.println(BareDynamo.line("BARE %2d threads in process (the functions' path)", c, achieved.get()));
                }
            }
            long recorded = world.passagesStored() - before;
            System.out.printf(Locale.ROOT, "passages recorded during the load: %d (%s)%n", recorded,
                    record ? "every VALID scan with record:true records one" : "scans with record:false record none");
            return p.exitValue();
        } finally {
            Files.deleteIfExists(bodies);
        }
    }

    /** Prints the load process's lines as they come; returns the sustained rate achieved (its RESULT line), or -1. */
    private static double relay(Process p) {
        double achieved = -1;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                System.out.println(line);
                var m = java.util.regex.Pattern.compile("^RESULT .*achieved ([0-9.]+)/s").matcher(line);
                if (m.find()) {
                    achieved = Double.parseDouble(m.group(1));
                }
            }
        } catch (java.io.IOException e) {
            System.out.println("the load process's output broke off: " + e);
        }
        return achieved;
    }
}

package vn.movepass.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.demo.DemoData;
import vn.movepass.local.template.FunctionDef;
import vn.movepass.local.template.ParameterDef;
import vn.movepass.local.template.TemplateModel;
import vn.movepass.local.template.ValueResolver;

/**
 * {@code bench/bench cold-start [--iterations N] [--root DIR]}: for every function of
 * template.yaml, a fresh JVM on the function's own Lambda zip (unpacked, classes + lib/*) builds the handler as
 * Lambda does and answers one event (a GET route when it has one) against DynamoDB Local; next to it a bare JVM on
 * the same classpath builds the same SDK clients and makes the same SDK calls the function made. Printed: zip
 * size, the SDK calls, the median wall time of each (process start to answer) and their ratio. The JVM flags are
 * the function's JAVA_TOOL_OPTIONS from the template. Figures, not assertions: compare ratios, not absolutes.
 */
public final class ColdStartBench {
    private static final String PROBE = "vn.movepass.bench.ColdStartProbe";

    /** One function's figures. */
    public record Result(String function, long zipBytes, String route, String answer, boolean success, int sdkCalls,
                         long functionMillis, long bareMillis) {
        public double ratio() {
            return bareMillis == 0 ? Double.NaN : (double) functionMillis / bareMillis;
        }
    }

    private ColdStartBench() {
    }

    public static int run(List<String> args) throws Exception {
        int iterations = 5;
        Path root = null;
        List<String> extraFlags = new ArrayList<>();
        String only = null;
        String toolOptions = null;
        boolean appCds = false;
        String snapStart = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--iterations" -> iterations = Integer.parseInt(args.get(++i));
                case "--root" -> root = Path.of(args.get(++i));
                case "--jvm-flag" -> extraFlags.add(args.get(++i));
                case "--only" -> only = args.get(++i);
                case "--tool-options" -> toolOptions = args.get(++i);
                case "--appcds" -> appCds = true;
                case "--snapstart" -> snapStart = args.get(++i);
                default -> {
                    System.err.println(Benches.usage("cold-start"));
                    return 2;
                }
            }
        }
        if (snapStart != null && !List.of("primed", "unprimed").contains(snapStart)) {
            System.err.println(Benches.usage("cold-start"));
            return 2;
        }
        List<Result> results = measure(root == null ? projectRoot() : root, iterations, System.out, extraFlags, only, toolOptions,
                appCds, snapStart);
        return results.isEmpty() || results.stream().anyMatch(r -> !r.success()) ? 1 : 0;
    }

    public static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("template.yaml not found above the current directory: use --root");
    }

    public static List<Result> measure(Path root, int iterations, java.io.PrintStream out) throws Exception {
        return measure(root, iterations, out, List.of(), null, null, false, null);
    }

    /**
     * As {@link #measure(Path, int, java.io.PrintStream)}, with {@code extraFlags} after the template's
     * JAVA_TOOL_OPTIONS on both JVMs (e.g. {@code -Xshare:off}, to measure a lever), only the functions whose
     * logical id contains {@code only} (null: all), and {@code toolOptionsOverride} instead of the template's
     * JAVA_TOOL_OPTIONS (null: the template's; blank: none); with {@code appCds}, both JVMs of a function use a
     * dynamic AppCDS archive of its classes, dumped by a training run of the function on its own zip first.
     */
    public static List<Result> measure(Path root, int iterations, java.io.PrintStream out, List<String> extraFlags,
                                       String only, String toolOptionsOverride, boolean appCds, String snapStart)
            throws Exception {
        Path work = Files.createTempDirectory("movepass-bench");
        List<Result> results = new ArrayList<>();
        ColdStartEvents.Capture capture = new ColdStartEvents.Capture();
        try (LocalRuntime runtime = LocalRuntime.start(ColdStartEvents.options(capture)
                .withTemplate(root.resolve("template.yaml")).withWebRoot(null))) {
            capture.attach(runtime);
            DemoData.seed(runtime);
            ColdStartEvents events = new ColdStartEvents(runtime, capture, Files.createDirectories(work.resolve("events")));
            TemplateModel model = runtime.model();
            URI dynamo = runtime.dynamo().serviceClientConfiguration().endpointOverride().orElseThrow();
            Path probe = probeDir(work.resolve("probe"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            out.printf(Locale.ROOT, "%s (median of %d), %s, %d cores%s%s%n", snapStart == null
                            ? "cold start, fresh JVM -> answer to a success event"
                            : "SnapStart emulated (" + snapStart + "): handler built" + ("primed".equals(snapStart)
                            ? ", Priming run as a checkpoint would" : "") + ", then restore -> answer", iterations,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    (toolOptionsOverride == null ? "" : ", JAVA_TOOL_OPTIONS \"" + toolOptionsOverride + "\"")
                            + (appCds ? ", AppCDS archive per function" : ""),
                    extraFlags.isEmpty() ? "" : ", extra flags " + String.join(" ", extraFlags));
            out.printf(Locale.ROOT, "%-28s %6s  %-52s %-16s %5s %7s %7s %6s%n", "function", "zip MB", "event",
                    "answer", "calls", "fn ms", "bare ms", "ratio");
            for (FunctionDef f : model.functions()) {
                if (only != null && !f.logicalId().contains(only)) {
                    continue;
                }
                Path zip = root.resolve(f.codeUri() == null ? "" : f.codeUri());
                if (f.codeUri() == null || !Files.isRegularFile(zip)) {
                    out.printf("%-28s not built (%s): run mvn -q -DskipTests package%n", f.logicalId(), f.codeUri());
                    continue;
                }
                Path unpacked = unzip(zip, work.resolve(f.logicalId()));
                Map<String, String> env = environment(runtime, model, f, dynamo);
                List<String> jvmFlags = new ArrayList<>();
                String toolOptions = env.remove("JAVA_TOOL_OPTIONS");
                if (toolOptionsOverride != null) {
                    toolOptions = toolOptionsOverride;
                }
                if (toolOptions != null && !toolOptions.isBlank()) {
                    jvmFlags.addAll(List.of(toolOptions.trim().split("\\s+")));
                }
                jvmFlags.addAll(extraFlags);
                Path calls = work.resolve(f.logicalId() + ".calls");
                if (appCds) {
                    // as a build would: one training run of the function on the zip's classpath dumps the classes it loaded
                    Path archive = work.resolve(f.logicalId() + ".jsa");
                    ColdStartEvents.Event training = events.prepare(f.logicalId(), model, iterations);
                    List<String> dump = new ArrayList<>(jvmFlags);
                    dump.add("-XX:ArchiveClassesAtExit=" + archive);
                    time(java, dump, classpath(unpacked, probe, appCds), List.of("function", f.handlerClass(), training.file().toString(),
                            calls.toString()), env);
                    jvmFlags.add("-XX:SharedArchiveFile=" + archive);
                }
                List<Long> fn = new ArrayList<>();
                List<Long> bare = new ArrayList<>();
                String answer = null;
                String what = null;
                boolean success = true;
                int sdkCalls = 0;
                for (int i = 0; i < iterations; i++) {
                    ColdStartEvents.Event event = events.prepare(f.logicalId(), model, i);
                    if (event == null) {
                        throw new IllegalStateException(f.logicalId() + ": the bench has no success event for it");
                    }
                    what = event.what();
                    List<String> fnArgs = new ArrayList<>(List.of("function", f.handlerClass(), event.file().toString(),
                            calls.toString()));
                    if (snapStart != null) {
                        fnArgs.add(snapStart);
                    }
                    Timed t = time(java, jvmFlags, classpath(unpacked, probe, appCds), fnArgs, env);
                    fn.add(t.millis);
                    answer = t.answer;
                    if (!t.success) {
                        success = false;
                        out.printf("!! %s iteration %d is not a success: %s %s%n", f.logicalId(), i + 1, t.answer, t.detail);
                    }
                    sdkCalls = Files.readAllLines(calls).size();
                    Timed b = time(java, jvmFlags, classpath(unpacked, probe, appCds), snapStart == null
                            ? List.of("bare", calls.toString()) : List.of("bare", calls.toString(), "snapstart"), env);
                    bare.add(b.millis);
                    if (!b.answer.equals(String.valueOf(sdkCalls))) {
                        throw new IllegalStateException(f.logicalId() + ": the bare JVM made " + b.answer + " of " + sdkCalls + " calls");
                    }
                }
                Result r = new Result(f.logicalId(), Files.size(zip), what, answer, success, sdkCalls, median(fn), median(bare));
                results.add(r);
                out.printf(Locale.ROOT, "%-28s %6.2f  %-52s %-16s %5d %7d %7d %6.2f%s%n", r.function(),
                        r.zipBytes() / 1_048_576.0, abbreviate(r.route(), 52), r.answer(), r.sdkCalls(), r.functionMillis(),
                        r.bareMillis(), r.ratio(), r.success() ? "" : "  !! NOT A SUCCESS");
            }
            out.println("fn: the function's zip, handler built by its no-arg constructor (Platform.fromSystem()), one success"
                    + " event (each iteration its own where it writes); calls: the SDK calls of the last; bare: same classpath"
                    + " and flags, the same SDK clients and calls only (the time it takes to rebuild the requests from their recorded"
                    + " JSON is taken off). " + (snapStart == null ? "No SnapStart here." : "SnapStart: both timed from"
                    + " the point a restore would resume (fn: handler built" + ("primed".equals(snapStart) ? " and primed" : "")
                    + "; bare: its DynamoDB client built) to the answer; Lambda's own restore time is not in it."));
        } finally {
            deleteTree(work);
        }
        return results;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Process start to answer; the bare side's rebuilding of its requests from JSON taken off. */
    private record Timed(long millis, String answer, boolean success, String detail) {
    }

    private static Timed time(String java, List<String> flags, String classpath, List<String> args,
                              Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(flags);
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(classpath);
        command.add(PROBE);
        command.addAll(args);
        Path errors = Files.createTempFile("movepass-probe", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(errors.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        String answer = null;
        boolean success = true;
        String detail = "";
        StringBuilder logged = new StringBuilder();
        long rebuilt = 0;
        long millis = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("RESTORED")) {
                    start = System.nanoTime(); // SnapStart emulated: the first invocation after a restore
                } else if (line.startsWith("ANSWER ") && answer == null) {
                    millis = (System.nanoTime() - start) / 1_000_000;
                    answer = line.substring(7);
                } else if (line.startsWith("SUCCESS ")) {
                    success = Boolean.parseBoolean(line.substring(8));
                } else if (line.startsWith("REBUILT ")) {
                    rebuilt = Long.parseLong(line.substring(8));
                } else if (line.startsWith("DETAIL ")) {
                    detail = line.substring(7);
                } else if (logged.length() < 20_000) {
                    logged.append(line).append('\n'); // the function's log lines (Powertools writes them to stdout)
                }
            }
        }
        int exit = p.waitFor();
        String stderr = Files.readString(errors);
        Files.deleteIfExists(errors);
        if (!success) {
            String all = logged + stderr;
            detail += "\n" + (all.length() > 3000 ? all.substring(all.length() - 3000) : all);
        }
        if (answer == null || exit != 0) {
            String all = logged + stderr;
            String tail = all.length() > 4000 ? all.substring(0, 2000) + "\n…\n" + all.substring(all.length() - 2000) : all;
            throw new IllegalStateException("probe " + args + " exited " + exit + " without an answer:\n" + tail);
        }
        return new Timed(millis - rebuilt, answer, success, detail);
    }

    /** The function's environment as the local runtime resolves it, with this machine's endpoint and dummy keys. */
    private static Map<String, String> environment(LocalRuntime runtime, TemplateModel model, FunctionDef f, URI dynamo) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String secret = Base64.getEncoder().encodeToString(new byte[32]);
        for (ParameterDef p : model.parameters().values()) {
            parameters.put(p.name(), p.defaultValue() != null ? p.defaultValue() : secret);
        }
        parameters.put("Stage", "bench");
        Map<String, String> logical = new LinkedHashMap<>(runtime.provisioned().refs());
        logical.putAll(runtime.buckets());
        Map<String, String> refs = ValueResolver.refs(model, parameters, logical, "ap-southeast-1", "000000000000");
        ValueResolver resolver = ValueResolver.forModel(model, runtime.provisioned()::getAtt);
        Map<String, String> env = new LinkedHashMap<>();
        String path = System.getenv("PATH");
        if (path != null) {
            env.put("PATH", path);
        }
        f.environment().forEach((k, v) -> {
            String value = resolver.resolve(v, refs);
            if (value != null) {
                env.put(k, value);
            }
        });
        if (env.containsKey("NOTICE_CHANNEL")) {
            env.put("NOTICE_CHANNEL", "outbox"); // as the local runtime: SMS through SNS is not on this machine
        }
        env.putAll(ColdStartEvents.environment(f.logicalId()));
        env.put("AWS_ENDPOINT_URL", dynamo.toString());
        env.put("S3_ENDPOINT_URL", runtime.s3Endpoint().toString());
        env.put("SQS_ENDPOINT_URL", runtime.sqs().serviceClientConfiguration().endpointOverride().orElseThrow().toString());
        env.put("AWS_REGION", "ap-southeast-1");
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        return env;
    }

    private static String eventsJar() {
        try {
            return Path.of(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class.getProtectionDomain()
                    .getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * With {@code jars}, the probe's directory and the zip's root classes as jars: CDS archives no class of a
     * non-empty directory (and refuses to dump with one on the class path), so an archive needs the function's own
     * classes in a jar, not at the zip's root as Lambda zips have them.
     */
    private static String classpath(Path unpacked, Path probe, boolean jars) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(jars ? jar(probe, probe.resolveSibling(probe.getFileName() + ".jar")).toString() : probe.toString());
        entries.add(jars ? jar(unpacked, unpacked.resolveSibling(unpacked.getFileName() + "-root.jar")).toString()
                : unpacked.toString());
        boolean hasEvents;
        try (Stream<Path> libs = Files.list(unpacked.resolve("lib"))) {
            List<Path> sorted = libs.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            sorted.forEach(p -> entries.add(p.toString()));
            hasEvents = sorted.stream().anyMatch(p -> p.getFileName().toString().startsWith("aws-lambda-java-events"));
        }
        if (!hasEvents) {
            // the probe builds HTTP API events itself; a function without HTTP routes (the export) ships no events jar
            entries.add(eventsJar());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The files of {@code dir} but its lib/ in a jar (made once). */
    private static Path jar(Path dir, Path jar) throws IOException {
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar)); Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                if (name.startsWith("lib/")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The probe's classes and the SDK global interceptor file (recording on the function side) in a directory of their own. */
    private static Path probeDir(Path dir) throws IOException {
        String base = PROBE.replace('.', '/');
        List<String> names = new ArrayList<>(List.of("", "$Recorder", "$S3Replay", "$1", "$1$1"));
        for (String suffix : names) {
            try (InputStream in = ColdStartBench.class.getResourceAsStream("/" + base + suffix + ".class")) {
                if (in == null) {
                    continue;
                }
                Path target = dir.resolve(base + suffix + ".class");
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
        {
            Path hook = dir.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
            Files.createDirectories(hook.getParent());
            Files.writeString(hook, PROBE + "$Recorder\n");
        }
        return dir;
    }

    private static Path unzip(Path zip, Path to) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = to.resolve(e.getName()).normalize();
                if (!target.startsWith(to)) {
                    throw new IOException("bad entry " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return to;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temp dir left behind is harmless
        }
    }
}

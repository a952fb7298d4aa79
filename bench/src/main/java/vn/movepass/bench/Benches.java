package vn.movepass.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.movepass.local.LocalLogging;
import vn.movepass.bench.durability.SqsSendBench;
import vn.movepass.bench.durability.StoreKillBench;
import vn.movepass.bench.tracing.TracingBench;

/**
 * The {@code bench <name>} command family ({@code bench/bench}, the launcher, runs this jar): every bench of the
 * runtime by name, with its one-line purpose and its usage. {@code bench} with no name lists them. Benches print
 * figures (each next to the bare work it must do, measured in the same run) and assert nothing; no test runs them.
 */
public final class Benches {
    /** Runs one bench with its own arguments; returns the process exit code. */
    @FunctionalInterface
    interface Runner {
        int run(List<String> args) throws Exception;
    }

    /** One bench: its name after {@code bench}, what it measures, and its options. */
    record Bench(String name, String purpose, String options, Runner runner) {
        String usage() {
            return "bench " + name + (options.isEmpty() ? "" : " " + options);
        }
    }

    static final List<Bench> ALL = List.of(
            new Bench("ratios", "each operation through its handler ÷ the bare SDK/ZXing calls it must make; 2 threads ÷ 1",
                    "[--rounds 7 (>= 5)] [--slice-ms 300] [--only TEXT (of the operation's name)] [--dynamo-over-http]",
                    RatioBench::run),
            new Bench("load", "scans over HTTP from a separate load process, stepping up the rate; ÷ the bare DynamoDB rate",
                    "[--duration 60] [--rates 200,400,...] [--step-seconds 5] [--connections 32] [--p99-ms 50]"
                            + " [--passes 200] [--record] [--gateway-threads 32] [--dynamo-over-http]", LoadBench::run),
            new Bench("cold-start", "each function zip in a fresh JVM answering a success event ÷ a bare JVM making the same SDK calls",
                    "[--iterations 5] [--root DIR] [--only TEXT (of the function's id)] [--jvm-flag FLAG (on both JVMs; repeatable)]"
                            + " [--tool-options 'FLAGS' (instead of the template's JAVA_TOOL_OPTIONS; '' for none)]"
                            + " [--appcds (a dynamic CDS archive per function, from a training run, on both JVMs)]"
                            + " [--snapstart primed|unprimed (the first invocation after an emulated restore)]", ColdStartBench::run),
            new Bench("tracing", "a city's fortnight traced by the real queues and functions: contacts/s ÷ bare PutItem/s",
                    "[--scale 1.0] [--depth 1|2|3] [--cases N] [--threads 4] [--seed S] [--dynamo-over-http]"
                            + " [--data-dir DIR | --crash [--kill]]",
                    TracingBench::run),
            new Bench("export", "the analysts' export of a day's N passages: rows/s, peak heap; ÷ the bare Queries + gzip + PutObject",
                    "[--passages 200000] [--rounds 3]", ExportBench::run),
            new Bench("startup", "the runtime's start-up step by step from a cold JVM; whole warm start ÷ its bare steps",
                    "[--template template.yaml] [--data-dir DIR]", StartupBench::run),
            new Bench("store-kill", "acknowledged writes an embedded store lost when its child JVM was SIGKILLed 0-100 ms later",
                    "[--store sqs|dynamo|s3|all] [--kills 20] [--writes 200] [--seed 1] [--max-delay 100]", StoreKillBench::run),
            new Bench("sqs-send", "SendMessage, SendMessageBatch(10), DeleteMessage on the embedded SQS: median and p99, memory and disk",
                    "[--sends 3000]", SqsSendBench::run),
            // ---- policy support (issue 19)
            new Bench("support-import", "N beneficiary lines through the support import: lines/s ÷ the same calls on the raw SDK; heap",
                    "[--lines 100000]", SupportImportBench::run),
            // ---- vaccination campaigns (issue 18)
            new Bench("booking", "a crowd booking one slot (exactly its places BOOKED); bookings over free slots ÷ bare conditional"
                    + " UpdateItem/s", "[--bookings 2000] [--places 100] [--threads 8]", BookingBench::run),
            new Bench("capacity", "each operation's DynamoDB read/write units per table and index, SQS messages, S3 requests, ms",
                    "[--rounds 3] [--export-rows 10000] [--tsv FILE]", CapacityBench::run));

    private Benches() {
    }

    /** The bench jar's entry point: {@code bench/bench [name] [options]}. */
    public static void main(String[] args) throws Exception {
        LocalLogging.configure();
        System.exit(run(List.of(args)));
    }

    /** {@code bench [name] [options]}: runs the named bench, or lists them all when no name is given. */
    public static int run(List<String> args) throws Exception {
        List<String> rest = new ArrayList<>(args);
        if (rest.isEmpty()) {
            System.out.println(list());
            return 0;
        }
        String name = rest.remove(0);
        Optional<Bench> bench = ALL.stream().filter(b -> b.name().equals(name)).findFirst();
        if (bench.isEmpty()) {
            System.err.println((name.startsWith("-") ? "name a bench before its options" : "unknown bench: " + name)
                    + "\n" + list());
            return 2;
        }
        return bench.get().runner().run(rest);
    }

    /** The usage line of a bench, for its own error message. */
    public static String usage(String name) {
        return "usage: " + ALL.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow().usage();
    }

    /** Every bench with its purpose and options, as {@code bench} prints them. */
    public static String list() {
        StringBuilder text = new StringBuilder("benches (bench/bench <name> ...):\n");
        for (Bench b : ALL) {
            text.append(String.format("  %-11s %s%n  %-11s %s%n", b.name(), b.purpose(), "", b.options()));
        }
        return text.toString().stripTrailing();
    }
}

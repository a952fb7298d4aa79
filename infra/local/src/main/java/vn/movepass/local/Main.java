package vn.movepass.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import vn.movepass.local.demo.DemoData;

/**
 * {@code java -jar infra/local/target/movepass-local.jar [--port 8080] [--data-dir DIR | --in-memory] [--demo]}
 * starts the whole system; {@code import-registry FILE.csv} and {@code generate-registry --count N --out FILE.csv}
 * manage the population registry; the benches are not here: {@code bench/bench <name>} runs them.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        LocalLogging.configure();
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && !rest.get(0).startsWith("--")) {
            String command = rest.remove(0);
            switch (command) {
                case "import-registry" -> System.exit(RegistryCommands.importRegistry(rest));
                case "generate-registry" -> System.exit(RegistryCommands.generateRegistry(rest));
                case "import-support" -> System.exit(SupportCommands.importSupport(rest)); // policy support (issue 19)
                case "help" -> {
                    usage();
                    System.exit(0);
                }
                default -> {
                    System.err.println("unknown command: " + command);
                    usage();
                    System.exit(2);
                }
            }
            return;
        }
        int port = 8080;
        Path dataDir = Path.of("data");
        Path template = null;
        Path web = LocalRuntime.Options.defaultWebRoot();
        boolean demo = false;
        int clientLimit = 0;
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            switch (arg) {
                case "--port" -> port = Integer.parseInt(value(rest, ++i, arg));
                case "--data-dir" -> dataDir = Path.of(value(rest, ++i, arg));
                case "--in-memory" -> dataDir = null;
                case "--template" -> template = Path.of(value(rest, ++i, arg));
                case "--web" -> web = Path.of(value(rest, ++i, arg));
                case "--demo" -> demo = true;
                case "--verbose" -> System.setProperty(LocalLogging.EMBEDDED_LEVEL, "INFO"); // before the first logger
                case "--client-limit" -> clientLimit = Integer.parseInt(value(rest, ++i, arg));
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("unknown option: " + arg);
                    usage();
                    System.exit(2);
                }
            }
        }
        LocalRuntime.Options options = LocalRuntime.Options.inMemory().withPort(port).withDataDir(dataDir)
                .withTemplate(template).withWebRoot(web);
        LocalRuntime runtime = LocalRuntime.start(options, demo ? List.of(DemoData.PENDING) : List.of());
        runtime.gateway().limitClients(clientLimit);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "shutdown"));
        if (demo) {
            System.out.println(DemoData.load(runtime));
            runtime.loaded(DemoData.PENDING);
        }
        System.out.println("MovePass is up: " + runtime.baseUrl() + "  (health: " + runtime.baseUrl() + "/health; "
                + (dataDir == null ? "in memory" : "data in " + dataDir.toAbsolutePath()) + "). Ctrl-C stops it.");
        stopped.await();
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args.get(i);
    }

    static void usage() {
        System.err.println("""
                usage:
                  java -jar infra/local/target/movepass-local.jar [--port 8080] [--data-dir DIR | --in-memory] [--demo]
                        [--template template.yaml] [--web web/] [--client-limit N] [--verbose]
                        (--client-limit: public POST requests a minute per client address; 0 = off, the default)
                        (--verbose: the embedded servers' own INFO lines too; quiet by default)
                  java -jar infra/local/target/movepass-local.jar import-registry FILE.csv [--data-dir DIR]
                  java -jar infra/local/target/movepass-local.jar generate-registry --count N --out FILE.csv [--seed S]
                  java -jar infra/local/target/movepass-local.jar import-support FILE.csv --ward WARDCODE [--data-dir DIR]
                """);
    }
}

package vn.movepass.bench.durability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import vn.movepass.local.LocalRuntime;

/**
 * A child JVM running the whole embedded runtime on a data dir, for the kill -9 tests and {@code bench tracing --crash
 * --kill}: {@code RuntimeChild DIR DEPTH POLLERS VISIBILITY_SECONDS} prints {@code READY <base url> <DynamoDB
 * endpoint>} once the runtime answers, then runs until it is killed.
 */
public final class RuntimeChild {
    private RuntimeChild() {
    }

    /**
     * The runtime of a child and of the runtime in this JVM that loads its data dir before or checks it after:
     * {@code TraceMaxDepth} = {@code depth}, {@code pollers} threads per queue, every queue's visibility timeout
     * {@code visibility} (a message in flight at a kill comes back that long after the restart), no web root.
     */
    public record Setup(Path dataDir, int depth, int pollers, Duration visibility) {
        public LocalRuntime.Options options() {
            return LocalRuntime.Options.inMemory().withDataDir(dataDir).withWebRoot(null).withPollerThreads(pollers)
                    .withVisibilityTimeout(visibility).withParameters(Map.of("TraceMaxDepth", Integer.toString(depth)));
        }

        /** Starts a child on this setup (output appended to {@code log}) and waits until it answers. */
        public ChildJvm start(Path log) {
            return ChildJvm.start(RuntimeChild.class, List.of(dataDir.toString(), Integer.toString(depth),
                    Integer.toString(pollers), Long.toString(visibility.toSeconds())), log, 180);
        }
    }

    public static void main(String[] args) throws Exception {
        Setup setup = new Setup(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Duration.ofSeconds(Long.parseLong(args[3])));
        LocalRuntime runtime = LocalRuntime.start(setup.options());
        System.out.println(ChildJvm.READY + runtime.baseUrl() + " " + runtime.dynamoEndpoint());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

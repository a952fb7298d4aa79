package vn.movepass.local.crash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.bench.durability.ChildJvm;

/**
 * A child JVM running the whole embedded runtime on a data dir, for the kill -9 tests: {@code RuntimeChild DIR}
 * prints {@code READY <base url>} once the runtime answers, then runs until it is killed.
 */
public final class RuntimeChild {
    static final int DEPTH = 2;

    private RuntimeChild() {
    }

    /** The options of the child and of the in-process runtime that checks its data dir afterwards. */
    static LocalRuntime.Options options(Path dataDir) {
        return LocalRuntime.Options.inMemory().withDataDir(dataDir).withWebRoot(null).withPollerThreads(2)
                .withVisibilityTimeout(Duration.ofSeconds(5))
                .withParameters(Map.of("TraceMaxDepth", Integer.toString(DEPTH)));
    }

    public static void main(String[] args) throws Exception {
        LocalRuntime runtime = LocalRuntime.start(options(Path.of(args[0])));
        System.out.println(ChildJvm.READY + runtime.baseUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

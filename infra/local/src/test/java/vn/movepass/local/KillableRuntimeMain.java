package vn.movepass.local;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded runtime in a process of its own, for {@link CrashRecoveryTest} to kill: {@code DATA_DIR}, a short
 * visibility timeout (so what was in flight at the kill comes back within seconds of a restart), web root off.
 * Prints {@code READY <baseUrl>} once up, then runs until killed.
 */
public final class KillableRuntimeMain {
    private KillableRuntimeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalRuntime runtime = LocalRuntime.start(CrashRecoveryTest.options(Path.of(args[0])));
        System.out.println("READY " + runtime.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}

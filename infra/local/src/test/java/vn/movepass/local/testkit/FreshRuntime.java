package vn.movepass.local.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The class needs runtimes of its own ({@link #value} says why: the dev clock moves, a restart, a crash, faults or
 * counters on the SDK clients, servers of its own). An {@link Api} parameter of a {@code @BeforeAll} method is a
 * runtime for the class; of a {@code @BeforeEach} method or a test, a runtime for that test; each is closed after it.
 * Classes that need other {@link vn.movepass.local.LocalRuntime.Options} start their runtimes themselves.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RuntimeExtension.class)
public @interface FreshRuntime {
    /** Why the shared runtime will not do. */
    String value();
}

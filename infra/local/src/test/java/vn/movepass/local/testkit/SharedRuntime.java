package vn.movepass.local.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The class's tests run on the one embedded runtime of this test JVM, started by the first class that asks for it
 * and closed when the JVM's tests end. Parameters of type {@link Api} and {@link Namespace} (and {@link Registry}, the
 * namespace's population) are given to {@code @BeforeAll} methods (the class's namespace) and to {@code @BeforeEach}
 * methods and tests (the test's own): checkpoints, citizens, wards and plates of their own, so that no class (or
 * test) sees another's data. Classes run one after the other in a JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RuntimeExtension.class)
public @interface SharedRuntime {
}

package vn.movepass.local.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import vn.movepass.local.LocalRuntime;

/**
 * Gives test classes a runtime: the one of the JVM ({@link SharedRuntime}: started lazily, kept in the root
 * context's store and closed when the JVM's tests end) or their own ({@link FreshRuntime}: per class or per test,
 * closed after it), with a {@link Namespace} and its {@link Registry} per class or per test.
 */
public final class RuntimeExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RuntimeExtension.class);
    /** Long enough for the fan-out of the cases a class opened to finish before the next class looks at tables. */
    private static final Duration IDLE = Duration.ofSeconds(60);

    /** A runtime in a store: closed with the store's context. */
    private record Started(LocalRuntime runtime) implements AutoCloseable {
        @Override
        public void close() {
            runtime.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean shared = AnnotationSupport.isAnnotated(context.getRequiredTestClass(), SharedRuntime.class);
        boolean fresh = AnnotationSupport.isAnnotated(context.getRequiredTestClass(), FreshRuntime.class);
        if (shared == fresh) {
            throw new ExtensionConfigurationException(context.getRequiredTestClass().getName()
                    + ": exactly one of @SharedRuntime and @FreshRuntime");
        }
        if (shared) {
            // what the classes before this one set going (tracing fan-out) ends before this one counts anything
            shared(context).awaitQueuesIdle(IDLE);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Api.class || type == Namespace.class || type == Registry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Namespace.class) {
            return namespace(context);
        }
        if (type == Registry.class) {
            return Registry.in(namespace(context));
        }
        if (AnnotationSupport.isAnnotated(context.getRequiredTestClass(), SharedRuntime.class)) {
            return Api.borrowing(shared(context));
        }
        // a fresh runtime for the context asking: the class (@BeforeAll) or the test (@BeforeEach, the test itself)
        return Api.borrowing(context.getStore(STORE).getOrComputeIfAbsent("fresh",
                k -> new Started(LocalRuntime.start(LocalRuntime.Options.inMemory())), Started.class).runtime());
    }

    private static LocalRuntime shared(ExtensionContext context) {
        return context.getRoot().getStore(STORE).getOrComputeIfAbsent("shared",
                k -> new Started(LocalRuntime.start(LocalRuntime.Options.inMemory())), Started.class).runtime();
    }

    /**
     * The namespace of the context asking: the class's ({@code @BeforeAll}) or the test's ({@code @BeforeEach}, a test),
     * unless the class took one already (a test's store sees its class's).
     */
    private static Namespace namespace(ExtensionContext context) {
        AtomicInteger slots = context.getRoot().getStore(STORE).getOrComputeIfAbsent("slots", k -> new AtomicInteger(),
                AtomicInteger.class);
        return context.getStore(STORE).getOrComputeIfAbsent(Namespace.class, k -> new Namespace(slots.incrementAndGet()),
                Namespace.class);
    }
}

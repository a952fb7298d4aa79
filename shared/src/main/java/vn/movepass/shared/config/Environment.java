package vn.movepass.shared.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Typed, read-only view of a function's environment. */
public final class Environment {
    private final Function<String, String> source;

    private Environment(Function<String, String> source) {
        this.source = source;
    }

    public static Environment system() {
        return new Environment(System::getenv);
    }

    public static Environment of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new Environment(copy::get);
    }

    /** An environment answering from any lookup (e.g. one that records what a function reads, in tests). */
    public static Environment from(Function<String, String> lookup) {
        return new Environment(lookup);
    }

    public Optional<String> optional(EnvKey key) {
        String value = source.apply(key.name());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String require(EnvKey key) {
        return optional(key).orElseThrow(() -> new IllegalStateException("environment variable " + key + " is not set"));
    }

    public int intValue(EnvKey key, int defaultValue) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + key + " is not an integer");
        }
    }

    /** Fails fast, naming every missing key at once. */
    public Environment requireAll(Set<EnvKey> keys) {
        List<EnvKey> missing = new ArrayList<>();
        for (EnvKey key : EnumSet.copyOf(keys)) {
            if (optional(key).isEmpty()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("environment variables not set: " + missing);
        }
        return this;
    }
}

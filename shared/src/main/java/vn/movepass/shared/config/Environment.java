package vn.movepass.shared.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, read-only view of a function's environment. Each accessor reads keys of one {@link EnvKey.Type}, applies the
 * key's default when it is unset and fails fast (an {@link IllegalStateException} at init) when a required key is
 * missing or a value does not parse.
 */
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

    /** The value as set (trimmed), or empty when unset or blank; no default applies. */
    public Optional<String> optional(EnvKey key) {
        String value = source.apply(key.name());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A text value (a table's or bucket's name, a queue's URL, a secret, text): as set, else the key's default. */
    public String require(EnvKey key) {
        expect(key, key.type().isText());
        return valueOrDefault(key);
    }

    /** An {@link EnvKey.Type#INT} value, else the key's default. */
    public int integer(EnvKey key) {
        expect(key, key.type() == EnvKey.Type.INT);
        return parseInt(key, valueOrDefault(key));
    }

    /** A {@link EnvKey.Type#DAYS} value as a duration, else the key's default. */
    public Duration duration(EnvKey key) {
        expect(key, key.type() == EnvKey.Type.DAYS);
        return Duration.ofDays(parseInt(key, valueOrDefault(key)));
    }

    /** A {@link EnvKey.Type#URI} value, empty when unset. */
    public Optional<URI> uri(EnvKey key) {
        expect(key, key.type() == EnvKey.Type.URI);
        Optional<String> raw = optional(key).or(key::defaultValue);
        try {
            return raw.map(URI::create);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable " + key + " is not a URI");
        }
    }

    /** Fails fast, naming every missing key at once. */
    public Environment requireAll(Set<EnvKey> keys) {
        List<EnvKey> missing = new ArrayList<>();
        for (EnvKey key : EnumSet.copyOf(keys)) {
            if (optional(key).isEmpty() && key.defaultValue().isEmpty()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("environment variables not set: " + missing);
        }
        return this;
    }

    private String valueOrDefault(EnvKey key) {
        return optional(key).or(key::defaultValue)
                .orElseThrow(() -> new IllegalStateException("environment variable " + key + " is not set"));
    }

    private static int parseInt(EnvKey key, String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + key + " is not an integer");
        }
    }

    private static void expect(EnvKey key, boolean matches) {
        if (!matches) {
            throw new IllegalArgumentException(key + " is of type " + key.type() + ", not read by this accessor");
        }
    }
}

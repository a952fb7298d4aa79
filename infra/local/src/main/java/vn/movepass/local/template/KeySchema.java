package vn.movepass.local.template;

import java.util.Objects;

/** Key attribute names of a table or index; {@code range} is null for a hash-only key. */
public record KeySchema(String hash, String range) {
    public KeySchema {
        Objects.requireNonNull(hash, "hash");
    }
}

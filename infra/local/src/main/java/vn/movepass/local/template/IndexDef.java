package vn.movepass.local.template;

import java.util.List;
import java.util.Objects;

/**
 * A global or local secondary index. {@code projectionType} is ALL, KEYS_ONLY or INCLUDE;
 * {@code nonKeyAttributes} is only non-empty for INCLUDE.
 */
public record IndexDef(String name, KeySchema keySchema, String projectionType, List<String> nonKeyAttributes) {
    public IndexDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySchema, "keySchema");
        Objects.requireNonNull(projectionType, "projectionType");
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }

    public String hash() {
        return keySchema.hash();
    }

    public String range() {
        return keySchema.range();
    }
}

package vn.movepass.shared.domain;

import java.util.Objects;

/** Why an official revoked, suspended or disabled something: required, kept with the record and in the audit. */
public record Reason(String text) {
    public static final int MAX_LENGTH = 500;

    public Reason {
        Objects.requireNonNull(text, "a reason is required");
        if (text.isBlank() || text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("a reason is 1 to " + MAX_LENGTH + " characters");
        }
    }
}

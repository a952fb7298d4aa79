package vn.movepass.shared.json;

import java.time.Duration;
import java.time.Instant;

/**
 * The one bound on an instant a client sends: within [now - lookBack, now + skew]. An instant older than the
 * look-back is {@code TOO_OLD}, one beyond the tolerated clock skew {@code IN_FUTURE}; both are typos, never stored.
 */
public record InstantBounds(Duration lookBack, Duration skew) {
    /** Clocks of phones and laptops drift: this much ahead of the server is tolerated. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    public static InstantBounds lookBack(Duration lookBack) {
        return new InstantBounds(lookBack, CLOCK_SKEW);
    }

    /** Records an error on {@code field} when {@code value} is outside the bounds; a null value is left to the caller. */
    public void check(JsonInput in, String field, Instant value, Instant now) {
        if (value == null) {
            return;
        }
        if (value.isAfter(now.plus(skew))) {
            in.error(field, "IN_FUTURE", "must not be more than " + skew.toMinutes() + " minutes in the future");
        } else if (value.isBefore(now.minus(lookBack))) {
            in.error(field, "TOO_OLD", "must be within the last " + lookBack.toDays() + " days");
        }
    }
}

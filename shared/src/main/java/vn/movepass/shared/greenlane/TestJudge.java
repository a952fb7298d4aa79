package vn.movepass.shared.greenlane;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import vn.movepass.shared.domain.TestResult;
import vn.movepass.shared.store.DriverTestItem;

/**
 * Whether a driver's tests let them drive under a green-lane permit now. A negative test (RT-PCR or
 * rapid antigen) is valid for 72 hours from sampling; a positive test sampled in the last 14 days
 * blocks the driver whatever later negatives say (the isolation period; a health official decides
 * after it). Judged from the stored instants against the clock, never from TTL deletion.
 */
public final class TestJudge {
    public static final Duration NEGATIVE_VALIDITY = Duration.ofHours(72);
    public static final Duration POSITIVE_HOLD = Duration.ofDays(14);
    /** How far back a verdict looks: older tests change nothing, and their records expire then. */
    public static final Duration LOOK_BACK = POSITIVE_HOLD;

    private TestJudge() {
    }

    /** A judgement: {@code reason} is null when the driver may drive; {@code test} is the test that decided, if any. */
    public record Judgement(DriverReason reason, DriverTestItem test) {
        public boolean valid() {
            return reason == null;
        }
    }

    public static Judgement judge(Collection<DriverTestItem> tests, Instant now) {
        DriverTestItem newestPositive = null;
        DriverTestItem newestNegative = null;
        for (DriverTestItem t : tests) {
            Instant sampled = Instant.parse(t.sampledAt());
            if (TestResult.POSITIVE.name().equals(t.result())) {
                if (now.isBefore(sampled.plus(POSITIVE_HOLD)) && newer(t, newestPositive)) {
                    newestPositive = t;
                }
            } else if (newer(t, newestNegative) && now.isBefore(sampled.plus(LOOK_BACK))) {
                newestNegative = t;
            }
        }
        if (newestPositive != null) {
            return new Judgement(DriverReason.TEST_POSITIVE, newestPositive);
        }
        if (newestNegative == null) {
            return new Judgement(DriverReason.NO_TEST, null);
        }
        return new Judgement(now.isBefore(validUntil(newestNegative).orElseThrow()) ? null : DriverReason.TEST_EXPIRED,
                newestNegative);
    }

    /** The end of a negative test's validity; empty for a positive one. */
    public static Optional<Instant> validUntil(DriverTestItem test) {
        if (!TestResult.NEGATIVE.name().equals(test.result())) {
            return Optional.empty();
        }
        return Optional.of(Instant.parse(test.sampledAt()).plus(NEGATIVE_VALIDITY));
    }

    private static boolean newer(DriverTestItem candidate, DriverTestItem current) {
        return current == null || Instant.parse(candidate.sampledAt()).isAfter(Instant.parse(current.sampledAt()));
    }
}

package vn.movepass.shared.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;
import vn.movepass.shared.domain.TestMethod;
import vn.movepass.shared.domain.TestResult;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.json.InstantBounds;
import vn.movepass.shared.json.JsonInput;

/**
 * Turns the body of {@code POST /v1/citizens/{citizenId}/health-events} into a {@link HealthChange}, or lists every
 * field to correct: the fields that belong to the type are required, the others refused, {@code at} never in the
 * future, RELEASED and RECOVERED need a reason. DOSE events come only from {@code POST /v1/vaccinations}.
 */
public final class HealthEventParser {
    /** An event is recorded as it happens or soon after: no more than 60 days late, never ahead of the clock. */
    static final InstantBounds AT = InstantBounds.lookBack(Duration.ofDays(60));
    private static final Pattern LEVEL = Pattern.compile("F[0-3]");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int REASON_MAX = 500;

    private final Clock clock;

    public HealthEventParser(Clock clock) {
        this.clock = clock;
    }

    public HealthChange parse(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("type", "at", "level", "test", "place", "until", "reason");
        HealthEventType type = in.enumValue("type", HealthEventType.class, true);
        if (type == HealthEventType.DOSE) {
            in.error("type", "NOT_ALLOWED", "doses are recorded through POST /v1/vaccinations");
            type = null;
        }
        Instant at = in.instant("at", true);
        AT.check(in, "at", at, clock.instant());
        String level = null;
        TestMethod method = null;
        TestResult result = null;
        Instant sampledAt = null;
        IsolationPlace place = null;
        LocalDate until = null;
        String reason = null;
        if (type != null) {
            level = only(in, type == HealthEventType.CLASSIFIED, "level")
                    ? in.matching("level", true, 2, LEVEL, "NOT_ALLOWED", "must be one of F0, F1, F2, F3") : null;
            if (only(in, type == HealthEventType.TESTED, "test")) {
                JsonInput test = in.object("test", true);
                test.allowOnly("method", "result", "sampledAt");
                method = test.enumValue("method", TestMethod.class, true);
                result = test.enumValue("result", TestResult.class, true);
                sampledAt = test.instant("sampledAt", true);
                AT.check(test, "sampledAt", sampledAt, clock.instant());
                if (sampledAt != null && at != null && sampledAt.isAfter(at)) {
                    test.error("sampledAt", "OUT_OF_RANGE", "must not be after at");
                }
            }
            boolean isolation = type == HealthEventType.ISOLATION;
            place = only(in, isolation, "place") ? in.enumValue("place", IsolationPlace.class, true) : null;
            until = only(in, isolation, "until") ? in.date("until", true) : null;
            boolean ending = type == HealthEventType.RELEASED || type == HealthEventType.RECOVERED;
            reason = only(in, ending, "reason") ? in.string("reason", true, REASON_MAX) : null;
            if (reason != null && reason.isBlank()) {
                in.error("reason", "REQUIRED", "is required");
            }
        }
        in.throwIfInvalid();
        return new HealthChange(type, at, level, method, result, sampledAt, place, until, reason, null);
    }

    /** The {@code Idempotency-Key} header, checked; null when absent. */
    public static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        if (!IDEMPOTENCY_KEY.matcher(header).matches()) {
            throw InvalidInputException.of("Idempotency-Key", "FORMAT", "1 to 64 letters, digits or . _ : -");
        }
        return header;
    }

    /** Whether the field belongs to the type: when it does not but is present, that is an error. */
    private static boolean only(JsonInput in, boolean belongs, String name) {
        if (!belongs && in.has(name)) {
            in.error(name, "NOT_ALLOWED", "does not belong to this type of event");
        }
        return belongs;
    }
}

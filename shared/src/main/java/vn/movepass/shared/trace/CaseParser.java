package vn.movepass.shared.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import vn.movepass.shared.json.InstantBounds;
import vn.movepass.shared.json.JsonInput;

/** Turns the body of {@code POST /v1/cases} into a {@link NewCase}, or lists every field to correct. */
public final class CaseParser {
    static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{12}");
    /** A detection older than the 14-day look-back traces nothing, and one ahead of the clock is a typo. */
    static final InstantBounds DETECTED_AT = InstantBounds.lookBack(Duration.ofDays(14));

    private final Clock clock;

    public CaseParser(Clock clock) {
        this.clock = clock;
    }

    public NewCase parse(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("citizenId", "classification", "detectedAt");
        String citizenId = in.matching("citizenId", true, 12, CITIZEN_ID, "FORMAT",
                "must be the 12-digit personal identification number");
        String classification = in.string("classification", true, 2);
        if (classification != null && !classification.equals("F0")) {
            in.error("classification", "NOT_ALLOWED", "a case starts from an F0");
        }
        Instant detectedAt = in.instant("detectedAt", true);
        DETECTED_AT.check(in, "detectedAt", detectedAt, clock.instant());
        in.throwIfInvalid();
        return new NewCase(citizenId, detectedAt);
    }
}

package vn.movepass.shared.greenlane;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.json.JsonInput;

/** Field readers the green-lane requests share; every problem is collected into the {@link JsonInput}. */
final class GreenLaneInput {
    /** Vietnamese enterprise tax code (mã số thuế): 10 digits, or 10 + "-" + 3 for a branch. */
    static final Pattern TAX_CODE = Pattern.compile("[0-9]{10}(-[0-9]{3})?");
    static final Duration MAX_VALIDITY = Duration.ofDays(31);

    private GreenLaneInput() {
    }

    /** A list of 1..max distinct known ward codes (order kept), with errors named {@code field[i]}. */
    static List<String> wards(JsonInput in, JsonNode body, String field, int max, AdministrativeUnits units) {
        List<String> raw = strings(in, body, field, max);
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i) != null && !units.isWard(raw.get(i))) {
                in.error(field + "[" + i + "]", "UNKNOWN_WARD", "is not a known ward code");
            }
        }
        return distinct(in, field, raw);
    }

    /** A list of 1..max distinct well-formed citizen ids. */
    static List<String> citizenIds(JsonInput in, JsonNode body, String field, int max) {
        List<String> raw = strings(in, body, field, max);
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i) != null && !CitizenId.isWellFormed(raw.get(i))) {
                in.error(field + "[" + i + "]", "FORMAT", "must be a 12-digit citizen id");
            }
        }
        return distinct(in, field, raw);
    }

    private static List<String> strings(JsonInput in, JsonNode body, String field, int max) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            in.error(field, "REQUIRED", "is required");
            return List.of();
        }
        if (!node.isArray() || node.isEmpty() || node.size() > max) {
            in.error(field, "TYPE", "must be an array of 1 to " + max + " strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.textValue().length() > 32) {
                in.error(field + "[" + i + "]", "TYPE", "must be a short string");
                out.add(null);
            } else {
                out.add(item.textValue());
            }
        }
        return out;
    }

    private static List<String> distinct(JsonInput in, String field, List<String> raw) {
        Set<String> set = new LinkedHashSet<>(raw);
        if (set.size() != raw.size() && !set.contains(null)) {
            in.error(field, "DUPLICATE", "must not name the same value twice");
        }
        return set.contains(null) ? List.of() : List.copyOf(set);
    }

    /** validFrom (optional, default now) and validUntil (required): a window of at most 31 days that has not ended. */
    record Validity(Instant from, Instant until) {
    }

    static Validity validity(JsonInput in, Instant now) {
        Instant from = in.instant("validFrom", false);
        Instant until = in.instant("validUntil", true);
        if (from == null) { // absent, null or blank (a blank optional string reads as absent); a malformed one is already an error
            from = now;
        }
        if (from != null && until != null) {
            from = from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            until = until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            if (!until.isAfter(from)) {
                in.error("validUntil", "BEFORE_START", "must be after validFrom");
            } else if (!until.isAfter(now)) {
                in.error("validUntil", "IN_THE_PAST", "must be in the future");
            } else if (Duration.between(from, until).compareTo(MAX_VALIDITY) > 0) {
                in.error("validUntil", "TOO_LONG", "must be at most 31 days after validFrom");
            } else if (from.isAfter(now.plus(MAX_VALIDITY))) {
                in.error("validFrom", "TOO_FAR_AHEAD", "must be at most 31 days ahead");
            }
        }
        return new Validity(from, until);
    }
}

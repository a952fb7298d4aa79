package vn.movepass.shared.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;
import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.InstantBounds;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.json.JsonInput;

/**
 * Turns a support case's body (or an import line, as the same fields) and a payment's body into typed requests, or lists
 * every field to correct (400, nothing stored).
 */
public final class SupportParser {
    static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} .'-]*");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    /** A payment is recorded within this long after it was made (a ward's backlog), never ahead of the clock. */
    static final InstantBounds PAID_AT = InstantBounds.lookBack(Duration.ofDays(366));
    public static final int NOTE_MAX = 500;
    public static final int REFERENCE_MAX = 100;
    /** The import's columns (API.md). */
    public static final String CSV_HEADER = "citizen_id,full_name,date_of_birth,gender,policy_id,residence,days,months,note";

    private final Clock clock;

    public SupportParser(Clock clock) {
        this.clock = clock;
    }

    public SupportCaseRequest caseRequest(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("citizenId", "fullName", "dateOfBirth", "gender", "policyId", "residence", "days", "months", "note");
        LocalDate today = Times.vietnamDate(clock.instant());
        String citizenId = in.matching("citizenId", true, 12, CITIZEN_ID, "FORMAT", "must be the 12-digit personal identification number");
        String fullName = in.matching("fullName", true, 100, NAME, "FORMAT", "must contain letters, spaces, apostrophes or hyphens only");
        LocalDate dob = in.date("dateOfBirth", true);
        if (dob != null && (dob.isAfter(today) || dob.isBefore(LocalDate.of(1900, 1, 1)))) {
            in.error("dateOfBirth", "OUT_OF_RANGE", "must be between 1900-01-01 and today");
            dob = null;
        }
        Gender gender = in.enumValue("gender", Gender.class, true);
        SupportPolicy policy = in.enumValue("policyId", SupportPolicy.class, true);
        Residence residence = in.enumValue("residence", Residence.class, true);
        Integer days = whole(in, "days", 1, 366);
        Integer months = whole(in, "months", 1, 12);
        String note = in.string("note", false, NOTE_MAX);
        if (policy != null) {
            if (policy.minDays() != null && days == null && in.valid()) {
                in.error("days", "REQUIRED", "this policy needs the number of days");
            } else if (days != null && policy.minDays() == null) {
                in.error("days", "NOT_ALLOWED", "this policy is not reckoned in days");
            } else if (days != null && days < policy.minDays()) {
                in.error("days", "OUT_OF_RANGE", "this policy needs at least " + policy.minDays() + " days");
            } else if (days != null && policy.maxDays() != null && days > policy.maxDays()) {
                in.error("days", "OUT_OF_RANGE", "this policy pays at most " + policy.maxDays() + " days");
            }
            if (months != null && policy.kind() != SupportPolicy.Kind.PER_MONTH) {
                in.error("months", "NOT_ALLOWED", "this policy is not reckoned in months");
            }
        }
        in.throwIfInvalid();
        return new SupportCaseRequest(citizenId, fullName, dob, gender, policy, residence, days, months, note);
    }

    /** An import line's values (by column name) as the JSON body of {@link #caseRequest}, so both are judged alike. */
    public SupportCaseRequest csvLine(Map<String, String> values) {
        ObjectNode body = Json.object();
        put(body, "citizenId", values.get("citizen_id"));
        put(body, "fullName", values.get("full_name"));
        put(body, "dateOfBirth", values.get("date_of_birth"));
        String gender = values.get("gender");
        put(body, "gender", gender == null ? null : gender.toUpperCase(java.util.Locale.ROOT));
        put(body, "policyId", values.get("policy_id"));
        put(body, "residence", values.get("residence"));
        putNumber(body, "days", values.get("days"));
        putNumber(body, "months", values.get("months"));
        put(body, "note", values.get("note"));
        return caseRequest(body);
    }

    public PaymentRequest payment(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("amountVnd", "paidAt", "method", "reference");
        Integer amount = whole(in, "amountVnd", 1, 999_999_999);
        if (amount == null && in.valid()) {
            in.error("amountVnd", "REQUIRED", "is required");
        }
        Instant now = clock.instant();
        Instant paidAt = in.instant("paidAt", true);
        PAID_AT.check(in, "paidAt", paidAt, now);
        PaymentMethod method = in.enumValue("method", PaymentMethod.class, true);
        String reference = in.string("reference", method == PaymentMethod.BANK_TRANSFER, REFERENCE_MAX);
        in.throwIfInvalid();
        return new PaymentRequest(amount, Times.seconds(paidAt), method, reference);
    }

    private static Integer whole(JsonInput in, String name, int min, int max) {
        Double d = in.number(name, false, min, max);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d)) {
            in.error(name, "TYPE", "must be a whole number");
            return null;
        }
        return d.intValue();
    }

    private static void put(ObjectNode body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value);
        }
    }

    /** A number column: digits become a number; anything else stays text, so that the check names it. */
    private static void putNumber(ObjectNode body, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String v = value.strip();
        if (NUMBER.matcher(v).matches()) {
            body.put(field, Long.parseLong(v));
        } else {
            body.put(field, v);
        }
    }
}

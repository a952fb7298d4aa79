package vn.movepass.shared.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;
import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.identity.IdentityFields;
import vn.movepass.shared.json.JsonInput;

/** Turns a booking's body into a {@link BookingRequest}, or lists every field to correct. */
public final class BookingParser {
    private static final Pattern PHONE = Pattern.compile("(0|\\+84)[1-9][0-9]{8,9}");
    /** Slots can be booked up to this many days ahead. */
    public static final int DAYS_AHEAD = 30;

    private final Clock clock;

    public BookingParser(Clock clock) {
        this.clock = clock;
    }

    public BookingRequest parse(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("citizenId", "fullName", "dateOfBirth", "gender", "phone", "priorityGroup", "siteId", "slotStart");
        Instant now = clock.instant();
        LocalDate today = Times.vietnamDate(now);
        var identity = IdentityFields.read(in, today);
        String citizenId = identity.citizenId();
        String fullName = identity.fullName();
        LocalDate dob = identity.dateOfBirth();
        Gender gender = in.enumValue("gender", Gender.class, true);
        String phone = in.matching("phone", true, 13, PHONE, "FORMAT", "must be a Vietnamese phone number like 0901234567");
        PriorityGroup group = in.enumValue("priorityGroup", PriorityGroup.class, true);
        String siteId = in.matching("siteId", true, 64, Site.ID, "FORMAT", "1 to 64 letters, digits or hyphens");
        Instant slot = in.instant("slotStart", true);
        if (slot != null && !slot.isAfter(now)) {
            in.error("slotStart", "IN_PAST", "must be a slot still to come");
        } else if (slot != null && Times.vietnamDate(slot).isAfter(today.plusDays(DAYS_AHEAD))) {
            in.error("slotStart", "TOO_FAR", "slots open " + DAYS_AHEAD + " days ahead");
        }
        in.throwIfInvalid();
        return new BookingRequest(citizenId, fullName, dob, gender, phone, group, siteId, slot);
    }
}

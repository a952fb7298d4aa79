package vn.movepass.shared.identity;

import java.time.LocalDate;
import java.util.regex.Pattern;
import vn.movepass.shared.json.JsonInput;

/**
 * The identity fields a form takes as on the chip-ID card — {@code citizenId}, {@code fullName}, {@code dateOfBirth} —
 * checked the same way wherever they are asked (a dose, a booking, a certificate); the registry check comes after.
 */
public final class IdentityFields {
    private static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} .'-]*");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private IdentityFields() {
    }

    /** The three fields as read (each null when missing or wrong, with its error added to {@code in}). */
    public record Identity(String citizenId, String fullName, LocalDate dateOfBirth) {
    }

    public static Identity read(JsonInput in, LocalDate today) {
        String citizenId = in.matching("citizenId", true, 12, CITIZEN_ID, "FORMAT", "must be the 12-digit personal identification number");
        String fullName = in.matching("fullName", true, 100, NAME, "FORMAT", "must contain letters, spaces, apostrophes or hyphens only");
        LocalDate dob = in.date("dateOfBirth", true);
        if (dob != null && (dob.isAfter(today) || dob.isBefore(EARLIEST_BIRTH))) {
            in.error("dateOfBirth", "OUT_OF_RANGE", "must be between 1900-01-01 and today");
            dob = null;
        }
        return new Identity(citizenId, fullName, dob);
    }
}

package vn.movepass.shared.pass;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The facts a movement pass asserts about its holder, as carried in a signed pass token.
 *
 * <p>Deliberately minimal: no full citizen id (only {@code 079******456}-style masked form), no
 * address, no health data. The {@code passId} array is copied on the way in and on the way out;
 * {@link #equals(Object)} and {@link #hashCode()} compare it by content. {@link #toString()} redacts
 * the name and date of birth so that claims can be logged safely.
 *
 * @param passId 16 random bytes identifying the pass
 * @param validFrom first instant at which the pass is valid (inclusive)
 * @param validUntil instant at which the pass expires (exclusive); strictly after {@code validFrom}
 * @param fullName the holder's full name, not blank
 * @param dateOfBirth the holder's date of birth
 * @param citizenIdMasked the citizen id with only its 3 leading and 3 trailing digits visible,
 *     exactly 3 digits + 6 {@code *} + 3 digits (see {@link #maskCitizenId(String)})
 */
public record PassClaims(
        byte[] passId,
        Instant validFrom,
        Instant validUntil,
        String fullName,
        LocalDate dateOfBirth,
        String citizenIdMasked) {

    /** Length of a pass id in bytes. */
    public static final int PASS_ID_LENGTH = 16;

    /** Length of {@link #passIdString()}: base64url of 16 bytes without padding. */
    public static final int PASS_ID_STRING_LENGTH = 22;

    private static final Pattern MASKED_ID = Pattern.compile("[0-9]{3}\\*{6}[0-9]{3}");
    private static final Pattern FULL_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern BASE64URL_22 = Pattern.compile("[A-Za-z0-9_-]{22}");

    /**
     * Validates and defensively copies the components.
     *
     * @param passId 16 bytes, copied
     * @param validFrom start of validity (inclusive)
     * @param validUntil end of validity (exclusive), after {@code validFrom}
     * @param fullName not blank
     * @param dateOfBirth date of birth
     * @param citizenIdMasked 3 digits + {@code ******} + 3 digits
     * @throws NullPointerException if any component is null
     * @throws IllegalArgumentException if a component is out of range
     */
    public PassClaims {
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(citizenIdMasked, "citizenIdMasked");
        if (passId.length != PASS_ID_LENGTH) {
            throw new IllegalArgumentException("passId must be 16 bytes, got " + passId.length);
        }
        passId = passId.clone();
        if (!validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
        if (fullName.isBlank()) {
            throw new IllegalArgumentException("fullName is blank");
        }
        if (!MASKED_ID.matcher(citizenIdMasked).matches()) {
            throw new IllegalArgumentException("citizenIdMasked must look like 079******456");
        }
    }

    /**
     * Returns a copy of the 16-byte pass id.
     *
     * @return a fresh copy of the pass id
     */
    @Override
    public byte[] passId() {
        return passId.clone();
    }

    /**
     * The pass id as 22 characters of base64url without padding (RFC 4648 §5).
     *
     * @return the textual pass id
     */
    public String passIdString() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(passId);
    }

    /**
     * Parses a textual pass id produced by {@link #passIdString()}.
     *
     * @param passIdString exactly 22 base64url characters, canonical (unused trailing bits zero)
     * @return the 16 pass-id bytes
     * @throws IllegalArgumentException if the text is null or not a canonical 22-character base64url
     *     encoding of 16 bytes
     */
    public static byte[] passIdBytes(String passIdString) {
        if (passIdString == null || !BASE64URL_22.matcher(passIdString).matches()) {
            throw new IllegalArgumentException("pass id must be 22 base64url characters");
        }
        byte[] bytes = Base64.getUrlDecoder().decode(passIdString);
        String canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (bytes.length != PASS_ID_LENGTH || !canonical.equals(passIdString)) {
            throw new IllegalArgumentException("pass id is not a canonical encoding of 16 bytes");
        }
        return bytes;
    }

    /**
     * Draws a new random pass id.
     *
     * @param random source of randomness
     * @return 16 random bytes
     */
    public static byte[] newPassId(SecureRandom random) {
        byte[] id = new byte[PASS_ID_LENGTH];
        random.nextBytes(id);
        return id;
    }

    /**
     * Masks a 12-digit citizen id (CCCD) to its 3 leading and 3 trailing digits, e.g.
     * {@code 079203001456 -> 079******456}.
     *
     * @param citizenId12 the full 12-digit id
     * @return the masked id
     * @throws IllegalArgumentException if the input is not exactly 12 ASCII digits
     */
    public static String maskCitizenId(String citizenId12) {
        if (citizenId12 == null || !FULL_ID.matcher(citizenId12).matches()) {
            throw new IllegalArgumentException("citizen id must be 12 digits");
        }
        return citizenId12.substring(0, 3) + "******" + citizenId12.substring(9);
    }

    /**
     * Whether the pass is valid at the given instant: {@code validFrom <= instant < validUntil}.
     * Callers apply their own clock-skew tolerance by adjusting {@code instant}.
     *
     * @param instant the instant to test
     * @return true if the instant lies in the validity window
     */
    public boolean isValidAt(Instant instant) {
        return !instant.isBefore(validFrom) && instant.isBefore(validUntil);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PassClaims other)) {
            return false;
        }
        return Arrays.equals(passId, other.passId)
                && validFrom.equals(other.validFrom)
                && validUntil.equals(other.validUntil)
                && fullName.equals(other.fullName)
                && dateOfBirth.equals(other.dateOfBirth)
                && citizenIdMasked.equals(other.citizenIdMasked);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(passId), validFrom, validUntil, fullName, dateOfBirth,
                citizenIdMasked);
    }

    /** Redacts the holder's name and date of birth; safe to log. */
    @Override
    public String toString() {
        return "PassClaims[passId=" + passIdString() + ", validFrom=" + validFrom
                + ", validUntil=" + validUntil + ", fullName=<redacted>, dateOfBirth=<redacted>"
                + ", citizenIdMasked=" + citizenIdMasked + "]";
    }
}

package vn.movepass.shared.identity;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;

import vn.movepass.shared.domain.Gender;

/**
 * Parser for the text in the QR code of a chip-based citizen identity card:
 * <pre>
 *   id|oldId|name|ddMMyyyy (birth)|gender|address|ddMMyyyy (issue date)
 *   079090123456|025123456|Nguyễn Văn An|01011990|Nam|12 Lê Lợi, Bến Nghé, Quận 1, TP Hồ Chí Minh|15082021
 * </pre>
 * Scanners often add NUL characters, a byte-order mark, trailing CR/LF or blank fields; all of these are
 * tolerated. The parser never throws: unusable input gives an empty {@link Optional}.
 */
public final class ChipCardQr {

    private static final char SEPARATOR = '|';
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\|");
    private static final int MIN_FIELDS = 6;
    private static final Pattern NOISE = Pattern.compile("[\\u0000\\uFEFF]");
    private static final Pattern WHITESPACE_RUN = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern EIGHT_DIGITS = Pattern.compile("\\d{8}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("ddMMuuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private ChipCardQr() {
    }

    /**
     * Cheap test whether scanned text looks like a card QR rather than, say, a URL: it contains {@code |}
     * and, ignoring NULs, a byte-order mark and leading whitespace, starts with exactly 12 digits.
     */
    public static boolean looksLikeCard(String raw) {
        if (raw == null || raw.indexOf(SEPARATOR) < 0) {
            return false;
        }
        String text = clean(raw);
        int digits = 0;
        while (digits < text.length() && isAsciiDigit(text.charAt(digits))) {
            digits++;
        }
        return digits == CitizenId.LENGTH;
    }

    /**
     * Parses card QR text. Requires at least 6 {@code |}-separated fields, a 12-digit id, a non-blank
     * name and a valid {@code ddMMyyyy} date of birth; otherwise returns an empty {@link Optional}.
     * Blank optional fields become {@code null}; an unrecognised gender or unreadable issue date also
     * becomes {@code null}.
     */
    public static Optional<ChipCard> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String[] fields = FIELD_SEPARATOR.split(clean(raw), -1);
        if (fields.length < MIN_FIELDS) {
            return Optional.empty();
        }
        String citizenId = fields[0].strip();
        String fullName = text(fields[2]);
        Optional<LocalDate> dateOfBirth = date(fields[3]);
        if (!CitizenId.isWellFormed(citizenId) || fullName == null || dateOfBirth.isEmpty()) {
            return Optional.empty();
        }
        String oldId = text(fields[1]);
        Gender gender = gender(fields[4]);
        String address = text(fields[5]);
        LocalDate issuedOn = fields.length > MIN_FIELDS ? date(fields[6]).orElse(null) : null;
        return Optional.of(new ChipCard(citizenId, oldId, fullName, dateOfBirth.get(), gender, address, issuedOn));
    }

    private static String clean(String raw) {
        return NOISE.matcher(raw).replaceAll("").strip();
    }

    /** NFC, whitespace runs collapsed, trimmed; {@code null} when blank. */
    private static String text(String field) {
        String normalized = Normalizer.normalize(field, Normalizer.Form.NFC);
        String collapsed = WHITESPACE_RUN.matcher(normalized).replaceAll(" ").strip();
        return collapsed.isEmpty() ? null : collapsed;
    }

    private static Optional<LocalDate> date(String field) {
        String value = field.strip();
        if (!EIGHT_DIGITS.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value, DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Gender gender(String field) {
        switch (Names.matchKey(field)) {
            case "NAM":
            case "MALE":
            case "M":
                return Gender.MALE;
            case "NU":
            case "FEMALE":
            case "F":
                return Gender.FEMALE;
            default:
                return null;
        }
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

package vn.movepass.shared.identity;

import java.time.LocalDate;
import java.util.Objects;

import vn.movepass.shared.domain.Gender;

/**
 * Rules for the 12-digit personal identification number printed on the citizen identity card (CCCD).
 *
 * <p>Layout, per Circular 07/2016/TT-BCA:
 * <pre>
 *   PPP  G  YY  SSSSSS
 *   |    |  |   +-- 6-digit random serial
 *   |    |  +------ last two digits of the year of birth
 *   |    +--------- gender and century of birth: 1900s male 0 / female 1, 2000s 2/3,
 *   |               2100s 4/5, 2200s 6/7, 2300s 8/9
 *   +-------------- province (or country) where the birth was registered, "0" + 2-digit GSO code
 * </pre>
 */
public final class CitizenId {

    /** Number of digits in a CCCD personal identification number. */
    public static final int LENGTH = 12;

    private static final int FIRST_CENTURY = 19;
    private static final int LAST_CENTURY = 23;
    private static final int MAX_SERIAL = 999_999;

    private CitizenId() {
    }

    /** Returns {@code true} when {@code id} is exactly 12 ASCII digits. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (!isAsciiDigit(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Masks an id for display and logs: the first 3 and last 3 digits are kept, the 6 in between become
     * {@code *} ({@code 079090123456} becomes {@code 079******456}). Input that is not a well-formed id is
     * masked completely (every character becomes {@code *}; {@code null} gives an empty string), so that
     * nothing leaks when garbage is passed in.
     */
    public static String mask(String id) {
        if (id == null) {
            return "";
        }
        if (!isWellFormed(id)) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 3) + "******" + id.substring(LENGTH - 3);
    }

    /**
     * Checks digit 4 (gender and century) and digits 5–6 (year of birth) of a well-formed id against a
     * date of birth and gender. Returns {@code false} for malformed ids, {@code null} arguments and birth
     * years outside 1900–2399.
     */
    public static boolean consistentWith(String id, LocalDate dateOfBirth, Gender gender) {
        if (!isWellFormed(id) || dateOfBirth == null || gender == null) {
            return false;
        }
        int year = dateOfBirth.getYear();
        if (!isSupportedYear(year)) {
            return false;
        }
        int expectedGenderCentury = genderCenturyDigit(year, gender);
        int expectedYear = year % 100;
        int actualGenderCentury = id.charAt(3) - '0';
        int actualYear = (id.charAt(4) - '0') * 10 + (id.charAt(5) - '0');
        return actualGenderCentury == expectedGenderCentury && actualYear == expectedYear;
    }

    /**
     * Builds an id consistent with the given date of birth and gender.
     *
     * @param provinceCode2Digits GSO province code, exactly two digits (e.g. {@code "79"} for Ho Chi Minh City)
     * @param dateOfBirth         date of birth, year 1900–2399
     * @param gender              gender
     * @param serial              serial number 0..999999
     * @return a 12-digit id, e.g. {@code compose("79", 1990-01-01, MALE, 123456)} = {@code 079090123456}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static String compose(String provinceCode2Digits, LocalDate dateOfBirth, Gender gender, int serial) {
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(gender, "gender");
        if (provinceCode2Digits == null || provinceCode2Digits.length() != 2
                || !isAsciiDigit(provinceCode2Digits.charAt(0)) || !isAsciiDigit(provinceCode2Digits.charAt(1))) {
            throw new IllegalArgumentException("province code must be 2 digits: " + provinceCode2Digits);
        }
        int year = dateOfBirth.getYear();
        if (!isSupportedYear(year)) {
            throw new IllegalArgumentException("year of birth must be 1900-2399: " + year);
        }
        if (serial < 0 || serial > MAX_SERIAL) {
            throw new IllegalArgumentException("serial must be 0..999999: " + serial);
        }
        return String.format("0%s%d%02d%06d", provinceCode2Digits, genderCenturyDigit(year, gender), year % 100, serial);
    }

    private static int genderCenturyDigit(int year, Gender gender) {
        int centuryIndex = year / 100 - FIRST_CENTURY;
        return centuryIndex * 2 + (gender == Gender.FEMALE ? 1 : 0);
    }

    private static boolean isSupportedYear(int year) {
        int century = year / 100;
        return year >= 0 && century >= FIRST_CENTURY && century <= LAST_CENTURY;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

package vn.movepass.shared.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** Vietnamese vehicle plates: {@code 51A-123.45}, {@code 59X1-234.56}, {@code 30E-12345}. */
public final class Plates {
    private static final Pattern KEY = Pattern.compile("[0-9]{2}[A-Z]{1,2}[0-9A-Z]?[0-9]{4,5}");

    private Plates() {
    }

    /** The plate with separators and case removed, used to match the same vehicle. */
    public static String key(String plate) {
        if (plate == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(plate.length());
        for (char c : plate.toUpperCase(Locale.ROOT).toCharArray()) {
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
                sb.append(c);
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    public static boolean isWellFormed(String plate) {
        if (plate == null || plate.length() > 16) {
            return false;
        }
        for (char c : plate.toCharArray()) {
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '.' && c != ' ') {
                return false;
            }
        }
        String key = key(plate);
        return key != null && KEY.matcher(key).matches();
    }
}

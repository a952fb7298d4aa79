package vn.movepass.shared.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Accent-, case- and spacing-insensitive comparison of Vietnamese personal names, so that a name typed
 * without diacritics at a checkpoint ({@code NGUYEN VAN AN}) matches the registry ({@code Nguyễn Văn An}).
 */
public final class Names {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WHITESPACE_RUN = Pattern.compile("[\\s\\p{Z}]+");

    private Names() {
    }

    /**
     * Returns the comparison key of a name: Unicode NFD, combining marks removed, {@code đ}/{@code Đ}
     * mapped to {@code D}, upper-cased ({@link Locale#ROOT}), every run of whitespace (including
     * no-break spaces and tabs) collapsed into one space, trimmed. {@code null} gives an empty key.
     *
     * <p>Example: {@code matchKey("  Đặng\u00A0Thị  Thu ")} is {@code "DANG THI THU"}.
     */
    public static String matchKey(String name) {
        if (name == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        String unaccented = COMBINING_MARKS.matcher(decomposed).replaceAll("")
                .replace('đ', 'D')
                .replace('Đ', 'D');
        String upper = unaccented.toUpperCase(Locale.ROOT);
        return WHITESPACE_RUN.matcher(upper).replaceAll(" ").strip();
    }

    /**
     * Returns {@code true} when both names have the same {@link #matchKey(String) match key}.
     * Two {@code null} or blank names are never the same name.
     */
    public static boolean sameName(String a, String b) {
        String keyA = matchKey(a);
        return !keyA.isEmpty() && keyA.equals(matchKey(b));
    }
}

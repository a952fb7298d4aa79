package vn.movepass.shared.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Instants and days as the API speaks them: ISO-8601 UTC to the second; days in Asia/Ho_Chi_Minh. */
public final class Times {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter HOUR_BUCKET = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /** {@code 2021-08-15T03:04:05Z}: fixed width, so it sorts as text. */
    public static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(seconds(instant));
    }

    /**
     * The instant of an ISO-8601 UTC text: {@link #iso}'s own form ({@code 2021-08-15T03:04:05Z}) read directly, digit by
     * digit (a scan reads one or two; {@link Instant#parse}'s general parser was ~5 % of its CPU); any other form
     * (fractions, offsets) through {@link Instant#parse}.
     */
    public static Instant parse(String text) {
        if (text.length() == 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1
                    && day <= Month.of(month).length(Year.isLeap(year)) && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59) {
                long days = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second);
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number of {@code length} digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static LocalDate vietnamDate(Instant instant) {
        return instant.atZone(VIETNAM).toLocalDate();
    }

    public static String hourBucket(Instant instant) {
        return HOUR_BUCKET.format(instant);
    }
}

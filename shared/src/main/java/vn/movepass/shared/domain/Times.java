package vn.movepass.shared.domain;

import java.time.Instant;
import java.time.LocalDate;
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

    public static LocalDate vietnamDate(Instant instant) {
        return instant.atZone(VIETNAM).toLocalDate();
    }

    public static String hourBucket(Instant instant) {
        return HOUR_BUCKET.format(instant);
    }
}

package vn.movepass.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimesTest {
    @Test
    void readsItsOwnFormExactlyAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(2021);
        for (int i = 0; i < 20_000; i++) {
            // 1900 to 2100, every day of every month (the 29th, 30th and 31st too), every second of the day
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_208_988_800L, 4_102_444_800L));
            String text = Times.iso(instant);
            assertEquals(Instant.parse(text), Times.parse(text), text);
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59Z"), Times.parse("2024-02-29T23:59:59Z"));
        assertEquals(Instant.parse("2021-12-31T00:00:00Z"), Times.parse("2021-12-31T00:00:00Z"));
    }

    @Test
    void otherFormsGoThroughInstantParse() {
        // fractions, a wider year, and ISO's end of day and leap second (which Instant.parse reads as it chooses)
        for (String text : new String[] {"2021-08-15T03:04:05.123Z", "2021-08-15T03:04:05.000000001Z", "+12021-08-15T03:04:05Z",
            "2021-08-15T24:00:00Z", "2016-12-31T23:59:60Z"}) {
            assertEquals(Instant.parse(text), Times.parse(text), text);
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : new String[] {"2021-02-29T00:00:00Z", "2021-04-31T00:00:00Z", "2021-13-01T00:00:00Z",
            "2021-00-10T00:00:00Z", "2021-08-15T03:60:00Z",
            "2021-08-15T0a:04:05Z", "2021-08-15 03:04:05Z", "2021-08-15T03:04:05", "", "not a time"}) {
            assertThrows(DateTimeException.class, () -> Times.parse(text), text);
            assertThrows(DateTimeException.class, () -> Instant.parse(text), text);
        }
    }
}

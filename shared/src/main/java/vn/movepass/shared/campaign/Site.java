package vn.movepass.shared.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import vn.movepass.shared.domain.Times;

/**
 * A vaccination site: where (ward, address), its opening hours (Viet Nam time) and its slots of {@code slotMinutes},
 * each with {@code capacityPerSlot} places.
 */
public record Site(String siteId, String name, String wardCode, String provinceCode, String address, int slotMinutes,
                   int capacityPerSlot, LocalTime opens, LocalTime closes) {
    /** A site id as health officials create them: letters, digits and hyphens. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    /** The slots of a day: every start from opening time on, each ending by closing time. */
    public List<Instant> slots(LocalDate day) {
        List<Instant> out = new ArrayList<>();
        for (LocalTime t = opens; !t.plusMinutes(slotMinutes).isAfter(closes) && !t.plusMinutes(slotMinutes).isBefore(t);
             t = t.plusMinutes(slotMinutes)) {
            out.add(day.atTime(t).atZone(Times.VIETNAM).toInstant());
        }
        return out;
    }

    /** Whether {@code start} is the start of one of the site's slots. */
    public boolean isSlot(Instant start) {
        return slots(Times.vietnamDate(start)).contains(start);
    }

    /**
     * How long after its start a booked slot turns MISSED: the site's opening hours, so a person may still come later
     * that day.
     */
    public Duration missedAfter() {
        return Duration.between(opens, closes);
    }
}

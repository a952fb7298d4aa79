package vn.movepass.local.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * EventBridge schedule expressions for the local runtime: {@code cron(min hour day-of-month month day-of-week year)}
 * (numbers, {@code *}, {@code ?}, lists, ranges, steps; day-of-week 1–7 = SUN–SAT or SUN..SAT; L and W and # are not
 * supported) and {@code rate(n minute|minutes|hour|hours|day|days)}. Evaluated minute by minute in the schedule's zone.
 */
final class Cron {
    private static final Map<String, Integer> DAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5, "FRI", 6, "SAT", 7);
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
            Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
            Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final BitSet years;
    private final Duration rate;

    private Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years, Duration rate) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.years = years;
        this.rate = rate;
    }

    /** Null when the expression is not one this runner handles (e.g. {@code at(...)}). */
    static Cron parse(String expression) {
        String e = expression.strip();
        if (e.startsWith("rate(") && e.endsWith(")")) {
            String[] parts = e.substring(5, e.length() - 1).strip().split("\\s+");
            long n = Long.parseLong(parts[0]);
            Duration d = switch (parts[1].toLowerCase(Locale.ROOT)) {
                case "minute", "minutes" -> Duration.ofMinutes(n);
                case "hour", "hours" -> Duration.ofHours(n);
                case "day", "days" -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("rate unit " + parts[1]);
            };
            return new Cron(null, null, null, null, null, null, d);
        }
        if (!e.startsWith("cron(") || !e.endsWith(")")) {
            return null;
        }
        String[] f = e.substring(5, e.length() - 1).strip().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("cron needs 6 fields: " + expression);
        }
        return new Cron(field(f[0], 0, 59, Map.of()), field(f[1], 0, 23, Map.of()), field(f[2], 1, 31, Map.of()),
                field(f[3], 1, 12, MONTHS), field(f[4], 1, 7, DAYS), field(f[5], 1970, 2199, Map.of()), null);
    }

    private static BitSet field(String spec, int min, int max, Map<String, Integer> names) {
        BitSet set = new BitSet();
        for (String part : spec.toUpperCase(Locale.ROOT).split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = Integer.parseInt(part.substring(slash + 1));
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ft = range.split("-");
                from = value(ft[0], names);
                to = value(ft[1], names);
            } else {
                from = value(range, names);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int value(String s, Map<String, Integer> names) {
        Integer named = names.get(s);
        return named != null ? named : Integer.parseInt(s);
    }

    /** Whether this is a {@code rate(…)} expression (a period, not calendar boundaries). */
    boolean isRate() {
        return rate != null;
    }

    /**
     * Whether the schedule fires at this minute (cron) — for rate(), whether {@code t} is a multiple of the rate since
     * {@code origin}.
     */
    boolean matches(ZonedDateTime t, ZonedDateTime origin) {
        if (rate != null) {
            long minutesSince = Duration.between(origin, t).toMinutes();
            return minutesSince > 0 && minutesSince % rate.toMinutes() == 0;
        }
        int dow = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
        return minutes.get(t.getMinute()) && hours.get(t.getHour()) && daysOfMonth.get(t.getDayOfMonth())
                && months.get(t.getMonthValue()) && daysOfWeek.get(dow) && years.get(t.getYear());
    }
}

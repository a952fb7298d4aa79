package vn.movepass.shared.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.venue.VenueType;

/**
 * {@code GET /v1/reports/daily}: any official role within its scope. Ward police see their ward only; a health
 * official its province (and what lies in it), or everything without a province claim; analysts and admins any unit.
 * Checkpoint officers have a checkpoint, not a unit, as scope: 403. A ward's report is one BatchGetItem (its counters
 * and its 36 passage shards); see {@link DailyCounters} for the others.
 */
public final class ReportService {
    private final DynamoDbClient dynamo;
    private final DailyCounters counters;
    private final AdministrativeUnits units;

    public ReportService(DynamoDbClient dynamo, DailyCounters counters, AdministrativeUnits units) {
        this.dynamo = dynamo;
        this.counters = counters;
        this.units = units;
    }

    public static ReportService create(Platform p) {
        return new ReportService(p.dynamo(), DailyCounters.create(p), AdministrativeUnits.get());
    }

    /**
     * The JSON of API.md: {@code {unit, date, declarations, passages, cases, health}}; {@code health} counts residents
     * of the unit (by their current ward) in each state at the end of the day, and the doses given on it;
     * {@code checkIns} the INs at the unit's venues on the day, per venue type; {@code support} the policy support cases
     * entered, payments recorded (less reversals) and their amount on the day; {@code vaccination} the coverage figures at
     * the end of the day (adults, residents with a first dose, with a complete series).
     */
    public record DailyReport(String unit, String date, Map<String, Long> declarations, Map<String, Long> passages,
                              Map<String, Long> cases, Map<String, Long> health, Map<String, Long> checkIns,
                              Map<String, Long> support, Map<String, Long> vaccination) {
    }

    public DailyReport daily(Principal principal, String rawDate, String rawUnit) {
        Asked asked = asked(principal, rawDate, rawUnit);
        return report(asked.unit(), asked.date());
    }

    /** A report's unit and date, parsed and within the principal's scope. */
    private record Asked(Unit unit, LocalDate date) {
    }

    private Asked asked(Principal principal, String rawDate, String rawUnit) {
        LocalDate date = parseDate(rawDate);
        Unit unit = Unit.parse(rawUnit, units).orElseThrow(() -> InvalidInputException.of("unit", "FORMAT",
                "must be national, province:<code>, district:<code> or ward:<code> with a known GSO code"));
        requireScope(principal, unit);
        return new Asked(unit, date);
    }

    /** The report of a unit-day, without any access check (the export uses it). */
    public DailyReport report(Unit unit, LocalDate date) {
        Map<Counter, Long> c = counters.read(dynamo, unit, date);
        Map<String, Long> declarations = new LinkedHashMap<>();
        declarations.put("accepted", c.get(Counter.DECLARATIONS_ACCEPTED));
        declarations.put("rejected", c.get(Counter.DECLARATIONS_REJECTED));
        declarations.put("refused", c.get(Counter.DECLARATIONS_REFUSED));
        Map<String, Long> passages = new LinkedHashMap<>();
        passages.put("in", c.get(Counter.PASSAGES_IN));
        passages.put("out", c.get(Counter.PASSAGES_OUT));
        passages.put("turnedBack", c.get(Counter.PASSAGES_TURNED_BACK));
        Map<String, Long> cases = new LinkedHashMap<>();
        for (Counter f : new Counter[]{Counter.F0, Counter.F1, Counter.F2, Counter.F3}) {
            cases.put(f.attribute(), c.get(f));
        }
        Map<String, Long> health = new LinkedHashMap<>();
        for (Counter h : new Counter[]{Counter.ISOLATING, Counter.QUARANTINED, Counter.MONITORING, Counter.RECOVERED,
            Counter.DOSES_GIVEN}) {
            health.put(h.attribute(), c.get(h));
        }
        Map<String, Long> checkIns = new LinkedHashMap<>();
        for (VenueType type : VenueType.values()) {
            checkIns.put(type.name(), c.get(type.checkIns()));
        }
        Map<String, Long> support = new LinkedHashMap<>();
        support.put("cases", c.get(Counter.SUPPORT_CASES));
        support.put("paid", c.get(Counter.SUPPORT_PAID));
        support.put("amountPaidVnd", c.get(Counter.SUPPORT_AMOUNT_PAID));
        Map<String, Long> vaccination = new LinkedHashMap<>();
        for (Counter v : new Counter[]{Counter.ADULTS, Counter.FIRST_DOSE, Counter.COMPLETE}) {
            vaccination.put(v.attribute(), c.get(v));
        }
        return new DailyReport(unit.key(), date.toString(), declarations, passages, cases, health, checkIns, support,
                vaccination);
    }

    /** The two coverage ratios, to 4 decimals (0 where the unit has no adult). */
    public record Coverage(double firstDose, double complete) {
    }

    /**
     * The JSON of API.md's coverage report: adults (registry residents aged 18 or more on the date, now in the unit),
     * residents with at least one dose and with a complete primary series by the end of the date, doses given on it.
     */
    public record VaccinationReport(String unit, String date, long adults, long firstDose, long complete, long dosesOnDate,
                                    Coverage coverage) {
    }

    /**
     * {@code GET /v1/reports/vaccination?unit=&date=}: the same scopes as the daily report, read from the same counters
     * (as {@link DailyCounters#read}, without the passage items: the coverage figures are not passages).
     */
    public VaccinationReport vaccination(Principal principal, String rawDate, String rawUnit) {
        Asked asked = asked(principal, rawDate, rawUnit);
        Unit unit = asked.unit();
        LocalDate date = asked.date();
        Map<Counter, Long> c = counters.read(dynamo, unit, date,
                EnumSet.of(Counter.ADULTS, Counter.FIRST_DOSE, Counter.COMPLETE, Counter.DOSES_GIVEN));
        long adults = c.get(Counter.ADULTS);
        long first = c.get(Counter.FIRST_DOSE);
        long complete = c.get(Counter.COMPLETE);
        return new VaccinationReport(unit.key(), date.toString(), adults, first, complete, c.get(Counter.DOSES_GIVEN),
                new Coverage(ratio(first, adults), ratio(complete, adults)));
    }

    private static double ratio(long part, long whole) {
        return whole <= 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    static LocalDate parseDate(String raw) {
        if (raw == null || raw.isBlank()) {
            throw InvalidInputException.of("date", "REQUIRED", "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("date", "FORMAT", "must be a date YYYY-MM-DD");
        }
    }

    void requireScope(Principal p, Unit unit) {
        switch (p.role()) {
            case ADMIN, ANALYST -> {
                return;
            }
            case HEALTH_OFFICIAL -> {
                if (p.provinceCode() == null || p.provinceCode().equals(unit.provinceCode(units))) {
                    return;
                }
                throw new ForbiddenException("this account covers province " + p.provinceCode() + " only");
            }
            case WARD_POLICE -> {
                if (unit.level() == Unit.Level.WARD && unit.code().equals(p.wardCode())) {
                    return;
                }
                throw new ForbiddenException("ward police see the report of their own ward only");
            }
            default -> throw new ForbiddenException("reports are for ward police, health officials, analysts and admins");
        }
    }
}

package vn.movepass.shared.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.report.Counter;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.report.Unit;
import vn.movepass.shared.testhelper.InMemoryCounters;

/**
 * The running counters against a recount: residents go through seeded random health events (some backdated, some
 * moving ward between them); after every change the counters written for it are applied to an in-memory counter
 * table, and the report's figures for every day of the period, in every unit, equal the number of residents whose
 * current snapshot is in that state at the end of that day, counted in the ward their status was counted in.
 */
class StayCountersTest {
    private static final Instant START = Instant.parse("2021-07-20T01:00:00Z");
    private static final String TABLE = "counters";
    private final HealthRules rules = new HealthRules(HealthPeriods.DEFAULTS);
    private final DailyCounters daily = new DailyCounters(TABLE, AdministrativeUnits.get());
    private final StayCounters stays = new StayCounters(daily);
    private final InMemoryCounters db = new InMemoryCounters(TABLE);

    @Test
    void theRunningCountsEqualARecountOnEveryDayInEveryUnit() {
        List<String> wards = List.of("26734", "26737", "00004");
        Random random = new Random(16);
        int residents = 40;
        Map<String, HealthSnapshot> snapshot = new HashMap<>();
        Map<String, String> countedIn = new HashMap<>();
        int doses = 0;
        Map<LocalDate, Map<String, Integer>> dosesOn = new HashMap<>();
        for (int step = 0; step < 400; step++) {
            String id = String.format("0790%08d", random.nextInt(residents));
            String ward = random.nextInt(10) == 0 ? wards.get(random.nextInt(wards.size()))
                    : countedIn.getOrDefault(id, wards.get(id.hashCode() & 1));
            HealthSnapshot before = snapshot.getOrDefault(id, HealthSnapshot.EMPTY);
            Instant at = START.plus(Duration.ofHours(random.nextInt(24 * 60)));
            HealthSnapshot after;
            LocalDate doseDay = null;
            try {
                after = switch (random.nextInt(7)) {
                    case 0 -> rules.apply(before, HealthChange.classified("F0", at, "c" + step)).after();
                    case 1, 2 -> rules.apply(before, HealthChange.classified("F" + (1 + random.nextInt(3)), at, "c" + step)).after();
                    case 3 -> rules.apply(before, HealthChange.recovered("negative twice", at)).after();
                    case 4 -> rules.apply(before, HealthChange.released("tested negative", at)).after();
                    case 5 -> rules.apply(before, HealthChange.isolation(IsolationPlace.HOME,
                            Times.vietnamDate(at).plusDays(random.nextInt(12)), at)).after();
                    default -> {
                        doseDay = Times.vietnamDate(at);
                        yield before.withVaccination(before.vaccination().withDose(VaccineProduct.PFIZER, doseDay));
                    }
                };
            } catch (InvalidInputException refused) {
                continue; // the rules refused it: nothing is written
            }
            if (after.equals(before)) {
                continue; // HealthStore writes no counters when nothing changes
            }
            db.apply(stays.changes(id, countedIn.get(id), before, ward, after, doseDay));
            snapshot.put(id, after);
            countedIn.put(id, ward);
            if (doseDay != null) {
                doses++;
                dosesOn.computeIfAbsent(doseDay, d -> new HashMap<>()).merge(ward, 1, Integer::sum);
            }
        }
        assertTrue(doses > 10, "the walk gave doses: " + doses);
        int nonZero = 0;
        for (LocalDate day = Times.vietnamDate(START).minusDays(1); day.isBefore(LocalDate.of(2022, 2, 10)); day = day.plusDays(1)) {
            Instant endOfDay = day.plusDays(1).atStartOfDay(Times.VIETNAM).toInstant().minusNanos(1);
            for (Unit unit : units(wards)) {
                Map<Counter, Long> expected = new EnumMap<>(Counter.class);
                for (Map.Entry<String, HealthSnapshot> e : snapshot.entrySet()) {
                    if (!contains(unit, countedIn.get(e.getKey()))) {
                        continue;
                    }
                    Counter c = switch (Health.of(e.getValue(), endOfDay).state()) {
                        case ISOLATING -> Counter.ISOLATING;
                        case QUARANTINED -> Counter.QUARANTINED;
                        case MONITORING -> Counter.MONITORING;
                        case RECOVERED -> Counter.RECOVERED;
                        case NONE -> null;
                    };
                    if (c != null) {
                        expected.merge(c, 1L, Long::sum);
                    }
                }
                long dosesThere = dosesOn.getOrDefault(day, Map.of()).entrySet().stream()
                        .filter(d -> contains(unit, d.getKey())).mapToLong(Map.Entry::getValue).sum();
                Map<Counter, Long> read = daily.read(db.client(), unit, day);
                for (Counter c : List.of(Counter.ISOLATING, Counter.QUARANTINED, Counter.MONITORING, Counter.RECOVERED)) {
                    assertEquals(expected.getOrDefault(c, 0L), read.get(c), unit.key() + " " + day + " " + c);
                    nonZero += expected.getOrDefault(c, 0L) > 0 ? 1 : 0;
                }
                assertEquals(dosesThere, read.get(Counter.DOSES_GIVEN), unit.key() + " " + day + " doses");
            }
        }
        assertTrue(nonZero > 500, "the walk filled the states: " + nonZero);
    }

    private static boolean contains(Unit unit, String ward) {
        return Unit.chainOf(AdministrativeUnits.get().ward(ward).orElseThrow()).contains(unit);
    }

    private static List<Unit> units(List<String> wards) {
        List<Unit> out = new ArrayList<>();
        for (String code : wards) {
            Ward w = AdministrativeUnits.get().ward(code).orElseThrow();
            for (Unit u : Unit.chainOf(w)) {
                if (!out.contains(u)) {
                    out.add(u);
                }
            }
        }
        return out;
    }
}

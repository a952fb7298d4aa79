package vn.movepass.shared.health;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.report.Counter;
import vn.movepass.shared.report.DailyCounters;

/**
 * {@link HealthCounters} on the daily counters: each phase of a snapshot in a counted state adds +1 to that state's
 * {@linkplain Counter#running running counter} on the Viet Nam day it starts and -1 on the day it ends, so the sum up
 * to a day is 1 exactly when the phase holds at that day's end. Vaccination is counted the same way: +1 on the day of
 * the first dose ({@link Counter#FIRST_DOSE}) and on the day the series counts as complete ({@link Counter#COMPLETE}).
 * A change writes the new snapshot's changes minus the old one's (in the ward each was counted in); what both share
 * cancels out and writes nothing.
 */
public final class StayCounters implements HealthCounters {
    private static final Map<HealthState, Counter> COUNTED = Map.of(HealthState.ISOLATING, Counter.ISOLATING,
            HealthState.QUARANTINED, Counter.QUARANTINED, HealthState.MONITORING, Counter.MONITORING,
            HealthState.RECOVERED, Counter.RECOVERED);

    private final DailyCounters counters;

    public StayCounters(DailyCounters counters) {
        this.counters = counters;
    }

    @Override
    public List<TransactWriteItem> changes(String citizenId, String beforeWard, HealthSnapshot before, String afterWard,
                                           HealthSnapshot after, LocalDate doseDay) {
        Map<Key, Long> amounts = new HashMap<>();
        if (beforeWard != null) {
            stays(amounts, beforeWard, before, -1);
        }
        if (afterWard != null) {
            stays(amounts, afterWard, after, 1);
        }
        DailyCounters.Tally tally = counters.tally(citizenId);
        amounts.forEach((k, amount) -> {
            if (amount != 0) {
                tally.add(k.counter(), k.ward(), k.day(), amount);
            }
        });
        if (doseDay != null && afterWard != null) {
            tally.add(Counter.DOSES_GIVEN, afterWard, doseDay, 1);
        }
        return tally.updates();
    }

    private record Key(Counter counter, String ward, LocalDate day) {
    }

    private static void stays(Map<Key, Long> amounts, String ward, HealthSnapshot snapshot, long sign) {
        Vaccination v = snapshot.vaccination();
        if (v.doses() > 0) {
            amounts.merge(new Key(Counter.FIRST_DOSE, ward, v.firstDate()), sign, Long::sum);
        }
        if (v.completeSince() != null) {
            amounts.merge(new Key(Counter.COMPLETE, ward, v.completeSince()), sign, Long::sum);
        }
        for (Phase p : snapshot.phases()) {
            Counter counter = COUNTED.get(p.state());
            if (counter == null) {
                continue;
            }
            amounts.merge(new Key(counter, ward, Times.vietnamDate(p.from())), sign, Long::sum);
            if (p.until() != null) {
                amounts.merge(new Key(counter, ward, Times.vietnamDate(p.until())), -sign, Long::sum);
            }
        }
    }
}

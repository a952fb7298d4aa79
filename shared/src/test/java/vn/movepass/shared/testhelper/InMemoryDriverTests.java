package vn.movepass.shared.testhelper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.movepass.shared.greenlane.RecentTests;
import vn.movepass.shared.greenlane.TestJudge;
import vn.movepass.shared.store.DriverTestItem;

/** Drivers' tests in memory, answered as the DriverTests table's Query does: the last 14 days, newest first. */
public final class InMemoryDriverTests implements RecentTests {
    private final List<DriverTestItem> tests = new ArrayList<>();

    public InMemoryDriverTests add(DriverTestItem test) {
        tests.add(test);
        return this;
    }

    @Override
    public List<DriverTestItem> recentTests(String citizenId, Instant now) {
        Instant since = now.minus(TestJudge.LOOK_BACK);
        return tests.stream()
                .filter(t -> t.citizenId().equals(citizenId) && Instant.parse(t.sampledAt()).isAfter(since))
                .sorted(Comparator.comparing(DriverTestItem::sampledAt).reversed())
                .toList();
    }
}

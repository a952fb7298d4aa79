package vn.movepass.shared.greenlane;

import java.time.Instant;
import java.util.List;
import vn.movepass.shared.store.DriverTestItem;

/** A driver's tests that can still matter at {@code now} (sampled in the last 14 days), newest first. */
@FunctionalInterface
public interface RecentTests {
    List<DriverTestItem> recentTests(String citizenId, Instant now);
}

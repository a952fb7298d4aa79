package vn.movepass.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The capacity units of every operation {@code bench capacity} measures, held under a budget, as DynamoCallBudgetIT holds
 * the calls: one run of each (after its warm-up run), the export over 1,000 passages. Each budget is the units seen
 * when it was set (2026-12-05) plus about a third, so a change that doubles an operation's reads or writes fails here,
 * and one that only grows an item past a 1 KB step may not; an operation that wrote nothing may not start writing.
 * Reads are DynamoDB Local's ReturnConsumedCapacity, writes the bench's count of the items written (see
 * {@link CapacityBench.Meter}); no timing is asserted: nothing here depends on the machine.
 */
class CapacityBudgetIT {
    /** Operation → {read units, write units} at most, per run. */
    static final Map<String, double[]> BUDGETS = new LinkedHashMap<>();

    static {
        budget("declaration (ACCEPTED)", 2, 35);
        budget("pass view", 1, 0);
        budget("pass QR PNG", 1, 0);
        budget("scan: pass token (VALID)", 1.5, 0);
        budget("scan: short code", 2, 0);
        budget("scan: chip-ID card QR", 2, 0);
        budget("scan: unreadable code", 1, 0);
        budget("scan recording a passage", 1.5, 24);
        budget("passage confirmation", 3, 24);
        budget("offline passage", 3, 27);
        budget("venue check-in IN", 5.5, 22);
        budget("venue check-in OUT", 5.5, 11);
        budget("health event (F2)", 6, 35);
        // a dose also keeps the coverage report's running first-dose (and complete) counters: day, month and year items
        budget("vaccination dose", 6, 60);
        budget("vaccination booking", 5.5, 8);
        budget("vaccination booking of a full slot", 5.5, 0); // SLOT_FULL from a read: a crowd on a full slot writes nothing
        budget("support case", 2, 39);
        budget("support payment", 4, 36);
        budget("case (F0) with its trace", 45, 200);
        budget("ward feed page", 2, 0);
        // the adults counter is kept by birthday since 2020, so every year, month and day item of a unit with residents exists;
        // the passage counters have shards of their own (capacity fix 1: ward 36, province 147), so the bench's passages are
        // on several items: 2026-12-05, ward 3.0 -> 6.0 RCU, province 58.0 -> 61.0 (DynamoDB Local bills the items found)
        budget("daily report (ward)", 8, 0);
        budget("daily report (province)", 81, 0);
        // issue 22 fix 2: each checkpoint-hour is 4 shard keys, so 4 Queries where there was one (814 RCU measured 2026-12-05)
        budget("export of 1000 passages", 1090, 0);
    }

    private static void budget(String operation, double read, double write) {
        BUDGETS.put(operation, new double[]{read, write});
    }

    @Test
    void everyOperationStaysWithinItsCapacityBudget() throws Exception {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        List<CapacityBench.Usage> usages = CapacityBench.measure(1, 1_000, new PrintStream(table, true, StandardCharsets.UTF_8));
        System.out.println(table.toString(StandardCharsets.UTF_8));
        assertEquals(BUDGETS.keySet(), new java.util.LinkedHashSet<>(usages.stream().map(CapacityBench.Usage::operation).toList()),
                "a budget for every operation the bench measures");
        List<String> over = new ArrayList<>();
        for (CapacityBench.Usage u : usages) {
            double[] budget = BUDGETS.get(u.operation());
            if (u.read() > budget[0] + 1e-9 || u.write() > budget[1] + 1e-9) {
                over.add(String.format(Locale.ROOT, "%s: %.1f RCU, %.1f WCU (budget %.1f, %.1f)", u.operation(), u.read(), u.write(),
                        budget[0], budget[1]));
            }
            assertTrue(u.read() + u.write() > 0, u.operation() + " reported no capacity at all: is ReturnConsumedCapacity still set?");
        }
        assertTrue(over.isEmpty(), "over budget: " + over);
    }
}

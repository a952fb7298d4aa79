package vn.movepass.shared.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.store.PassageKeys;

/** The passage keys a probe reads: every shard of each hour its ±15 min window touches (issue 22, fix 2). */
class TracePartitionsTest {
    @Test
    void aWindowInsideOneHourReadsItsFourShards() {
        Instant at = Instant.parse("2021-08-20T03:30:00Z");
        assertEquals(PassageKeys.partitions("CP-A", at), TraceSteps.partitions("CP-A", at));
        assertEquals(4, TraceSteps.partitions("CP-A", at).size());
    }

    @Test
    void aWindowAcrossTheHourReadsTheShardsOfBothHoursAndFindsEveryPassageInIt() {
        Instant at = Instant.parse("2021-08-20T03:05:00Z");
        List<String> keys = TraceSteps.partitions("CP-A", at);
        List<String> expected = new ArrayList<>(PassageKeys.partitions("CP-A", "2021082002"));
        expected.addAll(PassageKeys.partitions("CP-A", "2021082003"));
        assertEquals(expected, keys);
        for (int s = -900; s <= 900; s += 7) {
            Instant other = at.plusSeconds(s);
            assertTrue(keys.contains(PassageKeys.partition("CP-A", other, "p" + s)), "a passage at " + other);
        }
    }
}

package vn.movepass.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.venue.Visits;

/** The shard rule of hour-bucketed keys (issue 22, docs/capacity.md rows 2 and 3) and the merge its readers use. */
class HourShardsTest {
    private static final Instant AT = Instant.parse("2021-08-20T03:04:05Z");

    @Test
    void aRecordsShardIsStableAndInRange() {
        for (int i = 0; i < 2_000; i++) {
            String id = "passage-" + i;
            int shard = HourShards.of(id);
            assertTrue(shard >= 0 && shard < HourShards.SHARDS, id + " → " + shard);
            assertEquals(shard, HourShards.of(new String(id.toCharArray())), "a retry of the same id lands on the same shard");
        }
        // fixed values: a change of the rule would move the keys of records already written
        assertEquals(List.of(3, 1, 3, 0), List.of(HourShards.of("a"), HourShards.of("b"), HourShards.of("c"), HourShards.of("")));
        assertEquals(HourShards.of(""), HourShards.of(null));
    }

    @Test
    void idsSpreadOverEveryShard() {
        int[] counts = new int[HourShards.SHARDS];
        for (int i = 0; i < 4_000; i++) {
            counts[HourShards.of(java.util.UUID.nameUUIDFromBytes(("p" + i).getBytes()).toString())]++;
        }
        for (int c : counts) {
            assertTrue(c > 800 && c < 1_200, java.util.Arrays.toString(counts));
        }
    }

    @Test
    void aPassageIsKeyedByItsHourAndShardAndAReaderQueriesEveryShardOfTheHour() {
        String pk = PassageKeys.partition("CP-A", AT, "p1");
        assertEquals("CP#CP-A#2021082003#" + HourShards.of("p1"), pk);
        assertEquals(pk, PassageKeys.partition("CP-A", AT.plusSeconds(60), "p1"), "the same hour, the same id: the same key");
        List<String> hour = PassageKeys.partitions("CP-A", AT);
        assertEquals(List.of("CP#CP-A#2021082003#0", "CP#CP-A#2021082003#1", "CP#CP-A#2021082003#2", "CP#CP-A#2021082003#3"),
                hour);
        assertEquals(hour, PassageKeys.partitions("CP-A", "2021082003"));
        assertTrue(hour.contains(pk));
    }

    @Test
    void aStaysHourKeyIsItsInHourAndShard() {
        assertEquals("2021082003#" + HourShards.of("visit-1"), Visits.hourKey(AT, "visit-1"));
        assertTrue(HourShards.keys("2021082003").contains(Visits.hourKey(AT, "visit-1")));
    }

    @Test
    void theMergeOfShardsGivesTheOrderOfOneKeyAcrossPages() {
        // 200 sort keys dealt to the 4 shards by the rule, each shard sorted as its Query returns it
        TreeMap<String, Integer> all = new TreeMap<>();
        List<List<String>> shards = new ArrayList<>();
        for (int s = 0; s < HourShards.SHARDS; s++) {
            shards.add(new ArrayList<>());
        }
        for (int i = 0; i < 200; i++) {
            String sk = String.format("2021-08-20T03:%02d:%02dZ#p%d", i / 60 % 60, i % 60, i);
            all.put(sk, i);
            shards.get(HourShards.of("p" + i)).add(sk);
        }
        shards.forEach(l -> l.sort(Comparator.naturalOrder()));
        List<String> merged = new ArrayList<>();
        SortedMerge.of(shards, Comparator.<String>naturalOrder()).forEach(merged::add);
        assertEquals(new ArrayList<>(all.keySet()), merged, "every row once, in sort-key order");
    }

    @Test
    void theMergeReadsEachSourceOneElementAhead() {
        int[] pulled = new int[2];
        List<Iterable<Integer>> sources = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            int source = s;
            sources.add(() -> new java.util.Iterator<>() {
                int next = source;

                @Override
                public boolean hasNext() {
                    return next < 1_000;
                }

                @Override
                public Integer next() {
                    pulled[source]++;
                    int n = next;
                    next += 2;
                    return n;
                }
            });
        }
        var merged = SortedMerge.of(sources, Comparator.<Integer>naturalOrder()).iterator();
        assertEquals(List.of(0, 1, 2, 3), List.of(merged.next(), merged.next(), merged.next(), merged.next()));
        assertTrue(pulled[0] <= 3 && pulled[1] <= 3, "pages are fetched as the merge reaches them: " + pulled[0] + ", " + pulled[1]);
    }

    @Test
    void theMergeKeepsEqualElementsInSourceOrderAndTakesEmptySources() {
        List<List<Map.Entry<Integer, String>>> sources = List.of(List.of(Map.entry(1, "a0"), Map.entry(3, "a1")), List.of(),
                List.of(Map.entry(1, "c0"), Map.entry(2, "c1")));
        List<String> merged = new ArrayList<>();
        SortedMerge.of(sources, Map.Entry.<Integer, String>comparingByKey()).forEach(e -> merged.add(e.getValue()));
        assertEquals(List.of("a0", "c0", "c1", "a1"), merged);
        assertEquals(List.of(), toList(SortedMerge.of(List.<List<String>>of(), Comparator.naturalOrder())));
    }

    private static <T> List<T> toList(Iterable<T> items) {
        List<T> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }
}

package vn.movepass.shared.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Direction;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.testhelper.InMemoryCounters;

/**
 * The passage counters' shards (docs/capacity.md, fix 1): a passage's shard is a stable hash of its id, in range, spread
 * over every shard; a report reads every shard of the unit-day in calls of at most 100 keys and adds them up exactly;
 * the other counters keep their items.
 */
class DailyCountersTest {
    private static final String TABLE = "counters";
    private static final String WARD = "26734";
    private static final Instant AT = Instant.parse("2026-12-05T03:00:00Z");
    private static final LocalDate DAY = Times.vietnamDate(AT);
    private final DailyCounters counters = new DailyCounters(TABLE, AdministrativeUnits.get());
    private final Ward ward = AdministrativeUnits.get().ward(WARD).orElseThrow();
    private final InMemoryCounters db = new InMemoryCounters(TABLE);

    @Test
    void theShardCountsAreTheModelsAndAboveTheLowRateOnes() {
        assertEquals(List.of(293, 147, 44, 36), List.of(Unit.Level.values()).stream().map(DailyCounters::passageShards).toList());
        for (Unit.Level level : Unit.Level.values()) {
            assertTrue(DailyCounters.passageShards(level) > DailyCounters.shards(level), level.name());
        }
    }

    @Test
    void aPassagesShardIsStableInRangeAndEveryShardIsUsed() {
        for (Unit.Level level : Unit.Level.values()) {
            int n = DailyCounters.passageShards(level);
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < 20_000; i++) {
                String id = "P" + Integer.toHexString(i * 7919) + "-" + i;
                int shard = DailyCounters.passageShard(id, level);
                assertTrue(shard >= 0 && shard < n, level + " " + shard);
                assertEquals(shard, DailyCounters.passageShard(id, level), "stable");
                used.add(shard);
            }
            assertEquals(n, used.size(), level + ": every shard takes passages");
        }
        assertEquals(DailyCounters.passageShard("01HZX3K9Q8V7", Unit.Level.NATIONAL),
                DailyCounters.passageShard(new String("01HZX3K9Q8V7"), Unit.Level.NATIONAL));
    }

    @Test
    void aPassageAddsToOnePassageItemOfEachUnitTheSameOnARetry() {
        String id = "passage-42";
        List<TransactWriteItem> updates = counters.passage(Direction.IN, Decision.ALLOWED, WARD, AT, id);
        List<String> expected = Unit.chainOf(ward).stream()
                .map(u -> DailyCounters.passagePk(u, DAY, DailyCounters.passageShard(id, u.level()))).toList();
        assertEquals(expected, keys(updates));
        assertTrue(expected.get(0).startsWith("national#" + DAY + "#P"), expected.get(0));
        assertEquals(keys(updates), keys(counters.passage(Direction.IN, Decision.ALLOWED, WARD, AT, id)), "a retry lands there");
        for (TransactWriteItem t : updates) {
            assertEquals(Set.of("passagesIn"), counted(t.update()));
        }
    }

    @Test
    void theOtherCountersKeepTheirItems() {
        String id = "declaration-7";
        List<String> expected = Unit.chainOf(ward).stream()
                .map(u -> DailyCounters.pk(u, DAY, DailyCounters.shardHash(id) % DailyCounters.shards(u.level()))).toList();
        assertEquals(expected, keys(counters.declaration(true, WARD, AT, id)));
    }

    @Test
    void aReportAddsUpEveryShardExactlyInCallsOfAtMostAHundredKeys() {
        Map<Counter, Long> written = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            Direction direction = i % 2 == 0 ? Direction.IN : Direction.OUT;
            Decision decision = i % 7 == 0 ? Decision.TURNED_BACK : Decision.ALLOWED;
            db.apply(counters.passage(direction, decision, WARD, AT.plusSeconds(i), "passage-" + i));
            Counter c = decision == Decision.TURNED_BACK ? Counter.PASSAGES_TURNED_BACK
                    : direction == Direction.IN ? Counter.PASSAGES_IN : Counter.PASSAGES_OUT;
            written.merge(c, 1L, Long::sum);
        }
        for (int i = 0; i < 50; i++) {
            db.apply(counters.declaration(i % 5 != 0, WARD, AT, "declaration-" + i));
        }
        // a passage of the day before counts on its own day only
        db.apply(counters.passage(Direction.IN, Decision.ALLOWED, WARD, AT.minusSeconds(86_400), "yesterday"));
        for (Unit unit : Unit.chainOf(ward)) {
            db.calls().clear();
            Map<Counter, Long> read = counters.read(db.client(), unit, DAY);
            for (Counter c : List.of(Counter.PASSAGES_IN, Counter.PASSAGES_OUT, Counter.PASSAGES_TURNED_BACK)) {
                assertEquals(written.get(c), read.get(c), unit + " " + c);
            }
            assertEquals(40L, read.get(Counter.DECLARATIONS_ACCEPTED), unit.key());
            assertEquals(10L, read.get(Counter.DECLARATIONS_REJECTED), unit.key());
            assertTrue(db.calls().stream().allMatch(call -> call.size() <= 100), unit.key());
            Set<String> asked = new HashSet<>();
            db.calls().forEach(asked::addAll);
            for (int s = 0; s < DailyCounters.passageShards(unit.level()); s++) {
                assertTrue(asked.contains(DailyCounters.passagePk(unit, DAY, s)), unit + " shard " + s);
            }
        }
        db.calls().clear();
        counters.read(db.client(), Unit.chainOf(ward).get(3), DAY);
        assertEquals(1, db.calls().size(), "a ward's report is one call");
    }

    @Test
    void aReadWithoutPassageCountersReadsNoPassageItem() {
        db.apply(counters.passage(Direction.IN, Decision.ALLOWED, WARD, AT, "p-1"));
        Map<Counter, Long> read = counters.read(db.client(), Unit.NATIONAL, DAY, EnumSet.of(Counter.DOSES_GIVEN, Counter.ADULTS));
        assertEquals(Set.of(Counter.DOSES_GIVEN, Counter.ADULTS), read.keySet());
        assertTrue(db.calls().stream().flatMap(List::stream).noneMatch(k -> k.contains("#P")), db.calls().toString());
        db.calls().clear();
        assertEquals(Map.of(Counter.PASSAGES_IN, 1L), counters.read(db.client(), Unit.NATIONAL, DAY, EnumSet.of(Counter.PASSAGES_IN)));
        assertEquals(DailyCounters.passageShards(Unit.Level.NATIONAL), db.calls().stream().mapToInt(List::size).sum(),
                "the passage shards only");
    }

    private static List<String> keys(List<TransactWriteItem> updates) {
        return updates.stream().map(t -> t.update().key().get(DailyCounters.PK).s()).toList();
    }

    private static Set<String> counted(Update u) {
        Set<String> out = new HashSet<>();
        u.expressionAttributeNames().forEach((name, attribute) -> {
            if (name.startsWith("#c")) {
                out.add(attribute);
            }
        });
        return out;
    }
}

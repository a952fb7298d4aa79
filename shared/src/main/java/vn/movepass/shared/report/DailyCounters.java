package vn.movepass.shared.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Classification;
import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Direction;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.Shards;
import vn.movepass.shared.store.Tables;

/**
 * Daily counters per administrative unit, updated in the same transaction as the record they count, so a report
 * always equals a recount of the records. A record adds 1 to one shard of each of its four units (national,
 * province, district, ward). Wide units are sharded so that no single item takes every transaction of the country
 * (concurrent transactions on one item cancel each other with TransactionConflict): national 16 shards, a province
 * 8, a district 2, a ward 1. The shard is a hash of the record's id, so a retried record lands on the same shard.
 *
 * <p>Item: {@code pk = <unit>#<yyyy-MM-dd>#<shard>} (e.g. {@code province:79#2021-08-20#3}), {@code unit}, {@code day},
 * and one number per {@link Counter}. Counters hold no personal data and have no TTL.
 *
 * <p>{@linkplain Counter#perPassage Passage counters} are sharded by load, not by level (docs/capacity.md, "What runs
 * hot", fix 1): every passage adds to them, 1,170 a second nationally at the peak, which 16 national shards (73
 * transactions a second each) or one ward item at a busy gateway would not take without most transactions cancelling
 * one another. They go to items of their own, {@code pk = <unit>#<yyyy-MM-dd>#P<shard>} ({@code national#2021-08-20#P211}),
 * with {@link #passageShards} shards (national 293, province 147, district 44, ward 36: what docs/capacity-model.py
 * asks for at the peak, about 0.1 transactions in flight on an item), the shard a hash of the passage id. The other
 * counters stay where they were.
 *
 * <p>For callers that write their own records (tracing): {@link #classified} returns the updates to put in the
 * caller's own transaction, next to the conditional put that makes the record idempotent.
 *
 * <p>{@linkplain Counter#running Running counters} (how many residents are isolating, quarantined… at the end of a
 * day) hold changes, not counts: +1 on the day a stay starts, -1 on the day it ends, so a stay that ends by the clock
 * was counted out when it was written. The count at the end of day D is the sum of every change up to D. So that a
 * report reads a bounded number of items, each change is also added to its month's item ({@code <unit>#2021-08#<shard>})
 * and its year's ({@code <unit>#2021#<shard>}): the sum up to D is the years before D's (from {@link #FIRST_YEAR}),
 * the months of D's year before D's month, and the days of D's month up to D — at most 48 items a shard in 2026.
 *
 * <p>A report reads all of it with BatchGetItem, 100 keys a call ({@link #read}): for a ward on 2026-12-05 the 22 items
 * of the running sums and the 36 passage shards, one call (at most 84 keys in 2026); for the country 16 shards of each
 * of those 22 periods and the 293 passage shards, seven calls (at most 11).
 */
public final class DailyCounters {
    public static final String PK = "pk";
    private static final int MAX_SHARDS = 16;
    /** Running counters start here: a change dated earlier is counted on this day. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 1);
    static final int FIRST_YEAR = FIRST_DAY.getYear();

    private final String table;
    private final AdministrativeUnits units;

    public DailyCounters(String table, AdministrativeUnits units) {
        this.table = table;
        this.units = units;
    }

    public static DailyCounters create(Platform p) {
        return new DailyCounters(Tables.name(p, EnvKey.DAILY_COUNTERS_TABLE), AdministrativeUnits.get());
    }

    public String tableName() {
        return table;
    }

    /** Shards of a unit level. */
    public static int shards(Unit.Level level) {
        return switch (level) {
            case NATIONAL -> 16;
            case PROVINCE -> 8;
            case DISTRICT -> 2;
            case WARD -> 1;
        };
    }

    public static String pk(Unit unit, LocalDate day, int shard) {
        return unit.key() + "#" + day + "#" + shard;
    }

    /**
     * Shards of a unit level's passage items: enough that the busiest item of the level (the country; HCMC with half
     * its passages; a district with 15 %; the ward of the busiest gateway with 12 %) has about 0.1 transactions in
     * flight at 1,170 passages a second (docs/capacity-model.py, {@code PASSAGE_SHARDS}).
     */
    public static int passageShards(Unit.Level level) {
        return switch (level) {
            case NATIONAL -> 293;
            case PROVINCE -> 147;
            case DISTRICT -> 44;
            case WARD -> 36;
        };
    }

    /** The passage item of a unit-day's shard: {@code <unit>#<yyyy-MM-dd>#P<shard>}. */
    public static String passagePk(Unit unit, LocalDate day, int shard) {
        return unit.key() + "#" + day + "#P" + shard;
    }

    /** The passage shard of a record id at a level: stable (a retry lands on it again), in [0, passageShards). */
    public static int passageShard(String recordId, Unit.Level level) {
        return Shards.of(recordId, passageShards(level));
    }

    /** A declaration, counted on its origin ward on the day (Asia/Ho_Chi_Minh) it was declared. */
    public List<TransactWriteItem> declaration(boolean accepted, String originWard, Instant declaredAt, String declarationId) {
        return increments(accepted ? Counter.DECLARATIONS_ACCEPTED : Counter.DECLARATIONS_REJECTED, originWard,
                Times.vietnamDate(declaredAt), declarationId);
    }

    /** A passage, counted on its checkpoint's ward on the day it happened: in/out when allowed, else turned back. */
    public List<TransactWriteItem> passage(Direction direction, Decision decision, String checkpointWard, Instant at,
                                          String passageId) {
        Counter counter = decision == Decision.TURNED_BACK ? Counter.PASSAGES_TURNED_BACK
                : direction == Direction.IN ? Counter.PASSAGES_IN : Counter.PASSAGES_OUT;
        return increments(counter, checkpointWard, Times.vietnamDate(at), passageId);
    }

    /**
     * A citizen newly classified F0–F3 (for tracing): +1 on {@code level} in the units of {@code residenceWard} on
     * {@code day}. {@code shardKey} is any stable id of the record (the citizen id or the contact's key) so that a retry
     * lands on the same shards. Put the returned updates in the same TransactWriteItems as the conditional put of the
     * classification or contact record, so a duplicate is cancelled whole and never counts twice.
     */
    public List<TransactWriteItem> classified(Classification level, String residenceWard, LocalDate day, String shardKey) {
        return increments(Counter.valueOf(level.name()), residenceWard, day, shardKey);
    }

    /**
     * −1 on what {@link #classified} added, with the same arguments: for a write that must be withdrawn because what
     * it recorded could not be completed (a case whose trace could not be queued).
     */
    public List<TransactWriteItem> classificationWithdrawn(Classification level, String residenceWard, LocalDate day,
                                                          String shardKey) {
        return tally(shardKey).add(Counter.valueOf(level.name()), residenceWard, day, -1).updates();
    }

    /** +1 on {@code counter} for the ward's four units (national, province, district, ward). */
    public List<TransactWriteItem> increments(Counter counter, String wardCode, LocalDate day, String shardKey) {
        return tally(shardKey).add(counter, wardCode, day, 1).updates();
    }

    /**
     * Counts of many records to add in one transaction: {@link Tally#add} them, then put {@link Tally#updates} (one
     * update per unit-day item, adding every counter it got) next to the records' own conditional writes. All of a
     * tally's counts land on the shards of {@code shardKey}, a stable id of the group (so a retry lands there too).
     */
    public Tally tally(String shardKey) {
        return new Tally(Shards.crc(shardKey));
    }

    /** See {@link #tally}. */
    public final class Tally {
        private final long crc;
        private final Map<String, Map<Counter, Long>> amounts = new LinkedHashMap<>();
        private final Map<String, String[]> unitDays = new HashMap<>();

        private Tally(long crc) {
            this.crc = crc;
        }

        /**
         * Adds {@code amount} to {@code counter} in the ward's four units on {@code day} (and, for a running counter,
         * in the day's month and year items).
         */
        public Tally add(Counter counter, String wardCode, LocalDate day, long amount) {
            Ward ward = units.ward(wardCode).orElseThrow(() -> new IllegalArgumentException("unknown ward code"));
            LocalDate d = counter.running() && day.isBefore(FIRST_DAY) ? FIRST_DAY : day;
            List<String> periods = counter.running()
                    ? List.of(d.toString(), YearMonth.from(d).toString(), Integer.toString(d.getYear())) : List.of(d.toString());
            for (Unit unit : Unit.chainOf(ward)) {
                for (String period : periods) {
                    String pk = counter.perPassage()
                            ? unit.key() + "#" + period + "#P" + crc % passageShards(unit.level())
                            : unit.key() + "#" + period + "#" + crc % MAX_SHARDS % shards(unit.level());
                    unitDays.putIfAbsent(pk, new String[] {unit.key(), period});
                    amounts.computeIfAbsent(pk, k -> new EnumMap<>(Counter.class)).merge(counter, amount, Long::sum);
                }
            }
            return this;
        }

        /** How many items {@link #updates} writes. */
        public int items() {
            return (int) amounts.values().stream().filter(Tally::nonZero).count();
        }

        private static boolean nonZero(Map<Counter, Long> counts) {
            return counts.values().stream().anyMatch(v -> v != 0);
        }

        /** One update per unit-day item touched (changes that cancel out write nothing). */
        public List<TransactWriteItem> updates() {
            List<TransactWriteItem> out = new ArrayList<>(amounts.size());
            amounts.forEach((pk, all) -> {
                Map<Counter, Long> counts = new EnumMap<>(Counter.class);
                all.forEach((c, v) -> {
                    if (v != 0) {
                        counts.put(c, v);
                    }
                });
                if (counts.isEmpty()) {
                    return;
                }
                String[] unitDay = unitDays.get(pk);
                Map<String, String> names = new HashMap<>(Map.of("#u", "unit", "#d", "day"));
                Map<String, AttributeValue> values = new HashMap<>(Map.of(":u", AttributeValue.fromS(unitDay[0]),
                        ":d", AttributeValue.fromS(unitDay[1])));
                List<String> adds = new ArrayList<>();
                counts.forEach((counter, amount) -> {
                    int i = adds.size();
                    names.put("#c" + i, counter.attribute());
                    values.put(":v" + i, AttributeValue.fromN(Long.toString(amount)));
                    adds.add("#c" + i + " :v" + i);
                });
                out.add(TransactWriteItem.builder().update(Update.builder()
                        .tableName(table)
                        .key(Map.of(PK, AttributeValue.fromS(pk)))
                        .updateExpression("SET #u = :u, #d = :d ADD " + String.join(", ", adds))
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .build()).build());
            });
            return out;
        }
    }

    /** The shard of a record id among a level's {@link #shards} (the counters other than the passages'). */
    static int shardHash(String key) {
        return Shards.of(key, MAX_SHARDS);
    }

    /** {@link #read(DynamoDbClient, Unit, LocalDate, Set)} of every counter: what the daily report shows. */
    public Map<Counter, Long> read(DynamoDbClient dynamo, Unit unit, LocalDate day) {
        return read(dynamo, unit, day, EnumSet.allOf(Counter.class));
    }

    /**
     * Reads and adds up a unit-day: every shard of the day's item, its passage items when a passage counter is asked
     * for, and for the running counters every item of the sum up to the day (see the class comment), all in BatchGetItem
     * calls of 100 keys. The answer holds exactly the counters asked for (0 where nothing was counted).
     */
    public Map<Counter, Long> read(DynamoDbClient dynamo, Unit unit, LocalDate day, Set<Counter> wanted) {
        List<String> periods = new ArrayList<>();
        if (!day.isBefore(FIRST_DAY) && wanted.stream().anyMatch(Counter::running)) {
            for (int y = FIRST_YEAR; y < day.getYear(); y++) {
                periods.add(Integer.toString(y));
            }
            for (int m = 1; m < day.getMonthValue(); m++) {
                periods.add(YearMonth.of(day.getYear(), m).toString());
            }
            for (int d = 1; d < day.getDayOfMonth(); d++) {
                periods.add(day.withDayOfMonth(d).toString());
            }
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        if (wanted.stream().anyMatch(c -> !c.perPassage())) {
            periods.add(day.toString());
            for (String period : periods) {
                for (int s = 0; s < shards(unit.level()); s++) {
                    keys.add(Map.of(PK, AttributeValue.fromS(unit.key() + "#" + period + "#" + s)));
                }
            }
        }
        if (wanted.stream().anyMatch(Counter::perPassage)) {
            for (int s = 0; s < passageShards(unit.level()); s++) {
                keys.add(Map.of(PK, AttributeValue.fromS(passagePk(unit, day, s))));
            }
        }
        String dayPrefix = unit.key() + "#" + day + "#";
        Map<Counter, Long> totals = new EnumMap<>(Counter.class);
        for (Counter c : wanted) {
            totals.put(c, 0L);
        }
        for (Map<String, AttributeValue> item : BatchReads.getAll(dynamo, table, keys, false)) {
            boolean ofTheDay = item.get(PK).s().startsWith(dayPrefix);
            for (Counter c : wanted) {
                AttributeValue v = item.get(c.attribute());
                if (v != null && v.n() != null && (ofTheDay || c.running())) {
                    totals.merge(c, Long.parseLong(v.n()), Long::sum);
                }
            }
        }
        return totals;
    }
}

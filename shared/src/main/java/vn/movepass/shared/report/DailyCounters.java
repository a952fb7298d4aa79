package vn.movepass.shared.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
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
import vn.movepass.shared.store.Tables;

/**
 * Daily counters per administrative unit, updated in the same transaction as the record they count, so a report
 * always equals a recount of the records. A record adds 1 to one shard of each of its four units (national,
 * province, district, ward). Wide units are sharded so that no single item takes every transaction of the country
 * (concurrent transactions on one item cancel each other with TransactionConflict): national 16 shards, a province
 * 8, a district 2, a ward 1. The shard is a hash of the record's id, so a retried record lands on the same shard.
 * A report reads every shard of its unit-day in one BatchGetItem (at most 16 keys) and adds them up.
 *
 * <p>Item: {@code pk = <unit>#<yyyy-MM-dd>#<shard>} (e.g. {@code province:79#2021-08-20#3}), {@code unit}, {@code day},
 * and one number per {@link Counter}. Counters hold no personal data and have no TTL.
 *
 * <p>For callers that write their own records (tracing): {@link #classified} returns the updates to put in the
 * caller's own transaction, next to the conditional put that makes the record idempotent.
 */
public final class DailyCounters {
    public static final String PK = "pk";
    private static final int MAX_SHARDS = 16;

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
        return new Tally(shardHash(shardKey));
    }

    /** See {@link #tally}. */
    public final class Tally {
        private final int hash;
        private final Map<String, Map<Counter, Long>> amounts = new LinkedHashMap<>();
        private final Map<String, String[]> unitDays = new HashMap<>();

        private Tally(int hash) {
            this.hash = hash;
        }

        /** Adds {@code amount} to {@code counter} in the ward's four units on {@code day}. */
        public Tally add(Counter counter, String wardCode, LocalDate day, long amount) {
            Ward ward = units.ward(wardCode).orElseThrow(() -> new IllegalArgumentException("unknown ward code"));
            for (Unit unit : Unit.chainOf(ward)) {
                String pk = pk(unit, day, hash % shards(unit.level()));
                unitDays.putIfAbsent(pk, new String[] {unit.key(), day.toString()});
                amounts.computeIfAbsent(pk, k -> new EnumMap<>(Counter.class)).merge(counter, amount, Long::sum);
            }
            return this;
        }

        /** How many items {@link #updates} writes. */
        public int items() {
            return amounts.size();
        }

        /** One update per unit-day item touched. */
        public List<TransactWriteItem> updates() {
            List<TransactWriteItem> out = new ArrayList<>(amounts.size());
            amounts.forEach((pk, counts) -> {
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

    static int shardHash(String key) {
        CRC32 crc = new CRC32();
        crc.update((key == null ? "" : key).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % MAX_SHARDS);
    }

    /** Reads and adds up every shard of a unit-day: one BatchGetItem (plus retries of unprocessed keys). */
    public Map<Counter, Long> read(DynamoDbClient dynamo, Unit unit, LocalDate day) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int s = 0; s < shards(unit.level()); s++) {
            keys.add(Map.of(PK, AttributeValue.fromS(pk(unit, day, s))));
        }
        Map<Counter, Long> totals = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            totals.put(c, 0L);
        }
        for (Map<String, AttributeValue> item : BatchReads.getAll(dynamo, table, keys, false)) {
            for (Counter c : Counter.values()) {
                AttributeValue v = item.get(c.attribute());
                if (v != null && v.n() != null) {
                    totals.merge(c, Long.parseLong(v.n()), Long::sum);
                }
            }
        }
        return totals;
    }
}

package vn.movepass.shared.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.admin.AdministrativeUnits;
import vn.movepass.shared.admin.Ward;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Classification;
import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Direction;
import vn.movepass.shared.domain.Times;

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
        return new DailyCounters(p.environment().require(EnvKey.DAILY_COUNTERS_TABLE), AdministrativeUnits.get());
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
        return add(Counter.valueOf(level.name()), residenceWard, day, shardKey, -1);
    }

    /** +1 on {@code counter} for the ward's four units (national, province, district, ward). */
    public List<TransactWriteItem> increments(Counter counter, String wardCode, LocalDate day, String shardKey) {
        return add(counter, wardCode, day, shardKey, 1);
    }

    private List<TransactWriteItem> add(Counter counter, String wardCode, LocalDate day, String shardKey, int delta) {
        Ward ward = units.ward(wardCode).orElseThrow(() -> new IllegalArgumentException("unknown ward code"));
        int hash = shardHash(shardKey);
        List<TransactWriteItem> out = new ArrayList<>(4);
        for (Unit unit : Unit.chainOf(ward)) {
            int shard = hash % shards(unit.level());
            out.add(TransactWriteItem.builder().update(Update.builder()
                    .tableName(table)
                    .key(Map.of(PK, AttributeValue.fromS(pk(unit, day, shard))))
                    .updateExpression("SET #u = :u, #d = :d ADD #c :delta")
                    .expressionAttributeNames(Map.of("#u", "unit", "#d", "day", "#c", counter.attribute()))
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(unit.key()),
                            ":d", AttributeValue.fromS(day.toString()), ":delta", AttributeValue.fromN(Integer.toString(delta))))
                    .build()).build());
        }
        return out;
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
        Map<String, KeysAndAttributes> request = new HashMap<>(Map.of(table, KeysAndAttributes.builder().keys(keys).build()));
        for (int attempt = 0; !request.isEmpty(); attempt++) {
            if (attempt > 0) {
                backoff(attempt);
            }
            var answer = dynamo.batchGetItem(b -> b.requestItems(request));
            for (Map<String, AttributeValue> item : answer.responses().getOrDefault(table, List.of())) {
                for (Counter c : Counter.values()) {
                    AttributeValue v = item.get(c.attribute());
                    if (v != null && v.n() != null) {
                        totals.merge(c, Long.parseLong(v.n()), Long::sum);
                    }
                }
            }
            request.clear();
            if (answer.hasUnprocessedKeys()) {
                request.putAll(answer.unprocessedKeys());
            }
            if (attempt > 8 && !request.isEmpty()) {
                throw new IllegalStateException("counters stay unprocessed");
            }
        }
        return totals;
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(500, 10L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package vn.movepass.shared.health;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.pass.PassHolders;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.HealthStatusItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;

/**
 * Reads and changes residents' health status in HealthTable. A change is one transaction: the caller's items (the
 * history event, a dose, an idempotency record…), the status item (conditioned on the version read, so two writers
 * never lose each other's change: the loser reads again and re-applies its rule) and the report counters
 * ({@link HealthCounters}). Only then is the new status copied onto the resident's live passes; a crash between the
 * two leaves the copies one version behind until the next change or {@link #recopy} heals them, and a copy never
 * replaces a newer one.
 */
public final class HealthStore {
    private static final int ATTEMPTS = 8;
    private static final String OPEN_ENDED = "9999-12-31T23:59:59Z";

    private final DynamoDbClient dynamo;
    private final String table;
    private final PassHolders holders;
    private final HealthCounters counters;
    private final Duration retention;

    public HealthStore(DynamoDbClient dynamo, String table, PassHolders holders, HealthCounters counters, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.holders = holders;
        this.counters = counters;
        this.retention = retention;
    }

    /** The store with the daily report's counters ({@link StayCounters}). */
    public static HealthStore create(Platform p) {
        String table = Tables.name(p, EnvKey.HEALTH_TABLE);
        PassHolders holders = new PassHolders(p.dynamo(), Tables.name(p, EnvKey.PASSES_TABLE));
        return new HealthStore(p.dynamo(), table, holders, new StayCounters(DailyCounters.create(p)),
                p.environment().duration(EnvKey.HEALTH_RETENTION_DAYS));
    }

    public String table() {
        return table;
    }

    /** A resident's stored status: version 0 (and {@link HealthSnapshot#EMPTY}) when they have none. */
    public record Status(String citizenId, HealthSnapshot snapshot, long version, String wardCode, String fullName,
                         String countedWard) {
    }

    /** Who the resident is, as the registry says: kept on the status for the ward's list. */
    public record Resident(String citizenId, String currentWardCode, String fullName) {
    }

    /** What a change did: the snapshot before and after, the rule's outcome, and the version now stored. */
    public record Applied(HealthSnapshot before, HealthSnapshot after, HealthRules.Outcome outcome, long version) {
        public boolean changed() {
            return !before.equals(after);
        }
    }

    /**
     * The caller's part of a change: its rule's result and the items it writes with the status; {@code doseDay} the day
     * of the vaccine dose it records (counted in the reports), or null.
     */
    public record Plan(HealthRules.Result result, List<TransactWriteItem> items, LocalDate doseDay) {
        public Plan(HealthRules.Result result, List<TransactWriteItem> items) {
            this(result, items, null);
        }
    }

    /** The status, read consistently. */
    public Status read(String citizenId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(citizenId)).consistentRead(true)).item();
        return status(citizenId, item);
    }

    /** Many residents' statuses, read consistently by BatchGetItem (100 a call): citizen id → status. */
    public Map<String, Status> readAll(Collection<String> citizenIds) {
        List<Map<String, AttributeValue>> keys = citizenIds.stream().map(HealthStore::key).toList();
        Map<String, Status> statuses = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchReads.getAll(dynamo, table, keys, true)) {
            statuses.put(item.get("pk").s(), status(item.get("pk").s(), item));
        }
        citizenIds.forEach(id -> statuses.computeIfAbsent(id, none -> status(none, null)));
        return statuses;
    }

    /**
     * Applies one change: reads the status, lets {@code plan} decide (it may throw a domain exception: nothing is
     * written), writes the plan's items with the status and the counters in one transaction, retrying from the read
     * when another writer got there first, then copies the status onto the resident's live passes.
     *
     * @throws TransactionCanceledException when one of the plan's own items failed its condition (for instance an
     *                                      idempotency record that already exists): the caller interprets it; the
     *                                      plan's items come first, so their indexes are the plan's
     */
    public Applied change(Resident resident, Function<Status, Plan> plan, Instant now) {
        return change(resident, plan, now, null);
    }

    /**
     * {@link #change(Resident, Function, Instant)} starting from a status the caller read consistently just before
     * ({@link #readAll}; null: read it here). A stale one costs a retry, never a lost change: the write is conditioned
     * on its version.
     */
    public Applied change(Resident resident, Function<Status, Plan> plan, Instant now, Status known) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Status before = attempt == 1 && known != null ? known : read(resident.citizenId());
            Plan p = plan.apply(before);
            HealthSnapshot after = p.result().after();
            boolean statusChanges = !after.equals(before.snapshot()) || before.version() == 0;
            long version = statusChanges ? before.version() + 1 : before.version();
            List<TransactWriteItem> items = new ArrayList<>(p.items());
            int statusIndex = items.size();
            if (statusChanges) {
                items.add(statusUpdate(resident, before.version(), after, version, now));
                // the old snapshot is counted out where it was counted, the new one in the resident's ward now
                items.addAll(counters.changes(resident.citizenId(), before.countedWard(), before.snapshot(),
                        resident.currentWardCode(), after, p.doseDay()));
            } else {
                items.add(unchanged(resident.citizenId(), before.version()));
            }
            try {
                Transactions.write(dynamo, items);
            } catch (TransactionCanceledException e) {
                if (Transactions.failedConditions(e).contains(statusIndex)) {
                    // another change landed since the read (its own items may have collided with the plan's too):
                    // apply the rule again to the new status
                    continue;
                }
                throw e;
            }
            if (statusChanges) {
                copy(resident.citizenId(), after, version, now);
            }
            return new Applied(before.snapshot(), after, p.result().outcome(), version);
        }
        throw DependencyUnavailableException.busy();
    }

    /** Copies the stored status onto the resident's live passes again (idempotent): heals an interrupted change. */
    public void recopy(String citizenId, Instant now) {
        Status s = read(citizenId);
        if (s.version() > 0) {
            copy(citizenId, s.snapshot(), s.version(), now);
        }
    }

    /**
     * The issuing transaction's check that the resident's status is still at {@code version} (0: has none), so the
     * snapshot a new pass carries is the current one; see {@link PassHolders} for why the two writers cannot miss
     * each other.
     */
    public TransactWriteItem unchanged(String citizenId, long version) {
        ConditionCheck.Builder check = ConditionCheck.builder().tableName(table).key(key(citizenId));
        if (version == 0) {
            check.conditionExpression("attribute_not_exists(pk)");
        } else {
            check.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(version)));
        }
        return TransactWriteItem.builder().conditionCheck(check.build()).build();
    }

    private void copy(String citizenId, HealthSnapshot snapshot, long version, Instant now) {
        String encoded = snapshot.encode();
        for (List<String> passIds : holders.livePasses(List.of(citizenId), now).values()) {
            for (String passId : passIds) {
                holders.copyHealth(passId, encoded, version);
            }
        }
    }

    private TransactWriteItem statusUpdate(Resident resident, long expected, HealthSnapshot after, long version, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":h", s(after.encode()));
        values.put(":v", n(version));
        values.put(":exp", n(now.plus(retention).getEpochSecond()));
        StringBuilder set = new StringBuilder("SET health = :h, version = :v, expiresAt = :exp");
        if (resident.fullName() != null) {
            set.append(", fullName = :name");
            values.put(":name", s(resident.fullName()));
        }
        Instant activeUntil = after.activeUntil();
        String remove = "";
        if (resident.currentWardCode() != null) {
            set.append(", countedWard = :counted");
            values.put(":counted", s(resident.currentWardCode()));
        } else {
            remove = " REMOVE countedWard";
        }
        if (activeUntil != null && activeUntil.isAfter(now) && resident.currentWardCode() != null) {
            set.append(", wardCode = :ward, activeUntil = :until");
            values.put(":ward", s(resident.currentWardCode()));
            values.put(":until", s(activeUntil.equals(Instant.MAX) ? OPEN_ENDED : activeUntil.toString()));
        } else {
            remove = remove.isEmpty() ? " REMOVE wardCode, activeUntil" : remove + ", wardCode, activeUntil";
        }
        String condition;
        if (expected == 0) {
            condition = "attribute_not_exists(pk)";
        } else {
            condition = "version = :expected";
            values.put(":expected", n(expected));
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(resident.citizenId()))
                .updateExpression(set + remove).conditionExpression(condition).expressionAttributeValues(values).build()).build();
    }

    /** The status an item read from HealthTable holds (null or empty: none). */
    public static Status status(String citizenId, Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return new Status(citizenId, HealthSnapshot.EMPTY, 0, null, null, null);
        }
        AttributeValue health = item.get("health");
        AttributeValue version = item.get("version");
        AttributeValue ward = item.get("wardCode");
        AttributeValue name = item.get("fullName");
        AttributeValue counted = item.get("countedWard");
        return new Status(citizenId, HealthSnapshot.decode(health == null ? null : health.s()),
                version == null ? 0 : Long.parseLong(version.n()), ward == null ? null : ward.s(), name == null ? null : name.s(),
                counted == null ? null : counted.s());
    }

    /** The status item's key. */
    public static Map<String, AttributeValue> key(String citizenId) {
        return Map.of("pk", s(citizenId), "sk", s(HealthStatusItem.STATUS));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}

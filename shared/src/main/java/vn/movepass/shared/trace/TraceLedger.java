package vn.movepass.shared.trace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.Transactions;
import vn.movepass.shared.ops.Metric;
import vn.movepass.shared.ops.Telemetry;

/**
 * The work ledger of a case: every unit of tracing work is an item that is OPEN until done, and the
 * case item counts the open ones ({@code pending}). A unit is opened (item put + pending +1) before
 * the message that carries it is sent, and closed (OPEN→DONE + pending −1) only after all the units
 * it spawned were opened and sent — so {@code pending} reaches 0 exactly when no work remains.
 * Both are single transactions, conditional on the unit's state, so redelivery never counts twice; the
 * children of one step are opened together, up to 99 in one transaction.
 */
public final class TraceLedger {
    private static final int CONFLICT_RETRIES = 12;
    /** Units opened per transaction: 99 items and the case's pending count, DynamoDB's limit of 100. */
    static final int UNITS_PER_TRANSACTION = 99;

    private final DynamoDbClient dynamo;
    private final String casesTable;
    private final String workTable;
    private final Telemetry telemetry;

    public TraceLedger(DynamoDbClient dynamo, String casesTable, String workTable) {
        this(dynamo, casesTable, workTable, Telemetry.NONE);
    }

    public TraceLedger(DynamoDbClient dynamo, String casesTable, String workTable, Telemetry telemetry) {
        this.dynamo = dynamo;
        this.casesTable = casesTable;
        this.workTable = workTable;
        this.telemetry = telemetry;
    }

    /** Opens a unit. Returns false when it already existed (opened before: a redelivery or another path). */
    public boolean open(String caseId, String unitId, String body, String now, long expiresAt) {
        boolean opened = transact(List.of(openPut(caseId, unitId, body, now, expiresAt), pending(caseId, 1)));
        if (opened) {
            telemetry.count(Metric.TRACE_UNITS_OPENED);
        }
        return opened;
    }

    /**
     * Opens many units, up to 99 in one transaction (their items + pending +n). Returns the units whose message is
     * to be sent: all of them, or after a crash or redelivery, those opened now or found still OPEN (a DONE unit
     * is never sent again). A transaction with a unit that existed is cancelled whole; its units then open one by one.
     */
    public Set<String> openAll(String caseId, Map<String, String> bodiesByUnit, String now, long expiresAt) {
        List<String> units = List.copyOf(new LinkedHashSet<>(bodiesByUnit.keySet()));
        Set<String> toSend = new LinkedHashSet<>();
        for (int i = 0; i < units.size(); i += UNITS_PER_TRANSACTION) {
            List<String> chunk = units.subList(i, Math.min(units.size(), i + UNITS_PER_TRANSACTION));
            List<TransactWriteItem> items = new ArrayList<>();
            chunk.forEach(unit -> items.add(openPut(caseId, unit, bodiesByUnit.get(unit), now, expiresAt)));
            items.add(pending(caseId, chunk.size()));
            List<CancellationReason> failed = chunk.size() == 1 ? null : attempt(items);
            if (failed != null && failed.isEmpty()) {
                toSend.addAll(chunk);
                telemetry.count(Metric.TRACE_UNITS_OPENED, chunk.size());
                continue;
            }
            if (failed != null && failed(failed, items.size() - 1)) {
                throw new IllegalStateException("no such case");
            }
            for (String unit : chunk) {
                if (open(caseId, unit, bodiesByUnit.get(unit), now, expiresAt) || "OPEN".equals(status(caseId, unit))) {
                    toSend.add(unit);
                }
            }
        }
        return toSend;
    }

    private TransactWriteItem openPut(String caseId, String unitId, String body, String now, long expiresAt) {
        return TransactWriteItem.builder().put(Put.builder().tableName(workTable)
                .item(unitItem(caseId, unitId, body, now, expiresAt))
                .conditionExpression("attribute_not_exists(unitId)").build()).build();
    }

    /** Sweeper shards of the open-units index: keys spread however many units are open at once. */
    public static final int OPEN_SHARDS = 16;
    /** The sparse index of open units by shard and the instant their message was last sent (TraceSweeper). */
    public static final String BY_OPEN = "byOpen";

    /**
     * An open unit: with the message that carries it ({@code body}), and while OPEN in the sparse index
     * {@link #BY_OPEN} ({@code openShard}, {@code sentAt}), so that a sweep finds the units whose message was lost.
     */
    public static Map<String, AttributeValue> unitItem(String caseId, String unitId, String body, String now, long expiresAt) {
        return Map.of("caseId", s(caseId), "unitId", s(unitId), "status", s("OPEN"), "createdAt", s(now),
                "expiresAt", n(expiresAt), "body", s(body), "openShard", s(openShard(caseId, unitId)), "sentAt", s(now));
    }

    static String openShard(String caseId, String unitId) {
        return "OPEN#" + Math.floorMod((caseId + "|" + unitId).hashCode(), OPEN_SHARDS);
    }

    /** Closes a unit. Returns false when it was already closed. */
    public boolean close(String caseId, String unitId) {
        TransactWriteItem done = TransactWriteItem.builder().update(Update.builder().tableName(workTable)
                .key(Map.of("caseId", s(caseId), "unitId", s(unitId)))
                .updateExpression("SET #s = :done REMOVE openShard")
                .conditionExpression("#s = :open")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":done", s("DONE"), ":open", s("OPEN"))).build()).build();
        boolean closed = transact(List.of(done, pending(caseId, -1)));
        if (closed) {
            telemetry.count(Metric.TRACE_UNITS_CLOSED);
        }
        return closed;
    }

    /** OPEN, DONE, or null when the unit was never opened. */
    public String status(String caseId, String unitId) {
        var item = dynamo.getItem(r -> r.tableName(workTable).consistentRead(true)
                .key(Map.of("caseId", s(caseId), "unitId", s(unitId)))).item();
        return item == null || !item.containsKey("status") ? null : item.get("status").s();
    }

    /** A unit's case item (null: no such case) and the unit's status (null: never opened). */
    public record Read(Map<String, AttributeValue> caseItem, String status) {
    }

    /** The case item and the unit's status, both read consistently in one BatchGetItem (not a GetItem each). */
    public Read read(String caseId, String unitId) {
        var found = BatchReads.across(dynamo, Map.of(
                casesTable, KeysAndAttributes.builder().keys(List.of(Map.of("caseId", s(caseId)))).consistentRead(true).build(),
                workTable, KeysAndAttributes.builder().keys(List.of(Map.of("caseId", s(caseId), "unitId", s(unitId))))
                        .consistentRead(true).build()));
        Map<String, AttributeValue> unit = BatchReads.first(found, workTable);
        AttributeValue status = unit == null ? null : unit.get("status");
        return new Read(BatchReads.first(found, casesTable), status == null ? null : status.s());
    }

    private TransactWriteItem pending(String caseId, int delta) {
        return TransactWriteItem.builder().update(Update.builder().tableName(casesTable)
                .key(Map.of("caseId", s(caseId)))
                .updateExpression("ADD pending :d")
                .conditionExpression("attribute_exists(caseId)")
                .expressionAttributeValues(Map.of(":d", n(delta))).build()).build();
    }

    /** True when written; false when the first item's condition failed; retries transaction conflicts. */
    private boolean transact(List<TransactWriteItem> items) {
        List<CancellationReason> failed = attempt(items);
        if (failed.isEmpty()) {
            return true;
        }
        if (failed(failed, 0)) {
            return false;
        }
        throw new IllegalStateException("no such case");
    }

    /**
     * Writes the transaction: an empty list when written, the cancellation reasons when a condition failed;
     * transaction conflicts and throttling are retried.
     */
    private List<CancellationReason> attempt(List<TransactWriteItem> items) {
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
                return List.of();
            } catch (TransactionCanceledException e) {
                if (Transactions.anyConditionFailed(e)) {
                    return e.cancellationReasons();
                }
                if (attempt >= CONFLICT_RETRIES || !conflict(e.cancellationReasons())) {
                    throw e;
                }
                backoff(attempt);
            }
        }
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static boolean conflict(List<CancellationReason> reasons) {
        return reasons != null && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code())
                || "ThrottlingError".equals(r.code()) || "ProvisionedThroughputExceeded".equals(r.code()));
    }

    static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L << Math.min(attempt, 6)) + (long) (Math.random() * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}

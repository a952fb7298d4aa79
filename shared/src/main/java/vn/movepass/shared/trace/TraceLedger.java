package vn.movepass.shared.trace;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The work ledger of a case: every unit of tracing work is an item that is OPEN until done, and the
 * case item counts the open ones ({@code pending}). A unit is opened (item put + pending +1) before
 * the message that carries it is sent, and closed (OPEN→DONE + pending −1) only after all the units
 * it spawned were opened and sent — so {@code pending} reaches 0 exactly when no work remains.
 * Both are single transactions, conditional on the unit's state, so redelivery never counts twice.
 */
public final class TraceLedger {
    private static final int CONFLICT_RETRIES = 12;

    private final DynamoDbClient dynamo;
    private final String casesTable;
    private final String workTable;

    public TraceLedger(DynamoDbClient dynamo, String casesTable, String workTable) {
        this.dynamo = dynamo;
        this.casesTable = casesTable;
        this.workTable = workTable;
    }

    /** Opens a unit. Returns false when it already existed (opened before: a redelivery or another path). */
    public boolean open(String caseId, String unitId, String now, long expiresAt) {
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(workTable)
                .item(Map.of("caseId", s(caseId), "unitId", s(unitId), "status", s("OPEN"), "createdAt", s(now),
                        "expiresAt", n(expiresAt)))
                .conditionExpression("attribute_not_exists(unitId)").build()).build();
        return transact(List.of(put, pending(caseId, 1)));
    }

    /** Closes a unit. Returns false when it was already closed. */
    public boolean close(String caseId, String unitId) {
        TransactWriteItem done = TransactWriteItem.builder().update(Update.builder().tableName(workTable)
                .key(Map.of("caseId", s(caseId), "unitId", s(unitId)))
                .updateExpression("SET #s = :done")
                .conditionExpression("#s = :open")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":done", s("DONE"), ":open", s("OPEN"))).build()).build();
        return transact(List.of(done, pending(caseId, -1)));
    }

    /** OPEN, DONE, or null when the unit was never opened. */
    public String status(String caseId, String unitId) {
        var item = dynamo.getItem(r -> r.tableName(workTable).consistentRead(true)
                .key(Map.of("caseId", s(caseId), "unitId", s(unitId)))).item();
        return item == null || !item.containsKey("status") ? null : item.get("status").s();
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
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
                return true;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                    return false;
                }
                if (reasons != null && reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                    throw new IllegalStateException("no such case", e);
                }
                if (attempt >= CONFLICT_RETRIES || !conflict(reasons)) {
                    throw e;
                }
                backoff(attempt);
            }
        }
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

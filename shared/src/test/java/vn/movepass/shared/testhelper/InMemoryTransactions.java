package vn.movepass.shared.testhelper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.scan.PassageRecorder;

/**
 * Keeps the transactions a service writes, and honours the one condition the services put on a new item,
 * {@code attribute_not_exists(pk)}: a second put of the same table and {@code pk}/{@code sk} cancels its whole
 * transaction with ConditionalCheckFailed at that index, as DynamoDB does.
 */
public final class InMemoryTransactions implements PassageRecorder.Writer {
    private final List<List<TransactWriteItem>> committed = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    @Override
    public synchronized void write(List<TransactWriteItem> items) {
        List<CancellationReason> reasons = new ArrayList<>();
        List<String> newKeys = new ArrayList<>();
        boolean failed = false;
        for (TransactWriteItem item : items) {
            Put put = item.put();
            String key = put == null ? null : key(put);
            boolean conditional = put != null && "attribute_not_exists(pk)".equals(put.conditionExpression());
            if (conditional && (keys.contains(key) || newKeys.contains(key))) {
                reasons.add(CancellationReason.builder().code("ConditionalCheckFailed").build());
                failed = true;
            } else {
                reasons.add(CancellationReason.builder().code("None").build());
                if (conditional) {
                    newKeys.add(key);
                }
            }
        }
        if (failed) {
            throw TransactionCanceledException.builder().message("Transaction cancelled").cancellationReasons(reasons).build();
        }
        keys.addAll(newKeys);
        committed.add(List.copyOf(items));
    }

    private static String key(Put put) {
        Map<String, AttributeValue> item = put.item();
        return put.tableName() + "|" + s(item.get("pk")) + "|" + s(item.get("sk"));
    }

    private static String s(AttributeValue v) {
        return v == null ? null : v.s();
    }

    /** The transactions that went through, in order. */
    public synchronized List<List<TransactWriteItem>> committed() {
        return List.copyOf(committed);
    }
}

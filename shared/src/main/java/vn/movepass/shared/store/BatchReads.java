package vn.movepass.shared.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import vn.movepass.shared.error.DependencyUnavailableException;

/**
 * BatchGetItem of any number of keys of one table: 100 keys a call, unprocessed keys retried with backoff (a 503 when
 * they stay unprocessed).
 */
public final class BatchReads {
    private static final int KEYS_PER_CALL = 100;
    private static final int ATTEMPTS = 10;

    private BatchReads() {
    }

    /** The items found (in no particular order); missing keys are simply absent. */
    public static List<Map<String, AttributeValue>> getAll(DynamoDbClient dynamo, String table,
                                                           List<Map<String, AttributeValue>> keys, boolean consistent) {
        List<Map<String, AttributeValue>> found = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i += KEYS_PER_CALL) {
            KeysAndAttributes chunk = KeysAndAttributes.builder()
                    .keys(keys.subList(i, Math.min(keys.size(), i + KEYS_PER_CALL))).consistentRead(consistent).build();
            found.addAll(across(dynamo, Map.of(table, chunk)).getOrDefault(table, List.of()));
        }
        return found;
    }

    /**
     * One BatchGetItem across tables (at most 100 keys in all; each table's {@link KeysAndAttributes} says whether its
     * reads are consistent), unprocessed keys retried with backoff: the items found, by table.
     */
    public static Map<String, List<Map<String, AttributeValue>>> across(DynamoDbClient dynamo,
                                                                         Map<String, KeysAndAttributes> keys) {
        Map<String, List<Map<String, AttributeValue>>> found = new HashMap<>();
        Map<String, KeysAndAttributes> request = new HashMap<>(keys);
        for (int attempt = 1; !request.isEmpty(); attempt++) {
            if (attempt > 1) {
                backoff(attempt);
            }
            Map<String, KeysAndAttributes> sent = Map.copyOf(request);
            var answer = dynamo.batchGetItem(b -> b.requestItems(sent));
            answer.responses().forEach((table, items) -> found.computeIfAbsent(table, t -> new ArrayList<>()).addAll(items));
            request.clear();
            if (answer.hasUnprocessedKeys()) {
                request.putAll(answer.unprocessedKeys());
            }
            if (attempt >= ATTEMPTS && !request.isEmpty()) {
                throw DependencyUnavailableException.busy(); // a 503: the table stayed throttled through every retry
            }
        }
        return found;
    }

    /** The one item {@link #across} found in {@code table} (a read of one key there), or null. */
    public static Map<String, AttributeValue> first(Map<String, List<Map<String, AttributeValue>>> found, String table) {
        List<Map<String, AttributeValue>> items = found.get(table);
        return items == null || items.isEmpty() ? null : items.get(0);
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(500, 10L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed keys", e);
        }
    }
}

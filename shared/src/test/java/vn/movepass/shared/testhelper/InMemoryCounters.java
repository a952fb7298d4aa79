package vn.movepass.shared.testhelper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.report.DailyCounters;

/**
 * DailyCountersTable in memory: {@link #apply} adds a transaction's counter updates ({@code SET #u = :u, #d = :d ADD #c0
 * :v0, …}) to the items, and {@link #client} answers DailyCounters' BatchGetItem reads from them, recording the keys
 * each call asked for ({@link #calls}).
 */
public final class InMemoryCounters {
    private final String table;
    private final Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    private final List<List<String>> calls = new ArrayList<>();
    private final DynamoDbClient client = new DynamoDbClient() {
        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            List<String> asked = new ArrayList<>();
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            for (Map<String, AttributeValue> key : request.requestItems().get(table).keys()) {
                asked.add(key.get(DailyCounters.PK).s());
                Map<String, AttributeValue> item = items.get(key.get(DailyCounters.PK).s());
                if (item != null) {
                    found.add(item);
                }
            }
            calls.add(asked);
            return BatchGetItemResponse.builder().responses(Map.of(table, found)).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    };

    public InMemoryCounters(String table) {
        this.table = table;
    }

    public DynamoDbClient client() {
        return client;
    }

    /** The keys each BatchGetItem asked for, in order. */
    public List<List<String>> calls() {
        return calls;
    }

    public void apply(List<TransactWriteItem> updates) {
        for (TransactWriteItem t : updates) {
            Update u = t.update();
            String pk = u.key().get(DailyCounters.PK).s();
            Map<String, AttributeValue> item = items.computeIfAbsent(pk, k -> new HashMap<>(Map.of(DailyCounters.PK,
                    AttributeValue.fromS(k))));
            u.expressionAttributeNames().forEach((name, attribute) -> {
                if (name.startsWith("#c")) {
                    long add = Long.parseLong(u.expressionAttributeValues().get(":v" + name.substring(2)).n());
                    AttributeValue old = item.get(attribute);
                    item.put(attribute, AttributeValue.fromN(Long.toString((old == null ? 0 : Long.parseLong(old.n())) + add)));
                }
            });
        }
    }
}

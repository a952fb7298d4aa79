package vn.movepass.shared.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A DynamoDB of a few maps, enough for SupportService: GetItem, BatchGetItem, BatchWriteItem (kept, not read back) and
 * TransactWriteItems with the conditions the service writes — {@code attribute_not_exists(pk)} on a put, and
 * {@code #s = :x AND version = :v} on an update — applying an update's {@code SET a = :b} pairs, {@code ADD} amounts and
 * {@code REMOVE} names; Query of the ward indexes ({@code wardShard = :w}, optionally {@code AND begins_with(key, :p)}) with
 * Limit and ExclusiveStartKey, as DynamoDB pages them. Anything else fails loudly. Not thread-safe beyond its synchronized transaction.
 */
final class FakeDynamo implements InvocationHandler {
    private static final Pattern SET_PAIR = Pattern.compile("(#?\\w+) = (:\\w+)(?=,|$| ADD| REMOVE)");
    final Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
    final List<List<TransactWriteItem>> committed = new ArrayList<>();
    int batchWrites;

    static DynamoDbClient create(FakeDynamo fake) {
        return (DynamoDbClient) Proxy.newProxyInstance(FakeDynamo.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, fake);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.isDefault() && args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        return switch (method.getName()) {
            case "getItem" -> getItem((GetItemRequest) args[0]);
            case "batchGetItem" -> batchGet((BatchGetItemRequest) args[0]);
            case "batchWriteItem" -> {
                batchWrites++;
                yield BatchWriteItemResponse.builder().build();
            }
            case "transactWriteItems" -> transact((TransactWriteItemsRequest) args[0]);
            case "query" -> query((QueryRequest) args[0]);
            case "serviceName" -> "dynamodb";
            case "close" -> null;
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }

    static String key(String table, Map<String, AttributeValue> key) {
        AttributeValue sk = key.get("sk");
        AttributeValue pk = key.containsKey("pk") ? key.get("pk") : key.get("citizenId");
        return table + "|" + pk.s() + "|" + (sk == null ? "" : sk.s());
    }

    private GetItemResponse getItem(GetItemRequest r) {
        Map<String, AttributeValue> item = items.get(key(r.tableName(), r.key()));
        return GetItemResponse.builder().item(item == null ? null : new HashMap<>(item)).build();
    }

    private BatchGetItemResponse batchGet(BatchGetItemRequest r) {
        Map<String, List<Map<String, AttributeValue>>> found = new HashMap<>();
        r.requestItems().forEach((table, keys) -> {
            List<Map<String, AttributeValue>> list = new ArrayList<>();
            for (var k : keys.keys()) {
                Map<String, AttributeValue> item = items.get(key(table, k));
                if (item != null) {
                    list.add(item);
                }
            }
            found.put(table, list);
        });
        return BatchGetItemResponse.builder().responses(found).build();
    }

    private synchronized TransactWriteItemsResponse transact(TransactWriteItemsRequest r) {
        List<CancellationReason> reasons = new ArrayList<>();
        boolean failed = false;
        for (TransactWriteItem t : r.transactItems()) {
            boolean ok = true;
            if (t.put() != null && "attribute_not_exists(pk)".equals(t.put().conditionExpression())) {
                ok = !items.containsKey(key(t.put().tableName(), t.put().item()));
            } else if (t.update() != null && t.update().conditionExpression() != null) {
                Update u = t.update();
                Map<String, AttributeValue> item = items.get(key(u.tableName(), u.key()));
                Matcher m = Pattern.compile("#s = (:\\w+) AND version = (:\\w+)").matcher(u.conditionExpression());
                if (!m.matches()) {
                    throw new UnsupportedOperationException(u.conditionExpression());
                }
                ok = item != null && item.get("status").equals(u.expressionAttributeValues().get(m.group(1)))
                        && item.get("version").equals(u.expressionAttributeValues().get(m.group(2)));
            }
            reasons.add(CancellationReason.builder().code(ok ? "None" : "ConditionalCheckFailed").build());
            failed |= !ok;
        }
        if (failed) {
            throw TransactionCanceledException.builder().message("cancelled").cancellationReasons(reasons).build();
        }
        for (TransactWriteItem t : r.transactItems()) {
            if (t.put() != null) {
                items.put(key(t.put().tableName(), t.put().item()), new HashMap<>(t.put().item()));
            } else {
                apply(t.update());
            }
        }
        committed.add(r.transactItems());
        return TransactWriteItemsResponse.builder().build();
    }

    int queries;

    private QueryResponse query(QueryRequest r) {
        queries++;
        String sortKey = switch (r.indexName()) {
            case SupportService.BY_WARD -> "listKey";
            case SupportService.BY_WARD_POLICY -> "policyKey";
            default -> throw new UnsupportedOperationException(r.indexName());
        };
        Matcher m = Pattern.compile("wardShard = :w(?: AND begins_with\\((\\w+), :p\\))?").matcher(r.keyConditionExpression());
        if (!m.matches() || m.group(1) != null && !m.group(1).equals(sortKey)) {
            throw new UnsupportedOperationException(r.keyConditionExpression());
        }
        String shard = r.expressionAttributeValues().get(":w").s();
        String prefix = m.group(1) == null ? "" : r.expressionAttributeValues().get(":p").s();
        java.util.Comparator<Map<String, AttributeValue>> order = java.util.Comparator
                .comparing((Map<String, AttributeValue> i) -> i.get(sortKey).s()).thenComparing(i -> i.get("pk").s());
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (var e : items.entrySet()) {
            Map<String, AttributeValue> item = e.getValue();
            if (e.getKey().startsWith(r.tableName() + "|") && item.containsKey(sortKey) && item.containsKey("wardShard")
                    && item.get("wardShard").s().equals(shard) && item.get(sortKey).s().startsWith(prefix)) {
                found.add(new HashMap<>(item));
            }
        }
        found.sort(order);
        Map<String, AttributeValue> start = r.exclusiveStartKey();
        if (start != null && !start.isEmpty()) {
            if (!start.get("wardShard").s().equals(shard)) {
                throw new IllegalArgumentException("the start key is of another partition");
            }
            found.removeIf(i -> order.compare(i, start) <= 0);
        }
        int limit = r.limit() == null ? Integer.MAX_VALUE : r.limit();
        List<Map<String, AttributeValue>> page = found.subList(0, Math.min(limit, found.size()));
        Map<String, AttributeValue> last = page.size() == limit ? page.get(page.size() - 1) : null;
        return QueryResponse.builder().items(List.copyOf(page)).count(page.size()).lastEvaluatedKey(last == null ? null
                : Map.of("wardShard", last.get("wardShard"), sortKey, last.get(sortKey), "pk", last.get("pk"), "sk", last.get("sk")))
                .build();
    }

    private void apply(Update u) {
        String k = key(u.tableName(), u.key());
        Map<String, AttributeValue> item = items.computeIfAbsent(k, x -> new HashMap<>(u.key()));
        Map<String, String> names = u.expressionAttributeNames() == null ? Map.of() : u.expressionAttributeNames();
        Map<String, AttributeValue> values = u.expressionAttributeValues();
        String expression = u.updateExpression();
        int add = expression.indexOf(" ADD ");
        int remove = expression.indexOf(" REMOVE ");
        String set = expression.substring(4, add >= 0 ? add : remove >= 0 ? remove : expression.length());
        Matcher m = SET_PAIR.matcher(set.strip());
        while (m.find()) {
            item.put(names.getOrDefault(m.group(1), m.group(1)), values.get(m.group(2)));
        }
        if (add >= 0) {
            for (String part : expression.substring(add + 5, remove > add ? remove : expression.length()).split(",")) {
                String[] nv = part.strip().split(" ");
                String name = names.getOrDefault(nv[0], nv[0]);
                long before = item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
                item.put(name, AttributeValue.fromN(Long.toString(before + Long.parseLong(values.get(nv[1]).n()))));
            }
        }
        if (remove >= 0) {
            for (String part : expression.substring(remove + 8).split(",")) {
                item.remove(names.getOrDefault(part.strip(), part.strip()));
            }
        }
    }
}

package vn.movepass.bench.tracing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The like-for-like bare of {@code bench tracing}: records every DynamoDB call the functions make while they trace
 * (an observer of their in-process client), then replays those calls in their order on the bench's threads, each write
 * under a fresh key (the last key attribute gets a suffix) so that it is written, not refused: puts keep their
 * conditions (a fresh key passes them), updates, deletes and condition checks lose theirs (a versioned status update
 * would fail on a fresh item). Reads are replayed as they were. What is left is the calls themselves, without the
 * functions' code, the queues or the contention on one case's items.
 */
final class CallReplay implements ExecutionInterceptor {
    private static final String WORD_END = "(?![A-Za-z0-9_])";

    /** Reads are replayed as they were. */
    private static final Map<Class<?>, BiConsumer<DynamoDbClient, SdkRequest>> READS = Map.of(
            GetItemRequest.class, (d, r) -> d.getItem((GetItemRequest) r),
            BatchGetItemRequest.class, (d, r) -> d.batchGetItem((BatchGetItemRequest) r),
            TransactGetItemsRequest.class, (d, r) -> d.transactGetItems((TransactGetItemsRequest) r),
            QueryRequest.class, (d, r) -> d.query((QueryRequest) r));

    private volatile boolean on;
    private final List<SdkRequest> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> lastKeyOf = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (on) {
            calls.add(context.request());
        }
    }

    void start() {
        on = true;
    }

    void stop() {
        on = false;
    }

    /** The calls recorded, by operation (GetItem, Query, TransactWriteItems…) → count. */
    Map<String, Long> byOperation() {
        Map<String, Long> counts = new TreeMap<>();
        snapshot().forEach(r -> counts.merge(r.getClass().getSimpleName().replace("Request", ""), 1L, Long::sum));
        return counts;
    }

    int calls() {
        return calls.size();
    }

    /** Items the recorded calls write (a transaction's puts, updates and deletes, a batch's requests, single writes). */
    long writtenItems() {
        long n = 0;
        for (SdkRequest r : snapshot()) {
            if (r instanceof TransactWriteItemsRequest t) {
                n += t.transactItems().stream().filter(i -> i.conditionCheck() == null).count();
            } else if (r instanceof BatchWriteItemRequest b) {
                n += b.requestItems().values().stream().mapToLong(List::size).sum();
            } else if (r instanceof PutItemRequest || r instanceof UpdateItemRequest || r instanceof DeleteItemRequest) {
                n++;
            }
        }
        return n;
    }

    private List<SdkRequest> snapshot() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The replay's outcome: calls made, of which refused (a condition or a conflict), and the seconds taken. */
    record Result(long calls, long refused, double seconds) {
        double callsPerSecond() {
            return calls / seconds;
        }
    }

    /** Replays the recorded calls in order on {@code threads} threads, until all are made or {@code seconds} pass. */
    Result replay(DynamoDbClient dynamo, int threads, double seconds) throws Exception {
        List<SdkRequest> recorded = snapshot();
        AtomicInteger next = new AtomicInteger();
        AtomicLong refused = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < recorded.size() && System.nanoTime() < deadline;
                         i = next.getAndIncrement()) {
                        try {
                            call(dynamo, recorded.get(i));
                        } catch (RuntimeException refusedOrConflict) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Result(Math.min(next.get(), recorded.size()), refused.get(), (System.nanoTime() - start) / 1e9);
    }

    private void call(DynamoDbClient dynamo, SdkRequest r) {
        BiConsumer<DynamoDbClient, SdkRequest> read = READS.get(r.getClass());
        if (read != null) {
            read.accept(dynamo, r);
        } else if (r instanceof PutItemRequest put) {
            dynamo.putItem(put.toBuilder().item(fresh(dynamo, put.tableName(), put.item())).build());
        } else if (r instanceof UpdateItemRequest u) {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(u.tableName()).key(fresh(dynamo, u.tableName(), u.key()))
                    .updateExpression(u.updateExpression()).expressionAttributeNames(used(u.expressionAttributeNames(),
                            u.updateExpression())).expressionAttributeValues(used(u.expressionAttributeValues(),
                            u.updateExpression())).build());
        } else if (r instanceof DeleteItemRequest d) {
            dynamo.deleteItem(DeleteItemRequest.builder().tableName(d.tableName()).key(fresh(dynamo, d.tableName(), d.key())).build());
        } else if (r instanceof BatchWriteItemRequest b) {
            dynamo.batchWriteItem(b);
        } else if (r instanceof TransactWriteItemsRequest t) {
            List<TransactWriteItem> items = new ArrayList<>();
            t.transactItems().forEach(i -> items.add(fresh(dynamo, i)));
            dynamo.transactWriteItems(t.toBuilder().transactItems(items).build());
        } else {
            throw new IllegalArgumentException("no replay of " + r.getClass().getSimpleName());
        }
    }

    private TransactWriteItem fresh(DynamoDbClient dynamo, TransactWriteItem i) {
        if (i.put() != null) {
            Put p = i.put();
            return TransactWriteItem.builder().put(p.toBuilder().item(fresh(dynamo, p.tableName(), p.item())).build()).build();
        }
        if (i.update() != null) {
            Update u = i.update();
            return TransactWriteItem.builder().update(Update.builder().tableName(u.tableName())
                    .key(fresh(dynamo, u.tableName(), u.key())).updateExpression(u.updateExpression())
                    .expressionAttributeNames(used(u.expressionAttributeNames(), u.updateExpression()))
                    .expressionAttributeValues(used(u.expressionAttributeValues(), u.updateExpression())).build()).build();
        }
        if (i.delete() != null) {
            Delete d = i.delete();
            return TransactWriteItem.builder().delete(Delete.builder().tableName(d.tableName())
                    .key(fresh(dynamo, d.tableName(), d.key())).build()).build();
        }
        ConditionCheck c = i.conditionCheck();
        String key = lastKey(dynamo, c.tableName());
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(c.tableName())
                .key(fresh(dynamo, c.tableName(), c.key())).conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", key)).build()).build();
    }

    /** The names or values an expression uses (a dropped condition's own go with it); null when none. */
    private static <V> Map<String, V> used(Map<String, V> all, String expression) {
        Map<String, V> kept = new HashMap<>();
        all.forEach((name, v) -> {
            if (Pattern.compile(Pattern.quote(name) + WORD_END).matcher(expression).find()) {
                kept.put(name, v);
            }
        });
        return kept.isEmpty() ? null : kept;
    }

    private Map<String, AttributeValue> fresh(DynamoDbClient dynamo, String table, Map<String, AttributeValue> item) {
        String key = lastKey(dynamo, table);
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.put(key, AttributeValue.fromS(item.get(key).s() + "~" + serial.incrementAndGet()));
        return copy;
    }

    private String lastKey(DynamoDbClient dynamo, String table) {
        return lastKeyOf.computeIfAbsent(table, t -> {
            List<KeySchemaElement> schema = dynamo.describeTable(r -> r.tableName(t)).table().keySchema();
            return schema.stream().filter(k -> k.keyType() == KeyType.RANGE).findFirst().orElse(schema.get(0)).attributeName();
        });
    }
}

package vn.movepass.shared.config;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * SnapStart priming: just before Lambda snapshots an initialised function, run every kind of SDK call the
 * functions make (DynamoDB get, put, update, query, batch get, transaction; SQS send and batch send when the
 * function has built its SQS client) up to the point where the request is marshalled, its endpoint resolved and
 * signed — then stop it before it is sent. The classes of those paths are loaded and their first, interpreted
 * runs done inside the snapshot, and no connection, credential expiry or response is captured in it.
 *
 * <p>Registered by {@link Platform#fromSystem()}; outside a CRaC JVM (plain Java, tests, the local runtime)
 * org.crac's global context is a no-op and {@link #beforeCheckpoint} never runs unless called.
 */
public final class Priming implements Resource {
    /** org.crac keeps resources weakly: these strong references keep them registered. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final String TABLE = "movepass-priming";
    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("priming"));

    /** Added to every client {@link Platform#fromSystem()} builds: stops a priming request before it leaves. */
    static final ExecutionInterceptor STOP_BEFORE_SENDING = new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                       ExecutionAttributes executionAttributes) {
            if (ACTIVE.get()) {
                throw new Primed();
            }
        }
    };

    /** Work besides the SDK calls that a function's first request would otherwise do cold (signing keys, ...). */
    private static final Map<String, Runnable> WARM_UPS = new ConcurrentHashMap<>();

    private final DynamoDbClient dynamo;
    private final Supplier<?> builtSqs;

    Priming(DynamoDbClient dynamo, Supplier<?> builtSqs) {
        this.dynamo = dynamo;
        this.builtSqs = builtSqs;
    }

    static Priming register(DynamoDbClient dynamo, Supplier<?> builtSqs) {
        Priming priming = new Priming(dynamo, builtSqs);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /**
     * Adds work to every priming, once per {@code name}: it must touch no secret, draw no randomness and make no call
     * (it runs in the snapshot), e.g. a signature by a throwaway key so the curve arithmetic is loaded and run once.
     */
    public static void warmUp(String name, Runnable work) {
        WARM_UPS.putIfAbsent(name, work);
    }

    /**
     * What a checkpoint runs, for a JVM without CRaC: every registered priming, the calls primed in all. The cold-start
     * bench emulates a SnapStart restore with it (org.crac's global context refuses to be run by hand there).
     */
    public static int primeRegistered() {
        int primed = 0;
        for (Priming p : REGISTERED) {
            primed += p.prime();
        }
        return primed;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to redo: ids and time are drawn at request time, and no connection was opened
    }

    /** Runs the calls; answers how many reached the point of sending (all of them, unless credentials are missing). */
    public int prime() {
        int primed = 0;
        ACTIVE.set(Boolean.TRUE);
        try {
            primed += attempt(() -> dynamo.getItem(b -> b.tableName(TABLE).key(KEY)));
            primed += attempt(() -> dynamo.putItem(b -> b.tableName(TABLE).item(KEY).conditionExpression("attribute_not_exists(pk)")));
            primed += attempt(() -> dynamo.updateItem(b -> b.tableName(TABLE).key(KEY).updateExpression("SET #s = :s")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("x")))));
            primed += attempt(() -> dynamo.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("priming"))).limit(1)));
            primed += attempt(() -> dynamo.batchGetItem(b -> b.requestItems(
                    Map.of(TABLE, KeysAndAttributes.builder().keys(List.of(KEY)).build()))));
            primed += attempt(() -> dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                    .put(Put.builder().tableName(TABLE).item(KEY).build()).build())));
            for (Runnable work : WARM_UPS.values()) {
                work.run();
            }
            Object sqs = builtSqs.get();
            if (sqs != null) {
                // in its own method, so a function packaged without the SQS SDK never loads its classes
                primed += primeSqs(sqs);
            }
        } finally {
            ACTIVE.remove();
        }
        return primed;
    }

    private int primeSqs(Object client) {
        SqsClient sqs = (SqsClient) client;
        String queue = "https://sqs.invalid/000000000000/movepass-priming";
        int primed = attempt(() -> sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{}")));
        primed += attempt(() -> sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(
                SendMessageBatchRequestEntry.builder().id("0").messageBody("{}").build())));
        return primed;
    }

    private static int attempt(Runnable call) {
        try {
            call.run();
            return 0; // cannot happen: the interceptor stops every call; counted as not primed
        } catch (RuntimeException e) {
            return stoppedBeforeSending(e) ? 1 : 0;
        }
    }

    private static boolean stoppedBeforeSending(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Primed) {
                return true;
            }
        }
        return false;
    }

    /** Thrown by the interceptor; carries no stack trace. */
    static final class Primed extends RuntimeException {
        Primed() {
            super("primed: marshalled and signed, not sent", null, false, false);
        }
    }
}

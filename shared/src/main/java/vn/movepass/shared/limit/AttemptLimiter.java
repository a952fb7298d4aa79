package vn.movepass.shared.limit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.error.TooManyRequestsException;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;

/**
 * Anti-enumeration: at most {@link #MAX_REJECTIONS} rejected answers per subject (a citizen id) and scope within a
 * 24-hour window; once they are spent, further attempts are refused (429 with Retry-After) before any registry read.
 * Shared by every public form that checks someone against the registry (declarations now; vaccination bookings and
 * certificates use {@link Scope#VACCINATION_BOOKING} and {@link Scope#VACCINATION_CERTIFICATE}).
 *
 * <p>How a caller uses it: {@link #check} (one consistent GetItem) before the registry read; if the window is
 * {@link Window#limited()}, {@link #refuse} (records the refusal with the caller's counters, throws the 429).
 * Otherwise, when the answer is a rejection, put {@link #rejection} in the same transaction as the rejected record:
 * it is a conditional update (a new window, or +1 in the window that was read while it is below the limit), so
 * under any concurrency no more than {@link #MAX_REJECTIONS} rejections are answered per window; a transaction
 * cancelled on it ({@link #cancelledOn}) means another attempt got there first: check again.
 *
 * <p>Items ({@code ATTEMPT_LIMITS_TABLE}, TTL {@code expiresAt}): a window {@code pk = <scope>#<sha-256 of the id,
 * 128 bits hex>}, {@code rejections}, {@code endsAt} (epoch s, judged against the clock, never from whether TTL has
 * removed it); a refusal {@code pk = refusal#<id>}, {@code scope}, {@code ward}, {@code day} (what the reports'
 * refused counter counts, so it equals a recount), kept for the declarations' retention. No citizen id is stored.
 */
public final class AttemptLimiter {
    public static final int MAX_REJECTIONS = 5;
    public static final Duration WINDOW = Duration.ofHours(24);
    public static final String PK = "pk";

    /** What is limited; each scope has its own windows. */
    public enum Scope {
        DECLARATION("decl"),
        VACCINATION_BOOKING("vbook"),
        VACCINATION_CERTIFICATE("vcert");

        private final String prefix;

        Scope(String prefix) {
            this.prefix = prefix;
        }
    }

    /** A subject's window as read: {@code endsAt} null when none is open. */
    public record Window(Scope scope, String key, long rejections, Instant endsAt, Instant readAt) {
        public boolean open() {
            return endsAt != null && endsAt.isAfter(readAt);
        }

        public boolean limited() {
            return open() && rejections >= MAX_REJECTIONS;
        }

        int retryAfterSeconds() {
            return (int) Math.max(1, Duration.between(readAt, endsAt).toSeconds());
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration refusalRetention;

    public AttemptLimiter(DynamoDbClient dynamo, String table, Duration refusalRetention) {
        this.dynamo = dynamo;
        this.table = table;
        this.refusalRetention = refusalRetention;
    }

    public static AttemptLimiter create(Platform p) {
        return new AttemptLimiter(p.dynamo(), Tables.name(p, EnvKey.ATTEMPT_LIMITS_TABLE),
                p.environment().duration(EnvKey.DECLARATION_RETENTION_DAYS));
    }

    /** One consistent GetItem: the subject's window in this scope at {@code now}. */
    public Window check(Scope scope, String subjectId, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(windowKey(scope, subjectId))).item();
        return window(scope, subjectId, item, now);
    }

    /** The table, for a caller that reads the window in its own BatchGetItem (consistent) with {@link #windowKey}. */
    public String tableName() {
        return table;
    }

    /** The key of the subject's window item in this scope. */
    public static Map<String, AttributeValue> windowKey(Scope scope, String subjectId) {
        return Map.of(PK, AttributeValue.fromS(key(scope, subjectId)));
    }

    /** The window as {@link #check} reads it, from an item the caller read (null: none). */
    public Window window(Scope scope, String subjectId, Map<String, AttributeValue> item, Instant now) {
        String key = key(scope, subjectId);
        if (item == null || item.isEmpty() || item.get("endsAt") == null) {
            return new Window(scope, key, 0, null, now);
        }
        long rejections = item.get("rejections") == null ? 0 : Long.parseLong(item.get("rejections").n());
        return new Window(scope, key, rejections, Instant.ofEpochSecond(Long.parseLong(item.get("endsAt").n())), now);
    }

    /**
     * The conditional +1 of a rejection, for the caller's transaction: opens a new window when none was open at
     * {@link #check}, else adds to the window read, on condition it is still that window and below the limit.
     */
    public TransactWriteItem rejection(Window w) {
        Update.Builder update = Update.builder().tableName(table).key(Map.of(PK, AttributeValue.fromS(w.key())));
        if (!w.open()) {
            long end = w.readAt().plus(WINDOW).getEpochSecond();
            update.updateExpression("SET rejections = :one, endsAt = :end, expiresAt = :end, #s = :scope")
                    .conditionExpression("attribute_not_exists(#pk) OR endsAt <= :now")
                    .expressionAttributeNames(Map.of("#pk", PK, "#s", "scope"))
                    .expressionAttributeValues(Map.of(":one", num(1), ":end", num(end), ":now",
                            num(w.readAt().getEpochSecond()), ":scope", AttributeValue.fromS(w.scope().name())));
        } else {
            update.updateExpression("ADD rejections :one")
                    .conditionExpression("endsAt = :end AND rejections < :max")
                    .expressionAttributeValues(Map.of(":one", num(1), ":end", num(w.endsAt().getEpochSecond()),
                            ":max", num(MAX_REJECTIONS)));
        }
        return TransactWriteItem.builder().update(update.build()).build();
    }

    /** True when {@code e} cancelled a transaction because the {@link #rejection} put at {@code index} failed. */
    public static boolean cancelledOn(TransactionCanceledException e, int index) {
        return Transactions.failedConditions(e).contains(index);
    }

    /**
     * Records a refusal ({@code refusalId} new, {@code counts} the caller's counter updates for it, e.g. +1 refused on
     * the ward and day) in one transaction, and throws the 429 with the seconds left in the window.
     */
    public TooManyRequestsException refuse(Window w, String refusalId, String ward, LocalDate day, List<TransactWriteItem> counts) {
        List<TransactWriteItem> writes = new ArrayList<>(counts.size() + 1);
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of(PK, AttributeValue.fromS("refusal#" + refusalId), "scope", AttributeValue.fromS(w.scope().name()),
                        "ward", AttributeValue.fromS(ward), "day", AttributeValue.fromS(day.toString()),
                        "expiresAt", num(w.readAt().plus(refusalRetention).getEpochSecond())))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)).build()).build());
        writes.addAll(counts);
        Transactions.write(dynamo, writes);
        throw new TooManyRequestsException("too many rejected attempts for this id; try again later", w.retryAfterSeconds());
    }

    static String key(Scope scope, String subjectId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subjectId.getBytes(StandardCharsets.UTF_8));
            return scope.prefix + "#" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttributeValue num(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }
}

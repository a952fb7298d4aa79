package vn.movepass.shared.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthStore;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;
import vn.movepass.shared.trace.TraceMessages;

/**
 * Tells a traced contact, once per case. The guard is NoticesTable's {@code NOTICE#<caseId>/<citizenId>}: written
 * with the outbox item in one transaction (locally: exactly once), or for SNS claimed as {@code SENDING} before the
 * publish and marked {@code SENT} after it — a crash between the two publishes again on redelivery (at least once,
 * in that window only; SNS has no idempotency key for SMS). A contact without a phone gets {@code NO_PHONE}.
 *
 * <p>The phone is the one of the contact's newest declaration, or of their active vaccination appointment when that
 * is newer; it is read here, used once and never logged or kept on the guard.
 */
public final class NoticeService {
    /** Whom a notice went to, for the export: no phone number, no text. */
    public static final String BY_HOUR = "byHour";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String declarationsTable;
    private final String vaccinationTable;
    private final String healthTable;
    private final SmsChannel channel;
    private final Clock clock;
    private final IdSource ids;
    private final Duration retention;

    public NoticeService(DynamoDbClient dynamo, String table, String declarationsTable, String vaccinationTable,
                         String healthTable, SmsChannel channel, Clock clock, IdSource ids, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.declarationsTable = declarationsTable;
        this.vaccinationTable = vaccinationTable;
        this.healthTable = healthTable;
        this.channel = channel;
        this.clock = clock;
        this.ids = ids;
        this.retention = retention;
    }

    public static NoticeService create(Platform p) {
        var env = p.environment();
        String table = Tables.name(p, EnvKey.NOTICES_TABLE);
        SmsChannel channel = SmsChannel.create(p);
        return new NoticeService(p.dynamo(), table, Tables.name(p, EnvKey.DECLARATIONS_TABLE),
                Tables.name(p, EnvKey.VACCINATION_TABLE), Tables.name(p, EnvKey.HEALTH_TABLE), channel, p.clock(), p.ids(),
                env.duration(EnvKey.HEALTH_RETENTION_DAYS));
    }

    /** What became of a notice. */
    public enum Outcome { SENT, ALREADY_SENT, NO_PHONE }

    /** The notice step: tells the contact unless they were told for this case already. */
    public Outcome deliver(TraceMessages.Notice notice) {
        Map<String, AttributeValue> guardKey = key("NOTICE#" + notice.caseId(), notice.citizenId());
        Map<String, AttributeValue> healthKey = HealthStore.key(notice.citizenId());
        Map<String, AttributeValue> lockKey = key("ACTIVE#" + notice.citizenId(), "ACTIVE");
        // the guard, the contact's health status and their vaccination lock: one consistent BatchGetItem, not three GetItems
        List<Map<String, AttributeValue>> read = readConsistently(List.of(new Read(table, guardKey),
                new Read(healthTable, healthKey), new Read(vaccinationTable, lockKey)));
        Map<String, AttributeValue> guard = read.get(0);
        String status = guard == null ? null : guard.get("status").s();
        if ("SENT".equals(status) || "NO_PHONE".equals(status)) {
            return Outcome.ALREADY_SENT;
        }
        Instant now = clock.instant();
        Health health = Health.of(HealthStore.status(notice.citizenId(), read.get(1)).snapshot(), now);
        String phone = phone(notice.citizenId(), read.get(2));
        if (phone == null) {
            return settle(guardKey, "NO_PHONE", health, now, List.of(), status) ? Outcome.NO_PHONE : Outcome.ALREADY_SENT;
        }
        String text = NoticeText.of(health);
        var outbox = channel.transactional(NoticeText.e164(phone), text, now, ids.newId());
        if (outbox.isPresent()) {
            return settle(guardKey, "SENT", health, now, outbox.get(), status) ? Outcome.SENT : Outcome.ALREADY_SENT;
        }
        // SNS: claim, publish, mark sent
        if (status == null && !settle(guardKey, "SENDING", health, now, List.of(), null)) {
            return Outcome.ALREADY_SENT;
        }
        ((SmsChannel.Sns) channel).publisher().publish(NoticeText.e164(phone), text);
        settle(guardKey, "SENT", health, now, List.of(), "SENDING");
        return Outcome.SENT;
    }

    /**
     * Writes the guard in {@code status} with {@code also} in the same transaction, if the guard is still as read
     * ({@code was}: absent, or SENDING). False when another delivery got there first.
     */
    private boolean settle(Map<String, AttributeValue> guardKey, String status, Health health, Instant now,
                           List<TransactWriteItem> also, String was) {
        Map<String, AttributeValue> item = new HashMap<>(guardKey);
        item.put("status", AttributeValue.fromS(status));
        item.put("channel", AttributeValue.fromS(channel.name()));
        item.put("citizenId", AttributeValue.fromS(guardKey.get("sk").s()));
        item.put("caseId", AttributeValue.fromS(guardKey.get("pk").s().substring("NOTICE#".length())));
        item.put("level", AttributeValue.fromS(health.level()));
        item.put("state", AttributeValue.fromS(health.state().name()));
        item.put("sentAt", AttributeValue.fromS(Times.iso(now)));
        item.put("sentHour", AttributeValue.fromS(Times.hourBucket(now)));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())));
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (was == null) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#s = :was").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":was", AttributeValue.fromS(was)));
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(put.build()).build());
        writes.addAll(also);
        try {
            if (writes.size() == 1) {
                dynamo.putItem(toRequest(put.build()));
            } else {
                Transactions.write(dynamo, writes);
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    private static PutItemRequest toRequest(Put put) {
        return PutItemRequest.builder().tableName(put.tableName())
                .item(put.item()).conditionExpression(put.conditionExpression())
                .expressionAttributeNames(put.expressionAttributeNames())
                .expressionAttributeValues(put.expressionAttributeValues()).build();
    }

    /** One key of one table to read. */
    private record Read(String table, Map<String, AttributeValue> key) {
    }

    /** The items of {@code reads}, in their order (null where there is none), read consistently in one BatchGetItem. */
    private List<Map<String, AttributeValue>> readConsistently(List<Read> reads) {
        Map<String, List<Map<String, AttributeValue>>> keys = new HashMap<>();
        reads.forEach(r -> keys.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r.key()));
        Map<String, KeysAndAttributes> request = new HashMap<>();
        keys.forEach((t, k) -> request.put(t, KeysAndAttributes.builder().keys(k).consistentRead(true).build()));
        var found = BatchReads.across(dynamo, request);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Read r : reads) {
            items.add(found.getOrDefault(r.table(), List.of()).stream()
                    .filter(i -> r.key().entrySet().stream().allMatch(k -> k.getValue().equals(i.get(k.getKey()))))
                    .findFirst().orElse(null));
        }
        return items;
    }

    /**
     * The phone of the newest declaration, or of the active appointment ({@code lock}: the citizen's ACTIVE item, or
     * null) when newer; null when there is none.
     */
    private String phone(String citizenId, Map<String, AttributeValue> lock) {
        String phone = null;
        String at = "";
        var declarations = dynamo.query(b -> b.tableName(declarationsTable).indexName("byCitizen")
                .keyConditionExpression("citizenId = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS(citizenId)))
                .scanIndexForward(false).limit(1));
        for (var d : declarations.items()) {
            if (d.containsKey("phone") && d.get("phone").s() != null) {
                phone = d.get("phone").s();
                at = d.get("declaredAt").s();
            }
        }
        if (lock != null && lock.containsKey("appointmentId")) {
            var appointment = dynamo.getItem(b -> b.tableName(vaccinationTable)
                    .key(key("APPT#" + lock.get("appointmentId").s(), "APPT"))).item();
            if (appointment != null && appointment.containsKey("phone") && appointment.get("createdAt").s().compareTo(at) > 0) {
                phone = appointment.get("phone").s();
            }
        }
        return phone;
    }

    /** The local outbox of a day (the embedded runtime's {@code GET /dev/outbox}): newest first. */
    public record OutboxEntry(String to, String text, String at) {
    }

    public List<OutboxEntry> outbox(LocalDate day) {
        List<OutboxEntry> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("OUTBOX#" + day)))
                    .scanIndexForward(false).exclusiveStartKey(from));
            page.items().forEach(i -> out.add(new OutboxEntry(i.get("to").s(), i.get("text").s(), i.get("at").s())));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }
}

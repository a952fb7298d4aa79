package vn.movepass.shared.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.health.VaccineProduct;
import vn.movepass.shared.notice.NoticeText;
import vn.movepass.shared.notice.SmsChannel;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;

/**
 * Second-dose reminders. When a dose completes a booked appointment and the series is not complete, the completion's
 * transaction also puts a reminder {@code REMIND#<due day>#<shard>/<citizenId>#<dose>} in VaccinationTable, with the
 * booking's phone, due on the day the next dose may be given ({@link #item}). Each morning {@link #sendDue} reads the
 * reminders due in the last {@value #CATCH_UP_DAYS} days (a Query per day and shard: never a Scan) and sends each
 * PENDING one once through the notice channel: with the outbox, the reminder's SENT and the outbox item are one
 * transaction; with SNS the reminder is claimed (SENDING), published, then marked SENT, as notices are. A reminder is
 * kept 30 days after it is due (TTL); it names no one and says nothing of health beyond the dose to book.
 */
public final class ReminderService {
    static final String PREFIX = "REMIND#";
    static final int SHARDS = 8;
    static final int CATCH_UP_DAYS = 7;
    static final Duration KEPT_AFTER_DUE = Duration.ofDays(30);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final DynamoDbClient dynamo;
    private final String table;
    private final SmsChannel channel;
    private final Clock clock;
    private final IdSource ids;

    public ReminderService(DynamoDbClient dynamo, String table, SmsChannel channel, Clock clock, IdSource ids) {
        this.dynamo = dynamo;
        this.table = table;
        this.channel = channel;
        this.clock = clock;
        this.ids = ids;
    }

    public static ReminderService create(Platform p) {
        return new ReminderService(p.dynamo(), Tables.name(p, EnvKey.VACCINATION_TABLE), SmsChannel.create(p), p.clock(), p.ids());
    }

    /** The reminder of dose {@code doseNumber}, due on {@code due}, to put in the completing dose's transaction. */
    static TransactWriteItem item(String table, String citizenId, String phone, int doseNumber, VaccineProduct product,
                                  LocalDate due) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(PREFIX + due + "#" + Math.floorMod(citizenId.hashCode(), SHARDS)));
        item.put("sk", AttributeValue.fromS(citizenId + "#" + doseNumber));
        item.put("phone", AttributeValue.fromS(phone));
        item.put("doseNumber", AttributeValue.fromN(Integer.toString(doseNumber)));
        item.put("product", AttributeValue.fromS(product.name()));
        item.put("due", AttributeValue.fromS(due.toString()));
        item.put("status", AttributeValue.fromS("PENDING"));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(
                due.atStartOfDay(Times.VIETNAM).toInstant().plus(KEPT_AFTER_DUE).getEpochSecond())));
        // a repeated completion (a healed first attempt) does not put it back to PENDING once sent
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The text: the dose and the day it may be given from, and where to book; no name, no id. */
    static String text(int doseNumber, VaccineProduct product, LocalDate due) {
        return "MovePass: Từ ngày " + DAY.format(due) + " bạn có thể tiêm mũi " + doseNumber + " (" + product.name()
                + "). Hãy đặt lịch trên trang MovePass, mục Tiêm chủng, hoặc tại trạm y tế phường/xã.";
    }

    /** What a morning's run did. */
    public record Sent(int sent, int alreadySent) {
    }

    /** Sends every PENDING reminder due today or in the {@value #CATCH_UP_DAYS} days before (a missed morning). */
    public Sent sendDue() {
        Instant now = clock.instant();
        LocalDate today = Times.vietnamDate(now);
        int sent = 0;
        int already = 0;
        for (int back = CATCH_UP_DAYS - 1; back >= 0; back--) {
            LocalDate day = today.minusDays(back);
            for (int shard = 0; shard < SHARDS; shard++) {
                String pk = PREFIX + day + "#" + shard;
                var pages = dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .filterExpression("#s = :pending").expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                                ":pending", AttributeValue.fromS("PENDING"))));
                for (var item : pages.items()) {
                    if (send(item, now)) {
                        sent++;
                    } else {
                        already++;
                    }
                }
            }
        }
        return new Sent(sent, already);
    }

    private boolean send(Map<String, AttributeValue> item, Instant now) {
        Map<String, AttributeValue> key = Map.of("pk", item.get("pk"), "sk", item.get("sk"));
        String to = NoticeText.e164(item.get("phone").s());
        String text = text(Integer.parseInt(item.get("doseNumber").n()), VaccineProduct.valueOf(item.get("product").s()),
                LocalDate.parse(item.get("due").s()));
        var outbox = channel.transactional(to, text, now, ids.newId());
        if (outbox.isPresent()) {
            List<TransactWriteItem> writes = new ArrayList<>(List.of(mark(key, "PENDING", "SENT", now)));
            writes.addAll(outbox.get());
            try {
                Transactions.write(dynamo, writes);
                return true;
            } catch (TransactionCanceledException e) {
                if (Transactions.conditionFailedAt(e, 0)) {
                    return false; // another run sent it meanwhile
                }
                throw e;
            }
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("SET #s = :to, sentAt = :at")
                    .conditionExpression("#s = :from").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":to", AttributeValue.fromS("SENDING"),
                            ":from", AttributeValue.fromS("PENDING"), ":at", AttributeValue.fromS(Times.iso(now)))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        ((SmsChannel.Sns) channel).publisher().publish(to, text);
        Transactions.write(dynamo, List.of(mark(key, "SENDING", "SENT", now)));
        return true;
    }

    private TransactWriteItem mark(Map<String, AttributeValue> key, String from, String to, Instant now) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression("SET #s = :to, sentAt = :at").conditionExpression("#s = :from")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(to), ":from", AttributeValue.fromS(from),
                        ":at", AttributeValue.fromS(Times.iso(now)))).build()).build();
    }
}

package vn.movepass.shared.notice;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import vn.movepass.shared.domain.Times;

/**
 * Where a notice leaves through. The outbox (the local runtime) is a DynamoDB item written in the same transaction
 * as the notice's guard, so it is exactly once; SNS is outside any transaction ({@link NoticeService} claims the
 * guard first, publishes, then marks it sent).
 */
public sealed interface SmsChannel permits SmsChannel.Outbox, SmsChannel.Sns {
    String name();

    /** The channel {@code NOTICE_CHANNEL} names: {@code sns} in AWS, {@code outbox} (NoticesTable) locally. */
    static SmsChannel create(vn.movepass.shared.config.Platform p) {
        // the outbox's table is named in either case: the template grants it (the local runtime's stand-in for SNS)
        String outbox = vn.movepass.shared.store.Tables.name(p, vn.movepass.shared.config.EnvKey.NOTICES_TABLE);
        return switch (p.environment().require(vn.movepass.shared.config.EnvKey.NOTICE_CHANNEL)) {
            case "outbox" -> new Outbox(outbox);
            case "sns" -> new Sns(new SnsPublisher(p.sns()));
            default -> throw new IllegalStateException("NOTICE_CHANNEL must be sns or outbox");
        };
    }

    /** The local outbox: {@code GET /dev/outbox} lists it. */
    record Outbox(String table) implements SmsChannel {
        public static final java.time.Duration RETENTION = java.time.Duration.ofDays(7);

        @Override
        public String name() {
            return "outbox";
        }

        /** The outbox item of a message: {@code OUTBOX#<UTC day>/<at>#<id>}. */
        public TransactWriteItem put(String to, String text, java.time.Instant at, String id) {
            Map<String, AttributeValue> item = Map.of(
                    "pk", AttributeValue.fromS(partition(at)),
                    "sk", AttributeValue.fromS(Times.iso(at) + "#" + id),
                    "to", AttributeValue.fromS(to),
                    "text", AttributeValue.fromS(text),
                    "at", AttributeValue.fromS(Times.iso(at)),
                    "expiresAt", AttributeValue.fromN(Long.toString(at.plus(RETENTION).getEpochSecond())));
            return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
        }

        public static String partition(java.time.Instant at) {
            return "OUTBOX#" + java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC);
        }
    }

    /** Amazon SNS direct SMS ({@code sns:Publish} to a phone number), transactional. */
    record Sns(Publisher publisher) implements SmsChannel {
        @Override
        public String name() {
            return "sns";
        }
    }

    /** Publishes one SMS (the SNS client in AWS; a fake in tests). */
    @FunctionalInterface
    interface Publisher {
        void publish(String e164, String text);
    }

    /** The outbox's items when this is the outbox (for a transaction), else empty. */
    default Optional<List<TransactWriteItem>> transactional(String to, String text, java.time.Instant at, String id) {
        return this instanceof Outbox o ? Optional.of(List.of(o.put(to, text, at, id))) : Optional.empty();
    }
}

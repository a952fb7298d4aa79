package vn.movepass.shared.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Classification;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.store.FeedItem;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.Tables;

/**
 * Builds the ward-feed items that go into the writer's own transaction: a passage of an accepted declaration is a
 * {@code DEPARTURE} in its origin ward and an {@code ARRIVAL} in its destination ward (on the Asia/Ho_Chi_Minh day of
 * the passage); a traced contact is a {@code CONTACT} in the ward of residence. Sort keys are deterministic, so a
 * retried write lands on the same item; idempotence comes from the caller's conditional put in the same transaction.
 */
public final class WardFeed {
    private final String table;
    private final Duration retention;

    public WardFeed(String table, Duration retention) {
        this.table = table;
        this.retention = retention;
    }

    public static WardFeed create(Platform p) {
        return new WardFeed(Tables.name(p, EnvKey.WARD_FEED_TABLE),
                p.environment().duration(EnvKey.DECLARATION_RETENTION_DAYS));
    }

    public String tableName() {
        return table;
    }

    public static String pk(String wardCode, LocalDate day) {
        return wardCode + "#" + day;
    }

    /** DEPARTURE (origin ward) and ARRIVAL (destination ward) of a passage that belongs to a declaration. */
    public List<TransactWriteItem> passage(PassageItem passage, String fullName) {
        if (passage.declarationId() == null) {
            return List.of();
        }
        return trip(passage, fullName);
    }

    /**
     * DEPARTURE (origin ward) and ARRIVAL (destination ward) of a passage with a route: a declaration's, or a green-lane
     * vehicle's (its permit's first and last route wards; no declaration id then).
     */
    public List<TransactWriteItem> trip(PassageItem passage, String fullName) {
        if (passage.originWard() == null || passage.destinationWard() == null) {
            return List.of();
        }
        Instant at = Instant.parse(passage.at());
        List<TransactWriteItem> out = new ArrayList<>(2);
        for (FeedKind kind : new FeedKind[]{FeedKind.DEPARTURE, FeedKind.ARRIVAL}) {
            String ward = kind == FeedKind.DEPARTURE ? passage.originWard() : passage.destinationWard();
            out.add(put(FeedItem.builder()
                    .pk(pk(ward, Times.vietnamDate(at)))
                    .sk(passage.at() + "#" + kind.letter() + "#" + passage.passageId())
                    .kind(kind.name())
                    .citizenId(passage.citizenId())
                    .fullName(fullName)
                    .at(passage.at())
                    .declarationId(passage.declarationId())
                    .checkpointId(passage.checkpointId())
                    .direction(passage.direction())
                    .decision(passage.decision())
                    .expiresAt(at.plus(retention).getEpochSecond())
                    .build()));
        }
        return out;
    }

    /**
     * A card-only passage (no pass, no declaration, so no origin or destination): one line in the holder's current
     * ward, an {@code ARRIVAL} when the checkpoint saw them come IN, a {@code DEPARTURE} when they went OUT.
     */
    public List<TransactWriteItem> cardPassage(PassageItem passage, String fullName, String residenceWard) {
        if (residenceWard == null) {
            return List.of();
        }
        Instant at = Instant.parse(passage.at());
        FeedKind kind = "OUT".equals(passage.direction()) ? FeedKind.DEPARTURE : FeedKind.ARRIVAL;
        return List.of(put(FeedItem.builder()
                .pk(pk(residenceWard, Times.vietnamDate(at)))
                .sk(passage.at() + "#" + kind.letter() + "#" + passage.passageId())
                .kind(kind.name())
                .citizenId(passage.citizenId())
                .fullName(fullName)
                .at(passage.at())
                .checkpointId(passage.checkpointId())
                .direction(passage.direction())
                .decision(passage.decision())
                .expiresAt(at.plus(retention).getEpochSecond())
                .build()));
    }

    /**
     * For tracing: a traced contact resident in {@code residenceWard}, shown on the day (Asia/Ho_Chi_Minh) of
     * {@code at} (when the contact happened, or when it was found: the caller's choice). Put it in the same
     * transaction as the contact record.
     */
    public TransactWriteItem contact(String caseId, String citizenId, String fullName, String residenceWard, Instant at,
                                     String checkpointId) {
        return contact(caseId, citizenId, fullName, residenceWard, at, checkpointId, null);
    }

    /** As {@link #contact(String, String, String, String, Instant, String)}, with the contact's level. */
    public TransactWriteItem contact(String caseId, String citizenId, String fullName, String residenceWard, Instant at,
                                     String checkpointId, Classification level) {
        String iso = Times.iso(at);
        return put(FeedItem.builder()
                .pk(pk(residenceWard, Times.vietnamDate(at)))
                .sk(iso + "#" + FeedKind.CONTACT.letter() + "#" + caseId + "#" + citizenId)
                .kind(FeedKind.CONTACT.name())
                .citizenId(citizenId)
                .fullName(fullName)
                .at(iso)
                .caseId(caseId)
                .checkpointId(checkpointId)
                .level(level == null ? null : level.name())
                .expiresAt(at.plus(retention).getEpochSecond())
                .build());
    }

    private TransactWriteItem put(FeedItem item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(FeedItem.SCHEMA.itemToMap(item, true))
                .build()).build();
    }
}

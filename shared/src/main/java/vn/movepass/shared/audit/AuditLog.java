package vn.movepass.shared.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.store.AuditItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.page.PageTokens;

/**
 * Who looked up whose data: one item per citizen whose personal data an official's request returned
 * (a citizen's movements or status, a case and its contacts, a revocation), keyed by that citizen so
 * that ADMIN — and the citizen, through their pass link — can read it. Kept for a year.
 */
public final class AuditLog {
    public static final Duration RETENTION = Duration.ofDays(365);
    private static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{12}");
    /** Its page tokens' list name (a token opens only the trail of the citizen it was served for). */
    static final String LIST = "audit-trail";

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<AuditItem> table;
    private final Clock clock;
    private final IdSource ids;
    private final PageTokens pageTokens;

    public AuditLog(DynamoDbEnhancedClient enhanced, DynamoDbTable<AuditItem> table, Clock clock, IdSource ids,
                    PageTokens pageTokens) {
        this.pageTokens = pageTokens;
        this.enhanced = enhanced;
        this.table = table;
        this.clock = clock;
        this.ids = ids;
    }

    public static AuditLog create(Platform p) {
        return new AuditLog(p.enhanced(), Tables.audit(p), p.clock(), p.ids(), PageTokens.create(p));
    }

    /** Records that {@code actor} saw the data of each citizen in {@code subjects} through {@code action} on {@code resource}. */
    public void record(Principal actor, String action, String resource, Collection<String> subjects) {
        Instant now = clock.instant();
        List<AuditItem> items = new ArrayList<>();
        for (String citizenId : new LinkedHashSet<>(subjects)) {
            if (citizenId == null) {
                continue;
            }
            items.add(AuditItem.builder().citizenId(citizenId).sk(Times.iso(now) + "#" + ids.newId()).at(Times.iso(now))
                    .actorSub(actor.subject()).actorRole(actor.role().name()).action(action).resource(resource)
                    .expiresAt(now.plus(RETENTION).getEpochSecond()).build());
        }
        for (int i = 0; i < items.size(); i += 25) {
            List<AuditItem> remaining = items.subList(i, Math.min(items.size(), i + 25));
            for (int attempt = 0; !remaining.isEmpty(); attempt++) {
                if (attempt > 8) {
                    throw new DependencyUnavailableException("the audit log is throttling writes", 2);
                }
                var batch = WriteBatch.builder(AuditItem.class).mappedTableResource(table);
                remaining.forEach(batch::addPutItem);
                var built = batch.build();
                remaining = enhanced.batchWriteItem(r -> r.writeBatches(built)).unprocessedPutItemsForTable(table);
            }
        }
    }

    /** One lookup, as shown to ADMIN or to the citizen. */
    public record Entry(String at, String actorSub, String actorRole, String action, String resource) {
    }

    /** A page of a citizen's audit trail, newest first. */
    public record Trail(String citizenId, List<Entry> items, String nextPageToken) {
    }

    public Trail trail(String citizenId, String pageToken) {
        if (citizenId == null || !CITIZEN_ID.matcher(citizenId).matches()) {
            throw InvalidInputException.of("citizenId", "FORMAT", "must be the 12-digit personal identification number");
        }
        var request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(citizenId).build()))
                .scanIndexForward(false).limit(100);
        // only a key this API handed out for this citizen's trail (sealed: see PageTokens)
        request.exclusiveStartKey(pageTokens.open(LIST, citizenId, pageToken));
        var page = table.query(request.build()).iterator().next();
        List<Entry> entries = page.items().stream()
                .map(a -> new Entry(a.at(), a.actorSub(), a.actorRole(), a.action(), a.resource())).toList();
        return new Trail(citizenId, entries, pageTokens.seal(LIST, citizenId, page.lastEvaluatedKey()));
    }
}

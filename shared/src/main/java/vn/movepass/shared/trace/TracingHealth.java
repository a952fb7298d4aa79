package vn.movepass.shared.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.health.HealthChange;
import vn.movepass.shared.health.HealthPeriods;
import vn.movepass.shared.health.HealthRules;
import vn.movepass.shared.health.HealthService;
import vn.movepass.shared.health.HealthState;
import vn.movepass.shared.health.HealthStore;
import vn.movepass.shared.health.Phase;
import vn.movepass.shared.store.Transactions;

/**
 * Tracing's classifications as health events: a contact is a CLASSIFIED event by SYSTEM (the case id as sub) at the
 * evidence's contact instant, so the quarantine starts then. Each (case, level, citizen) is recorded once, whatever the
 * redeliveries: an idempotency record in the same transaction. A recovered contact is shielded: recorded, not
 * quarantined, and tracing does not continue through them.
 */
public final class TracingHealth {
    private final HealthStore store;
    private final HealthRules rules;
    private final Duration retention;

    public TracingHealth(HealthStore store, HealthRules rules, Duration retention) {
        this.store = store;
        this.rules = rules;
        this.retention = retention;
    }

    public static TracingHealth create(Platform p) {
        return new TracingHealth(HealthStore.create(p), new HealthRules(HealthPeriods.from(p.environment())),
                p.environment().duration(EnvKey.HEALTH_RETENTION_DAYS));
    }

    /** The idempotency record's sort key of tracing's classification of one resident at one level in one case. */
    public static String key(String caseId, String level) {
        return HealthService.IDEMPOTENCY_PREFIX + "trace:" + caseId + ":" + level;
    }

    /** Records the classification; returns whether the resident was shielded (recovered: not to be traced further). */
    public boolean classify(String citizenId, String ward, String level, Instant contactAt, String caseId, Instant now) {
        return classify(citizenId, ward, level, contactAt, caseId, now, null);
    }

    /** The residents' health statuses, read consistently in one BatchGetItem per 100 ({@link #classify}'s start). */
    public Map<String, HealthStore.Status> statuses(Collection<String> citizenIds) {
        return store.readAll(citizenIds);
    }

    /**
     * {@link #classify(String, String, String, Instant, String, Instant)} from the resident's status as just read
     * ({@link #statuses}; null: read it here).
     */
    public boolean classify(String citizenId, String ward, String level, Instant contactAt, String caseId, Instant now,
                            HealthStore.Status known) {
        HealthChange change = HealthChange.classified(level, contactAt, caseId);
        String eventId = caseId + "-" + level + "-" + citizenId.hashCode();
        try {
            HealthStore.Applied applied = store.change(new HealthStore.Resident(citizenId, ward, null), status -> {
                HealthRules.Result result = rules.apply(status.snapshot(), change);
                Map<String, AttributeValue> idem = Map.of("pk", AttributeValue.fromS(citizenId),
                        "sk", AttributeValue.fromS(key(caseId, level)),
                        "eventId", AttributeValue.fromS(eventId), "recordedAt", AttributeValue.fromS(Times.iso(now)),
                        "expiresAt", AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())));
                List<TransactWriteItem> items = List.of(
                        TransactWriteItem.builder().put(Put.builder().tableName(store.table()).item(idem)
                                .conditionExpression("attribute_not_exists(pk)").build()).build(),
                        TransactWriteItem.builder().put(Put.builder().tableName(store.table()).item(HealthService.eventAttributes(
                                citizenId, eventId, change, "SYSTEM", caseId, ward, now, retention)).build()).build());
                return new HealthStore.Plan(result, items);
            }, now, known);
            return applied.outcome() == HealthRules.Outcome.SHIELDED;
        } catch (TransactionCanceledException e) {
            if (!Transactions.conditionFailedAt(e, 0)) {
                throw e;
            }
            // recorded by an earlier delivery (which may have failed before its pass copies: copy again), judge it again
            // from the stored status
            store.recopy(citizenId, now);
            Phase p = store.read(citizenId).snapshot().at(contactAt);
            return !"F0".equals(level) && p != null && p.state() == HealthState.RECOVERED;
        }
    }
}

package vn.movepass.shared.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.store.HealthStatusItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;
import vn.movepass.shared.trace.CaseService;
import vn.movepass.shared.trace.NewCase;
import vn.movepass.shared.page.PageTokens;

/**
 * Health events recorded by ward police and health officials, a resident's health and history, and a ward's current
 * list. Every event is one {@link HealthStore#change}: the history item (and the idempotency record when the caller
 * sent a key) written with the status it produces. An F0 opens a tracing case as {@code POST /v1/cases} does.
 */
public final class HealthService {
    /** Page tokens\' list names: a resident\'s history; a ward\'s current list. */
    static final String HISTORY_LIST = "health-history";
    static final String WARD_LIST = "ward-health";
    static final String EVENT = "EVENT#";
    public static final String IDEMPOTENCY_PREFIX = "IDEM#";
    static final String IDEMPOTENCY = IDEMPOTENCY_PREFIX;
    private static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern WARD = Pattern.compile("[0-9]{5}");
    private static final int HISTORY_PAGE = 50;
    private static final int WARD_PAGE = 100;
    /** An idempotency record is kept this long: a client retries within minutes, not days. */
    static final Duration IDEMPOTENCY_TTL = Duration.ofDays(2);

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<ResidentItem> residents;
    private final HealthStore store;
    private final HealthRules rules;
    private final CaseService cases;
    private final AuditLog audit;
    private final Clock clock;
    private final IdSource ids;
    private final Duration retention;
    private final PageTokens pageTokens;

    public HealthService(DynamoDbClient dynamo, DynamoDbTable<ResidentItem> residents, HealthStore store, HealthRules rules,
                         CaseService cases, AuditLog audit, Clock clock, IdSource ids, Duration retention, PageTokens pageTokens) {
        this.pageTokens = pageTokens;
        this.dynamo = dynamo;
        this.residents = residents;
        this.store = store;
        this.rules = rules;
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.retention = retention;
    }

    public static HealthService create(Platform p) {
        return new HealthService(p.dynamo(), Tables.residents(p), HealthStore.create(p),
                new HealthRules(HealthPeriods.from(p.environment())), CaseService.create(p), AuditLog.create(p), p.clock(), p.ids(),
                p.environment().duration(EnvKey.HEALTH_RETENTION_DAYS), PageTokens.create(p));
    }

    /** The answer to recording an event; {@code repeated} when an earlier request with the same key recorded it. */
    public record Recorded(String eventId, HealthView health, boolean repeated) {
    }

    /** {@code POST /v1/citizens/{citizenId}/health-events}. */
    public Recorded record(Principal by, String citizenId, HealthChange change, String idempotencyKey) {
        ResidentItem resident = resident(citizenId);
        authorize(by, resident);
        Instant now = clock.instant();
        if (idempotencyKey != null) {
            String earlier = earlierEvent(citizenId, idempotencyKey);
            if (earlier != null) {
                return repeated(citizenId, earlier, now);
            }
        }
        HealthStore.Status current = store.read(citizenId);
        Phase phase = current.snapshot().at(change.at());
        if (by.role() == Role.WARD_POLICE) {
            boolean f0 = "F0".equals(change.raisesTo()) || change.type() == HealthEventType.RECOVERED
                    || (phase != null && "F0".equals(phase.level()) && change.type() != HealthEventType.TESTED);
            if (f0) {
                throw new ForbiddenException("F0 and recoveries are recorded by health officials");
            }
        }
        HealthChange effective = change;
        boolean opensCase = "F0".equals(change.raisesTo())
                && !(phase != null && "F0".equals(phase.level()) && phase.state() == HealthState.ISOLATING);
        if (opensCase) {
            rules.apply(current.snapshot(), change); // refuses a bad event before a case is opened for it
            String caseId = cases.open(by, new NewCase(citizenId, change.at())).caseId();
            effective = new HealthChange(change.type(), change.at(), change.level(), change.testMethod(), change.testResult(),
                    change.sampledAt(), change.place(), change.until(), change.reason(), caseId);
        }
        String eventId = ids.newId();
        HealthChange event = effective;
        HealthStore.Resident who = new HealthStore.Resident(citizenId, resident.currentWardCode(), resident.fullName());
        try {
            HealthStore.Applied applied = store.change(who, status -> {
                HealthRules.Result result = rules.apply(status.snapshot(), event);
                List<TransactWriteItem> items = new ArrayList<>();
                if (idempotencyKey != null) {
                    items.add(idempotencyRecord(citizenId, idempotencyKey, eventId, now));
                }
                items.add(eventItem(citizenId, eventId, event, by.role().name(), by.subject(), resident.currentWardCode(), now));
                if (opensCase) {
                    // the case's first trace step finds its F0 already recorded (see TracingHealth)
                    Map<String, AttributeValue> traced = Map.of("pk", s(citizenId),
                            "sk", s(IDEMPOTENCY_PREFIX + "trace:" + event.caseId() + ":F0"), "eventId", s(eventId),
                            "recordedAt", s(Times.iso(now)), "expiresAt", n(now.plus(retention).getEpochSecond()));
                    items.add(TransactWriteItem.builder().put(Put.builder().tableName(store.table()).item(traced).build()).build());
                }
                return new HealthStore.Plan(result, items);
            }, now);
            return new Recorded(eventId, HealthView.of(Health.of(applied.after(), now)), false);
        } catch (TransactionCanceledException e) {
            if (idempotencyKey != null && Transactions.conditionFailedAt(e, 0)) {
                String earlier = earlierEvent(citizenId, idempotencyKey);
                if (earlier != null) {
                    return repeated(citizenId, earlier, now);
                }
            }
            throw e;
        }
    }

    /**
     * The answer to a repeat: the event recorded the first time. Its status is copied onto the live passes again, which
     * heals a first attempt that committed but failed before its copies (and answered 503).
     */
    private Recorded repeated(String citizenId, String eventId, Instant now) {
        store.recopy(citizenId, now);
        return new Recorded(eventId, HealthView.of(Health.of(store.read(citizenId).snapshot(), now)), true);
    }

    /** One line of a resident's history. */
    public record HistoryEntry(String eventId, String type, String at, String level, By by) {
    }

    /** Who recorded it. */
    public record By(String role, String sub) {
    }

    /** {@code GET /v1/citizens/{citizenId}/health}. */
    public record View(String citizenId, HealthView health, List<HistoryEntry> history, String nextPageToken) {
    }

    public View view(Principal by, String citizenId, String pageToken) {
        ResidentItem resident = resident(citizenId);
        authorize(by, resident);
        audit.record(by, "HEALTH", "citizen:" + CitizenId.mask(citizenId), List.of(citizenId));
        QueryRequest.Builder q = QueryRequest.builder().tableName(store.table())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :e)")
                .expressionAttributeValues(Map.of(":pk", s(citizenId), ":e", s(EVENT)))
                .scanIndexForward(false).limit(HISTORY_PAGE);
        q.exclusiveStartKey(pageTokens.open(HISTORY_LIST, citizenId, pageToken));
        QueryResponse page = dynamo.query(q.build());
        List<HistoryEntry> history = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            history.add(new HistoryEntry(text(item, "eventId"), text(item, "type"), text(item, "at"), text(item, "level"),
                    new By(text(item, "byRole"), text(item, "bySub"))));
        }
        String next = pageTokens.seal(HISTORY_LIST, citizenId, page.lastEvaluatedKey());
        return new View(citizenId, HealthView.of(Health.of(store.read(citizenId).snapshot(), clock.instant())), history, next);
    }

    /** One resident on a ward's list. */
    public record WardEntry(String citizenId, String fullName, String level, String state, String since, String until) {
    }

    /** {@code GET /v1/wards/{wardCode}/health}. */
    public record WardList(List<WardEntry> items, String nextPageToken) {
    }

    public WardList ward(Principal by, String wardCode, String state, String pageToken) {
        if (!WARD.matcher(wardCode).matches() || !AdministrativeUnits.get().isWard(wardCode)) {
            throw new NotFoundException("no such ward");
        }
        HealthState wanted = null;
        if (state != null) {
            wanted = switch (state) {
                case "ISOLATING" -> HealthState.ISOLATING;
                case "QUARANTINED" -> HealthState.QUARANTINED;
                case "MONITORING" -> HealthState.MONITORING;
                default -> throw InvalidInputException.of("state", "NOT_ALLOWED", "one of ISOLATING, QUARANTINED, MONITORING");
            };
        }
        authorizeWard(by, wardCode);
        Instant now = clock.instant();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":w", s(wardCode));
        values.put(":now", s(Times.iso(now)));
        QueryRequest.Builder q = QueryRequest.builder().tableName(store.table()).indexName(HealthStatusItem.BY_WARD)
                .keyConditionExpression("wardCode = :w AND activeUntil > :now").expressionAttributeValues(values).limit(WARD_PAGE);
        // a token names a resident (the index key): sealed, bound to this ward and state filter (PageTokens)
        String scope = wardCode + "|" + (wanted == null ? "" : wanted.name());
        q.exclusiveStartKey(pageTokens.open(WARD_LIST, scope, pageToken));
        QueryResponse page = dynamo.query(q.build());
        List<WardEntry> items = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            Health h = Health.of(HealthSnapshot.decode(text(item, "health")), now);
            if (h.state() == HealthState.NONE || h.state() == HealthState.RECOVERED || (wanted != null && h.state() != wanted)) {
                continue;
            }
            String citizenId = text(item, "pk");
            HealthView view = HealthView.of(h);
            items.add(new WardEntry(citizenId, text(item, "fullName"), view.level(), view.state(), view.since(), view.until()));
            seen.add(citizenId);
        }
        String next = pageTokens.seal(WARD_LIST, scope, page.lastEvaluatedKey());
        audit.record(by, "WARD_HEALTH", "ward:" + wardCode, seen);
        return new WardList(items, next);
    }

    private ResidentItem resident(String citizenId) {
        if (!CITIZEN_ID.matcher(citizenId).matches()) {
            throw InvalidInputException.of("citizenId", "FORMAT", "must be the 12-digit personal identification number");
        }
        ResidentItem r = residents.getItem(Key.builder().partitionValue(citizenId).build());
        if (r == null) {
            throw new NotFoundException("no such citizen in the registry");
        }
        return r;
    }

    /** Health officials of the resident's province (or national); ward police of the resident's current ward. */
    private static void authorize(Principal by, ResidentItem resident) {
        Access.requireRole(by, Role.HEALTH_OFFICIAL, Role.WARD_POLICE);
        String ward = resident.currentWardCode();
        if (by.role() == Role.WARD_POLICE) {
            if (ward == null || !ward.equals(by.wardCode())) {
                throw new ForbiddenException("this resident lives outside the ward of this account");
            }
            return;
        }
        Access.requireProvince(by, province(ward));
    }

    private static void authorizeWard(Principal by, String wardCode) {
        Access.requireRole(by, Role.HEALTH_OFFICIAL, Role.WARD_POLICE);
        if (by.role() == Role.WARD_POLICE) {
            if (!wardCode.equals(by.wardCode())) {
                throw new ForbiddenException("this is another ward");
            }
            return;
        }
        Access.requireProvince(by, province(wardCode));
    }

    private static String province(String ward) {
        return ward == null ? null : AdministrativeUnits.get().ward(ward).map(w -> w.provinceCode()).orElse(null);
    }

    private String earlierEvent(String citizenId, String key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(store.table()).consistentRead(true)
                .key(Map.of("pk", s(citizenId), "sk", s(IDEMPOTENCY + key)))).item();
        return item == null || item.isEmpty() ? null : text(item, "eventId");
    }

    private TransactWriteItem idempotencyRecord(String citizenId, String key, String eventId, Instant now) {
        Map<String, AttributeValue> item = Map.of("pk", s(citizenId), "sk", s(IDEMPOTENCY + key), "eventId", s(eventId),
                "recordedAt", s(Times.iso(now)), "expiresAt", n(now.plus(IDEMPOTENCY_TTL).getEpochSecond()));
        return TransactWriteItem.builder().put(Put.builder().tableName(store.table()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The EVENT item of docs/health-design (the format the exports read). */
    TransactWriteItem eventItem(String citizenId, String eventId, HealthChange c, String role, String sub, String ward, Instant now) {
        return TransactWriteItem.builder().put(Put.builder().tableName(store.table())
                .item(eventAttributes(citizenId, eventId, c, role, sub, ward, now, retention)).build()).build();
    }

    /** The attributes of an EVENT item. */
    public static Map<String, AttributeValue> eventAttributes(String citizenId, String eventId, HealthChange c, String role,
                                                              String sub, String ward, Instant now, Duration retention) {
        String recordedAt = Times.iso(now);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(citizenId));
        item.put("sk", s(EVENT + recordedAt + "#" + eventId));
        item.put("eventId", s(eventId));
        item.put("type", s(c.type().name()));
        item.put("at", s(Times.iso(c.at())));
        String level = c.raisesTo();
        if (level != null) {
            item.put("level", s(level));
        }
        item.put("detail", s(detail(c)));
        item.put("byRole", s(role));
        item.put("bySub", s(sub));
        item.put("recordedAt", s(recordedAt));
        item.put("recordedHour", s(Times.hourBucket(now)));
        if (ward != null) {
            item.put("wardCode", s(ward));
        }
        item.put("expiresAt", n(now.plus(retention).getEpochSecond()));
        return item;
    }

    private static String detail(HealthChange c) {
        ObjectNode d = Json.object();
        if (c.testMethod() != null) {
            d.putObject("test").put("method", c.testMethod().name()).put("result", c.testResult().name())
                    .put("sampledAt", Times.iso(c.sampledAt()));
        }
        if (c.place() != null) {
            d.put("place", c.place().name());
        }
        if (c.until() != null) {
            d.put("until", c.until().toString());
        }
        if (c.reason() != null) {
            d.put("reason", c.reason());
        }
        if (c.caseId() != null) {
            d.put("caseId", c.caseId());
        }
        return Json.write(d);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}

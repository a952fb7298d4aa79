package vn.movepass.shared.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.error.UnauthenticatedException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthStore;
import vn.movepass.shared.page.PageTokens;
import vn.movepass.shared.report.Unit;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Shards;
import vn.movepass.shared.report.Counter;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;
import vn.movepass.shared.support.SupportCounters.Figure;

/**
 * Policy support (Resolution 68/NQ-CP): a commune official enters the beneficiaries of their ward, one by one or by CSV
 * ({@link SupportImport}), pays them once, and reverses a payment with a reason; wards list their cases, and reports add
 * up counters kept with the records. Every case is checked against the registry (as a declaration is), its residence
 * (the registry's permanent or temporary ward is this one, or a stranded person with a note) and what the health
 * history can tell ({@link SupportRules}). One case per citizen per policy nationwide, under any concurrency: a guard
 * item {@code GUARD#<citizenId>#<policyId>} is put, on condition that it does not exist, in the case's own transaction
 * with its history event and its report counters, so a case lands whole or not at all. Every change and every look-up
 * is audited ({@link AuditLog}); every item but the counters carries a retention TTL. Items: docs/support.md.
 */
public final class SupportService {
    static final String CASE = "CASE#";
    static final String CASE_SK = "CASE";
    static final String GUARD = "GUARD#";
    static final String GUARD_SK = "GUARD";
    static final String EVENT = "EVENT#";
    /**
     * Sparse indexes over case items: a ward's cases by status then policy, and by policy then status. Their partition key
     * is {@code wardShard = <wardCode>#<s>}, {@code s} = {@link #wardShard} of the case id, so that a ward's CSV import
     * (about 200 lines a second) spreads over {@value #WARD_SHARDS} keys instead of one (docs/capacity.md, fix 6); a list
     * page reads every shard of the ward and merges them in key order.
     */
    public static final String BY_WARD = "byWard";
    public static final String BY_WARD_POLICY = "byWardPolicy";
    /** How many list keys a ward's cases are spread over. */
    public static final int WARD_SHARDS = 8;
    static final String LIST = "support-cases";
    static final int PAGE = 50;
    public static final String PENDING = "PENDING";
    public static final String PAID = "PAID";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String residentsTable;
    private final Function<String, HealthSnapshot> health;
    private final SupportCounters counters;
    private final DailyCounters daily;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration retention;
    private final PageTokens pageTokens;
    private final AdministrativeUnits units;

    public SupportService(DynamoDbClient dynamo, String table, String residentsTable, Function<String, HealthSnapshot> health,
                          AuditLog audit, Clock clock, Duration retention, PageTokens pageTokens, AdministrativeUnits units,
                          DailyCounters daily) {
        this.dynamo = dynamo;
        this.table = table;
        this.residentsTable = residentsTable;
        this.health = health;
        this.counters = new SupportCounters(table, units);
        this.daily = daily;
        this.audit = audit;
        this.clock = clock;
        this.retention = retention;
        this.pageTokens = pageTokens;
        this.units = units;
    }

    public static SupportService create(Platform p) {
        // only the health status is read (HealthStore's item format), never written: no pass or counter tables needed
        String healthTable = Tables.name(p, EnvKey.HEALTH_TABLE);
        DynamoDbClient dynamo = p.dynamo();
        Function<String, HealthSnapshot> health = id -> HealthStore.status(id, dynamo.getItem(r -> r.tableName(healthTable)
                .key(HealthStore.key(id)).consistentRead(true)).item()).snapshot();
        return new SupportService(p.dynamo(), Tables.name(p, EnvKey.SUPPORT_TABLE), Tables.name(p, EnvKey.RESIDENTS_TABLE),
                health, AuditLog.create(p), p.clock(),
                p.environment().duration(EnvKey.SUPPORT_RETENTION_DAYS), PageTokens.create(p), AdministrativeUnits.get(),
                DailyCounters.create(p));
    }

    public String table() {
        return table;
    }

    // ------------------------------------------------------------------ catalogue

    /** One policy of {@code GET /v1/support/policies}. */
    public record PolicyView(String policyId, String titleVi, String titleEn, Amount amount, Integer minDays, Integer maxDays,
                             String legalBasis, String checked) {
    }

    public record Amount(String kind, long vnd) {
    }

    public record Policies(List<PolicyView> items) {
    }

    public static Policies policies() {
        List<PolicyView> items = new ArrayList<>();
        for (SupportPolicy p : SupportPolicy.values()) {
            items.add(new PolicyView(p.name(), p.titleVi(), p.titleEn(), new Amount(p.kind().name(), p.vnd()), p.minDays(),
                    p.maxDays(), p.legalBasis(), p.check().name()));
        }
        return new Policies(items);
    }

    // ------------------------------------------------------------------ entering a case

    /** The answer to a new case. */
    public record Created(String supportCaseId, String status, long amountVnd, String fullName) {
    }

    /** {@code POST /v1/wards/{wardCode}/support-cases}. */
    public Created create(Principal by, String wardCode, SupportCaseRequest request) {
        requireWard(by, wardCode);
        ResidentItem resident = residents(List.of(request.citizenId())).get(request.citizenId());
        Created created;
        try {
            created = enter(by, wardCode, request, resident, clock.instant());
        } catch (Taken taken) {
            throw alreadyRegistered(taken.wardCode);
        }
        // the answer shows the registry's spelling of the name: a look-up (a refusal shows nothing and stores nothing)
        audit.record(by, "SUPPORT_CASE_ENTRY", "support-case:" + created.supportCaseId(), List.of(request.citizenId()));
        return created;
    }

    /** The 409 of a second case of a citizen under a policy: it names the ward that holds the first, nothing else. */
    static ConflictException alreadyRegistered(String holder) {
        return new ConflictException("citizenId", "ALREADY_REGISTERED",
                "this citizen already has a case of this policy, held by ward " + holder);
    }

    /**
     * Checks and writes one case ({@code resident} read by the caller, null when not in the registry). Throws
     * {@link InvalidInputException} with the codes of API.md, or {@link Taken} when the guard is held.
     */
    Created enter(Principal by, String wardCode, SupportCaseRequest r, ResidentItem resident, Instant now) {
        List<FieldError> errors = SupportRules.registry(r, resident);
        if (errors.isEmpty()) {
            errors = SupportRules.residence(r, resident, wardCode);
        }
        if (errors.isEmpty() && r.policy().check() != SupportPolicy.Check.NONE) {
            errors = SupportRules.eligibility(r, resident, health.apply(r.citizenId()), now, Times.vietnamDate(now));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long amount = r.policy().amountFor(r.days(), r.months());
        String caseId = caseId(wardCode, r.citizenId(), r.policy());
        long expires = now.plus(retention).getEpochSecond();
        List<TransactWriteItem> items = new ArrayList<>();
        Map<String, AttributeValue> created = caseItem(caseId, wardCode, r, resident, amount, by, now, expires);
        items.add(put(created, "attribute_not_exists(pk)"));
        items.add(put(Map.of("pk", s(GUARD + r.citizenId() + "#" + r.policy().name()), "sk", s(GUARD_SK), "wardCode", s(wardCode),
                "supportCaseId", s(caseId), "createdAt", s(Times.iso(now)), "expiresAt", n(expires)), "attribute_not_exists(pk)"));
        items.add(put(event(caseId, "CREATED", 1, by, now, expires, Map.of("amountVnd", n(amount)), created), null));
        items.addAll(counters.add(wardCode, caseId, r.policy(), Map.of(Figure.CASES, 1L)));
        // the day's figures of the daily report (cases entered, payments and amounts recorded that day)
        items.addAll(daily.tally(caseId).add(Counter.SUPPORT_CASES, wardCode, Times.vietnamDate(now), 1).updates());
        try {
            Transactions.write(dynamo, items);
        } catch (TransactionCanceledException e) {
            if (!Transactions.anyConditionFailed(e)) {
                throw e;
            }
            Map<String, AttributeValue> guard = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(Map.of("pk", s(GUARD + r.citizenId() + "#" + r.policy().name()), "sk", s(GUARD_SK)))).item();
            if (guard == null || guard.isEmpty()) {
                throw DependencyUnavailableException.busy(); // the holder went away between the write and this read
            }
            throw new Taken(guard.get("wardCode").s(), caseId.equals(guard.get("supportCaseId").s()));
        }
        return new Created(caseId, PENDING, amount, resident.fullName());
    }

    /** The guard of this citizen and policy is held (by this very case when {@code same}). */
    static final class Taken extends RuntimeException {
        final String wardCode;
        final boolean same;

        Taken(String wardCode, boolean same) {
            super(null, null, false, false);
            this.wardCode = wardCode;
            this.same = same;
        }
    }

    /**
     * The case's id, derived from its ward, citizen and policy: the same line imported twice, or a retried request,
     * names the same case (and so creates nothing new). A hash: the id shows none of them.
     */
    public static String caseId(String wardCode, String citizenId, SupportPolicy policy) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("movepass-support-case|" + wardCode + "|" + citizenId + "|" + policy.name()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, AttributeValue> caseItem(String caseId, String ward, SupportCaseRequest r, ResidentItem resident,
                                                 long amount, Principal by, Instant now, long expires) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(CASE + caseId));
        item.put("sk", s(CASE_SK));
        item.put("supportCaseId", s(caseId));
        item.put("citizenId", s(r.citizenId()));
        item.put("fullName", s(resident.fullName()));
        item.put("dateOfBirth", s(resident.dateOfBirth()));
        item.put("policyId", s(r.policy().name()));
        item.put("residence", s(r.residence().name()));
        if (r.days() != null) {
            item.put("days", n(r.days()));
        }
        if (r.months() != null) {
            item.put("months", n(r.months()));
        }
        if (r.note() != null) {
            item.put("note", s(r.note()));
        }
        item.put("amountVnd", n(amount));
        item.put("wardCode", s(ward));
        item.put("wardShard", s(wardShardKey(ward, wardShard(caseId))));
        item.put("status", s(PENDING));
        item.put("listKey", s(listKey(PENDING, r.policy().name(), now, caseId)));
        item.put("policyKey", s(policyKey(PENDING, r.policy().name(), now, caseId)));
        item.put("createdAt", s(Times.iso(now)));
        item.put("createdBy", s(by.subject()));
        item.put("version", n(1));
        item.put("expiresAt", n(expires));
        return item;
    }

    /** The shard of a case's line in its ward's lists: CRC32 of the case id, mod {@link #WARD_SHARDS}; stable. */
    public static int wardShard(String caseId) {
        return Shards.of(caseId, WARD_SHARDS);
    }

    static String wardShardKey(String wardCode, int shard) {
        return wardCode + "#" + shard;
    }

    static String listKey(String status, String policy, Instant created, String caseId) {
        return status + "#" + policy + "#" + Times.iso(created) + "#" + caseId;
    }

    static String policyKey(String status, String policy, Instant created, String caseId) {
        return policy + "#" + status + "#" + Times.iso(created) + "#" + caseId;
    }

    /**
     * One change of a case, for its history: who, when, what; with the citizen, policy and ward, and the hour it was
     * recorded ({@code byHour}: the analysts' export reads a day's events in 24 Queries).
     */
    private Map<String, AttributeValue> event(String caseId, String type, long version, Principal by, Instant now, long expires,
                                              Map<String, AttributeValue> detail, Map<String, AttributeValue> supportCase) {
        Map<String, AttributeValue> item = new HashMap<>(detail);
        item.put("citizenId", supportCase.get("citizenId"));
        item.put("policyId", supportCase.get("policyId"));
        item.put("ward", supportCase.get("wardCode"));
        item.put("recordedHour", s(Times.hourBucket(now)));
        item.put("pk", s(CASE + caseId));
        item.put("sk", s(EVENT + String.format("%06d", version) + "#" + type));
        item.put("type", s(type));
        item.put("at", s(Times.iso(now)));
        item.put("byRole", s(by.role().name()));
        item.put("bySub", s(by.subject()));
        item.put("expiresAt", n(expires));
        return item;
    }

    // ------------------------------------------------------------------ payments

    /** A case as shown to its ward. */
    public record CaseView(String supportCaseId, String citizenId, String fullName, String policyId, String residence,
                           Integer days, Integer months, String note, long amountVnd, String wardCode, String status,
                           String createdAt, Payment payment) {
    }

    public record Payment(long amountVnd, String paidAt, String method, String reference, String recordedAt) {
    }

    public record HistoryEntry(String type, String at, String byRole, String bySub, String detail) {
    }

    public record CaseDetail(CaseView supportCase, List<HistoryEntry> history) {
    }

    /** {@code POST /v1/support-cases/{id}/payments}: once, for the case's amount, by an official of the case's ward. */
    public CaseView pay(Principal by, String caseId, PaymentRequest p) {
        Map<String, AttributeValue> item = caseOf(by, caseId);
        if (PAID.equals(item.get("status").s())) {
            throw new ConflictException("supportCaseId", "ALREADY_PAID", "this case is already paid");
        }
        long amount = Long.parseLong(item.get("amountVnd").n());
        if (p.amountVnd() != amount) {
            throw InvalidInputException.of("amountVnd", "AMOUNT_MISMATCH", "must equal the case's amount, " + amount + " VND");
        }
        Instant now = clock.instant();
        long version = Long.parseLong(item.get("version").n());
        long expires = now.plus(retention).getEpochSecond();
        SupportPolicy policy = SupportPolicy.valueOf(item.get("policyId").s());
        Instant created = Instant.parse(item.get("createdAt").s());
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pending", s(PENDING));
        values.put(":paid", s(PAID));
        values.put(":v", n(version));
        values.put(":v1", n(version + 1));
        values.put(":a", n(amount));
        values.put(":at", s(Times.iso(p.paidAt())));
        values.put(":m", s(p.method().name()));
        values.put(":r", s(p.reference() == null ? "" : p.reference()));
        values.put(":by", s(by.subject()));
        values.put(":now", s(Times.iso(now)));
        values.put(":lk", s(listKey(PAID, policy.name(), created, caseId)));
        values.put(":pk", s(policyKey(PAID, policy.name(), created, caseId)));
        values.put(":e", n(expires));
        Map<String, AttributeValue> detail = new HashMap<>(Map.of("amountVnd", n(amount), "method", s(p.method().name()),
                "paidAt", s(Times.iso(p.paidAt()))));
        if (p.reference() != null) {
            detail.put("reference", s(p.reference()));
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(caseKey(caseId))
                .conditionExpression("#s = :pending AND version = :v")
                .updateExpression("SET #s = :paid, version = :v1, paidAmountVnd = :a, paidAt = :at, #m = :m, #r = :r, "
                        + "paidBy = :by, paymentRecordedAt = :now, listKey = :lk, policyKey = :pk, expiresAt = :e")
                .expressionAttributeNames(Map.of("#s", "status", "#m", "method", "#r", "reference"))
                .expressionAttributeValues(values).build()).build());
        items.add(put(event(caseId, "PAID", version + 1, by, now, expires, detail, item), null));
        items.addAll(counters.add(item.get("wardCode").s(), caseId, policy, Map.of(Figure.PAID, 1L, Figure.AMOUNT_PAID, amount)));
        items.addAll(daily.tally(caseId).add(Counter.SUPPORT_PAID, item.get("wardCode").s(), Times.vietnamDate(now), 1)
                .add(Counter.SUPPORT_AMOUNT_PAID, item.get("wardCode").s(), Times.vietnamDate(now), amount).updates());
        try {
            Transactions.write(dynamo, items);
        } catch (TransactionCanceledException e) {
            if (!Transactions.conditionFailedAt(e, 0)) {
                throw e;
            }
            if (PAID.equals(caseOf(by, caseId).get("status").s())) {
                throw new ConflictException("supportCaseId", "ALREADY_PAID", "this case is already paid");
            }
            throw DependencyUnavailableException.busy(); // reversed and changed meanwhile: try again
        }
        audit.record(by, "SUPPORT_PAYMENT", "support-case:" + caseId, List.of(item.get("citizenId").s()));
        return view(caseOf(by, caseId));
    }

    /** {@code POST /v1/support-cases/{id}/payments/reversal}: the paying ward withdraws a payment, with a reason. */
    public CaseView reverse(Principal by, String caseId, String reason) {
        Map<String, AttributeValue> item = caseOf(by, caseId);
        if (!PAID.equals(item.get("status").s())) {
            throw new ConflictException("supportCaseId", "NOT_PAID", "this case has no payment to reverse");
        }
        Instant now = clock.instant();
        long version = Long.parseLong(item.get("version").n());
        long amount = Long.parseLong(item.get("paidAmountVnd").n());
        long expires = now.plus(retention).getEpochSecond();
        SupportPolicy policy = SupportPolicy.valueOf(item.get("policyId").s());
        Instant created = Instant.parse(item.get("createdAt").s());
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pending", s(PENDING));
        values.put(":paid", s(PAID));
        values.put(":v", n(version));
        values.put(":v1", n(version + 1));
        values.put(":lk", s(listKey(PENDING, policy.name(), created, caseId)));
        values.put(":pk", s(policyKey(PENDING, policy.name(), created, caseId)));
        values.put(":e", n(expires));
        values.put(":one", n(1));
        values.put(":zero", n(0));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(caseKey(caseId))
                .conditionExpression("#s = :paid AND version = :v")
                .updateExpression("SET #s = :pending, version = :v1, listKey = :lk, policyKey = :pk, expiresAt = :e, "
                        + "reversals = if_not_exists(reversals, :zero) + :one "
                        + "REMOVE paidAmountVnd, paidAt, #m, #r, paidBy, paymentRecordedAt")
                .expressionAttributeNames(Map.of("#s", "status", "#m", "method", "#r", "reference"))
                .expressionAttributeValues(values).build()).build());
        items.add(put(event(caseId, "REVERSED", version + 1, by, now, expires, Map.of("amountVnd", n(amount), "reason", s(reason)),
                item), null));
        items.addAll(counters.add(item.get("wardCode").s(), caseId, policy, Map.of(Figure.PAID, -1L, Figure.AMOUNT_PAID, -amount)));
        // a reversal counts on its own day, against that day's payments
        items.addAll(daily.tally(caseId).add(Counter.SUPPORT_PAID, item.get("wardCode").s(), Times.vietnamDate(now), -1)
                .add(Counter.SUPPORT_AMOUNT_PAID, item.get("wardCode").s(), Times.vietnamDate(now), -amount).updates());
        try {
            Transactions.write(dynamo, items);
        } catch (TransactionCanceledException e) {
            if (!Transactions.conditionFailedAt(e, 0)) {
                throw e;
            }
            throw new ConflictException("supportCaseId", "NOT_PAID", "this case has no payment to reverse");
        }
        audit.record(by, "SUPPORT_REVERSAL", "support-case:" + caseId, List.of(item.get("citizenId").s()));
        return view(caseOf(by, caseId));
    }

    /** {@code GET /v1/support-cases/{id}}: the case and its history (audited). */
    public CaseDetail get(Principal by, String caseId) {
        Map<String, AttributeValue> item = caseOf(by, caseId);
        audit.record(by, "SUPPORT_CASE", "support-case:" + caseId, List.of(item.get("citizenId").s()));
        QueryResponse events = dynamo.query(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :e)")
                .expressionAttributeValues(Map.of(":pk", s(CASE + caseId), ":e", s(EVENT))));
        List<HistoryEntry> history = new ArrayList<>();
        for (Map<String, AttributeValue> e : events.items()) {
            String detail = e.containsKey("reason") ? e.get("reason").s()
                    : e.containsKey("method") ? e.get("method").s() + (e.containsKey("reference") ? " " + e.get("reference").s() : "")
                    : null;
            history.add(new HistoryEntry(e.get("type").s(), e.get("at").s(), e.get("byRole").s(), e.get("bySub").s(), detail));
        }
        return new CaseDetail(view(item), history);
    }

    /** The case item, after checking that {@code by} is a commune official of its ward (404 when there is none). */
    private Map<String, AttributeValue> caseOf(Principal by, String caseId) {
        requireRole(by);
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(caseKey(caseId))).item();
        if (item == null || item.isEmpty()) {
            throw new NotFoundException("no such support case");
        }
        if (!item.get("wardCode").s().equals(by.wardCode())) {
            throw new ForbiddenException("this case belongs to another ward");
        }
        return item;
    }

    private static Map<String, AttributeValue> caseKey(String caseId) {
        return Map.of("pk", s(CASE + caseId), "sk", s(CASE_SK));
    }

    static CaseView view(Map<String, AttributeValue> item) {
        Payment payment = null;
        if (PAID.equals(item.get("status").s())) {
            String ref = text(item, "reference");
            payment = new Payment(Long.parseLong(item.get("paidAmountVnd").n()), text(item, "paidAt"), text(item, "method"),
                    ref == null || ref.isEmpty() ? null : ref, text(item, "paymentRecordedAt"));
        }
        return new CaseView(text(item, "supportCaseId"), text(item, "citizenId"), text(item, "fullName"), text(item, "policyId"),
                text(item, "residence"), integer(item, "days"), integer(item, "months"), text(item, "note"),
                Long.parseLong(item.get("amountVnd").n()), text(item, "wardCode"), text(item, "status"), text(item, "createdAt"),
                payment);
    }

    // ------------------------------------------------------------------ lists and reports

    public record CaseList(List<CaseView> items, String nextPageToken) {
    }

    /**
     * {@code GET /v1/wards/{wardCode}/support-cases?status=&policyId=}: a Query of each of the ward's {@value #WARD_SHARDS}
     * shards of the index, never a Scan, merged in the index's order; the page token carries the last line served.
     */
    public CaseList list(Principal by, String wardCode, String status, String policyId, String pageToken) {
        if (status != null && !PENDING.equals(status) && !PAID.equals(status)) {
            throw InvalidInputException.of("status", "NOT_ALLOWED", "one of PENDING, PAID");
        }
        if (policyId != null && SupportPolicy.parse(policyId) == null) {
            throw InvalidInputException.of("policyId", "NOT_ALLOWED", "one of the policies of GET /v1/support/policies");
        }
        requireWard(by, wardCode);
        String sortKey = policyId != null ? "policyKey" : "listKey";
        String prefix = policyId != null ? policyId + "#" + (status == null ? "" : status + "#") : status == null ? null : status + "#";
        String scope = wardCode + "|" + (status == null ? "" : status) + "|" + (policyId == null ? "" : policyId);
        Map<String, AttributeValue> after = pageTokens.open(LIST, scope, pageToken);
        if (after != null && !(after.containsKey(sortKey) && after.containsKey("pk") && after.containsKey("sk"))) {
            throw InvalidInputException.of("pageToken", "INVALID", "is not a page token of this list");
        }
        // every shard's next PAGE lines after the last line served, merged in key order: the first PAGE of them are the page
        // (a shard cut short holds nothing before its last line read, so the page never goes past that line)
        Comparator<Map<String, AttributeValue>> order = Comparator.comparing((Map<String, AttributeValue> item) -> item.get(sortKey).s())
                .thenComparing(item -> item.get("pk").s());
        List<Map<String, AttributeValue>> lines = new ArrayList<>();
        Map<String, AttributeValue> horizon = null;
        boolean more = false;
        for (int shard = 0; shard < WARD_SHARDS; shard++) {
            QueryResponse part = dynamo.query(shardQuery(wardShardKey(wardCode, shard), sortKey, prefix, after));
            lines.addAll(part.items());
            if (part.lastEvaluatedKey() != null && !part.lastEvaluatedKey().isEmpty() && part.hasItems() && !part.items().isEmpty()) {
                more = true;
                Map<String, AttributeValue> lastRead = part.items().get(part.items().size() - 1);
                horizon = horizon == null || order.compare(lastRead, horizon) < 0 ? lastRead : horizon;
            }
        }
        lines.sort(order);
        int end = 0;
        while (end < lines.size() && end < PAGE && (horizon == null || order.compare(lines.get(end), horizon) <= 0)) {
            end++;
        }
        more |= lines.size() > end;
        List<Map<String, AttributeValue>> page = lines.subList(0, end);
        List<CaseView> items = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Map<String, AttributeValue> item : page) {
            items.add(view(item));
            seen.add(item.get("citizenId").s());
        }
        audit.record(by, "SUPPORT_LIST", "ward:" + wardCode, seen);
        Map<String, AttributeValue> last = page.isEmpty() || !more ? null : page.get(page.size() - 1);
        String next = last == null ? null
                : pageTokens.seal(LIST, scope, Map.of(sortKey, last.get(sortKey), "pk", last.get("pk"), "sk", last.get("sk")));
        return new CaseList(items, next);
    }

    /** One shard's lines of a ward's list, from just after {@code after} (the last line served; null: from the first). */
    private QueryRequest shardQuery(String shardKey, String sortKey, String prefix, Map<String, AttributeValue> after) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":w", s(shardKey)));
        String condition = "wardShard = :w";
        if (prefix != null) {
            values.put(":p", s(prefix));
            condition += " AND begins_with(" + sortKey + ", :p)";
        }
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(sortKey.equals("policyKey") ? BY_WARD_POLICY : BY_WARD)
                .keyConditionExpression(condition).expressionAttributeValues(values).limit(PAGE);
        if (after != null) {
            q.exclusiveStartKey(Map.of("wardShard", s(shardKey), sortKey, after.get(sortKey), "pk", after.get("pk"),
                    "sk", after.get("sk")));
        }
        return q.build();
    }

    public record PolicyFigures(long cases, long paid, long amountPaidVnd) {
    }

    public record Report(String unit, long cases, long paid, long amountPaidVnd, Map<String, PolicyFigures> byPolicy) {
    }

    /** {@code GET /v1/reports/support?unit=}: ADMIN, ANALYST, health officials in their province, ward roles their ward. */
    public Report report(Principal by, String unitRaw) {
        if (by == null) {
            throw new UnauthenticatedException("a valid bearer token is required");
        }
        Unit unit = Unit.parse(unitRaw == null ? "national" : unitRaw, units)
                .orElseThrow(() -> InvalidInputException.of("unit", "FORMAT", "national, province:79, district:760 or ward:26734"));
        requireScope(by, unit);
        Map<SupportPolicy, SupportCounters.Figures> figures = counters.read(dynamo, unit);
        Map<String, PolicyFigures> byPolicy = new LinkedHashMap<>();
        long cases = 0;
        long paid = 0;
        long amount = 0;
        for (var e : new EnumMap<>(figures).entrySet()) {
            SupportCounters.Figures f = e.getValue();
            byPolicy.put(e.getKey().name(), new PolicyFigures(f.cases(), f.paid(), f.amountPaidVnd()));
            cases += f.cases();
            paid += f.paid();
            amount += f.amountPaidVnd();
        }
        return new Report(unit.key(), cases, paid, amount, byPolicy);
    }

    private void requireScope(Principal p, Unit unit) {
        switch (p.role()) {
            case ADMIN, ANALYST -> {
                return;
            }
            case HEALTH_OFFICIAL -> {
                if (p.provinceCode() == null || p.provinceCode().equals(unit.provinceCode(units))) {
                    return;
                }
                throw new ForbiddenException("this account covers province " + p.provinceCode() + " only");
            }
            case WARD_POLICE, COMMUNE_OFFICIAL -> {
                if (unit.level() == Unit.Level.WARD && unit.code().equals(p.wardCode())) {
                    return;
                }
                throw new ForbiddenException("a ward's account sees the report of its own ward only");
            }
            default -> throw new ForbiddenException("support reports are for ward officials, health officials, analysts and admins");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A commune official of this ward (the ward must exist: 404 otherwise). */
    void requireWard(Principal by, String wardCode) {
        requireRole(by);
        if (!units.isWard(wardCode)) {
            throw new NotFoundException("no such ward");
        }
        if (!wardCode.equals(by.wardCode())) {
            throw new ForbiddenException("this account belongs to another ward");
        }
    }

    private static void requireRole(Principal by) {
        if (by == null) {
            throw new UnauthenticatedException("a valid bearer token is required");
        }
        if (by.role() != Role.COMMUNE_OFFICIAL) {
            throw new ForbiddenException("policy support cases are for commune officials");
        }
    }

    /** Registry entries of these citizens, read in batches of 100 (absent: not in the registry). */
    Map<String, ResidentItem> residents(List<String> citizenIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(citizenIds)) {
            keys.add(Map.of("citizenId", s(id)));
        }
        Map<String, ResidentItem> out = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchReads.getAll(dynamo, residentsTable, keys, false)) {
            ResidentItem r = ResidentItem.SCHEMA.mapToItem(item);
            out.put(r.citizenId(), r);
        }
        return out;
    }

    void auditEntries(Principal by, String wardCode, List<String> citizenIds) {
        audit.record(by, "SUPPORT_CASE_ENTRY", "ward:" + wardCode, citizenIds);
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (condition != null) {
            put.conditionExpression(condition);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static Integer integer(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Integer.valueOf(v.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    Instant now() {
        return clock.instant();
    }
}

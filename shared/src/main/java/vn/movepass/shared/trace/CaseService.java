package vn.movepass.shared.trace;

import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.movepass.shared.admin.AdministrativeUnits;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.domain.Classification;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.report.Transactions;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.json.JsonInput;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.store.CaseItem;
import vn.movepass.shared.store.ClassificationItem;
import vn.movepass.shared.store.ContactItem;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;

/** Health officials' side of tracing: open a case, follow it, and look up a citizen's movements and status. */
public final class CaseService {
    private static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{12}");
    private static final int CONTACTS_PAGE = 100;
    private static final int WITHDRAW_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(CaseService.class);

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<CaseItem> cases;
    private final DynamoDbTable<ContactItem> contacts;
    private final DynamoDbTable<PassageItem> passages;
    private final DynamoDbTable<ClassificationItem> classifications;
    private final DynamoDbTable<ResidentItem> residents;
    private final AuditLog audit;
    private final DailyCounters counters;
    private final String workTable;
    private final Classifications levels;
    private final SqsClient sqs;
    private final String traceQueueUrl;
    private final Clock clock;
    private final IdSource ids;
    private final int maxDepth;
    private final Duration retention;

    public CaseService(DynamoDbClient dynamo, DynamoDbTable<CaseItem> cases, DynamoDbTable<ContactItem> contacts,
                       DynamoDbTable<PassageItem> passages, DynamoDbTable<ClassificationItem> classifications,
                       DynamoDbTable<ResidentItem> residents, Classifications levels, AuditLog audit, DailyCounters counters, String workTable, SqsClient sqs, String traceQueueUrl, Clock clock,
                       IdSource ids, int maxDepth, Duration retention) {
        this.dynamo = dynamo;
        this.cases = cases;
        this.contacts = contacts;
        this.passages = passages;
        this.classifications = classifications;
        this.residents = residents;
        this.audit = audit;
        this.counters = counters;
        this.workTable = workTable;
        this.levels = levels;
        this.sqs = sqs;
        this.traceQueueUrl = traceQueueUrl;
        this.clock = clock;
        this.ids = ids;
        this.maxDepth = maxDepth;
        this.retention = retention;
    }

    public static CaseService create(Platform p) {
        var env = p.environment();
        return new CaseService(p.dynamo(), Tables.cases(p), Tables.contacts(p), Tables.passages(p), Tables.classifications(p),
                Tables.residents(p), Classifications.create(p), AuditLog.create(p), DailyCounters.create(p), env.require(EnvKey.TRACE_WORK_TABLE), p.sqs(),
                env.require(EnvKey.TRACE_REQUESTS_QUEUE_URL), p.clock(), p.ids(), env.intValue(EnvKey.TRACE_MAX_DEPTH, 2),
                Duration.ofDays(env.intValue(EnvKey.DECLARATION_RETENTION_DAYS, 30)));
    }

    /** The answer to opening a case. */
    public record Opened(String caseId, String status) {
    }

    /**
     * Records the F0 and queues the trace. The case and its first unit of work are written in one
     * transaction before the message is sent; if the send fails they are removed again and the
     * official gets a 503, so no case waits for work that was never queued.
     */
    public Opened open(Principal official, JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("citizenId", "classification", "detectedAt");
        String citizenId = in.matching("citizenId", true, 12, CITIZEN_ID, "FORMAT", "must be the 12-digit personal identification number");
        String classification = in.string("classification", true, 2);
        if (classification != null && !classification.equals("F0")) {
            in.error("classification", "NOT_ALLOWED", "a case starts from an F0");
        }
        Instant detectedAt = in.instant("detectedAt", true);
        Instant now = clock.instant();
        if (detectedAt != null && detectedAt.isAfter(now.plusSeconds(300))) {
            in.error("detectedAt", "OUT_OF_RANGE", "must not be in the future");
        }
        in.throwIfInvalid();
        String ward = residenceWard(citizenId);
        String province = ward == null ? null : AdministrativeUnits.get().ward(ward).map(w -> w.provinceCode()).orElse(null);
        Access.requireProvince(official, province);
        String caseId = ids.newId();
        long expires = now.plus(retention).getEpochSecond();
        var root = new TraceMessages.Trace(caseId, citizenId, 0);
        Map<String, AttributeValue> caseItem = new LinkedHashMap<>();
        caseItem.put("caseId", TraceLedger.s(caseId));
        caseItem.put("citizenId", TraceLedger.s(citizenId));
        caseItem.put("classification", TraceLedger.s("F0"));
        caseItem.put("detectedAt", TraceLedger.s(Times.iso(detectedAt)));
        caseItem.put("status", TraceLedger.s("TRACING"));
        caseItem.put("createdAt", TraceLedger.s(Times.iso(now)));
        caseItem.put("createdBy", TraceLedger.s(official.subject()));
        if (province != null) {
            caseItem.put("provinceCode", TraceLedger.s(province));
        }
        caseItem.put("pending", TraceLedger.n(1));
        caseItem.put("maxDepth", TraceLedger.n(maxDepth));
        caseItem.put("expiresAt", TraceLedger.n(expires));
        Map<String, AttributeValue> unit = Map.of("caseId", TraceLedger.s(caseId), "unitId", TraceLedger.s(root.unitId()),
                "status", TraceLedger.s("OPEN"), "createdAt", TraceLedger.s(Times.iso(now)), "expiresAt", TraceLedger.n(expires));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(cases.tableName()).item(caseItem)
                .conditionExpression("attribute_not_exists(caseId)").build()).build());
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(workTable).item(unit).build()).build());
        if (ward != null) {
            // the F0 counts in the daily report of their ward of residence, on the day the case is opened
            writes.addAll(counters.classified(Classification.F0, ward, Times.vietnamDate(now), caseId));
        }
        Transactions.write(dynamo, writes);
        try {
            sqs.sendMessage(r -> r.queueUrl(traceQueueUrl).messageBody(root.toJson()));
        } catch (SdkException e) {
            withdraw(caseId, root.unitId(), ward, now);
            throw DependencyUnavailableException.busy();
        }
        try {
            // at once, so a scan shows F0 now; the case's first trace step raises it too, should this call fail
            levels.raise(citizenId, "F0", caseId, now);
        } catch (SdkException e) {
            LOG.warn("F0 classification of a new case left to its trace step: {}", e.getClass().getSimpleName());
        }
        return new Opened(caseId, "TRACING");
    }

    /**
     * Undoes the case, its first unit and its F0 counters in one transaction, when its trace could not be queued (the
     * official gets a 503 and tries again: nothing of this attempt may remain, or it would count twice). Tried a few
     * times: a case left behind would wait for a message that was never sent.
     */
    private void withdraw(String caseId, String unitId, String ward, Instant now) {
        List<TransactWriteItem> undo = new ArrayList<>();
        undo.add(TransactWriteItem.builder().delete(Delete.builder().tableName(cases.tableName())
                .key(Map.of("caseId", TraceLedger.s(caseId))).build()).build());
        undo.add(TransactWriteItem.builder().delete(Delete.builder().tableName(workTable)
                .key(Map.of("caseId", TraceLedger.s(caseId), "unitId", TraceLedger.s(unitId))).build()).build());
        if (ward != null) {
            undo.addAll(counters.classificationWithdrawn(Classification.F0, ward, Times.vietnamDate(now), caseId));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Transactions.write(dynamo, undo);
                return;
            } catch (SdkException | DependencyUnavailableException e) {
                if (attempt == WITHDRAW_ATTEMPTS) {
                    LOG.error("a case whose trace could not be queued could not be withdrawn either: {}",
                            e.getClass().getSimpleName());
                    return;
                }
            }
        }
    }

    /** A contact as an official sees it. */
    public record ContactView(String citizenId, String level, String via, EvidenceView evidence) {
    }

    /** Why. */
    public record EvidenceView(String kind, String checkpointId, String at, String contactAt, String plate) {
    }

    /** {@code GET /v1/cases/{caseId}}. */
    public record CaseView(String caseId, String citizenId, String classification, String status, Map<String, Long> counts,
                           List<ContactView> contacts, String nextPageToken) {
    }

    public CaseView view(Principal official, String caseId, String pageToken) {
        CaseItem c = cases.getItem(Key.builder().partitionValue(caseId).build());
        if (c == null) {
            throw new NotFoundException("no such case");
        }
        Access.requireProvince(official, c.provinceCode());
        long[] counts = "COMPLETE".equals(c.status())
                ? new long[]{0, nz(c.f1()), nz(c.f2()), nz(c.f3())} : CaseFinisher.counts(contacts, caseId);
        Map<String, Long> countMap = new LinkedHashMap<>();
        for (int level = 1; level <= 3; level++) {
            if (level <= maxDepth || counts[level] > 0) {
                countMap.put("F" + level, counts[level]);
            }
        }
        var request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(caseId).build()))
                .limit(CONTACTS_PAGE);
        if (pageToken != null) {
            request.exclusiveStartKey(Map.of("caseId", TraceLedger.s(caseId), "citizenId", TraceLedger.s(decodeToken(pageToken))));
        }
        var page = contacts.query(request.build()).iterator().next();
        List<ContactView> items = new ArrayList<>();
        for (ContactItem item : page.items()) {
            items.add(new ContactView(item.citizenId(), item.level(), item.via(), new EvidenceView(item.kind(),
                    item.checkpointId(), item.at(), item.contactAt(), item.plate())));
        }
        String next = page.lastEvaluatedKey() == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(
                        page.lastEvaluatedKey().get("citizenId").s().getBytes(StandardCharsets.US_ASCII));
        List<String> seen = new ArrayList<>();
        seen.add(c.citizenId());
        items.forEach(i -> seen.add(i.citizenId()));
        audit.record(official, "CASE_VIEW", "case:" + caseId, seen);
        return new CaseView(c.caseId(), c.citizenId(), c.classification(), c.status(), countMap, items, next);
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private static String decodeToken(String token) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (!CITIZEN_ID.matcher(id).matches()) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("pageToken", "INVALID", "is not a page token from this API");
        }
    }

    /** One passage of a citizen. */
    public record Movement(String passageId, String checkpointId, String at, String direction, String decision,
                           String vehiclePlate) {
    }

    /** {@code GET /v1/citizens/{citizenId}/movements}. */
    public record Movements(String citizenId, List<Movement> passages) {
    }

    public Movements movements(Principal official, String citizenId, String from, String to) {
        requireCitizenId(citizenId);
        Access.requireProvince(official, residenceProvince(citizenId));
        Instant now = clock.instant();
        Instant toInstant = parseInstant("to", to, now);
        Instant fromInstant = parseInstant("from", from, toInstant.minus(TraceSteps.LOOK_BACK));
        if (fromInstant.isAfter(toInstant)) {
            throw InvalidInputException.of("from", "OUT_OF_RANGE", "must not be after to");
        }
        var query = QueryEnhancedRequest.builder().queryConditional(QueryConditional.sortBetween(
                Key.builder().partitionValue(citizenId).sortValue(Times.iso(fromInstant)).build(),
                Key.builder().partitionValue(citizenId).sortValue(Times.iso(toInstant)).build())).build();
        List<Movement> out = new ArrayList<>();
        for (var page : passages.index("byCitizen").query(query)) {
            for (PassageItem p : page.items()) {
                out.add(new Movement(p.passageId(), p.checkpointId(), p.at(), p.direction(), p.decision(), p.vehiclePlate()));
            }
        }
        audit.record(official, "MOVEMENTS", "citizen:" + CitizenId.mask(citizenId), List.of(citizenId));
        return new Movements(citizenId, out);
    }

    /** {@code GET /v1/citizens/{citizenId}/status}. */
    public record Status(String citizenId, String classification, String caseId, String since) {
    }

    public Status status(Principal official, String citizenId) {
        requireCitizenId(citizenId);
        Access.requireProvince(official, residenceProvince(citizenId));
        audit.record(official, "STATUS", "citizen:" + CitizenId.mask(citizenId), List.of(citizenId));
        ClassificationItem c = classifications.getItem(Key.builder().partitionValue(citizenId).build());
        if (c == null || c.level() == null) {
            return new Status(citizenId, "NONE", null, null);
        }
        return new Status(citizenId, c.level(), c.caseId(), c.since());
    }

    /** The citizen's ward of current residence in the registry, or null when unknown. */
    private String residenceWard(String citizenId) {
        ResidentItem r = residents.getItem(Key.builder().partitionValue(citizenId).build());
        return r == null || r.currentWardCode() == null || !AdministrativeUnits.get().isWard(r.currentWardCode())
                ? null : r.currentWardCode();
    }

    /** The province of the citizen's current residence in the registry, or null when unknown. */
    private String residenceProvince(String citizenId) {
        String ward = residenceWard(citizenId);
        return ward == null ? null : AdministrativeUnits.get().ward(ward).map(w -> w.provinceCode()).orElse(null);
    }

    private static void requireCitizenId(String citizenId) {
        if (!CITIZEN_ID.matcher(citizenId).matches()) {
            throw InvalidInputException.of("citizenId", "FORMAT", "must be the 12-digit personal identification number");
        }
    }

    private static Instant parseInstant(String name, String value, Instant defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidInputException.of(name, "FORMAT", "must be an ISO-8601 UTC instant");
        }
    }
}

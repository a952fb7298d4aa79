package vn.movepass.shared.trace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Classification;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.CaseItem;
import vn.movepass.shared.store.ContactItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;
import vn.movepass.shared.page.PageTokens;

/**
 * Health officials' side of tracing: open a case and follow it. A citizen's movements and status are
 * {@link CitizenLookupService}'s.
 */
public final class CaseService {
    /** The page tokens' list name of a case's contacts. */
    static final String CONTACTS_LIST = "case-contacts";
    private static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{12}");
    private static final int CONTACTS_PAGE = 100;
    private static final int WITHDRAW_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(CaseService.class);

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<CaseItem> cases;
    private final DynamoDbTable<ContactItem> contacts;
    private final Residences residences;
    private final AuditLog audit;
    private final DailyCounters counters;
    private final String workTable;
    private final TracingHealth health;
    private final SqsClient sqs;
    private final String traceQueueUrl;
    private final Clock clock;
    private final IdSource ids;
    private final int maxDepth;
    private final Duration retention;
    private final PageTokens pageTokens;

    public CaseService(DynamoDbClient dynamo, DynamoDbTable<CaseItem> cases, DynamoDbTable<ContactItem> contacts,
                       DynamoDbTable<ResidentItem> residents, TracingHealth health, AuditLog audit, DailyCounters counters,
                       String workTable, SqsClient sqs, String traceQueueUrl, Clock clock, IdSource ids, int maxDepth,
                       Duration retention, PageTokens pageTokens) {
        this.pageTokens = pageTokens;
        this.dynamo = dynamo;
        this.cases = cases;
        this.contacts = contacts;
        this.residences = new Residences(residents);
        this.audit = audit;
        this.counters = counters;
        this.workTable = workTable;
        this.health = health;
        this.sqs = sqs;
        this.traceQueueUrl = traceQueueUrl;
        this.clock = clock;
        this.ids = ids;
        this.maxDepth = maxDepth;
        this.retention = retention;
    }

    public static CaseService create(Platform p) {
        var env = p.environment();
        return new CaseService(p.dynamo(), Tables.cases(p), Tables.contacts(p),
                Tables.residents(p), TracingHealth.create(p), AuditLog.create(p), DailyCounters.create(p),
                Tables.name(p, EnvKey.TRACE_WORK_TABLE), p.sqs(),
                env.require(EnvKey.TRACE_REQUESTS_QUEUE_URL), p.clock(), p.ids(), env.integer(EnvKey.TRACE_MAX_DEPTH),
                env.duration(EnvKey.DECLARATION_RETENTION_DAYS), PageTokens.create(p));
    }

    /** The answer to opening a case. */
    public record Opened(String caseId, String status) {
    }

    /**
     * Records the F0 and queues the trace. The case and its first unit of work are written in one
     * transaction before the message is sent; if the send fails they are removed again and the
     * official gets a 503, so no case waits for work that was never queued.
     */
    public Opened open(Principal official, NewCase request) {
        String citizenId = request.citizenId();
        Instant detectedAt = request.detectedAt();
        Instant now = clock.instant();
        String ward = residences.ward(citizenId);
        String province = Residences.province(ward);
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
        Map<String, AttributeValue> unit = TraceLedger.unitItem(caseId, root.unitId(), root.toJson(), Times.iso(now), expires);
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
            // at once, so a scan shows F0 now; the case's first trace step records it too, should this call fail
            health.classify(citizenId, ward, "F0", detectedAt, caseId, now);
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
    public record EvidenceView(String kind, String checkpointId, String venueId, String at, String contactAt, String plate) {
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
        // a token names a contact's citizen id: sealed, and bound to this case (PageTokens)
        request.exclusiveStartKey(pageTokens.open(CONTACTS_LIST, caseId, pageToken));
        var page = contacts.query(request.build()).iterator().next();
        List<ContactView> items = new ArrayList<>();
        for (ContactItem item : page.items()) {
            items.add(new ContactView(item.citizenId(), item.level(), item.via(), new EvidenceView(item.kind(),
                    item.checkpointId(), item.venueId(), item.at(), item.contactAt(), item.plate())));
        }
        String next = pageTokens.seal(CONTACTS_LIST, caseId, page.lastEvaluatedKey());
        List<String> seen = new ArrayList<>();
        seen.add(c.citizenId());
        items.forEach(i -> seen.add(i.citizenId()));
        audit.record(official, "CASE_VIEW", "case:" + caseId, seen);
        return new CaseView(c.caseId(), c.citizenId(), c.classification(), c.status(), countMap, items, next);
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}

package vn.movepass.shared.trace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.health.HealthStore;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.store.CaseItem;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.PassageKeys;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.venue.Visits;

/**
 * The tracing fan-out, one bounded step per message:
 * <ol>
 *   <li>{@link #trace}: a person's passages and venue stays in the 14 days before detection → one probe each;</li>
 *   <li>{@link #probe}: who crossed that checkpoint within ±15 min, or rode the same plate within ±15 min
 *       at any checkpoint; {@link #probeVenue}: whose stay at that venue overlapped ({@link Visits}) → contacts
 *       (level = depth + 1), their CLASSIFIED health events (HealthTable, via {@link TracingHealth}), a notice to
 *       each (NoticesQueue: the notice step tells each contact once per case), and a trace of each contact
 *       while the next level is within the configured depth.</li>
 * </ol>
 * Every write is idempotent and order-independent: a contact keeps its most severe level and, among
 * equally severe evidence, the first ({@link Evidence#FIRST}); so any delivery order and any number of
 * redeliveries give the same contacts. When the case's last unit closes, the case is finalised.
 */
public final class TraceSteps {
    public static final Duration LOOK_BACK = Duration.ofDays(14);
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<CaseItem> cases;
    private final DynamoDbTable<PassageItem> passages;
    private final DynamoDbTable<ResidentItem> residents;
    private final String contactsTable;
    private final TracingHealth health;
    private final TraceLedger ledger;
    private final CaseFinisher finisher;
    private final SqsClient sqs;
    private final String traceQueueUrl;
    private final String probeQueueUrl;
    private final Clock clock;
    private final int maxDepth;
    private final Duration retention;
    private final Visits visits;
    private final String noticesQueueUrl;

    public TraceSteps(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, DynamoDbTable<CaseItem> cases,
                      DynamoDbTable<PassageItem> passages, DynamoDbTable<ResidentItem> residents, String contactsTable,
                      TracingHealth health, TraceLedger ledger, CaseFinisher finisher, SqsClient sqs,
                      String traceQueueUrl, String probeQueueUrl, Clock clock, int maxDepth, Duration retention, Visits visits,
                      String noticesQueueUrl) {
        this.dynamo = dynamo;
        this.enhanced = enhanced;
        this.cases = cases;
        this.passages = passages;
        this.residents = residents;
        this.contactsTable = contactsTable;
        this.health = health;
        this.ledger = ledger;
        this.finisher = finisher;
        this.sqs = sqs;
        this.traceQueueUrl = traceQueueUrl;
        this.probeQueueUrl = probeQueueUrl;
        this.clock = clock;
        this.maxDepth = maxDepth;
        this.retention = retention;
        this.visits = visits;
        this.noticesQueueUrl = noticesQueueUrl;
    }

    public static TraceSteps create(Platform p) {
        var env = p.environment();
        int maxDepth = env.integer(EnvKey.TRACE_MAX_DEPTH);
        if (maxDepth < 1 || maxDepth > 3) {
            throw new IllegalStateException("TRACE_MAX_DEPTH must be 1, 2 or 3");
        }
        TraceLedger ledger = new TraceLedger(p.dynamo(), Tables.name(p, EnvKey.CASES_TABLE), Tables.name(p, EnvKey.TRACE_WORK_TABLE),
                p.telemetry());
        return new TraceSteps(p.dynamo(), p.enhanced(), Tables.cases(p), Tables.passages(p), Tables.residents(p),
                Tables.name(p, EnvKey.CONTACTS_TABLE), TracingHealth.create(p), ledger,
                CaseFinisher.create(p), p.sqs(), env.require(EnvKey.TRACE_REQUESTS_QUEUE_URL),
                env.require(EnvKey.CONTACT_PROBES_QUEUE_URL), p.clock(), maxDepth,
                env.duration(EnvKey.DECLARATION_RETENTION_DAYS),
                new Visits(p.dynamo(), Tables.name(p, EnvKey.VENUES_TABLE), Duration.ofMinutes(env.integer(EnvKey.VENUE_CONTACT_MINUTES))),
                env.require(EnvKey.NOTICES_QUEUE_URL));
    }

    /** Step 1: the traced person's passages → one probe each. */
    public void trace(TraceMessages.Trace message) {
        CaseItem c = openUnit(message.caseId(), message.unitId());
        if (c == null) {
            return;
        }
        if (message.depth() == 0) {
            // the case's F0, already raised when the case was opened unless that call failed (idempotent)
            health.classify(message.citizenId(), residenceWards(List.of(message.citizenId())).get(message.citizenId()), "F0",
                    Instant.parse(c.detectedAt()), c.caseId(), clock.instant());
        }
        Instant detectedAt = Instant.parse(c.detectedAt());
        var query = QueryEnhancedRequest.builder().queryConditional(QueryConditional.sortBetween(
                Key.builder().partitionValue(message.citizenId()).sortValue(Times.iso(detectedAt.minus(LOOK_BACK))).build(),
                Key.builder().partitionValue(message.citizenId()).sortValue(Times.iso(detectedAt)).build())).build();
        List<Child> children = new ArrayList<>();
        for (var page : passages.index("byCitizen").query(query)) {
            for (PassageItem p : page.items()) {
                var probe = new TraceMessages.Probe(c.caseId(), message.citizenId(), message.depth(), p.passageId(),
                        p.checkpointId(), p.at(), p.plateKey());
                children.add(new Child(probe.unitId(), probe.toJson(), probeQueueUrl));
            }
        }
        for (Visits.Stay stay : visits.of(message.citizenId(), detectedAt.minus(LOOK_BACK), detectedAt)) {
            var probe = new TraceMessages.VenueProbe(c.caseId(), message.citizenId(), message.depth(), stay.visitId(),
                    stay.venueId(), Times.iso(stay.inAt()), stay.outAt() == null ? null : Times.iso(stay.outAt()));
            children.add(new Child(probe.unitId(), probe.toJson(), probeQueueUrl));
        }
        spawnAndClose(c.caseId(), message.unitId(), children);
    }

    /** Step 2, from the probe queue: a passage probe or a venue probe. */
    public void probe(String body) {
        var n = Json.readTree(body);
        if (TraceMessages.VenueProbe.is(n)) {
            probeVenue(TraceMessages.VenueProbe.parse(n));
        } else {
            probe(TraceMessages.Probe.parse(n));
        }
    }

    /** Step 2: contacts around one passage, and the next hop. */
    public void probe(TraceMessages.Probe message) {
        CaseItem c = openUnit(message.caseId(), message.unitId());
        if (c == null) {
            return;
        }
        Instant at = Instant.parse(message.at());
        String from = Times.iso(at.minus(WINDOW));
        String to = Times.iso(at.plus(WINDOW));
        Map<String, Evidence> found = new TreeMap<>();
        for (String partition : partitions(message.checkpointId(), at)) {
            var query = QueryEnhancedRequest.builder().queryConditional(QueryConditional.sortBetween(
                    Key.builder().partitionValue(partition).sortValue(from).build(),
                    Key.builder().partitionValue(partition).sortValue(to + "#\uffff").build()))
                    .build();
            for (var page : passages.query(query)) {
                for (PassageItem p : page.items()) {
                    consider(found, c, message.citizenId(), p.citizenId(), new Evidence(Evidence.SAME_CHECKPOINT,
                            message.checkpointId(), message.at(), p.at(), null, message.citizenId()));
                }
            }
        }
        if (message.plateKey() != null) {
            var query = QueryEnhancedRequest.builder().queryConditional(QueryConditional.sortBetween(
                    Key.builder().partitionValue(message.plateKey()).sortValue(from).build(),
                    Key.builder().partitionValue(message.plateKey()).sortValue(to).build())).build();
            for (var page : passages.index("byPlate").query(query)) {
                for (PassageItem p : page.items()) {
                    consider(found, c, message.citizenId(), p.citizenId(), new Evidence(Evidence.SAME_VEHICLE, p.checkpointId(),
                            message.at(), p.at(), p.vehiclePlate(), message.citizenId()));
                }
            }
        }
        settle(c, message.depth(), message.unitId(), found);
    }

    /** Step 2 for a venue stay: whose stays at the venue overlapped it, and the next hop. */
    public void probeVenue(TraceMessages.VenueProbe message) {
        CaseItem c = openUnit(message.caseId(), message.unitId());
        if (c == null) {
            return;
        }
        var traced = new Visits.Stay(message.visitId(), message.venueId(), message.citizenId(), Instant.parse(message.inAt()),
                message.outAt() == null ? null : Instant.parse(message.outAt()));
        Map<String, Evidence> found = new TreeMap<>();
        for (Visits.Stay other : visits.overlapping(message.venueId(), traced)) {
            consider(found, c, message.citizenId(), other.citizenId(), new Evidence(Evidence.SAME_VENUE, null, message.inAt(),
                    Times.iso(other.inAt()), null, message.citizenId(), message.venueId()));
        }
        settle(c, message.depth(), message.unitId(), found);
    }

    /** The contacts a probe found: recorded, classified, told, traced further; then the probe's unit closes. */
    private void settle(CaseItem c, int depth, String unitId, Map<String, Evidence> found) {
        Map<String, String> wards = residenceWards(found.keySet());
        var statuses = found.isEmpty() ? Map.<String, HealthStore.Status>of() : health.statuses(found.keySet());
        int level = depth + 1;
        List<Child> children = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        for (Map.Entry<String, Evidence> e : found.entrySet()) {
            recordContact(c.caseId(), e.getKey(), level, e.getValue(), wards.get(e.getKey()));
            // the contact's quarantine starts at the contact, not when tracing found it; a recovered contact is shielded
            boolean shielded = health.classify(e.getKey(), wards.get(e.getKey()), "F" + level,
                    Instant.parse(e.getValue().contactAt()), c.caseId(), clock.instant(), statuses.get(e.getKey()));
            // every contact is told (once per case: the notice step keeps a guard), a shielded one too
            notices.add(new TraceMessages.Notice(c.caseId(), e.getKey()).toJson());
            if (shielded) {
                continue;
            }
            if (level < maxDepth) {
                var next = new TraceMessages.Trace(c.caseId(), e.getKey(), level);
                children.add(new Child(next.unitId(), next.toJson(), traceQueueUrl));
            }
        }
        // before the unit closes: a crash after this step's writes redelivers it, and the notices go again (the guard
        // keeps them to one each)
        sendBodies(noticesQueueUrl, notices);
        spawnAndClose(c.caseId(), unitId, children);
    }

    private static void consider(Map<String, Evidence> found, CaseItem c, String traced, String who, Evidence evidence) {
        if (who == null || who.equals(traced) || who.equals(c.citizenId())) {
            return; // the traced person is never their own contact, nor is the case's F0
        }
        found.merge(who, evidence, (a, b) -> Evidence.FIRST.compare(a, b) <= 0 ? a : b);
    }

    /**
     * The partitions of a checkpoint that a ±15 min window touches: every shard of at most two hours (4 or 8 keys; the
     * probe keeps the earliest evidence of each person whatever the order the keys are read in).
     */
    static List<String> partitions(String checkpointId, Instant at) {
        List<String> first = PassageKeys.partitions(checkpointId, at.minus(WINDOW));
        List<String> last = PassageKeys.partitions(checkpointId, at.plus(WINDOW));
        if (first.equals(last)) {
            return first;
        }
        List<String> both = new ArrayList<>(first);
        both.addAll(last);
        return both;
    }

    private Map<String, String> residenceWards(Iterable<String> citizenIds) {
        Map<String, String> wards = new HashMap<>();
        List<Key> keys = new ArrayList<>();
        for (String id : citizenIds) {
            keys.add(Key.builder().partitionValue(id).build());
        }
        for (int i = 0; i < keys.size(); i += 100) {
            var batch = ReadBatch.builder(ResidentItem.class).mappedTableResource(residents);
            keys.subList(i, Math.min(keys.size(), i + 100)).forEach(batch::addGetItem);
            var built = batch.build();
            for (var page : enhanced.batchGetItem(r -> r.readBatches(built))) {
                for (ResidentItem r : page.resultsForTable(residents)) {
                    wards.put(r.citizenId(), r.currentWardCode());
                }
            }
        }
        return wards;
    }

    /** Writes the contact unless it already holds a more severe level or earlier evidence of the same level. */
    private void recordContact(String caseId, String citizenId, int level, Evidence e, String residenceWard) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":level", TraceLedger.s("F" + level));
        values.put(":depth", TraceLedger.n(level));
        values.put(":via", TraceLedger.s(e.via()));
        values.put(":kind", TraceLedger.s(e.kind()));
        values.put(":cp", e.checkpointId() == null ? AttributeValue.fromNul(true) : TraceLedger.s(e.checkpointId()));
        values.put(":at", TraceLedger.s(e.at()));
        values.put(":contactAt", TraceLedger.s(e.contactAt()));
        values.put(":plate", e.plate() == null ? AttributeValue.fromNul(true) : TraceLedger.s(e.plate()));
        values.put(":venue", e.venueId() == null ? AttributeValue.fromNul(true) : TraceLedger.s(e.venueId()));
        values.put(":ward", residenceWard == null ? AttributeValue.fromNul(true) : TraceLedger.s(residenceWard));
        values.put(":key", TraceLedger.s(e.orderKey()));
        values.put(":now", TraceLedger.s(Times.iso(clock.instant())));
        values.put(":hour", TraceLedger.s(Times.hourBucket(clock.instant())));
        values.put(":exp", TraceLedger.n(clock.instant().plus(retention).getEpochSecond()));
        try {
            dynamo.updateItem(r -> r.tableName(contactsTable)
                    .key(Map.of("caseId", TraceLedger.s(caseId), "citizenId", TraceLedger.s(citizenId)))
                    .updateExpression("SET #level = :level, #depth = :depth, via = :via, kind = :kind, checkpointId = :cp, "
                            + "#at = :at, contactAt = :contactAt, plate = :plate, venueId = :venue, residenceWard = :ward, "
                            + "evidenceKey = :key, createdHour = if_not_exists(createdHour, :hour), "
                            + "createdAt = if_not_exists(createdAt, :now), expiresAt = :exp")
                    .conditionExpression("attribute_not_exists(citizenId) OR #depth > :depth "
                            + "OR (#depth = :depth AND evidenceKey > :key)")
                    .expressionAttributeNames(Map.of("#level", "level", "#depth", "depth", "#at", "at"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException alreadyAsGoodOrBetter) {
            // kept: a more severe level, or earlier evidence of the same level
        }
    }

    /** A unit of work to open and send. */
    private record Child(String unitId, String body, String queueUrl) {
    }

    /**
     * Opens every child (or finds it still open after a crash), sends them, then closes the parent.
     * Children already done are not sent again.
     */
    private void spawnAndClose(String caseId, String parentUnit, List<Child> children) {
        String now = Times.iso(clock.instant());
        long expires = clock.instant().plus(retention).getEpochSecond();
        Map<String, String> bodies = new LinkedHashMap<>();
        children.forEach(child -> bodies.put(child.unitId(), child.body()));
        Set<String> open = ledger.openAll(caseId, bodies, now, expires);
        Map<String, List<Child>> toSend = new HashMap<>();
        for (Child child : children) {
            if (open.contains(child.unitId())) {
                toSend.computeIfAbsent(child.queueUrl(), q -> new ArrayList<>()).add(child);
            }
        }
        toSend.forEach(this::send);
        ledger.close(caseId, parentUnit);
        finisher.finishIfDone(caseId);
    }

    private void send(String queueUrl, List<Child> children) {
        sendBodies(queueUrl, children.stream().map(Child::body).toList());
    }

    private void sendBodies(String queueUrl, List<String> bodies) {
        for (int i = 0; i < bodies.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<String> chunk = bodies.subList(i, Math.min(bodies.size(), i + 10));
            for (int j = 0; j < chunk.size(); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j)).messageBody(chunk.get(j)).build());
            }
            var result = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!result.failed().isEmpty()) {
                throw new IllegalStateException(result.failed().size() + " messages could not be sent; retrying the step");
            }
        }
    }

    /**
     * The case, when the unit is still OPEN (case and unit read together); null when the unit is done (a redelivery),
     * after finishing the case if nothing else remains.
     */
    private CaseItem openUnit(String caseId, String unitId) {
        TraceLedger.Read read = ledger.read(caseId, unitId);
        if (read.caseItem() == null) {
            throw new IllegalStateException("unknown case");
        }
        if (read.status() == null) {
            throw new IllegalStateException("a unit of work arrived before it was opened");
        }
        if (!"OPEN".equals(read.status())) {
            finisher.finishIfDone(caseId);
            return null;
        }
        return cases.tableSchema().mapToItem(read.caseItem());
    }
}

package vn.movepass.shared.trace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Classification;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.feed.WardFeed;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.report.Counter;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.CaseItem;
import vn.movepass.shared.store.ContactItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;
import vn.movepass.shared.ops.Metric;
import vn.movepass.shared.ops.Telemetry;

/**
 * Completes a case once its ledger shows no open unit: publishes each final contact (a CONTACT line
 * in the feed of their ward of residence and +1 on that ward's F-level counter, in a transaction
 * with a "reported" mark on the contact, so a retry never counts twice; up to 25 contacts share one
 * transaction, their counts summed per unit-day), counts the contacts per
 * level and marks the case COMPLETE. Publishing waits for the end because a contact's level can still
 * improve while tracing runs; at the end it is final, so notices and counts do not depend on the order
 * in which the queues delivered the work. Safe to call any number of times, from any step.
 */
public final class CaseFinisher {
    /** Contacts published per transaction (their marks, feed lines and summed counters: well under 100 items). */
    static final int CONTACTS_PER_TRANSACTION = 25;
    private static final int MAX_TRANSACTION_ITEMS = 100;

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<CaseItem> cases;
    private final DynamoDbTable<ContactItem> contacts;
    private final DynamoDbTable<ResidentItem> residents;
    private final DynamoDbEnhancedClient enhanced;
    private final WardFeed feed;
    private final DailyCounters counters;
    private final String casesTable;
    private final Clock clock;
    private final Telemetry telemetry;

    public CaseFinisher(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, DynamoDbTable<CaseItem> cases,
                        DynamoDbTable<ContactItem> contacts, DynamoDbTable<ResidentItem> residents, WardFeed feed,
                        DailyCounters counters, Clock clock) {
        this(dynamo, enhanced, cases, contacts, residents, feed, counters, clock, Telemetry.NONE);
    }

    public CaseFinisher(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, DynamoDbTable<CaseItem> cases,
                        DynamoDbTable<ContactItem> contacts, DynamoDbTable<ResidentItem> residents, WardFeed feed,
                        DailyCounters counters, Clock clock, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.dynamo = dynamo;
        this.enhanced = enhanced;
        this.cases = cases;
        this.contacts = contacts;
        this.residents = residents;
        this.feed = feed;
        this.counters = counters;
        this.casesTable = cases.tableName();
        this.clock = clock;
    }

    public static CaseFinisher create(Platform p) {
        return new CaseFinisher(p.dynamo(), p.enhanced(), Tables.cases(p), Tables.contacts(p), Tables.residents(p),
                WardFeed.create(p), DailyCounters.create(p), p.clock(), p.telemetry());
    }

    /** Per-level counts of a case's contacts (one Query, paged). */
    public long[] counts(String caseId) {
        return counts(contacts, caseId);
    }

    /** Per-level counts of a case's contacts (one Query, paged): index 1..3 = F1..F3. */
    public static long[] counts(DynamoDbTable<ContactItem> contacts, String caseId) {
        long[] counts = new long[4];
        for (var page : contacts.query(r -> r.queryConditional(
                software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(caseId).build())).attributesToProject("level"))) {
            for (ContactItem c : page.items()) {
                int level = c.level() == null ? -1 : c.level().charAt(1) - '0';
                if (level >= 1 && level <= 3) {
                    counts[level]++;
                }
            }
        }
        return counts;
    }

    /** Feed lines and counters for every contact not yet reported; each in its own idempotent transaction. */
    private void publishContacts(String caseId) {
        List<ContactItem> pending = new ArrayList<>();
        for (ContactItem contact : contacts.query(r -> r.queryConditional(QueryConditional.keyEqualTo(
                Key.builder().partitionValue(caseId).build()))).items()) {
            if (!Boolean.TRUE.equals(contact.reported())) {
                pending.add(contact);
            }
            if (pending.size() == 100) { // BatchGetItem's limit, for the names
                publish(pending);
                pending.clear();
            }
        }
        publish(pending);
    }

    private void publish(List<ContactItem> batch) {
        List<ContactItem> ready = batch.stream().filter(c -> c.level() != null).toList();
        if (ready.isEmpty()) {
            return;
        }
        Map<String, String> names = names(ready);
        for (int i = 0; i < ready.size(); i += CONTACTS_PER_TRANSACTION) {
            publish(ready.subList(i, Math.min(ready.size(), i + CONTACTS_PER_TRANSACTION)), names);
        }
    }

    /**
     * One transaction for a group of contacts: each one's "reported" mark (conditional: not reported yet) and feed
     * line, and their counts added up per unit-day. If any of them was reported before (a redelivered step), the
     * whole group is cancelled and each is published on its own, so every contact counts exactly once.
     */
    private void publish(List<ContactItem> group, Map<String, String> names) {
        List<TransactWriteItem> writes = new ArrayList<>();
        DailyCounters.Tally tally = counters.tally(group.get(0).caseId() + "#" + group.get(0).citizenId());
        for (ContactItem c : group) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(contacts.tableName())
                    .key(Map.of("caseId", TraceLedger.s(c.caseId()), "citizenId", TraceLedger.s(c.citizenId())))
                    .updateExpression("SET reported = :true")
                    .conditionExpression("attribute_exists(citizenId) AND attribute_not_exists(reported)")
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))).build()).build());
            if (c.residenceWard() != null && AdministrativeUnits.get().isWard(c.residenceWard())) {
                Instant found = c.createdAt() == null ? clock.instant() : Instant.parse(c.createdAt());
                Classification level = Classification.valueOf(c.level());
                writes.add(feed.contact(c.caseId(), c.citizenId(), names.get(c.citizenId()), c.residenceWard(), found,
                        c.checkpointId(), level));
                tally.add(Counter.valueOf(level.name()), c.residenceWard(), Times.vietnamDate(found), 1);
            }
        }
        if (group.size() > 1 && writes.size() + tally.items() > MAX_TRANSACTION_ITEMS) {
            int half = group.size() / 2;
            publish(group.subList(0, half), names);
            publish(group.subList(half, group.size()), names);
            return;
        }
        writes.addAll(tally.updates());
        try {
            Transactions.write(dynamo, writes);
        } catch (TransactionCanceledException e) {
            if (group.size() == 1 && Transactions.conditionFailedAt(e, 0)) {
                return; // reported before (a redelivered step): nothing to add
            }
            if (group.size() == 1 || !Transactions.anyConditionFailed(e)) {
                throw e;
            }
            group.forEach(c -> publish(List.of(c), names));
        }
    }

    private Map<String, String> names(List<ContactItem> batch) {
        Map<String, String> names = new HashMap<>();
        var read = ReadBatch.builder(ResidentItem.class).mappedTableResource(residents);
        batch.forEach(c -> read.addGetItem(Key.builder().partitionValue(c.citizenId()).build()));
        var built = read.build();
        for (var page : enhanced.batchGetItem(r -> r.readBatches(built))) {
            page.resultsForTable(residents).forEach(r -> names.put(r.citizenId(), r.fullName()));
        }
        return names;
    }

    public void finishIfDone(String caseId) {
        CaseItem c = cases.getItem(GetItemEnhancedRequest.builder().key(Key.builder().partitionValue(caseId).build())
                .consistentRead(true).build());
        if (c == null || !"TRACING".equals(c.status()) || c.pending() == null || c.pending() != 0) {
            return;
        }
        publishContacts(caseId);
        long[] counts = counts(caseId);
        try {
            dynamo.updateItem(r -> r.tableName(casesTable).key(Map.of("caseId", TraceLedger.s(caseId)))
                    .updateExpression("SET #s = :complete, f1 = :f1, f2 = :f2, f3 = :f3, completedAt = :now")
                    .conditionExpression("#s = :tracing AND pending = :zero")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":complete", TraceLedger.s("COMPLETE"), ":tracing", TraceLedger.s("TRACING"),
                            ":zero", TraceLedger.n(0), ":f1", TraceLedger.n(counts[1]), ":f2", TraceLedger.n(counts[2]),
                            ":f3", TraceLedger.n(counts[3]), ":now", TraceLedger.s(Times.iso(clock.instant())))));
            for (Classification level : List.of(Classification.F1, Classification.F2, Classification.F3)) {
                if (counts[level.ordinal()] > 0) {
                    telemetry.count(Metric.CONTACTS_WRITTEN, "Level", level, counts[level.ordinal()]);
                }
            }
            if (c.createdAt() != null) {
                telemetry.time(Metric.CASE_DURATION, Duration.between(Instant.parse(c.createdAt()), clock.instant()));
            }
        } catch (ConditionalCheckFailedException finishedElsewhere) {
            // another step finished it first
        }
    }
}

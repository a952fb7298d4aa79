package vn.movepass.shared.trace;

import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.store.CaseItem;
import vn.movepass.shared.store.ContactItem;
import vn.movepass.shared.store.Tables;

/**
 * Completes a case once its ledger shows no open unit: counts its contacts per level and marks it
 * COMPLETE. Safe to call any number of times, from any step: only the first call that sees
 * {@code pending = 0} on a TRACING case changes anything.
 */
public final class CaseFinisher {
    private final DynamoDbClient dynamo;
    private final DynamoDbTable<CaseItem> cases;
    private final DynamoDbTable<ContactItem> contacts;
    private final String casesTable;
    private final Clock clock;

    public CaseFinisher(DynamoDbClient dynamo, DynamoDbTable<CaseItem> cases, DynamoDbTable<ContactItem> contacts,
                        Clock clock) {
        this.dynamo = dynamo;
        this.cases = cases;
        this.contacts = contacts;
        this.casesTable = cases.tableName();
        this.clock = clock;
    }

    public static CaseFinisher create(Platform p) {
        return new CaseFinisher(p.dynamo(), Tables.cases(p), Tables.contacts(p), p.clock());
    }

    /** Per-level counts of a case's contacts (one Query, paged). */
    public long[] counts(String caseId) {
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

    public void finishIfDone(String caseId) {
        CaseItem c = cases.getItem(GetItemEnhancedRequest.builder().key(Key.builder().partitionValue(caseId).build())
                .consistentRead(true).build());
        if (c == null || !"TRACING".equals(c.status()) || c.pending() == null || c.pending() != 0) {
            return;
        }
        long[] counts = counts(caseId);
        try {
            dynamo.updateItem(r -> r.tableName(casesTable).key(Map.of("caseId", TraceLedger.s(caseId)))
                    .updateExpression("SET #s = :complete, f1 = :f1, f2 = :f2, f3 = :f3, completedAt = :now")
                    .conditionExpression("#s = :tracing AND pending = :zero")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":complete", TraceLedger.s("COMPLETE"), ":tracing", TraceLedger.s("TRACING"),
                            ":zero", TraceLedger.n(0), ":f1", TraceLedger.n(counts[1]), ":f2", TraceLedger.n(counts[2]),
                            ":f3", TraceLedger.n(counts[3]), ":now", TraceLedger.s(Times.iso(clock.instant())))));
        } catch (ConditionalCheckFailedException finishedElsewhere) {
            // another step finished it first
        }
    }
}

package vn.movepass.local.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.report.Counter;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.report.Unit;
import vn.movepass.shared.store.CaseItem;
import vn.movepass.shared.store.ContactItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.trace.CaseFinisher;

/**
 * Completing a case publishes its contacts in shared transactions (marks, feed lines, counters summed per unit-day):
 * on the embedded DynamoDB, with more contacts than one transaction takes, in several wards and districts, one of
 * them reported before (as after a crash mid-publish) and read stale (the Query still shows it unreported, so its
 * group's transaction is cancelled and the group goes one by one): every other contact gets exactly one feed line
 * and one count, and the one reported before gets nothing more.
 */
@FreshRuntime("stale reads injected into the runtime's DynamoDB client")
class CaseFinisherIT {
    static final String CASE_ID = "case-finisher-test";
    static final List<String> WARDS = List.of("26734", "26737", "26740", "27457", "00001", "00004");
    static final int CONTACTS = 130;
    static final AtomicBoolean STALE_QUERIES = new AtomicBoolean();
    static Api api;

    /** While on, Query answers show no contact as reported (an eventually consistent read from before the mark). */
    static final class StaleReads implements ExecutionInterceptor {
        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!STALE_QUERIES.get() || !(context.response() instanceof QueryResponse query) || !query.hasItems()) {
                return context.response();
            }
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (Map<String, AttributeValue> item : query.items()) {
                Map<String, AttributeValue> copy = new HashMap<>(item);
                copy.remove("reported");
                items.add(copy);
            }
            return query.toBuilder().items(items).build();
        }
    }

    @BeforeAll
    static void start() {
        api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withDynamoInterceptors(List.of(new StaleReads()))));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void everyContactIsPublishedOnceWhateverWasPublishedBefore() {
        Platform platform = api.runtime.platform("ContactProbeFunction");
        Instant now = api.now();
        LocalDate day = Times.vietnamDate(now);
        DynamoDbTable<ContactItem> contacts = Tables.contacts(platform);
        Map<Unit, long[]> expected = new HashMap<>(); // unit → [F1, F2]
        for (int i = 0; i < CONTACTS; i++) {
            String ward = WARDS.get(i % WARDS.size());
            int level = 1 + i % 2;
            boolean reportedBefore = i == 7;
            contacts.putItem(ContactItem.builder().caseId(CASE_ID).citizenId(String.format("079090%06d", i))
                    .level("F" + level).depth((long) level).via("079000000001").kind("SAME_CHECKPOINT").checkpointId("CP-A")
                    .at(Times.iso(now)).contactAt(Times.iso(now)).residenceWard(ward).createdAt(Times.iso(now))
                    .reported(reportedBefore ? Boolean.TRUE : null).expiresAt(now.getEpochSecond() + 86_400).build());
            if (!reportedBefore) {
                for (Unit unit : Unit.chainOf(AdministrativeUnits.get().ward(ward).orElseThrow())) {
                    expected.computeIfAbsent(unit, k -> new long[2])[level - 1]++;
                }
            }
        }
        Tables.cases(platform).putItem(CaseItem.builder().caseId(CASE_ID).citizenId("079000000001").classification("F0")
                .detectedAt(Times.iso(now)).status("TRACING").createdAt(Times.iso(now)).pending(0L)
                .expiresAt(now.getEpochSecond() + 86_400).build());

        CaseFinisher finisher = CaseFinisher.create(platform);
        STALE_QUERIES.set(true);
        try {
            finisher.finishIfDone(CASE_ID);
        } finally {
            STALE_QUERIES.set(false);
        }
        finisher.finishIfDone(CASE_ID); // a redelivered step: nothing more

        CaseItem done = Tables.cases(platform).getItem(r -> r.key(k -> k.partitionValue(CASE_ID)).consistentRead(true));
        assertEquals("COMPLETE", done.status());
        assertEquals(CONTACTS / 2L, done.f1());
        assertEquals(CONTACTS / 2L, done.f2());
        DailyCounters counters = DailyCounters.create(platform);
        expected.forEach((unit, levels) -> {
            Map<Counter, Long> read = counters.read(platform.dynamo(), unit, day);
            assertEquals(levels[0], read.get(Counter.F1), unit.key() + " F1");
            assertEquals(levels[1], read.get(Counter.F2), unit.key() + " F2");
        });
        String feedTable = platform.environment().require(EnvKey.WARD_FEED_TABLE);
        long feedLines = api.runtime.dynamo().scan(r -> r.tableName(feedTable).filterExpression("caseId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(CASE_ID)))).count();
        assertEquals(CONTACTS - 1, feedLines);
        assertEquals(CONTACTS, contacts.scan().items().stream().filter(c -> Boolean.TRUE.equals(c.reported())).count());
    }
}

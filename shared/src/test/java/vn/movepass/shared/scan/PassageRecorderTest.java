package vn.movepass.shared.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Direction;
import vn.movepass.shared.domain.Verdict;
import vn.movepass.shared.feed.WardFeed;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.PassItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.testhelper.InMemoryTransactions;

/** A passage is one transaction: the passage once per scan, its declaration's feed lines, and the day's counters. */
class PassageRecorderTest {
    static final Instant AT = Instant.parse("2021-08-23T08:00:00Z");
    static final Duration RETENTION = Duration.ofDays(30);

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final PassageRecorder recorder = new PassageRecorder(transactions, "Passages", new WardFeed("WardFeed", RETENTION),
            new DailyCounters("DailyCounters", AdministrativeUnits.get()), RETENTION);

    static final CheckpointItem CHECKPOINT = CheckpointItem.builder().checkpointId("cp-1").wardCode("26734").active(true).build();
    static final PassItem PASS = PassItem.builder().passId("p1").citizenId("079090123456").fullName("Nguyễn Văn An")
            .declarationId("d1").originWard("26734").destinationWard("00001").vehiclePlate("51A-123.45").build();

    static ScanIds.Scan scan(String passId) {
        return new ScanIds.Scan(AT, Verdict.VALID, "cp-1", passId, "079090123456");
    }

    private static Map<String, AttributeValue> passageOf(List<TransactWriteItem> transaction) {
        TransactWriteItem first = transaction.get(0);
        assertEquals("Passages", first.put().tableName());
        assertEquals("attribute_not_exists(pk)", first.put().conditionExpression());
        return first.put().item();
    }

    private static long onTable(List<TransactWriteItem> transaction, String table) {
        return transaction.stream().filter(t -> table.equals(t.put() != null ? t.put().tableName()
                : t.update() != null ? t.update().tableName() : null)).count();
    }

    @Test
    void aPassageOfAPassWritesThePassageItsTwoFeedLinesAndTheCountersInOneTransaction() {
        PassageRecorder.Recorded recorded = recorder.record("scan-1", scan("p1"), PASS, CHECKPOINT, Direction.OUT,
                Decision.ALLOWED, null, "officer-7");
        assertTrue(recorded.created());
        assertEquals(ScanIds.passageIdOf("scan-1"), recorded.passageId());
        assertEquals(1, transactions.committed().size());
        List<TransactWriteItem> transaction = transactions.committed().get(0);
        Map<String, AttributeValue> passage = passageOf(transaction);
        assertEquals(recorded.passageId(), passage.get("passageId").s());
        assertEquals("OUT", passage.get("direction").s());
        assertEquals("ALLOWED", passage.get("decision").s());
        assertEquals("51A-123.45", passage.get("vehiclePlate").s(), "the pass's plate when the officer gives none");
        assertEquals("officer-7", passage.get("officerSub").s());
        assertEquals(String.valueOf(AT.plus(RETENTION).getEpochSecond()), passage.get("expiresAt").n());
        assertEquals(2, onTable(transaction, "WardFeed"), "a departure from the origin ward, an arrival in the destination");
        assertTrue(onTable(transaction, "DailyCounters") > 0);
        assertEquals(transaction.size(), 1 + 2 + onTable(transaction, "DailyCounters"));
    }

    @Test
    void aRepeatedConfirmationFindsTheSamePassageAndWritesNothing() {
        assertTrue(recorder.record("scan-1", scan("p1"), PASS, CHECKPOINT, Direction.IN, Decision.ALLOWED, null, "o").created());
        PassageRecorder.Recorded again = recorder.record("scan-1", scan("p1"), PASS, CHECKPOINT, Direction.IN,
                Decision.ALLOWED, null, "o");
        assertFalse(again.created());
        assertEquals(ScanIds.passageIdOf("scan-1"), again.passageId());
        assertEquals(1, transactions.committed().size(), "the counters moved once");
        assertTrue(recorder.record("scan-2", scan("p1"), PASS, CHECKPOINT, Direction.IN, Decision.ALLOWED, null, "o").created());
    }

    @Test
    void aTurnedBackTravellerWithoutAPassLeavesNoFeedLineButCounts() {
        ScanIds.Scan refused = new ScanIds.Scan(AT, Verdict.NO_VALID_PASS, "cp-1", null, "079090123456");
        recorder.record("scan-3", refused, null, CHECKPOINT, Direction.IN, Decision.TURNED_BACK, "51B-999.99", "o");
        List<TransactWriteItem> transaction = transactions.committed().get(0);
        Map<String, AttributeValue> passage = passageOf(transaction);
        assertEquals("TURNED_BACK", passage.get("decision").s());
        assertEquals("NO_VALID_PASS", passage.get("verdict").s());
        assertEquals("51B-999.99", passage.get("vehiclePlate").s());
        assertNull(passage.get("declarationId"));
        assertNotNull(passage.get("citizenId"));
        assertEquals(0, onTable(transaction, "WardFeed"));
        assertTrue(onTable(transaction, "DailyCounters") > 0);
    }

    static final ResidentItem DRIVER = ResidentItem.builder().citizenId("079090123456").fullName("Nguyễn Văn An")
            .currentWardCode("26737").build();

    @Test
    void aVehiclePassageCarriesThePermitsPlateAndIsFedFromTheRoutesFirstWardToItsLast() {
        ScanIds.Scan vehicle = new ScanIds.Scan(AT, Verdict.VALID, "cp-1", null, "079090123456", null,
                new ScanIds.GreenLane(ScanIds.Kind.VEHICLE, "51C-123.45", "26734", "00001"));
        assertTrue(recorder.recordGreenLane("scan-v", vehicle, CHECKPOINT, Direction.IN, Decision.ALLOWED, "99A-999.99", "o",
                DRIVER, null).created());
        List<TransactWriteItem> transaction = transactions.committed().get(0);
        Map<String, AttributeValue> passage = passageOf(transaction);
        assertEquals("51C-123.45", passage.get("vehiclePlate").s(), "the permit's plate, whatever the body says");
        assertEquals("079090123456", passage.get("citizenId").s());
        assertNull(passage.get("passId"));
        List<String> wards = transaction.stream().filter(t -> t.put() != null && "WardFeed".equals(t.put().tableName()))
                .map(t -> t.put().item().get("pk").s().substring(0, 5) + ":" + t.put().item().get("kind").s()).toList();
        assertEquals(List.of("26734:DEPARTURE", "00001:ARRIVAL"), wards);
        assertFalse(recorder.recordGreenLane("scan-v", vehicle, CHECKPOINT, Direction.IN, Decision.ALLOWED, null, "o",
                DRIVER, null).created(), "confirming twice stores one passage");
        assertEquals(1, transactions.committed().size());
    }

    @Test
    void aShipperPassageIsFedToTheShippersWardOfResidence() {
        ScanIds.Scan shipper = new ScanIds.Scan(AT, Verdict.VALID, "cp-1", null, "079090123456", null,
                new ScanIds.GreenLane(ScanIds.Kind.SHIPPER, null, null, null));
        recorder.recordGreenLane("scan-s", shipper, CHECKPOINT, Direction.OUT, Decision.ALLOWED, "59X1-123.45", "o", DRIVER, null);
        List<TransactWriteItem> transaction = transactions.committed().get(0);
        assertEquals("59X1-123.45", passageOf(transaction).get("vehiclePlate").s());
        List<String> wards = transaction.stream().filter(t -> t.put() != null && "WardFeed".equals(t.put().tableName()))
                .map(t -> t.put().item().get("pk").s().substring(0, 5) + ":" + t.put().item().get("kind").s()).toList();
        assertEquals(List.of("26737:DEPARTURE"), wards);
    }
}

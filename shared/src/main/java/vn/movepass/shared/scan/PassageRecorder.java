package vn.movepass.shared.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Direction;
import vn.movepass.shared.domain.Plates;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.feed.WardFeed;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.PassItem;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.PassageKeys;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;
import vn.movepass.shared.ops.Metric;
import vn.movepass.shared.ops.Telemetry;

/**
 * Writes a passage: one transaction of the passage item (conditional on not existing, so a repeat cancels it whole
 * and the passage is recorded once per scan, whatever the number of calls), the ward-feed lines of its declaration
 * and the +1 of the day's counters of its checkpoint's units.
 */
public final class PassageRecorder {
    /** Where the transaction goes: {@link Transactions#write} in production, a recording fake in unit tests. */
    @FunctionalInterface
    public interface Writer {
        void write(List<TransactWriteItem> items);
    }

    private final Writer writer;
    private final String passagesTable;
    private final WardFeed feed;
    private final DailyCounters counters;
    private final Duration retention;
    private final Telemetry telemetry;

    public PassageRecorder(Writer writer, String passagesTable, WardFeed feed, DailyCounters counters, Duration retention) {
        this(writer, passagesTable, feed, counters, retention, Telemetry.NONE);
    }

    public PassageRecorder(Writer writer, String passagesTable, WardFeed feed, DailyCounters counters, Duration retention,
                           Telemetry telemetry) {
        this.telemetry = telemetry;
        this.writer = writer;
        this.passagesTable = passagesTable;
        this.feed = feed;
        this.counters = counters;
        this.retention = retention;
    }

    public static PassageRecorder create(Platform p) {
        DynamoDbClient dynamo = p.dynamo();
        DynamoDbTable<PassageItem> passages = Tables.passages(p);
        return new PassageRecorder(items -> Transactions.write(dynamo, items), passages.tableName(), WardFeed.create(p),
                DailyCounters.create(p), p.environment().duration(EnvKey.DECLARATION_RETENTION_DAYS), p.telemetry());
    }

    /** A recorded passage; {@code created} is false when this scan's passage was already there. */
    public record Recorded(String passageId, boolean created) {
    }

    /**
     * Records the passage of a sealed scan. {@code pass} is the scanned pass when there is one (its declaration's
     * wards get feed lines); {@code checkpoint}'s ward counts it; {@code plate} overrides the pass's vehicle plate.
     */
    public Recorded record(String scanId, ScanIds.Scan scan, PassItem pass, CheckpointItem checkpoint, Direction direction,
                           Decision decision, String plate, String officerSub) {
        return record(scanId, scan, pass, checkpoint, direction, decision, plate, officerSub, null, null);
    }

    /**
     * As above; {@code cardHolder} is the registry resident of a card-only passage (no pass: their current ward is
     * fed), {@code overrideReason} the officer's reason for letting a RED holder through (kept on the passage).
     */
    public Recorded record(String scanId, ScanIds.Scan scan, PassItem pass, CheckpointItem checkpoint, Direction direction,
                           Decision decision, String plate, String officerSub, ResidentItem cardHolder, String overrideReason) {
        return recordAs(ScanIds.passageIdOf(scanId), scan, pass, checkpoint, direction, decision, plate, officerSub, cardHolder,
                overrideReason, List.of());
    }

    /**
     * Records a passage under {@code passageId}, with the caller's {@code guards} in the same transaction (after the
     * passage item, at indexes 1…): a guard that fails its condition cancels the whole and is rethrown for the caller
     * to interpret; a passage already there answers {@code created = false}.
     */
    public Recorded recordAs(String passageId, ScanIds.Scan scan, PassItem pass, CheckpointItem checkpoint, Direction direction,
                             Decision decision, String plate, String officerSub, ResidentItem cardHolder, String overrideReason,
                             List<TransactWriteItem> guards) {
        String vehiclePlate = plate != null ? plate : pass == null ? null : pass.vehiclePlate();
        PassageItem item = item(passageId, scan, direction, decision, vehiclePlate, officerSub, overrideReason)
                .declarationId(pass == null ? null : pass.declarationId())
                .originWard(pass == null ? null : pass.originWard())
                .destinationWard(pass == null ? null : pass.destinationWard())
                .build();
        List<TransactWriteItem> feedLines = pass != null ? feed.passage(item, pass.fullName())
                : cardHolder != null ? feed.cardPassage(item, cardHolder.fullName(), cardHolder.currentWardCode()) : List.of();
        return write(item, guards, feedLines, checkpoint);
    }

    /**
     * Records the passage of a sealed green-lane scan ({@code scan.greenLane()} is set), once per scan id. A vehicle's
     * passage carries the permit's plate and is fed as a trip from its route's first ward to its last; a shipper's
     * carries {@code plate} (what the officer saw, may be null) and is fed, as a card-only passage, to the shipper's
     * ward of residence. {@code person} is the driver's or shipper's registry entry (null when unknown: no feed line).
     */
    public Recorded recordGreenLane(String scanId, ScanIds.Scan scan, CheckpointItem checkpoint, Direction direction,
                                    Decision decision, String plate, String officerSub, ResidentItem person,
                                    String overrideReason) {
        ScanIds.GreenLane lane = scan.greenLane();
        boolean vehicle = lane.kind() == ScanIds.Kind.VEHICLE;
        PassageItem item = item(ScanIds.passageIdOf(scanId), scan, direction, decision, vehicle ? lane.plate() : plate,
                officerSub, overrideReason)
                .originWard(vehicle ? lane.originWard() : null)
                .destinationWard(vehicle ? lane.destinationWard() : null)
                .build();
        String name = person == null ? null : person.fullName();
        List<TransactWriteItem> feedLines = person == null ? List.of()
                : vehicle ? feed.trip(item, name) : feed.cardPassage(item, name, person.currentWardCode());
        return write(item, List.of(), feedLines, checkpoint);
    }

    private PassageItem.Builder item(String passageId, ScanIds.Scan scan, Direction direction, Decision decision,
                                     String vehiclePlate, String officerSub, String overrideReason) {
        return PassageItem.builder()
                .pk(PassageKeys.partition(scan.checkpointId(), scan.scannedAt(), passageId))
                .sk(PassageKeys.sort(scan.scannedAt(), passageId))
                .passageId(passageId)
                .checkpointId(scan.checkpointId())
                .at(Times.iso(scan.scannedAt()))
                .direction(direction.name())
                .decision(decision.name())
                .vehiclePlate(vehiclePlate)
                .plateKey(Plates.key(vehiclePlate))
                .citizenId(scan.citizenId())
                .passId(scan.passId())
                .verdict(scan.verdict().name())
                .officerSub(officerSub)
                .overrideReason(overrideReason)
                .expiresAt(scan.scannedAt().plus(retention).getEpochSecond());
    }

    private Recorded write(PassageItem item, List<TransactWriteItem> guards, List<TransactWriteItem> feedLines,
                           CheckpointItem checkpoint) {
        String passageId = item.passageId();
        Direction direction = Direction.valueOf(item.direction());
        Decision decision = Decision.valueOf(item.decision());
        Instant at = Times.parse(item.at());
        List<TransactWriteItem> writes = new ArrayList<>(7);
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(passagesTable)
                .item(PassageItem.SCHEMA.itemToMap(item, true)).conditionExpression("attribute_not_exists(pk)").build()).build());
        writes.addAll(guards);
        writes.addAll(feedLines);
        writes.addAll(counters.passage(direction, decision, checkpoint.wardCode(), at, passageId));
        try {
            writer.write(writes);
            telemetry.count(Metric.PASSAGES, "Decision", decision);
            return new Recorded(passageId, true);
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 0)) {
                return new Recorded(passageId, false);
            }
            throw e;
        }
    }
}

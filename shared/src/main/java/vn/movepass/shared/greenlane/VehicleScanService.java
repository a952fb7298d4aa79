package vn.movepass.shared.greenlane;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.greenlane.PermitService.Operator;
import vn.movepass.shared.identity.ChipCard;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassSigning;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.DriverTestItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.VehiclePermitItem;

/**
 * The checkpoint scan of a green-lane permit: VALID only for a driver on the permit with a valid negative test. A scan
 * costs one BatchGetItem (permit, driver's registry entry, checkpoint) and one Query (the driver's tests), and writes
 * nothing.
 */
public final class VehicleScanService {
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<VehiclePermitItem> permits;
    private final DynamoDbTable<ResidentItem> residents;
    private final DynamoDbTable<CheckpointItem> checkpoints;
    private final RecentTests tests;
    private final PermitTokenCodec codec;
    private final Clock clock;

    public VehicleScanService(DynamoDbEnhancedClient enhanced, DynamoDbTable<VehiclePermitItem> permits,
                              DynamoDbTable<ResidentItem> residents, DynamoDbTable<CheckpointItem> checkpoints,
                              RecentTests tests, PermitTokenCodec codec, Clock clock) {
        this.enhanced = enhanced;
        this.permits = permits;
        this.residents = residents;
        this.checkpoints = checkpoints;
        this.tests = tests;
        this.codec = codec;
        this.clock = clock;
    }

    public static VehicleScanService create(Platform p, RecentTests tests) {
        return new VehicleScanService(p.enhanced(), Tables.permits(p), Tables.residents(p), Tables.checkpoints(p),
                tests, new PermitTokenCodec(PassSigning.keys(p.environment())), p.clock());
    }

    /** The answer to a vehicle scan. */
    public record VehicleScan(String verdict, String reason, List<String> alerts, ScannedPermit permit,
                              ScannedDriver driver, ScannedTest test) {
    }

    public record ScannedPermit(String permitId, String plate, Operator operator, List<String> routeWards,
                                String validFrom, String validUntil) {
    }

    public record ScannedDriver(String fullName, String dateOfBirth, String citizenIdMasked, boolean onPermit) {
    }

    public record ScannedTest(String method, String result, String sampledAt, String validUntil) {
    }

    /** {@code POST /v1/checkpoints/{checkpointId}/vehicle-scans}: the officer of that checkpoint. */
    public VehicleScan scan(Principal officer, String checkpointId, VehicleScanRequest request) {
        Access.requireOfficerAt(officer, checkpointId);
        Instant now = Times.seconds(clock.instant());
        Optional<PermitClaims> claims = decode(request.code());
        Found found = read(claims.map(PermitClaims::permitIdString).orElse(null), request.driverId(), checkpointId);
        CheckpointItem checkpoint = GreenLaneAccess.requireActive(found.checkpoint());
        return judge(request, claims.isPresent(), found.permit(), found.resident(), checkpoint, now);
    }

    /**
     * The verdict, from what the scan's reads found: {@code decoded} whether the code decoded as a permit token,
     * {@code permit} the stored permit it names (null when none), {@code resident} the driver's registry entry.
     */
    VehicleScan judge(VehicleScanRequest request, boolean decoded, VehiclePermitItem permit, ResidentItem resident,
                      CheckpointItem checkpoint, Instant now) {
        String driverId = request.driverId();
        ScannedDriver driver = driverOf(resident, request, null);
        if (!decoded) {
            return new VehicleScan(VehicleVerdict.INVALID.name(), null, List.of(), null, driver, null);
        }
        if (permit == null) {
            // Gone (TTL) or never ours: only a genuine signature may say EXPIRED.
            VehicleVerdict v = verifiedExpired(request.code(), now) ? VehicleVerdict.EXPIRED : VehicleVerdict.INVALID;
            return new VehicleScan(v.name(), null, List.of(), null, driver, null);
        }
        if (!MessageDigest.isEqual(permit.token().getBytes(StandardCharsets.US_ASCII),
                request.code().getBytes(StandardCharsets.US_ASCII))) {
            return new VehicleScan(VehicleVerdict.INVALID.name(), null, List.of(), null, driver, null);
        }
        ScannedPermit shown = new ScannedPermit(permit.permitId(), permit.plate(),
                new Operator(permit.operatorName(), permit.operatorTaxCode()), permit.routeWards(), permit.validFrom(),
                permit.validUntil());
        List<String> alerts = permit.routeWards().contains(checkpoint.wardCode()) ? List.of() : List.of("OFF_ROUTE");
        boolean onPermit = permit.driverIds().contains(driverId);
        driver = driverOf(resident, request, onPermit);
        VehicleVerdict status = PermitService.status(permit, now);
        if (status != VehicleVerdict.VALID) {
            return new VehicleScan(status.name(), null, alerts, shown, driver, null);
        }
        if (resident == null) {
            return new VehicleScan(VehicleVerdict.NO_VALID_TEST.name(), DriverReason.UNKNOWN_DRIVER.name(), alerts, shown,
                    driver, null);
        }
        if (!onPermit) {
            return new VehicleScan(VehicleVerdict.NO_VALID_TEST.name(), DriverReason.DRIVER_NOT_ON_PERMIT.name(), alerts,
                    shown, driver, null);
        }
        TestJudge.Judgement judgement = TestJudge.judge(tests.recentTests(driverId, now), now);
        DriverTestItem t = judgement.test();
        ScannedTest test = t == null ? null : new ScannedTest(t.method(), t.result(), t.sampledAt(),
                TestJudge.validUntil(t).map(Times::iso).orElse(null));
        return judgement.valid()
                ? new VehicleScan(VehicleVerdict.VALID.name(), null, alerts, shown, driver, test)
                : new VehicleScan(VehicleVerdict.NO_VALID_TEST.name(), judgement.reason().name(), alerts, shown, driver, test);
    }

    private static ScannedDriver driverOf(ResidentItem resident, VehicleScanRequest request, Boolean onPermit) {
        boolean on = Boolean.TRUE.equals(onPermit);
        if (resident != null) {
            return new ScannedDriver(resident.fullName(), resident.dateOfBirth(), CitizenId.mask(resident.citizenId()), on);
        }
        ChipCard card = request.driverCard();
        if (card != null) {
            return new ScannedDriver(card.fullName(), card.dateOfBirth().toString(), CitizenId.mask(card.citizenId()), on);
        }
        return new ScannedDriver(null, null, CitizenId.mask(request.driverCitizenId()), on);
    }

    private Optional<PermitClaims> decode(String code) {
        if (!code.startsWith(PermitTokenCodec.PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.decodeUnverified(code));
        } catch (InvalidPassTokenException e) {
            return Optional.empty();
        }
    }

    private boolean verifiedExpired(String token, Instant now) {
        try {
            return !now.isBefore(codec.verify(token).validUntil());
        } catch (InvalidPassTokenException e) {
            return false;
        }
    }

    private record Found(VehiclePermitItem permit, ResidentItem resident, CheckpointItem checkpoint) {
    }

    /** One BatchGetItem: the permit (when the code decoded), the driver's registry entry and the checkpoint. */
    private Found read(String permitId, String driverId, String checkpointId) {
        List<ReadBatch> reads = new ArrayList<>();
        if (permitId != null) {
            reads.add(ReadBatch.builder(VehiclePermitItem.class).mappedTableResource(permits)
                    .addGetItem(Key.builder().partitionValue(permitId).build()).build());
        }
        reads.add(ReadBatch.builder(ResidentItem.class).mappedTableResource(residents)
                .addGetItem(Key.builder().partitionValue(driverId).build()).build());
        reads.add(ReadBatch.builder(CheckpointItem.class).mappedTableResource(checkpoints)
                .addGetItem(Key.builder().partitionValue(checkpointId).build()).build());
        VehiclePermitItem permit = null;
        ResidentItem resident = null;
        CheckpointItem checkpoint = null;
        for (BatchGetResultPage page : enhanced.batchGetItem(r -> r.readBatches(reads))) {
            if (permitId != null && permit == null) {
                permit = page.resultsForTable(permits).stream().findFirst().orElse(null);
            }
            resident = resident != null ? resident : page.resultsForTable(residents).stream().findFirst().orElse(null);
            checkpoint = checkpoint != null ? checkpoint : page.resultsForTable(checkpoints).stream().findFirst().orElse(null);
        }
        return new Found(permit, resident, checkpoint);
    }
}

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
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.domain.Verdict;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.health.Advice;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthView;
import vn.movepass.shared.greenlane.PermitService.Operator;
import vn.movepass.shared.identity.ChipCard;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassSigning;
import vn.movepass.shared.scan.ScanIds;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.DriverTestItem;
import vn.movepass.shared.store.HealthStatusItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.VehiclePermitItem;

/**
 * The checkpoint scan of a green-lane permit: VALID only for a driver on the permit with a valid negative test. A scan
 * costs one BatchGetItem (permit, driver's registry entry, driver's health status, checkpoint) and one Query (the
 * driver's tests), and writes nothing: its answer carries a sealed {@code scanId} that the officer confirms through
 * {@code POST /v1/checkpoints/{id}/passages}, as for a person's scan (see ScanService#confirm). The driver's
 * {@code health} and {@code advice} are judged as a person's; a RED driver's advice is TURN_BACK. The depot check
 * ({@link #depotCheck}) judges the same before departure, for the police of the ward where the route starts.
 */
public final class VehicleScanService {
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<VehiclePermitItem> permits;
    private final DynamoDbTable<ResidentItem> residents;
    private final DynamoDbTable<CheckpointItem> checkpoints;
    private final RecentTests tests;
    private final PermitTokenCodec codec;
    private final Clock clock;
    private final DynamoDbTable<HealthStatusItem> health;
    private final ScanIds scanIds;
    private final AuditLog audit;

    public VehicleScanService(DynamoDbEnhancedClient enhanced, DynamoDbTable<VehiclePermitItem> permits,
                              DynamoDbTable<ResidentItem> residents, DynamoDbTable<CheckpointItem> checkpoints,
                              RecentTests tests, PermitTokenCodec codec, Clock clock) {
        this(enhanced, permits, residents, checkpoints, null, tests, codec, null, null, clock);
    }

    public VehicleScanService(DynamoDbEnhancedClient enhanced, DynamoDbTable<VehiclePermitItem> permits,
                              DynamoDbTable<ResidentItem> residents, DynamoDbTable<CheckpointItem> checkpoints,
                              DynamoDbTable<HealthStatusItem> health, RecentTests tests, PermitTokenCodec codec,
                              ScanIds scanIds, AuditLog audit, Clock clock) {
        this.health = health;
        this.scanIds = scanIds;
        this.audit = audit;
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
                Tables.health(p), tests, new PermitTokenCodec(PassSigning.keys(p.environment())),
                ScanIds.fromEnvironment(p.environment(), p.ids()), AuditLog.create(p), p.clock());
    }

    /**
     * The answer to a vehicle scan: {@code scanId} is what the officer confirms as a passage; {@code health} and
     * {@code advice} (ALLOW, CHECK, TURN_BACK) are the driver's, null when the driver is not in the registry.
     */
    public record VehicleScan(String scanId, String verdict, String reason, List<String> alerts, ScannedPermit permit,
                              ScannedDriver driver, ScannedTest test, HealthView health, String advice) {
        VehicleScan(String verdict, String reason, List<String> alerts, ScannedPermit permit, ScannedDriver driver,
                    ScannedTest test) {
            this(null, verdict, reason, alerts, permit, driver, test, null, null);
        }
    }

    /** The answer to a depot check: the same judgement as a checkpoint scan, at the depot's ward, with nothing to confirm. */
    public record DepotCheck(String wardCode, String checkedAt, String verdict, String reason, List<String> alerts,
                             ScannedPermit permit, ScannedDriver driver, ScannedTest test, HealthView health, String advice) {
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
        VehicleScan judged = judge(request, claims.isPresent(), found.permit(), found.resident(), checkpoint, now);
        Health h = healthOf(found, now, Boolean.TRUE.equals(checkpoint.requireCompleteVaccination()));
        ScannedPermit permit = judged.permit();
        ScanIds.GreenLane lane = new ScanIds.GreenLane(ScanIds.Kind.VEHICLE, permit == null ? null : permit.plate(),
                permit == null ? null : permit.routeWards().get(0),
                permit == null ? null : permit.routeWards().get(permit.routeWards().size() - 1));
        // the driver's citizen id goes on the passage when the registry knows them (tracing finds them by it)
        String scanId = scanIds.seal(new ScanIds.Scan(now, sealedVerdict(judged.verdict()), checkpointId, null,
                found.resident() == null ? null : request.driverId(), h == null ? null : h.colour(), lane));
        Advice advice = h == null ? null : Advice.of(h.colour(), null);
        return new VehicleScan(scanId, judged.verdict(), judged.reason(), withLevel(judged.alerts(), h), permit,
                judged.driver(), judged.test(), HealthView.of(h), advice == null ? null : advice.name());
    }

    /**
     * {@code POST /v1/wards/{wardCode}/depot-checks}: the police of the ward where the permit's route starts (its depot)
     * check the permit, the driver's test and health before departure. Reads as a scan does, writes one audit item
     * (the driver's data was shown); a genuine permit departing from another ward is 403.
     */
    public DepotCheck depotCheck(Principal police, String wardCode, VehicleScanRequest request) {
        GreenLaneAccess.requireWardPolice(police, wardCode);
        Instant now = Times.seconds(clock.instant());
        Optional<PermitClaims> claims = decode(request.code());
        String permitId = claims.map(PermitClaims::permitIdString).orElse(null);
        Found found = read(permitId, request.driverId(), null);
        VehiclePermitItem permit = found.permit();
        if (permit != null && MessageDigest.isEqual(permit.token().getBytes(StandardCharsets.US_ASCII),
                request.code().getBytes(StandardCharsets.US_ASCII)) && !wardCode.equals(permit.routeWards().get(0))) {
            throw new ForbiddenException("this permit departs from the depot of another ward");
        }
        VehicleScan judged = judge(request, claims.isPresent(), permit, found.resident(), wardCode, now);
        Health h = healthOf(found, now, false);
        if (found.resident() != null) {
            audit.record(police, "DEPOT_CHECK", "ward:" + wardCode, List.of(request.driverId()));
        }
        Advice advice = h == null ? null : Advice.of(h.colour(), null);
        return new DepotCheck(wardCode, Times.iso(now), judged.verdict(), judged.reason(), withLevel(judged.alerts(), h),
                judged.permit(), judged.driver(), judged.test(), HealthView.of(h), advice == null ? null : advice.name());
    }

    /** The driver's health judged now (no pass flags: a permit has none); null when the registry does not know them. */
    private static Health healthOf(Found found, Instant now, boolean requireComplete) {
        if (found.resident() == null) {
            return null;
        }
        String encoded = found.status() == null ? null : found.status().health();
        return Health.of(HealthSnapshot.decode(encoded), now, List.of(), requireComplete);
    }

    /** The level chip first, as on a person's scan. */
    static List<String> withLevel(List<String> alerts, Health h) {
        if (h == null || "NONE".equals(h.level())) {
            return alerts;
        }
        List<String> out = new ArrayList<>();
        out.add(h.level());
        out.addAll(alerts);
        return List.copyOf(out);
    }

    /** What the sealed scan says of a vehicle verdict: only VALID may be confirmed as ALLOWED. */
    static Verdict sealedVerdict(String verdict) {
        return switch (VehicleVerdict.valueOf(verdict)) {
            case VALID -> Verdict.VALID;
            case NO_VALID_TEST, NOT_YET_VALID -> Verdict.NO_VALID_PASS;
            case EXPIRED -> Verdict.EXPIRED;
            case REVOKED -> Verdict.REVOKED;
            case INVALID -> Verdict.INVALID;
        };
    }

    /**
     * The verdict, from what the scan's reads found: {@code decoded} whether the code decoded as a permit token,
     * {@code permit} the stored permit it names (null when none), {@code resident} the driver's registry entry.
     */
    VehicleScan judge(VehicleScanRequest request, boolean decoded, VehiclePermitItem permit, ResidentItem resident,
                      CheckpointItem checkpoint, Instant now) {
        return judge(request, decoded, permit, resident, checkpoint.wardCode(), now);
    }

    /** As above, where {@code wardCode} is the ward of the checkpoint (or depot) judging. */
    VehicleScan judge(VehicleScanRequest request, boolean decoded, VehiclePermitItem permit, ResidentItem resident,
                      String wardCode, Instant now) {
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
        List<String> alerts = permit.routeWards().contains(wardCode) ? List.of() : List.of("OFF_ROUTE");
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

    private record Found(VehiclePermitItem permit, ResidentItem resident, CheckpointItem checkpoint, HealthStatusItem status) {
    }

    /**
     * One BatchGetItem: the permit (when the code decoded), the driver's registry entry and health status, and the
     * checkpoint (none for a depot check).
     */
    private Found read(String permitId, String driverId, String checkpointId) {
        List<ReadBatch> reads = new ArrayList<>();
        if (permitId != null) {
            reads.add(ReadBatch.builder(VehiclePermitItem.class).mappedTableResource(permits)
                    .addGetItem(Key.builder().partitionValue(permitId).build()).build());
        }
        reads.add(ReadBatch.builder(ResidentItem.class).mappedTableResource(residents)
                .addGetItem(Key.builder().partitionValue(driverId).build()).build());
        reads.add(ReadBatch.builder(HealthStatusItem.class).mappedTableResource(health)
                .addGetItem(Key.builder().partitionValue(driverId).sortValue(HealthStatusItem.STATUS).build()).build());
        if (checkpointId != null) {
            reads.add(ReadBatch.builder(CheckpointItem.class).mappedTableResource(checkpoints)
                    .addGetItem(Key.builder().partitionValue(checkpointId).build()).build());
        }
        VehiclePermitItem permit = null;
        ResidentItem resident = null;
        CheckpointItem checkpoint = null;
        HealthStatusItem status = null;
        for (BatchGetResultPage page : enhanced.batchGetItem(r -> r.readBatches(reads))) {
            if (permitId != null && permit == null) {
                permit = page.resultsForTable(permits).stream().findFirst().orElse(null);
            }
            resident = resident != null ? resident : page.resultsForTable(residents).stream().findFirst().orElse(null);
            status = status != null ? status : page.resultsForTable(health).stream().findFirst().orElse(null);
            if (checkpointId != null && checkpoint == null) {
                checkpoint = page.resultsForTable(checkpoints).stream().findFirst().orElse(null);
            }
        }
        return new Found(permit, resident, checkpoint, status);
    }
}

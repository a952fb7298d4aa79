package vn.movepass.shared.greenlane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Reason;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.domain.Verdict;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.error.DependencyUnavailableException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.health.Advice;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthView;
import vn.movepass.shared.identity.ChipCard;
import vn.movepass.shared.identity.ChipCardQr;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.pass.ShortCode;
import vn.movepass.shared.scan.ScanIds;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.HealthStatusItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.ShipperItem;
import vn.movepass.shared.store.Tables;

/**
 * Registered delivery workers (shippers): registration, suspension and the checkpoint scan (chip-ID card
 * QR or shipper code) that shows their status, company and operating wards. One registration per person;
 * an expired one may be replaced. The shipper code is a short code (docs/qr-format.md section 8) kept
 * unique by a guard item written in the same transaction. A scan shows the shipper's {@code health} and {@code advice}
 * as a person's scan does, and hands back a sealed {@code scanId} that the officer confirms as a passage through
 * {@code POST /v1/checkpoints/{id}/passages} (see ScanService#confirm).
 */
public final class ShipperService {

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<ShipperItem> shippers;
    private final DynamoDbTable<ResidentItem> residents;
    private final DynamoDbTable<CheckpointItem> checkpoints;
    private final AdministrativeUnits units;
    private final Clock clock;
    private final IdSource ids;
    private final Duration retention;
    private final DynamoDbTable<HealthStatusItem> health;
    private final ScanIds scanIds;

    public ShipperService(DynamoDbEnhancedClient enhanced, DynamoDbTable<ShipperItem> shippers,
                          DynamoDbTable<ResidentItem> residents, DynamoDbTable<CheckpointItem> checkpoints,
                          DynamoDbTable<HealthStatusItem> health, AdministrativeUnits units, Clock clock, IdSource ids,
                          Duration retention, ScanIds scanIds) {
        this.health = health;
        this.scanIds = scanIds;
        this.enhanced = enhanced;
        this.shippers = shippers;
        this.residents = residents;
        this.checkpoints = checkpoints;
        this.units = units;
        this.clock = clock;
        this.ids = ids;
        this.retention = retention;
    }

    public static ShipperService create(Platform p) {
        return new ShipperService(p.enhanced(), Tables.shippers(p), Tables.residents(p), Tables.checkpoints(p),
                Tables.health(p), AdministrativeUnits.get(), p.clock(), p.ids(),
                p.environment().duration(EnvKey.DECLARATION_RETENTION_DAYS), ScanIds.fromEnvironment(p.environment(), p.ids()));
    }

    static String citizenKey(String citizenId) {
        return "CITIZEN#" + citizenId;
    }

    static String codeKey(String canonicalCode) {
        return "CODE#" + canonicalCode;
    }

    public record Company(String name, String taxCode) {
    }

    /** A registration as its managers see it. */
    public record ShipperView(String shipperCode, String status, String citizenIdMasked, String fullName, String dateOfBirth,
                              Company company, List<String> operatingWards, String validFrom, String validUntil,
                              String registeredAt, String suspendedAt) {
        static ShipperView of(ShipperItem s, Instant now) {
            return new ShipperView(ShortCode.display(s.shipperCode()), ShipperService.status(s, now).name(), CitizenId.mask(s.citizenId()),
                    s.fullName(), s.dateOfBirth(), new Company(s.companyName(), s.companyTaxCode()), s.operatingWards(),
                    s.validFrom(), s.validUntil(), s.registeredAt(), s.suspendedAt());
        }
    }

    /** SUSPENDED, EXPIRED, NOT_YET_VALID or ACTIVE, from the stored instants against the clock. */
    public static ShipperStatus status(ShipperItem s, Instant now) {
        if (s.suspendedAt() != null) {
            return ShipperStatus.SUSPENDED;
        }
        if (!now.isBefore(Instant.parse(s.validUntil()))) {
            return ShipperStatus.EXPIRED;
        }
        return now.isBefore(Instant.parse(s.validFrom())) ? ShipperStatus.NOT_YET_VALID : ShipperStatus.ACTIVE;
    }

    /** {@code POST /v1/green-lane/shippers}: ADMIN, or a HEALTH_OFFICIAL whose province holds every operating ward. */
    public ShipperView register(Principal official, ShipperRequest request) {
        GreenLaneAccess.requireManager(official);
        Instant now = Times.seconds(clock.instant());
        String citizenId = request.citizenId();
        GreenLaneAccess.requireManagerOfWards(official, request.operatingWards(), units);
        ResidentItem resident = residents.getItem(Key.builder().partitionValue(citizenId).build());
        if (resident == null) {
            throw InvalidInputException.of("citizenId", "NOT_IN_REGISTRY", "is not in the population registry");
        }
        if (resident.dateOfDeath() != null) {
            throw InvalidInputException.of("citizenId", "DECEASED", "is recorded as deceased in the registry");
        }
        for (int attempt = 0; ; attempt++) {
            String code = ShortCode.generate(ids.bytes(28));
            ShipperItem item = ShipperItem.builder()
                    .pk(citizenKey(citizenId))
                    .citizenId(citizenId)
                    .shipperCode(code)
                    .fullName(resident.fullName())
                    .dateOfBirth(resident.dateOfBirth())
                    .companyName(request.companyName())
                    .companyTaxCode(request.companyTaxCode())
                    .operatingWards(request.operatingWards())
                    .validFrom(Times.iso(request.validFrom()))
                    .validUntil(Times.iso(request.validUntil()))
                    .registeredAt(Times.iso(now))
                    .registeredBy(official.subject())
                    .expiresAt(request.validUntil().plus(retention).getEpochSecond())
                    .build();
            ShipperItem guard = ShipperItem.builder().pk(codeKey(code)).citizenId(citizenId).shipperCode(code)
                    .expiresAt(item.expiresAt()).build();
            try {
                enhanced.transactWriteItems(t -> t
                        .addPutItem(shippers, TransactPutItemEnhancedRequest.builder(ShipperItem.class).item(item)
                                .conditionExpression(Expression.builder()
                                        .expression("attribute_not_exists(pk) OR validUntil <= :now")
                                        .putExpressionValue(":now", AttributeValue.fromS(Times.iso(now))).build())
                                .build())
                        .addPutItem(shippers, TransactPutItemEnhancedRequest.builder(ShipperItem.class).item(guard)
                                .conditionExpression(Expression.builder().expression("attribute_not_exists(pk)").build())
                                .build()));
                return ShipperView.of(item, now);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                boolean registered = reasons.size() > 0 && "ConditionalCheckFailed".equals(reasons.get(0).code());
                boolean codeTaken = reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code());
                if (registered) {
                    throw new ConflictException("this citizen is already registered as a shipper until that registration expires");
                }
                if (!codeTaken || attempt >= 3) {
                    throw new DependencyUnavailableException("the registration could not be written; try again", 1);
                }
            }
        }
    }

    /** {@code POST /v1/green-lane/shippers/{shipperCode}/suspend {reason}}: scans then show SUSPENDED. Suspending twice keeps the first. */
    public ShipperView suspend(Principal official, String shipperCode, Reason reason) {
        GreenLaneAccess.requireManager(official);
        Instant now = clock.instant();
        ShipperItem s = byCode(ShortCode.normalize(shipperCode).orElseThrow(() -> new NotFoundException("no such shipper")))
                .orElseThrow(() -> new NotFoundException("no such shipper"));
        GreenLaneAccess.requireManagerOfWards(official, s.operatingWards(), units);
        if (s.suspendedAt() == null) {
            ShipperItem suspended = s.toBuilder().suspendedAt(Times.iso(now)).suspendedReason(reason.text())
                    .suspendedBy(official.subject()).build();
            try {
                shippers.updateItem(UpdateItemEnhancedRequest.builder(ShipperItem.class).item(suspended)
                        .conditionExpression(Expression.builder()
                                .expression("attribute_exists(pk) AND shipperCode = :code AND attribute_not_exists(suspendedAt)")
                                .putExpressionValue(":code", AttributeValue.fromS(s.shipperCode())).build())
                        .build());
                s = suspended;
            } catch (ConditionalCheckFailedException e) {
                s = byCode(s.shipperCode()).orElseThrow(() -> new NotFoundException("no such shipper"));
            }
        }
        return ShipperView.of(s, now);
    }

    private Optional<ShipperItem> byCode(String canonicalCode) {
        ShipperItem guard = shippers.getItem(Key.builder().partitionValue(codeKey(canonicalCode)).build());
        if (guard == null) {
            return Optional.empty();
        }
        ShipperItem s = shippers.getItem(Key.builder().partitionValue(citizenKey(guard.citizenId())).build());
        return s != null && canonicalCode.equals(s.shipperCode()) ? Optional.of(s) : Optional.empty();
    }

    // ------------------------------------------------------------------ the checkpoint scan

    /**
     * The answer to a shipper scan; {@code shipper} is null unless registered. {@code scanId} is what the officer
     * confirms as a passage; {@code health} and {@code advice} are the registered shipper's (null otherwise).
     */
    public record ShipperScan(String scanId, String status, ScannedShipper shipper, String checkpointWardCode,
                              Boolean inOperatingWards, HealthView health, String advice) {
    }

    public record ScannedShipper(String shipperCode, String fullName, String dateOfBirth, String citizenIdMasked,
                                 Company company, List<String> operatingWards, String validFrom, String validUntil) {
    }

    /**
     * {@code POST /v1/checkpoints/{checkpointId}/shipper-scans {code}}: the officer of that checkpoint. A card costs one
     * BatchGetItem (registration, health status, checkpoint); a shipper code one more (the code's guard first).
     */
    public ShipperScan scan(Principal officer, String checkpointId, ShipperScanRequest request) {
        Access.requireOfficerAt(officer, checkpointId);
        String code = request.code();
        Instant now = Times.seconds(clock.instant());

        String citizenId = null;
        String viaCode = null;
        if (ChipCardQr.looksLikeCard(code)) {
            citizenId = ChipCardQr.parse(code).map(ChipCard::citizenId).orElse(null);
        } else {
            viaCode = ShortCode.normalize(code).orElse(null);
            if (viaCode != null) {
                ShipperItem guard = shippers.getItem(Key.builder().partitionValue(codeKey(viaCode)).build());
                citizenId = guard == null ? null : guard.citizenId();
                if (citizenId == null) {
                    return answer(now, ShipperStatus.NOT_REGISTERED, null, null, activeCheckpoint(checkpointId), null);
                }
            }
        }
        if (citizenId == null) {
            return answer(now, ShipperStatus.INVALID, null, null, activeCheckpoint(checkpointId), null);
        }
        List<ReadBatch> reads = List.of(
                ReadBatch.builder(ShipperItem.class).mappedTableResource(shippers)
                        .addGetItem(Key.builder().partitionValue(citizenKey(citizenId)).build()).build(),
                ReadBatch.builder(HealthStatusItem.class).mappedTableResource(health)
                        .addGetItem(Key.builder().partitionValue(citizenId).sortValue(HealthStatusItem.STATUS).build()).build(),
                ReadBatch.builder(CheckpointItem.class).mappedTableResource(checkpoints)
                        .addGetItem(Key.builder().partitionValue(checkpointId).build()).build());
        ShipperItem found = null;
        HealthStatusItem status = null;
        CheckpointItem cp = null;
        for (BatchGetResultPage page : enhanced.batchGetItem(r -> r.readBatches(reads))) {
            found = found != null ? found : page.resultsForTable(shippers).stream().findFirst().orElse(null);
            status = status != null ? status : page.resultsForTable(health).stream().findFirst().orElse(null);
            cp = cp != null ? cp : page.resultsForTable(checkpoints).stream().findFirst().orElse(null);
        }
        CheckpointItem checkpoint = GreenLaneAccess.requireActive(cp);
        if (found != null && viaCode != null && !viaCode.equals(found.shipperCode())) {
            // the code of a replaced registration: not this person's code any more
            return answer(now, ShipperStatus.NOT_REGISTERED, null, null, checkpoint, null);
        }
        if (found == null) {
            // a card of someone not registered: the passage (if the officer records one) still names them
            return answer(now, ShipperStatus.NOT_REGISTERED, null, viaCode == null ? citizenId : null, checkpoint, null);
        }
        Health h = Health.of(HealthSnapshot.decode(status == null ? null : status.health()), now, List.of(),
                Boolean.TRUE.equals(checkpoint.requireCompleteVaccination()));
        return answer(now, status(found, now), found, found.citizenId(), checkpoint, h);
    }

    private CheckpointItem activeCheckpoint(String checkpointId) {
        return GreenLaneAccess.requireActive(checkpoints.getItem(Key.builder().partitionValue(checkpointId).build()));
    }

    /** The answer, with its sealed scan id (a shipper's passage: no pass, no plate; the officer may give the plate). */
    private ShipperScan answer(Instant now, ShipperStatus status, ShipperItem found, String citizenId, CheckpointItem checkpoint,
                               Health h) {
        String scanId = scanIds.seal(new ScanIds.Scan(now, sealedVerdict(status), checkpoint.checkpointId(), null, citizenId,
                h == null ? null : h.colour(), new ScanIds.GreenLane(ScanIds.Kind.SHIPPER, null, null, null)));
        Advice advice = h == null ? null : Advice.of(h.colour(), null);
        if (found == null) {
            return new ShipperScan(scanId, status.name(), null, checkpoint.wardCode(), null, null, null);
        }
        ScannedShipper shown = new ScannedShipper(ShortCode.display(found.shipperCode()), found.fullName(),
                found.dateOfBirth(), CitizenId.mask(found.citizenId()), new Company(found.companyName(), found.companyTaxCode()),
                found.operatingWards(), found.validFrom(), found.validUntil());
        return new ShipperScan(scanId, status.name(), shown, checkpoint.wardCode(),
                found.operatingWards().contains(checkpoint.wardCode()), HealthView.of(h), advice.name());
    }

    /** What the sealed scan says of a shipper's status: only ACTIVE may be confirmed as ALLOWED. */
    static Verdict sealedVerdict(ShipperStatus status) {
        return switch (status) {
            case ACTIVE -> Verdict.VALID;
            case NOT_YET_VALID, NOT_REGISTERED -> Verdict.NO_VALID_PASS;
            case EXPIRED -> Verdict.EXPIRED;
            case SUSPENDED -> Verdict.REVOKED;
            case INVALID -> Verdict.INVALID;
        };
    }
}

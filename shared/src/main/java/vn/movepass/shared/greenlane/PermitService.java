package vn.movepass.shared.greenlane;

import vn.movepass.shared.error.GoneException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import vn.movepass.shared.admin.AdministrativeUnits;
import vn.movepass.shared.admin.Ward;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Plates;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.json.JsonInput;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.identity.ChipCard;
import vn.movepass.shared.identity.ChipCardQr;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassSigning;
import vn.movepass.shared.pass.QrRenderer;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.DriverTestItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.VehiclePermitItem;

/**
 * Green-lane (luồng xanh) vehicle permits: registration, status, QR, revocation, and the checkpoint
 * scan that answers VALID only for a driver on the permit with a valid negative test. A scan costs one
 * BatchGetItem (permit, driver's registry entry, checkpoint) and one Query (the driver's tests), and
 * writes nothing.
 */
public final class PermitService {
    static final int MAX_ROUTE_WARDS = 50;
    static final int MAX_DRIVERS = 5;
    private static final int MAX_CODE = 2048;
    private static final Pattern PERMIT_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    public static final int DEFAULT_PNG_SIZE = 320;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<VehiclePermitItem> permits;
    private final DynamoDbTable<ResidentItem> residents;
    private final DynamoDbTable<CheckpointItem> checkpoints;
    private final DriverTestService tests;
    private final PermitTokenCodec codec;
    private final QrRenderer renderer;
    private final AdministrativeUnits units;
    private final Clock clock;
    private final IdSource ids;

    public PermitService(DynamoDbEnhancedClient enhanced, DynamoDbTable<VehiclePermitItem> permits,
                         DynamoDbTable<ResidentItem> residents, DynamoDbTable<CheckpointItem> checkpoints,
                         DriverTestService tests, PermitTokenCodec codec, QrRenderer renderer, AdministrativeUnits units,
                         Clock clock, IdSource ids) {
        this.enhanced = enhanced;
        this.permits = permits;
        this.residents = residents;
        this.checkpoints = checkpoints;
        this.tests = tests;
        this.codec = codec;
        this.renderer = renderer;
        this.units = units;
        this.clock = clock;
        this.ids = ids;
    }

    public static PermitService create(Platform p, DriverTestService tests) {
        return new PermitService(p.enhanced(), GreenLaneTables.permits(p), Tables.residents(p), Tables.checkpoints(p), tests,
                new PermitTokenCodec(PassSigning.keys(p.environment())), new QrRenderer(), AdministrativeUnits.get(),
                p.clock(), p.ids());
    }

    // ------------------------------------------------------------------ views

    public record Operator(String name, String taxCode) {
    }

    public record Driver(String citizenIdMasked, String fullName, String dateOfBirth) {
    }

    /** A permit as its managers see it. */
    public record PermitView(String permitId, String status, String token, String plate, Operator operator,
                             List<String> routeWards, List<Driver> drivers, String provinceCode, String validFrom,
                             String validUntil, String issuedAt, String revokedAt, String qrPng, String qrSvg) {
    }

    /** VALID, NOT_YET_VALID, EXPIRED or REVOKED, judged from the stored instants against the clock. */
    public static VehicleVerdict status(VehiclePermitItem permit, Instant now) {
        if (permit.revokedAt() != null) {
            return VehicleVerdict.REVOKED;
        }
        if (!now.isBefore(Instant.parse(permit.validUntil()))) {
            return VehicleVerdict.EXPIRED;
        }
        return now.isBefore(Instant.parse(permit.validFrom())) ? VehicleVerdict.NOT_YET_VALID : VehicleVerdict.VALID;
    }

    private PermitView view(VehiclePermitItem p, Map<String, ResidentItem> drivers) {
        List<Driver> list = new ArrayList<>();
        for (String id : p.driverIds()) {
            ResidentItem r = drivers.get(id);
            list.add(new Driver(CitizenId.mask(id), r == null ? null : r.fullName(), r == null ? null : r.dateOfBirth()));
        }
        String base = "/v1/green-lane/permits/" + p.permitId();
        return new PermitView(p.permitId(), status(p, clock.instant()).name(), p.token(), p.plate(),
                new Operator(p.operatorName(), p.operatorTaxCode()), p.routeWards(), list, p.provinceCode(), p.validFrom(),
                p.validUntil(), p.issuedAt(), p.revokedAt(), base + "/qr.png", base + "/qr.svg");
    }

    // ------------------------------------------------------------------ registration

    /** {@code POST /v1/green-lane/permits}: ADMIN, or a HEALTH_OFFICIAL of the province where the route starts. */
    public PermitView register(Principal official, JsonNode body) {
        GreenLaneAccess.requireManager(official);
        Instant now = Times.seconds(clock.instant());
        JsonInput in = JsonInput.root(body);
        in.allowOnly("plate", "operator", "routeWards", "drivers", "validFrom", "validUntil");
        String plate = in.string("plate", true, 16);
        if (plate != null && (!Plates.isWellFormed(plate) || PermitTokenCodec.canonicalPlate(plate) == null)) {
            in.error("plate", "FORMAT", "must be a Vietnamese plate like 51C-123.45");
        }
        JsonInput operator = in.object("operator", true);
        operator.allowOnly("name", "taxCode");
        String operatorName = operator.string("name", true, 200);
        String taxCode = operator.matching("taxCode", true, 14, GreenLaneInput.TAX_CODE, "FORMAT",
                "must be a 10-digit tax code, or 10 digits + -NNN for a branch");
        List<String> route = GreenLaneInput.wards(in, body, "routeWards", MAX_ROUTE_WARDS, units);
        List<String> driverIds = GreenLaneInput.citizenIds(in, body, "drivers", MAX_DRIVERS);
        GreenLaneInput.Validity validity = GreenLaneInput.validity(in, now);
        in.throwIfInvalid();

        String provinceCode = units.ward(route.get(0)).map(Ward::provinceCode).orElseThrow();
        GreenLaneAccess.requireManagerOf(official, provinceCode);
        Map<String, ResidentItem> drivers = residents(driverIds);
        for (int i = 0; i < driverIds.size(); i++) {
            ResidentItem r = drivers.get(driverIds.get(i));
            if (r == null) {
                in.error("drivers[" + i + "]", "NOT_IN_REGISTRY", "is not in the population registry");
            } else if (r.dateOfDeath() != null) {
                in.error("drivers[" + i + "]", "DECEASED", "is recorded as deceased in the registry");
            }
        }
        in.throwIfInvalid();

        byte[] permitId = ids.bytes(PermitClaims.PERMIT_ID_LENGTH);
        String canonicalPlate = PermitTokenCodec.canonicalPlate(plate);
        String token = codec.sign(new PermitClaims(permitId, validity.from(), validity.until(), canonicalPlate, operatorName));
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(permitId);
        VehiclePermitItem item = VehiclePermitItem.builder()
                .permitId(id)
                .token(token)
                .plate(canonicalPlate)
                .plateKey(Plates.key(canonicalPlate))
                .operatorName(operatorName)
                .operatorTaxCode(taxCode)
                .routeWards(route)
                .driverIds(driverIds)
                .provinceCode(provinceCode)
                .validFrom(Times.iso(validity.from()))
                .validUntil(Times.iso(validity.until()))
                .issuedAt(Times.iso(now))
                .issuedBy(official.subject())
                .expiresAt(validity.until().getEpochSecond())
                .build();
        permits.putItem(PutItemEnhancedRequest.builder(VehiclePermitItem.class).item(item)
                .conditionExpression(Expression.builder().expression("attribute_not_exists(permitId)").build()).build());
        return view(item, drivers);
    }

    /** {@code GET /v1/green-lane/permits/{permitId}}: the permit's managers. */
    public PermitView get(Principal official, String permitId) {
        GreenLaneAccess.requireManager(official);
        VehiclePermitItem p = load(permitId);
        GreenLaneAccess.requireManagerOf(official, p.provinceCode());
        return view(p, residents(p.driverIds()));
    }

    /** {@code POST /v1/green-lane/permits/{permitId}/revoke {reason}}: later scans answer REVOKED. Revoking twice keeps the first. */
    public PermitView revoke(Principal official, String permitId, JsonNode body) {
        GreenLaneAccess.requireManager(official);
        JsonInput in = JsonInput.root(body);
        in.allowOnly("reason");
        String reason = in.string("reason", true, 500);
        in.throwIfInvalid();
        VehiclePermitItem p = load(permitId);
        GreenLaneAccess.requireManagerOf(official, p.provinceCode());
        if (p.revokedAt() == null) {
            VehiclePermitItem revoked = p.toBuilder().revokedAt(Times.iso(clock.instant())).revokedReason(reason)
                    .revokedBy(official.subject()).build();
            try {
                permits.updateItem(UpdateItemEnhancedRequest.builder(VehiclePermitItem.class).item(revoked)
                        .conditionExpression(Expression.builder()
                                .expression("attribute_exists(permitId) AND attribute_not_exists(revokedAt)").build())
                        .build());
                p = revoked;
            } catch (ConditionalCheckFailedException e) {
                p = load(permitId);
            }
        }
        return view(p, residents(p.driverIds()));
    }

    /** The QR image of a usable permit (the permit id is the capability, as for passes): 410 once expired or revoked. */
    public byte[] png(String permitId, int size) {
        if (size < QrRenderer.MIN_PNG_SIZE || size > QrRenderer.MAX_PNG_SIZE) {
            throw InvalidInputException.of("size", "OUT_OF_RANGE", "must be between 128 and 1024 pixels");
        }
        return renderer.png(usableToken(permitId), size);
    }

    public String svg(String permitId) {
        return renderer.svg(usableToken(permitId));
    }

    private String usableToken(String permitId) {
        VehiclePermitItem p = load(permitId);
        VehicleVerdict status = status(p, clock.instant());
        if (status == VehicleVerdict.EXPIRED || status == VehicleVerdict.REVOKED) {
            throw new GoneException("the permit is " + status.name().toLowerCase(java.util.Locale.ROOT));
        }
        return p.token();
    }

    private VehiclePermitItem load(String permitId) {
        if (permitId == null || !PERMIT_ID.matcher(permitId).matches()) {
            throw new NotFoundException("no such permit");
        }
        VehiclePermitItem p = permits.getItem(Key.builder().partitionValue(permitId).build());
        if (p == null) {
            throw new NotFoundException("no such permit");
        }
        return p;
    }

    private Map<String, ResidentItem> residents(List<String> citizenIds) {
        Map<String, ResidentItem> out = new LinkedHashMap<>();
        if (citizenIds.isEmpty()) {
            return out;
        }
        ReadBatch.Builder<ResidentItem> batch = ReadBatch.builder(ResidentItem.class).mappedTableResource(residents);
        citizenIds.forEach(id -> batch.addGetItem(Key.builder().partitionValue(id).build()));
        ReadBatch read = batch.build();
        for (BatchGetResultPage page : enhanced.batchGetItem(r -> r.readBatches(read))) {
            page.resultsForTable(residents).forEach(r -> out.put(r.citizenId(), r));
        }
        return out;
    }

    // ------------------------------------------------------------------ the checkpoint scan

    /** A parsed vehicle scan: the permit's QR text and the driver on board (typed id or chip-ID card QR). */
    record ScanRequest(String code, String driverCitizenId, ChipCard driverCard) {
        String driverId() {
            return driverCard != null ? driverCard.citizenId() : driverCitizenId;
        }

        static ScanRequest parse(JsonNode body) {
            JsonInput in = JsonInput.root(body);
            in.allowOnly("code", "driverCitizenId", "driverCard");
            String code = in.scannedText("code", true, MAX_CODE);
            String driverId = in.string("driverCitizenId", false, 12);
            String cardText = in.scannedText("driverCard", false, MAX_CODE);
            ChipCard card = null;
            if (driverId != null && !CitizenId.isWellFormed(driverId)) {
                in.error("driverCitizenId", "FORMAT", "must be a 12-digit citizen id");
            }
            if (cardText != null) {
                card = ChipCardQr.parse(cardText).orElse(null);
                if (card == null) {
                    in.error("driverCard", "INVALID", "is not the QR text of a chip-ID card");
                }
            }
            if (in.valid() && driverId == null && cardText == null) {
                in.error("driverCitizenId", "REQUIRED", "give the driver on board: driverCitizenId or driverCard");
            }
            if (in.valid() && driverId != null && card != null && !driverId.equals(card.citizenId())) {
                in.error("driverCard", "MISMATCH", "is the card of another citizen than driverCitizenId");
            }
            in.throwIfInvalid();
            return new ScanRequest(code, driverId, card);
        }
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
    public VehicleScan scan(Principal officer, String checkpointId, JsonNode body) {
        Access.requireOfficerAt(officer, checkpointId);
        ScanRequest request = ScanRequest.parse(body);
        Instant now = Times.seconds(clock.instant());
        String driverId = request.driverId();
        Optional<PermitClaims> claims = decode(request.code());
        Found found = read(claims.map(PermitClaims::permitIdString).orElse(null), driverId, checkpointId);
        CheckpointItem checkpoint = GreenLaneAccess.requireActive(found.checkpoint());
        ScannedDriver driver = driverOf(found.resident(), request, null);

        if (claims.isEmpty()) {
            return new VehicleScan(VehicleVerdict.INVALID.name(), null, List.of(), null, driver, null);
        }
        VehiclePermitItem permit = found.permit();
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
        driver = driverOf(found.resident(), request, onPermit);
        VehicleVerdict status = status(permit, now);
        if (status != VehicleVerdict.VALID) {
            return new VehicleScan(status.name(), null, alerts, shown, driver, null);
        }
        if (found.resident() == null) {
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

    private static ScannedDriver driverOf(ResidentItem resident, ScanRequest request, Boolean onPermit) {
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

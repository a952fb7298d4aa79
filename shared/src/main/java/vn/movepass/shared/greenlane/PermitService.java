package vn.movepass.shared.greenlane;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Plates;
import vn.movepass.shared.domain.Reason;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.GoneException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.pass.PassSigning;
import vn.movepass.shared.pass.QrRenderer;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.VehiclePermitItem;

/**
 * Green-lane (luồng xanh) vehicle permits: registration, status, QR and revocation. The checkpoint scan of a
 * permit is {@link VehicleScanService}'s.
 */
public final class PermitService {
    private static final Pattern PERMIT_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    public static final int DEFAULT_PNG_SIZE = 320;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<VehiclePermitItem> permits;
    private final DynamoDbTable<ResidentItem> residents;
    private final PermitTokenCodec codec;
    private final QrRenderer renderer;
    private final AdministrativeUnits units;
    private final Clock clock;
    private final IdSource ids;

    public PermitService(DynamoDbEnhancedClient enhanced, DynamoDbTable<VehiclePermitItem> permits,
                         DynamoDbTable<ResidentItem> residents, PermitTokenCodec codec, QrRenderer renderer,
                         AdministrativeUnits units, Clock clock, IdSource ids) {
        this.enhanced = enhanced;
        this.permits = permits;
        this.residents = residents;
        this.codec = codec;
        this.renderer = renderer;
        this.units = units;
        this.clock = clock;
        this.ids = ids;
    }

    public static PermitService create(Platform p) {
        return new PermitService(p.enhanced(), Tables.permits(p), Tables.residents(p),
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
    public PermitView register(Principal official, PermitRequest request) {
        GreenLaneAccess.requireManager(official);
        Instant now = Times.seconds(clock.instant());
        List<String> driverIds = request.driverIds();
        String provinceCode = units.ward(request.routeWards().get(0)).map(Ward::provinceCode).orElseThrow();
        GreenLaneAccess.requireManagerOf(official, provinceCode);
        Map<String, ResidentItem> drivers = residents(driverIds);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < driverIds.size(); i++) {
            ResidentItem r = drivers.get(driverIds.get(i));
            if (r == null) {
                errors.add(new FieldError("drivers[" + i + "]", "NOT_IN_REGISTRY", "is not in the population registry"));
            } else if (r.dateOfDeath() != null) {
                errors.add(new FieldError("drivers[" + i + "]", "DECEASED", "is recorded as deceased in the registry"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }

        byte[] permitId = ids.bytes(PermitClaims.PERMIT_ID_LENGTH);
        String canonicalPlate = PermitTokenCodec.canonicalPlate(request.plate());
        String token = codec.sign(new PermitClaims(permitId, request.validFrom(), request.validUntil(), canonicalPlate,
                request.operatorName()));
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(permitId);
        VehiclePermitItem item = VehiclePermitItem.builder()
                .permitId(id)
                .token(token)
                .plate(canonicalPlate)
                .plateKey(Plates.key(canonicalPlate))
                .operatorName(request.operatorName())
                .operatorTaxCode(request.operatorTaxCode())
                .routeWards(request.routeWards())
                .driverIds(driverIds)
                .provinceCode(provinceCode)
                .validFrom(Times.iso(request.validFrom()))
                .validUntil(Times.iso(request.validUntil()))
                .issuedAt(Times.iso(now))
                .issuedBy(official.subject())
                .expiresAt(request.validUntil().getEpochSecond())
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
    public PermitView revoke(Principal official, String permitId, Reason reason) {
        GreenLaneAccess.requireManager(official);
        VehiclePermitItem p = load(permitId);
        GreenLaneAccess.requireManagerOf(official, p.provinceCode());
        if (p.revokedAt() == null) {
            VehiclePermitItem revoked = p.toBuilder().revokedAt(Times.iso(clock.instant())).revokedReason(reason.text())
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
}

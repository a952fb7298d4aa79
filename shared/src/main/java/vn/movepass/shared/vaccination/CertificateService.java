package vn.movepass.shared.vaccination;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.declaration.RegistryCheck;
import vn.movepass.shared.domain.RejectionReason;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.health.HealthStore;
import vn.movepass.shared.health.Vaccination;
import vn.movepass.shared.health.VaccineProduct;
import vn.movepass.shared.limit.AttemptLimiter;
import vn.movepass.shared.pass.PassSigning;
import vn.movepass.shared.pass.QrRenderer;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;

/**
 * {@code POST /v1/vaccination-certificates}: a citizen with at least one dose gets a signed certificate ({@code VC1:},
 * {@link CertificateCodec}). The identity is checked against the registry as a declaration's is, under the same
 * anti-enumeration limit (scope VACCINATION_CERTIFICATE): a refusal is answered REJECTED with its reasons and counted.
 * The server keeps {@code CERT#<id>} (whose it is, with the health retention) so a scan of it reads the holder's health.
 */
public final class CertificateService {
    public static final int PNG_SIZE = 512;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String healthTable;
    private final DynamoDbTable<ResidentItem> residents;
    private final AttemptLimiter limiter;
    private final CertificateCodec codec;
    private final QrRenderer renderer;
    private final Clock clock;
    private final IdSource ids;
    private final Duration retention;

    public CertificateService(DynamoDbClient dynamo, String table, String healthTable, DynamoDbTable<ResidentItem> residents,
                              AttemptLimiter limiter, CertificateCodec codec, QrRenderer renderer, Clock clock, IdSource ids,
                              Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.healthTable = healthTable;
        this.residents = residents;
        this.limiter = limiter;
        this.codec = codec;
        this.renderer = renderer;
        this.clock = clock;
        this.ids = ids;
        this.retention = retention;
    }

    public static CertificateService create(Platform p) {
        var env = p.environment();
        return new CertificateService(p.dynamo(), Tables.name(p, EnvKey.VACCINATION_TABLE), Tables.name(p, EnvKey.HEALTH_TABLE),
                Tables.residents(p), AttemptLimiter.create(p), new CertificateCodec(PassSigning.keys(env)), new QrRenderer(),
                p.clock(), p.ids(), env.duration(EnvKey.HEALTH_RETENTION_DAYS));
    }

    /** The request: who, as on their ID card. */
    public record Request(String citizenId, String fullName, LocalDate dateOfBirth) {
    }

    /** ISSUED with the token and its QR (a PNG data URL), or REJECTED with the registry's reasons. */
    public record Issued(String status, String token, String qrPng, List<String> reasons) {
    }

    public Issued issue(Request r) {
        Instant now = Times.seconds(clock.instant());
        for (int attempt = 1; ; attempt++) {
            AttemptLimiter.Window window = limiter.check(AttemptLimiter.Scope.VACCINATION_CERTIFICATE, r.citizenId(), now);
            ResidentItem resident = residents.getItem(Key.builder().partitionValue(r.citizenId()).build());
            String ward = resident == null ? "-" : resident.currentWardCode();
            if (window.limited()) {
                throw limiter.refuse(window, ids.newId(), ward, Times.vietnamDate(now), List.of());
            }
            List<RejectionReason> reasons = RegistryCheck.reasons(r.citizenId(), r.fullName(), r.dateOfBirth(), null, resident);
            if (reasons.isEmpty()) {
                return issueChecked(r, resident, now);
            }
            try {
                Transactions.write(dynamo, List.of(limiter.rejection(window)));
                return new Issued("REJECTED", null, null, reasons.stream().map(Enum::name).toList());
            } catch (TransactionCanceledException e) {
                if (!AttemptLimiter.cancelledOn(e, 0) || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private Issued issueChecked(Request r, ResidentItem resident, Instant now) {
        var item = dynamo.getItem(b -> b.tableName(healthTable).key(HealthStore.key(r.citizenId())).consistentRead(true)).item();
        Vaccination v = HealthStore.status(r.citizenId(), item).snapshot().vaccination();
        if (v.doses() == 0) {
            throw new ConflictException("citizenId", "NO_DOSE", "no vaccine dose is recorded for this person yet");
        }
        byte[] id = Base64.getUrlDecoder().decode(ids.newId());
        // the doses as recorded (product and day), oldest first: one Query of the resident's DOSE# items
        List<CertificateCodec.Dose> doses = new java.util.ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(healthTable).consistentRead(true)
                        .keyConditionExpression("pk = :c AND begins_with(sk, :d)")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(r.citizenId()),
                                ":d", AttributeValue.fromS("DOSE#"))))
                .items().forEach(d -> doses.add(new CertificateCodec.Dose(VaccineProduct.valueOf(d.get("product").s()),
                        Times.vietnamDate(Instant.parse(d.get("administeredAt").s())))));
        var claims = new CertificateCodec.Claims(java.util.Arrays.copyOf(id, 16), now,
                v.completeSince() != null && v.completeOn(Times.vietnamDate(now)),
                r.citizenId().substring(0, 3) + r.citizenId().substring(9),
                LocalDate.parse(resident.dateOfBirth()), doses, resident.fullName());
        Map<String, AttributeValue> record = new HashMap<>(Certificates.key(claims.certificateIdString()));
        record.put("citizenId", AttributeValue.fromS(r.citizenId()));
        record.put("issuedAt", AttributeValue.fromS(Times.iso(now)));
        record.put("expiresAt", AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())));
        dynamo.putItem(b -> b.tableName(table).item(record));
        String token = codec.sign(claims);
        String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(renderer.png(token, PNG_SIZE));
        return new Issued("ISSUED", token, png, List.of());
    }
}

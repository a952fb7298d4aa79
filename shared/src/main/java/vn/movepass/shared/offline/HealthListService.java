package vn.movepass.shared.offline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.District;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.health.Colour;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.pass.PassClaims;
import vn.movepass.shared.pass.PassHolders;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.HealthStatusItem;
import vn.movepass.shared.store.Tables;

/**
 * The offline health list of a province (docs/offline-health.md): the live passes of the residents of the province who
 * are RED (isolating, quarantined) or AMBER (monitored) now, as two keyed Golomb-Rice coded sets ({@link GolombRiceSet}),
 * for the checkpoint page to judge a scanned pass's colour with no network. No name, no citizen id, no ward, no state:
 * a keyed hash of a pass id and the set it is in.
 *
 * <p>Read without a Scan: one Query per ward of the province on HealthTable's sparse {@code byWard} index (only statuses
 * with a period left are in it; {@code activeUntil > now}), the colour judged now ({@link Health#of}), then the flagged
 * residents' live passes from their holders' items in PassesTable ({@link PassHolders#livePasses}, BatchGetItem).
 *
 * <p>The key: {@code HMAC-SHA256(HEALTH_LIST_SECRET, "movepass-health-list-v1|" + province + "|" + Viet Nam date)}, a key
 * per province per day, handed only with the list. Built on request and kept in memory for {@link #MAX_AGE} per
 * province (a health change reaches the list within that); the answer's {@code etag} names the content (key and sets),
 * so a phone whose copy is current gets {@code 304} and no new look-up is audited. A served list is audited as a
 * look-up of each resident whose pass is in it ({@code HEALTH_LIST}, {@code province:<code>}).
 */
public final class HealthListService {
    /** How long a built list is served before it is built again. */
    public static final Duration MAX_AGE = Duration.ofSeconds(60);
    /** How an entry is made, for the client. */
    public static final String ENTRY = "HMAC-SHA256(key, 16 pass-id bytes), first 8 bytes big-endian, mod n * 2^p; Golomb-Rice coded";
    private static final String LABEL = "movepass-health-list-v1|";

    private final DynamoDbClient dynamo;
    private final String healthTable;
    private final PassHolders holders;
    private final DynamoDbTable<CheckpointItem> checkpoints;
    private final AuditLog audit;
    private final Clock clock;
    private final byte[] secret;
    private final Map<String, Built> built = new ConcurrentHashMap<>();

    /** One coded set: its number of entries and its bytes (base64url). */
    public record CodedSet(int n, String data) {
    }

    /** The answer's body. */
    public record HealthList(String provinceCode, String keyId, String key, String builtAt, int p, String entry, CodedSet red,
            CodedSet amber) {
    }

    /** What is served: the list (null when the caller's copy, named by {@code etag}, is current) and its tag. */
    public record Answer(HealthList list, String etag) {
        public boolean notModified() {
            return list == null;
        }
    }

    private record Built(HealthList list, String etag, Instant at, List<String> residents) {
    }

    public HealthListService(DynamoDbClient dynamo, String healthTable, PassHolders holders, DynamoDbTable<CheckpointItem> checkpoints,
            AuditLog audit, Clock clock, byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalStateException("HEALTH_LIST_SECRET must have at least 16 bytes");
        }
        this.dynamo = dynamo;
        this.healthTable = healthTable;
        this.holders = holders;
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.clock = clock;
        this.secret = secret.clone();
    }

    public static HealthListService create(Platform p) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(p.environment().require(EnvKey.HEALTH_LIST_SECRET));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("HEALTH_LIST_SECRET is not base64");
        }
        return new HealthListService(p.dynamo(), Tables.name(p, EnvKey.HEALTH_TABLE),
                new PassHolders(p.dynamo(), Tables.name(p, EnvKey.PASSES_TABLE)), Tables.checkpoints(p), AuditLog.create(p),
                p.clock(), secret);
    }

    /**
     * The list of {@code provinceCode} for a checkpoint officer of that province (their checkpoint's) or ADMIN; a fixed
     * camera checks online and has no use for it. {@code ifNoneMatch}: the tag of the caller's copy, or null.
     */
    public Answer current(Principal who, String provinceCode, String ifNoneMatch) {
        if (!who.hasRole(Role.CHECKPOINT_OFFICER, Role.ADMIN) || who.isCamera()) {
            throw new ForbiddenException("only checkpoint officers and ADMIN may read the offline health list");
        }
        if (AdministrativeUnits.get().province(provinceCode).isEmpty()) {
            throw new NotFoundException("no such province");
        }
        if (who.role() == Role.CHECKPOINT_OFFICER) {
            CheckpointItem cp = who.checkpointId() == null ? null
                    : checkpoints.getItem(Key.builder().partitionValue(who.checkpointId()).build());
            if (cp == null || !provinceCode.equals(cp.provinceCode())) {
                throw new ForbiddenException("this is not the province of this officer's checkpoint");
            }
        }
        Instant now = clock.instant();
        String keyId = keyId(provinceCode, now);
        Built list = built.compute(provinceCode, (code, kept) -> kept != null && kept.list.keyId().equals(keyId)
                && !now.isBefore(kept.at) && now.isBefore(kept.at.plus(MAX_AGE)) ? kept : build(code, now));
        if (list.etag.equals(ifNoneMatch)) {
            return new Answer(null, list.etag);
        }
        audit.record(who, "HEALTH_LIST", "province:" + provinceCode, list.residents);
        return new Answer(list.list, list.etag);
    }

    /** The key of a province's list on the Viet Nam date of {@code at}. */
    public byte[] key(String provinceCode, Instant at) {
        Mac mac = GolombRiceSet.mac(secret);
        return mac.doFinal((LABEL + provinceCode + "|" + Times.vietnamDate(at)).getBytes(StandardCharsets.US_ASCII));
    }

    private static String keyId(String provinceCode, Instant at) {
        LocalDate day = Times.vietnamDate(at);
        return provinceCode + "-" + day.toString().replace("-", "");
    }

    private Built build(String provinceCode, Instant now) {
        Map<String, Colour> flagged = flaggedResidents(provinceCode, now);
        Map<String, List<String>> live = holders.livePasses(flagged.keySet(), now);
        List<byte[]> red = new ArrayList<>();
        List<byte[]> amber = new ArrayList<>();
        List<String> residents = new ArrayList<>();
        for (var e : live.entrySet()) {
            List<byte[]> into = flagged.get(e.getKey()) == Colour.RED ? red : amber;
            for (String passId : e.getValue()) {
                into.add(PassClaims.passIdBytes(passId));
            }
            residents.add(e.getKey());
        }
        byte[] key = key(provinceCode, now);
        int p = GolombRiceSet.P;
        CodedSet redSet = new CodedSet(red.size(), b64(GolombRiceSet.encode(key, red, p)));
        CodedSet amberSet = new CodedSet(amber.size(), b64(GolombRiceSet.encode(key, amber, p)));
        String keyId = keyId(provinceCode, now);
        HealthList list = new HealthList(provinceCode, keyId, b64(key), Times.iso(now), p, ENTRY, redSet, amberSet);
        String etag = "\"" + tag(keyId + "|" + p + "|" + redSet.n() + "|" + redSet.data() + "|" + amberSet.n() + "|"
                + amberSet.data()) + "\"";
        return new Built(list, etag, now, List.copyOf(residents));
    }

    /** The residents of the province RED or AMBER now, by their current ward: one Query per ward, on the sparse index. */
    private Map<String, Colour> flaggedResidents(String provinceCode, Instant now) {
        Map<String, Colour> flagged = new LinkedHashMap<>();
        AdministrativeUnits units = AdministrativeUnits.get();
        for (District district : units.districtsOf(provinceCode)) {
            for (Ward ward : units.wardsOf(district.code())) {
                Map<String, AttributeValue> values = new HashMap<>();
                values.put(":w", AttributeValue.fromS(ward.code()));
                values.put(":now", AttributeValue.fromS(Times.iso(now)));
                QueryRequest q = QueryRequest.builder().tableName(healthTable).indexName(HealthStatusItem.BY_WARD)
                        .keyConditionExpression("wardCode = :w AND activeUntil > :now").expressionAttributeValues(values)
                        .projectionExpression("pk, health").build();
                for (Map<String, AttributeValue> item : dynamo.queryPaginator(q).items()) {
                    AttributeValue health = item.get("health");
                    if (health == null || health.s() == null) {
                        continue;
                    }
                    Colour colour = Health.of(HealthSnapshot.decode(health.s()), now).colour();
                    if (colour == Colour.RED || colour == Colour.AMBER) {
                        flagged.put(item.get("pk").s(), colour);
                    }
                }
            }
        }
        return flagged;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String tag(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}

package vn.movepass.shared.scan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Purpose;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.domain.Verdict;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.health.Advice;
import vn.movepass.shared.health.Colour;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthView;
import vn.movepass.shared.identity.ChipCard;
import vn.movepass.shared.identity.ChipCardQr;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassClaims;
import vn.movepass.shared.pass.PassService;
import vn.movepass.shared.pass.PassSigning;
import vn.movepass.shared.pass.PassTokenCodec;
import vn.movepass.shared.pass.ShortCode;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.AccountItem;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.HealthStatusItem;
import vn.movepass.shared.store.PassItem;
import vn.movepass.shared.store.PassTableKeys;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.vaccination.Certificates;
import vn.movepass.shared.ops.Metric;
import vn.movepass.shared.ops.Telemetry;

/**
 * Judges what an officer scanned (a MovePass token, a short code or a chip-ID card QR). A scan of a pass token costs
 * one read, a BatchGetItem of the pass (which carries its holder's health status, see PassHolders), the checkpoint
 * and the officer's account; a short code or a chip-ID card two. The stored pass is authoritative, so no signature
 * check is on the hot path. The scan id it hands back is sealed, so nothing is written for a scan that is never
 * confirmed; a confirmed (or recording) scan's passage is written by the {@link PassageRecorder}, one transaction.
 */
public final class ScanService {
    public static final Duration CONFIRMATION_WINDOW = Duration.ofMinutes(10);

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<PassItem> passes;
    private final DynamoDbTable<ResidentItem> residents;
    private final DynamoDbTable<CheckpointItem> checkpoints;
    private final DynamoDbTable<AccountItem> accounts;
    private final DynamoDbTable<HealthStatusItem> health;
    private final PassTokenCodec codec;
    private final ScanIds scanIds;
    private final Clock clock;
    private final PassageRecorder recorder;
    private final Telemetry telemetry;
    /** Whose a VC1 certificate is; null where certificates are not read (they then scan INVALID). */
    private final Certificates certificates;

    public ScanService(PassageRecorder recorder, DynamoDbClient dynamo, DynamoDbTable<PassItem> passes,
                       DynamoDbTable<ResidentItem> residents, DynamoDbTable<CheckpointItem> checkpoints,
                       DynamoDbTable<AccountItem> accounts,
                       DynamoDbTable<HealthStatusItem> health, PassTokenCodec codec, ScanIds scanIds, Clock clock) {
        this(recorder, dynamo, passes, residents, checkpoints, accounts, health, codec, scanIds, clock, Telemetry.NONE);
    }

    public ScanService(PassageRecorder recorder, DynamoDbClient dynamo, DynamoDbTable<PassItem> passes,
                       DynamoDbTable<ResidentItem> residents, DynamoDbTable<CheckpointItem> checkpoints,
                       DynamoDbTable<AccountItem> accounts, DynamoDbTable<HealthStatusItem> health, PassTokenCodec codec,
                       ScanIds scanIds, Clock clock, Telemetry telemetry) {
        this(recorder, dynamo, passes, residents, checkpoints, accounts, health, codec, scanIds, clock, telemetry, null);
    }

    public ScanService(PassageRecorder recorder, DynamoDbClient dynamo, DynamoDbTable<PassItem> passes,
                       DynamoDbTable<ResidentItem> residents, DynamoDbTable<CheckpointItem> checkpoints,
                       DynamoDbTable<AccountItem> accounts, DynamoDbTable<HealthStatusItem> health, PassTokenCodec codec,
                       ScanIds scanIds, Clock clock, Telemetry telemetry, Certificates certificates) {
        this.certificates = certificates;
        this.telemetry = telemetry;
        this.recorder = recorder;
        this.health = health;
        this.dynamo = dynamo;
        this.passes = passes;
        this.residents = residents;
        this.checkpoints = checkpoints;
        this.accounts = accounts;
        this.codec = codec;
        this.scanIds = scanIds;
        this.clock = clock;
    }

    public static ScanService create(Platform p) {
        IdSource ids = p.ids();
        return new ScanService(PassageRecorder.create(p), p.dynamo(), Tables.passes(p),
                Tables.residents(p), Tables.checkpoints(p), Tables.accounts(p),
                Tables.health(p), PassSigning.codec(p.environment()),
                ScanIds.fromEnvironment(p.environment(), ids), p.clock(), p.telemetry(), Certificates.create(p));
    }

    /**
     * What the lookup found. {@code status} is the resident's STATUS item when the scan read it (card and short-code
     * scans); a token scan judges the copy on the pass.
     */
    private record Found(Verdict verdict, PassItem pass, ResidentItem resident,
                         ChipCard card, String citizenId, CheckpointItem checkpoint, HealthStatusItem status) {
        Found(Verdict verdict, PassItem pass, ResidentItem resident, ChipCard card, String citizenId) {
            this(verdict, pass, resident, card, citizenId, null, null);
        }

        Found at(CheckpointItem where) {
            return new Found(verdict, pass, resident, card, citizenId, where, status);
        }

        Found with(HealthStatusItem read) {
            return new Found(verdict, pass, resident, card, citizenId, checkpoint, read);
        }

        /** The holder's health judged at {@code now} with the checkpoint's province policy; null when nobody is known. */
        Health health(Instant now) {
            if (pass == null && resident == null) {
                return null;
            }
            String encoded = status != null ? status.health() : pass != null ? pass.health() : null;
            boolean requireComplete = checkpoint != null && Boolean.TRUE.equals(checkpoint.requireCompleteVaccination());
            List<String> flags = pass == null || pass.flags() == null ? List.of() : pass.flags();
            return Health.of(HealthSnapshot.decode(encoded), now, flags, requireComplete);
        }

        Purpose purpose() {
            return pass == null || pass.purpose() == null ? null : Purpose.valueOf(pass.purpose());
        }
    }

    /**
     * Judges a scan. The officer's claims were checked by the authorizer; that the account is still
     * active is checked here, in the same BatchGetItem as the checkpoint.
     */
    public ScanResponse scan(String checkpointId, Principal officer, ScanRequest request) {
        if (officer.isCamera() && !request.record()) {
            throw new ForbiddenException("a camera scanner account may only scan with record: true");
        }
        Instant now = Times.seconds(clock.instant());
        String code = request.code().strip();
        Lookup lookup = new Lookup(checkpointId, officer.subject());
        Found found;
        if (code.startsWith(PassTokenCodec.PREFIX)) {
            found = byToken(lookup, code, now);
        } else if (ChipCardQr.looksLikeCard(code)) {
            found = byCard(lookup, code, now);
        } else if (Certificates.looksLikeCertificate(code)) {
            found = byCertificate(lookup, code, now);
        } else {
            Optional<String> shortCode = ShortCode.normalize(code);
            found = shortCode.isPresent() ? byShortCode(lookup, shortCode.get(), now) : invalid(lookup);
        }
        Health health = found.health(now);
        Colour colour = health == null ? null : health.colour();
        ScanIds.Scan scan = new ScanIds.Scan(now, found.verdict(), checkpointId,
                found.pass() == null ? null : found.pass().passId(), found.citizenId(), colour);
        String scanId = scanIds.seal(scan);
        String passageId = null;
        // a fixed camera never lets a RED holder through on its own: that takes an officer and a reason
        if (request.record() && found.verdict() == Verdict.VALID && colour != Colour.RED) {
            passageId = recorder.record(scanId, scan, found.pass(), found.checkpoint(), request.direction(), Decision.ALLOWED,
                    null, officer.subject()).passageId();
        }
        return response(scanId, found, passageId, health);
    }

    /** Where and by whom: the checkpoint and the officer's account are read with the scan's first batch. */
    private record Lookup(String checkpointId, String officerSub) {
    }

    private Found byToken(Lookup lookup, String token, Instant now) {
        PassClaims claims;
        try {
            claims = codec.decodeUnverified(token);
        } catch (InvalidPassTokenException e) {
            return invalid(lookup);
        }
        Key passKey = Key.builder().partitionValue(PassTableKeys.pass(claims.passIdString())).build();
        var batch = batchGet(passKey, null, lookup, null);
        PassItem pass = batch.pass();
        if (pass == null) {
            // Gone (TTL) or never ours: only a genuine signature may say EXPIRED.
            return new Found(verifiedExpired(token, now) ? Verdict.EXPIRED : Verdict.INVALID, null, null, null, null);
        }
        if (!MessageDigest.isEqual(pass.token().getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII))) {
            return new Found(Verdict.INVALID, null, null, null, null);
        }
        // the holder's health status is kept on the pass itself (PassHolders): no second read
        return new Found(passVerdict(pass, now), pass, null, null, pass.citizenId())
                .at(batch.checkpoint());
    }

    private Found byShortCode(Lookup lookup, String shortCode, Instant now) {
        PassItem guard = passes.getItem(Key.builder().partitionValue(PassTableKeys.code(shortCode)).build());
        if (guard == null) {
            return invalid(lookup);
        }
        var batch = batchGet(Key.builder().partitionValue(PassTableKeys.pass(guard.passId())).build(), null,
                lookup, guard.citizenId());
        if (batch.pass() == null) {
            return new Found(Verdict.EXPIRED, null, null, null, guard.citizenId());
        }
        return new Found(passVerdict(batch.pass(), now), batch.pass(), null, null, guard.citizenId())
                .at(batch.checkpoint()).with(batch.status());
    }

    private Found byCard(Lookup lookup, String raw, Instant now) {
        Optional<ChipCard> parsed = ChipCardQr.parse(raw);
        if (parsed.isEmpty()) {
            return invalid(lookup);
        }
        ChipCard card = parsed.get();
        var batch = batchGet(null, Key.builder().partitionValue(card.citizenId()).build(), lookup, card.citizenId());
        if (batch.resident() == null) {
            return new Found(Verdict.UNKNOWN_CITIZEN, null, null, card, card.citizenId());
        }
        PassItem newest = newestValidPass(card.citizenId(), now);
        Verdict verdict = newest != null ? Verdict.VALID
                : Boolean.TRUE.equals(batch.checkpoint().cardOnly()) ? Verdict.CARD_ONLY : Verdict.NO_VALID_PASS;
        return new Found(verdict, newest, batch.resident(), card, card.citizenId())
                .at(batch.checkpoint()).with(batch.status());
    }

    /**
     * A vaccination certificate (VC1) names a person as a card does: their newest valid pass, if any, and their health
     * from the store (not the certificate's own summary, which may be older). A forged one is INVALID.
     */
    private Found byCertificate(Lookup lookup, String token, Instant now) {
        var citizenId = certificates == null ? java.util.Optional.<String>empty() : certificates.citizenOf(token);
        if (citizenId.isEmpty()) {
            return invalid(lookup);
        }
        var batch = batchGet(null, Key.builder().partitionValue(citizenId.get()).build(), lookup, citizenId.get());
        if (batch.resident() == null) {
            return new Found(Verdict.UNKNOWN_CITIZEN, null, null, null, citizenId.get());
        }
        PassItem newest = newestValidPass(citizenId.get(), now);
        Verdict verdict = newest != null ? Verdict.VALID
                : Boolean.TRUE.equals(batch.checkpoint().cardOnly()) ? Verdict.CARD_ONLY : Verdict.NO_VALID_PASS;
        return new Found(verdict, newest, batch.resident(), null, citizenId.get()).at(batch.checkpoint()).with(batch.status());
    }

    private PassItem newestValidPass(String citizenId, Instant now) {
        var query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortGreaterThan(Key.builder().partitionValue(citizenId)
                        .sortValue(now.getEpochSecond()).build()))
                .scanIndexForward(false)
                .limit(10)
                .build();
        for (var page : passes.index("byCitizen").query(query)) {
            for (PassItem item : page.items()) {
                if (item.token() != null && "VALID".equals(PassService.status(item, now))) {
                    return item;
                }
            }
            break;
        }
        return null;
    }

    private Found invalid(Lookup lookup) {
        batchGet(null, null, lookup, null);
        return new Found(Verdict.INVALID, null, null, null, null);
    }

    private boolean verifiedExpired(String token, Instant now) {
        try {
            return !now.isBefore(codec.verify(token).validUntil());
        } catch (InvalidPassTokenException e) {
            return false;
        }
    }

    private static Verdict passVerdict(PassItem pass, Instant now) {
        return Verdict.valueOf(PassService.status(pass, now));
    }

    private static void requireOpen(CheckpointItem checkpoint) {
        if (checkpoint == null) {
            throw new NotFoundException("no such checkpoint");
        }
        if (Boolean.FALSE.equals(checkpoint.active())) {
            throw new ForbiddenException("this checkpoint is not active");
        }
    }

    /** One BatchGetItem across the tables a scan needs. */
    private record Batch(PassItem pass, ResidentItem resident, CheckpointItem checkpoint, HealthStatusItem status) {
    }

    /** Reads what the scan needs in one call, and refuses a disabled account or a closed or unknown checkpoint. */
    private Batch batchGet(Key passKey, Key residentKey, Lookup lookup, String citizenId) {
        // the low-level call and the tables' own schemas: the enhanced client's batch paginator cost a scan ~14 % of its CPU
        Map<String, KeysAndAttributes> keys = new HashMap<>(8);
        if (passKey != null) {
            keys.put(passes.tableName(), keys(passes, passKey));
        }
        if (residentKey != null) {
            keys.put(residents.tableName(), keys(residents, residentKey));
        }
        keys.put(checkpoints.tableName(), keys(checkpoints, Key.builder().partitionValue(lookup.checkpointId()).build()));
        if (citizenId != null) {
            keys.put(health.tableName(), keys(health,
                    Key.builder().partitionValue(citizenId).sortValue(HealthStatusItem.STATUS).build()));
        }
        keys.put(accounts.tableName(), keys(accounts, Key.builder().partitionValue(lookup.officerSub()).build()));
        var found = BatchReads.across(dynamo, keys);
        Accounts.requireActive(one(found, accounts));
        CheckpointItem checkpoint = one(found, checkpoints);
        requireOpen(checkpoint);
        return new Batch(passKey == null ? null : one(found, passes), residentKey == null ? null : one(found, residents),
                checkpoint, citizenId == null ? null : one(found, health));
    }

    private static KeysAndAttributes keys(DynamoDbTable<?> table, Key key) {
        return KeysAndAttributes.builder().keys(key.primaryKeyMap(table.tableSchema())).build();
    }

    /** The one item read from {@code table}, or null. */
    private static <T> T one(Map<String, List<Map<String, AttributeValue>>> found, DynamoDbTable<T> table) {
        Map<String, AttributeValue> item = BatchReads.first(found, table.tableName());
        return item == null ? null : table.tableSchema().mapToItem(item);
    }

    private ScanResponse response(String scanId, Found found, String passageId, Health health) {
        List<String> alerts = new ArrayList<>();
        // the level chip: the holder's health judged now, from the pass's copy (or the STATUS item a scan read)
        if (health != null && !"NONE".equals(health.level())) {
            alerts.add(health.level());
        }
        ScanResponse.Holder holder = null;
        ScanResponse.Declaration declaration = null;
        ScanResponse.Pass pass = null;
        PassItem p = found.pass();
        if (p != null) {
            if (p.flags() != null) {
                alerts.addAll(p.flags());
            }
            holder = new ScanResponse.Holder(p.fullName(), p.dateOfBirth(), p.gender(), p.citizenIdMasked());
            declaration = new ScanResponse.Declaration(p.declarationId(),
                    new ScanResponse.Place(p.originWard(), p.originAddress()),
                    new ScanResponse.Place(p.destinationWard(), p.destinationAddress()),
                    new ScanResponse.Vehicle(p.vehicleType(), p.vehiclePlate()), p.purpose(),
                    p.flags() == null ? List.of() : p.flags());
            pass = new ScanResponse.Pass(p.passId(), p.validUntil());
        } else if (found.resident() != null) {
            // the registry's spelling (a CARD_ONLY or NO_VALID_PASS card scan)
            ResidentItem r = found.resident();
            holder = new ScanResponse.Holder(r.fullName(), r.dateOfBirth(), r.gender(), CitizenId.mask(r.citizenId()));
        } else if (found.card() != null) {
            ChipCard c = found.card();
            holder = new ScanResponse.Holder(c.fullName(), c.dateOfBirth().toString(),
                    c.gender() == null ? null : c.gender().name(), CitizenId.mask(c.citizenId()));
        }
        Advice advice = health == null ? null : Advice.of(health.colour(), found.purpose());
        telemetry.count(Metric.SCANS, "Verdict", found.verdict());
        if (advice != null) {
            telemetry.count(Metric.SCANS, "Advice", advice);
        }
        return new ScanResponse(scanId, found.verdict().name(), List.copyOf(alerts), holder, declaration, pass, passageId,
                HealthView.of(health), advice == null ? null : advice.name());
    }

    /** The checkpoint as its own officer's page shows it in the heading. */
    public record CheckpointView(String checkpointId, String name, String wardCode, boolean active) {
    }

    /** {@code GET /v1/checkpoints/{checkpointId}}: the caller was checked to be an officer of this checkpoint. */
    public CheckpointView checkpoint(String checkpointId) {
        CheckpointItem item = checkpoints.getItem(Key.builder().partitionValue(checkpointId).build());
        if (item == null || item.wardCode() == null) {
            throw new NotFoundException("no such checkpoint");
        }
        return new CheckpointView(item.checkpointId(), item.name(), item.wardCode(), !Boolean.FALSE.equals(item.active()));
    }

    /** The officer's confirmation: one passage per scan, whatever the number of calls. */
    public PassageRecorder.Recorded confirm(String checkpointId, Principal officer, ConfirmRequest request) {
        ScanIds.Scan scan = scanIds.open(request.scanId());
        if (scan == null) {
            throw InvalidInputException.of("scanId", "INVALID", "is not a scan id issued by this service");
        }
        if (!checkpointId.equals(scan.checkpointId())) {
            throw new ConflictException("the scan was made at another checkpoint");
        }
        Instant now = clock.instant();
        if (now.isAfter(scan.scannedAt().plus(CONFIRMATION_WINDOW))) {
            throw new ConflictException("the scan is older than 10 minutes; scan again");
        }
        boolean allowed = request.decision() == Decision.ALLOWED;
        if (allowed && scan.verdict() != Verdict.VALID && scan.verdict() != Verdict.CARD_ONLY) {
            throw new ConflictException("only a VALID or CARD_ONLY scan can be allowed through; the verdict was " + scan.verdict());
        }
        if (allowed && scan.colour() == Colour.RED && request.overrideReason() == null) {
            throw InvalidInputException.of("overrideReason", "REQUIRED",
                    "the holder is isolating or quarantined (RED): letting them through needs the officer's reason");
        }
        String overrideReason = allowed && scan.colour() == Colour.RED ? request.overrideReason() : null;
        if (scan.greenLane() != null) {
            // a green-lane vehicle or shipper scan: no pass; the driver's or shipper's registry entry names the feed line
            Key personKey = scan.citizenId() == null ? null : Key.builder().partitionValue(scan.citizenId()).build();
            var batch = batchGet(null, personKey, new Lookup(checkpointId, officer.subject()), null);
            return recorder.recordGreenLane(request.scanId(), scan, batch.checkpoint(), request.direction(), request.decision(),
                    request.vehiclePlate(), officer.subject(), batch.resident(), overrideReason);
        }
        // one BatchGetItem: the officer's account, the checkpoint (whose ward counts the passage) and the pass, or for a
        // card-only passage the resident (whose ward is fed)
        Key passKey = scan.passId() == null ? null : Key.builder().partitionValue(PassTableKeys.pass(scan.passId())).build();
        Key residentKey = scan.verdict() == Verdict.CARD_ONLY ? Key.builder().partitionValue(scan.citizenId()).build() : null;
        var batch = batchGet(passKey, residentKey, new Lookup(checkpointId, officer.subject()), null);
        return recorder.record(request.scanId(), scan, batch.pass(), batch.checkpoint(), request.direction(), request.decision(),
                request.vehiclePlate(), officer.subject(), batch.resident(), overrideReason);
    }
}

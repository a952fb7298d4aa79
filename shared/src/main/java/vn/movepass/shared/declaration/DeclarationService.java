package vn.movepass.shared.declaration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Channel;
import vn.movepass.shared.domain.DeclarationStatus;
import vn.movepass.shared.domain.Flag;
import vn.movepass.shared.domain.Purpose;
import vn.movepass.shared.domain.RejectionReason;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthStore;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.limit.AttemptLimiter;
import vn.movepass.shared.pass.PassClaims;
import vn.movepass.shared.pass.PassHolders;
import vn.movepass.shared.pass.PassSigning;
import vn.movepass.shared.pass.PassTokenCodec;
import vn.movepass.shared.pass.ShortCode;
import vn.movepass.shared.report.Counter;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.BatchReads;
import vn.movepass.shared.store.DeclarationItem;
import vn.movepass.shared.store.PassItem;
import vn.movepass.shared.store.PassTableKeys;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;
import vn.movepass.shared.ops.Metric;
import vn.movepass.shared.ops.Telemetry;

/**
 * Stores a declaration, checks it against the population registry and, when the registry agrees,
 * issues a signed 72-hour pass. Cost: one registry read (a web declaration also reads its anti-enumeration window
 * first, see {@link AttemptLimiter}) and one write call: a transaction of the declaration (+ pass +
 * short-code guard when accepted) and the +1 of the day's accepted/rejected counters of its origin ward's units
 * (see {@link DailyCounters}), so the counters always equal a recount of the declarations.
 */
public final class DeclarationService {
    public static final Duration PASS_VALIDITY = Duration.ofHours(72);
    /** Each attempt draws a new short code; a taken code or a health change meanwhile costs one. */
    private static final int ISSUE_ATTEMPTS = 6;
    /** Where the issuing transaction puts the short-code guard. */
    private static final int GUARD_INDEX = 2;
    /** Where it puts the check that the health status copied onto the pass is still the current one. */
    private static final int HEALTH_CHECK_INDEX = 4;

    private final DynamoDbClient dynamo;
    private final DailyCounters counters;
    private final DynamoDbTable<ResidentItem> residents;
    private final DynamoDbTable<DeclarationItem> declarations;
    private final DynamoDbTable<PassItem> passes;
    private final PassHolders holders;
    private final HealthStore health;
    private final DeclarationParser parser;
    private final PassTokenCodec codec;
    private final Clock clock;
    private final IdSource ids;
    private final Duration retention;
    private final AttemptLimiter limiter;
    private final Telemetry telemetry;

    public DeclarationService(DynamoDbClient dynamo, DailyCounters counters, DynamoDbTable<ResidentItem> residents,
                              DynamoDbTable<DeclarationItem> declarations, DynamoDbTable<PassItem> passes, PassHolders holders,
                              HealthStore health, DeclarationParser parser, PassTokenCodec codec, Clock clock, IdSource ids,
                              Duration retention, AttemptLimiter limiter, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.dynamo = dynamo;
        this.counters = counters;
        this.residents = residents;
        this.declarations = declarations;
        this.passes = passes;
        this.holders = holders;
        this.health = health;
        this.parser = parser;
        this.codec = codec;
        this.clock = clock;
        this.ids = ids;
        this.retention = retention;
        this.limiter = limiter;
    }

    public static DeclarationService create(Platform p) {
        var env = p.environment();
        return new DeclarationService(p.dynamo(), DailyCounters.create(p), Tables.residents(p), Tables.declarations(p), Tables.passes(p),
                new PassHolders(p.dynamo(), Tables.name(p, EnvKey.PASSES_TABLE)),
                HealthStore.create(p), new DeclarationParser(p.clock(), AdministrativeUnits.get()),
                PassSigning.codec(env), p.clock(), p.ids(),
                env.duration(EnvKey.DECLARATION_RETENTION_DAYS), AttemptLimiter.create(p),
                p.telemetry());
    }

    public DeclarationParser parser() {
        return parser;
    }

    /** Who typed a paper declaration, and where. */
    public record Origin(Channel channel, String officerSub, String checkpointId) {
        public static final Origin ONLINE = new Origin(Channel.ONLINE, null, null);
    }

    /**
     * Web declarations pass the anti-enumeration limit first ({@link AttemptLimiter}: one more read, before the
     * registry's); a rejection adds to it in its own transaction. Paper declarations (officers) are never limited.
     */
    public DeclarationResponse submit(DeclarationRequest request, Origin origin) {
        Instant now = Times.seconds(clock.instant());
        boolean limited = origin.channel() == Channel.ONLINE;
        AttemptLimiter.Window window = limited ? limiter.check(AttemptLimiter.Scope.DECLARATION, request.citizenId(), now) : null;
        if (window != null && window.limited()) {
            throw refuse(request, window, now);
        }
        Lookup lookup = lookup(request.citizenId());
        ResidentItem resident = lookup.resident();
        List<RejectionReason> reasons = new ArrayList<>(RegistryCheck.reasons(request, resident));
        List<Flag> flags = reasons.isEmpty() ? new ArrayList<>(RegistryCheck.flags(request)) : List.of();
        if (reasons.isEmpty() && Health.of(lookup.status().snapshot(), clock.instant()).red()) {
            // isolating or quarantined: no trip, except to a doctor (flagged for the checkpoint)
            if (request.purpose() == Purpose.MEDICAL) {
                flags.add(Flag.ISOLATING);
            } else {
                reasons.add(RejectionReason.ISOLATING);
            }
        }
        String declarationId = ids.newId();
        DeclarationItem.Builder declaration = declarationItem(declarationId, request, origin, now, reasons, flags);

        if (!reasons.isEmpty()) {
            DeclarationItem item = declaration.build();
            for (int attempt = 1; ; attempt++) {
                List<TransactWriteItem> writes = new ArrayList<>(6);
                writes.add(put(declarations.tableName(), DeclarationItem.SCHEMA.itemToMap(item, true), "declarationId"));
                if (window != null) {
                    writes.add(limiter.rejection(window)); // index 1
                }
                writes.addAll(counters.declaration(false, item.originWard(), now, declarationId));
                try {
                    Transactions.write(dynamo, writes);
                    break;
                } catch (TransactionCanceledException e) {
                    if (window == null || !AttemptLimiter.cancelledOn(e, 1) || attempt >= ISSUE_ATTEMPTS) {
                        throw e;
                    }
                    window = limiter.check(AttemptLimiter.Scope.DECLARATION, request.citizenId(), now);
                    if (window.limited()) {
                        throw refuse(request, window, now); // another attempt took the last rejection meanwhile
                    }
                }
            }
            telemetry.count(Metric.DECLARATIONS, "Outcome", DeclarationStatus.REJECTED);
            reasons.forEach(reason -> telemetry.count(Metric.DECLARATION_REJECTIONS, "Reason", reason));
            return new DeclarationResponse(declarationId, DeclarationStatus.REJECTED.name(), names(reasons), List.of(),
                    Times.iso(now), null);
        }
        return issue(request, resident.fullName(), lookup.status(), declaration, flags, now);
    }

    /** Records the refusal with +1 refused on the origin ward's units, and gives the 429 to throw. */
    private RuntimeException refuse(DeclarationRequest request, AttemptLimiter.Window window, Instant now) {
        telemetry.count(Metric.DECLARATIONS_REFUSED);
        String refusalId = ids.newId();
        return limiter.refuse(window, refusalId, request.origin().wardCode(), Times.vietnamDate(now),
                counters.increments(Counter.DECLARATIONS_REFUSED, request.origin().wardCode(), Times.vietnamDate(now), refusalId));
    }

    /** The registry's record of the citizen and their health status: one BatchGetItem call. */
    private record Lookup(ResidentItem resident, HealthStore.Status status) {
    }

    private Lookup lookup(String citizenId) {
        Map<String, KeysAndAttributes> keys = Map.of(
                residents.tableName(), KeysAndAttributes.builder().keys(Map.of("citizenId", AttributeValue.fromS(citizenId))).build(),
                health.table(), KeysAndAttributes.builder().keys(HealthStore.key(citizenId)).consistentRead(true).build());
        var found = BatchReads.across(dynamo, keys);
        Map<String, AttributeValue> residentItem = BatchReads.first(found, residents.tableName());
        ResidentItem resident = residentItem == null ? null : ResidentItem.SCHEMA.mapToItem(residentItem);
        HealthStore.Status status = HealthStore.status(citizenId, BatchReads.first(found, health.table()));
        return new Lookup(resident, status);
    }

    private DeclarationResponse issue(DeclarationRequest request, String registryName, HealthStore.Status status,
                                      DeclarationItem.Builder declaration, List<Flag> flags, Instant now) {
        byte[] passIdBytes = ids.bytes(16);
        Instant validUntil = now.plus(PASS_VALIDITY);
        // the holder's name as the registry spells it: the officer compares it with the ID card
        PassClaims claims = new PassClaims(passIdBytes, now, validUntil, registryName, request.dateOfBirth(),
                CitizenId.mask(request.citizenId()));
        String passId = claims.passIdString();
        String token = codec.sign(claims);
        DeclarationItem declarationItem = declaration.passId(passId).build();
        for (int attempt = 1; ; attempt++) {
            String shortCode = newShortCode();
            PassItem pass = passItem(passId, shortCode, token, request, registryName, declarationItem, flags, now, validUntil)
                    .toBuilder().health(status.snapshot().encode()).healthVersion(status.version()).build();
            PassItem guard = PassItem.builder().pk(PassTableKeys.code(shortCode)).passId(passId)
                    .citizenId(request.citizenId()).expiresAt(validUntil.getEpochSecond()).build();
            List<TransactWriteItem> writes = new ArrayList<>(9);
            writes.add(put(declarations.tableName(), DeclarationItem.SCHEMA.itemToMap(declarationItem, true), "declarationId"));
            writes.add(put(passes.tableName(), PassItem.SCHEMA.itemToMap(pass, true), "pk"));
            writes.add(GUARD_INDEX, put(passes.tableName(), PassItem.SCHEMA.itemToMap(guard, true), "pk"));
            writes.add(holders.listPass(request.citizenId(), passId, validUntil.getEpochSecond()));
            writes.add(HEALTH_CHECK_INDEX, health.unchanged(request.citizenId(), status.version()));
            writes.addAll(counters.declaration(true, declarationItem.originWard(), now, declarationItem.declarationId()));
            try {
                Transactions.write(dynamo, writes);
                telemetry.count(Metric.DECLARATIONS, "Outcome", DeclarationStatus.ACCEPTED);
                return new DeclarationResponse(declarationItem.declarationId(), DeclarationStatus.ACCEPTED.name(), List.of(),
                        names(flags), Times.iso(now), new DeclarationResponse.IssuedPass(passId, token,
                        ShortCode.display(shortCode), Times.iso(now), Times.iso(validUntil),
                        "/v1/passes/" + passId + "/qr.png", "/v1/passes/" + passId + "/qr.svg"));
            } catch (TransactionCanceledException e) {
                Set<Integer> failed = Transactions.failedConditions(e);
                if (failed.isEmpty() || !Set.of(GUARD_INDEX, HEALTH_CHECK_INDEX).containsAll(failed)
                        || attempt >= ISSUE_ATTEMPTS) {
                    throw e;
                }
                if (failed.contains(HEALTH_CHECK_INDEX)) {
                    status = health.read(request.citizenId());
                }
            }
        }
    }

    /** Draws until the code's check symbol is a letter or digit (ShortCode needs fresh bytes for that). */
    private String newShortCode() {
        for (int i = 0; ; i++) {
            try {
                return ShortCode.generate(ids.bytes(28));
            } catch (IllegalArgumentException e) {
                if (i > 16) {
                    throw e;
                }
            }
        }
    }

    private static TransactWriteItem put(String table, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item,
                                         String keyAttribute) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k", keyAttribute))
                .build()).build();
    }

    private DeclarationItem.Builder declarationItem(String declarationId, DeclarationRequest r, Origin origin, Instant now,
                                                    List<RejectionReason> reasons, List<Flag> flags) {
        var health = Json.object();
        health.set("symptoms", Json.mapper().valueToTree(names(r.health().symptoms())));
        health.put("contactWithCase", r.health().contactWithCase());
        health.put("contactWithTraveller", r.health().contactWithTraveller());
        health.put("contactWithSymptomatic", r.health().contactWithSymptomatic());
        health.put("visitedPlaces", r.health().visitedPlaces());
        String test = null;
        if (r.test() != null) {
            test = Json.write(Json.object().put("method", r.test().method().name()).put("result", r.test().result().name())
                    .put("sampledAt", Times.iso(r.test().sampledAt())));
        }
        return DeclarationItem.builder()
                .declarationId(declarationId)
                .channel(origin.channel().name())
                .officerSub(origin.officerSub())
                .checkpointId(origin.checkpointId())
                .status(reasons.isEmpty() ? DeclarationStatus.ACCEPTED.name() : DeclarationStatus.REJECTED.name())
                .reasons(names(reasons))
                .flags(names(flags))
                .declaredAt(Times.iso(now))
                .declaredHour(Times.hourBucket(now))
                .citizenId(r.citizenId())
                .fullName(r.fullName())
                .dateOfBirth(r.dateOfBirth().toString())
                .gender(r.gender().name())
                .phone(r.phone())
                .email(r.email())
                .residenceWard(r.residence().wardCode())
                .residenceAddress(r.residence().address())
                .originWard(r.origin().wardCode())
                .originAddress(r.origin().address())
                .destinationWard(r.destination().wardCode())
                .destinationAddress(r.destination().address())
                .departureDate(r.departureDate().toString())
                .purpose(r.purpose().name())
                .vehicleType(r.vehicle().type().name())
                .vehiclePlate(r.vehicle().plate())
                .health(Json.write(health))
                .test(test)
                .expiresAt(now.plus(retention).getEpochSecond());
    }

    private static PassItem passItem(String passId, String shortCode, String token, DeclarationRequest r, String registryName,
                                     DeclarationItem d,
                                     List<Flag> flags, Instant now, Instant validUntil) {
        return PassItem.builder()
                .pk(PassTableKeys.pass(passId))
                .passId(passId)
                .shortCode(shortCode)
                .citizenId(r.citizenId())
                .token(token)
                .validFrom(Times.iso(now))
                .validUntil(Times.iso(validUntil))
                .expiresAt(validUntil.getEpochSecond())
                .declarationId(d.declarationId())
                .fullName(registryName)
                .dateOfBirth(r.dateOfBirth().toString())
                .gender(r.gender().name())
                .citizenIdMasked(CitizenId.mask(r.citizenId()))
                .originWard(r.origin().wardCode())
                .originAddress(r.origin().address())
                .destinationWard(r.destination().wardCode())
                .destinationAddress(r.destination().address())
                .vehicleType(r.vehicle().type().name())
                .vehiclePlate(r.vehicle().plate())
                .purpose(r.purpose().name())
                .flags(names(flags))
                .build();
    }

    static Expression notExists(String attribute) {
        return Expression.builder().expression("attribute_not_exists(#k)").putExpressionName("#k", attribute).build();
    }

    static List<String> names(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }

}

package vn.movepass.shared.venue;

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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Direction;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.domain.Verdict;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.health.Advice;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthStore;
import vn.movepass.shared.health.HealthView;
import vn.movepass.shared.identity.ChipCardQr;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassClaims;
import vn.movepass.shared.pass.PassService;
import vn.movepass.shared.pass.PassSigning;
import vn.movepass.shared.pass.PassTokenCodec;
import vn.movepass.shared.pass.QrRenderer;
import vn.movepass.shared.pass.ShortCode;
import vn.movepass.shared.report.DailyCounters;
import vn.movepass.shared.store.PassItem;
import vn.movepass.shared.store.PassTableKeys;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;
import vn.movepass.shared.store.Transactions;
import vn.movepass.shared.vaccination.Certificates;

/**
 * Venues and their check-ins. VenueTable holds:
 * <ul>
 *   <li>the venue: {@code VENUE#<venueId>/VENUE};</li>
 *   <li>its stays ({@link Visits}): one per IN, whatever the advice (a RED person's IN is recorded too: tracing
 *       needs it most), closed by an OUT;</li>
 *   <li>who is inside now: {@code INSIDE#<venueId>/<citizenId>} naming the open stay. It is the guard of "one presence
 *       per person per venue at a time": an IN while inside changes nothing and answers the open stay; an OUT
 *       while outside changes nothing. A presence older than {@link Visits#MAX_STAY} is over.</li>
 * </ul>
 * An IN is one transaction of the stay, the presence and the day's check-in counter of the venue's ward (so the
 * report equals a recount); an OUT one of the stay's {@code outAt} and the presence's removal.
 */
public final class VenueService {
    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbTable<PassItem> passes;
    private final DynamoDbTable<ResidentItem> residents;
    private final String healthTable;
    private final DailyCounters counters;
    private final VenueTokenCodec posters;
    private final PassTokenCodec passTokens;
    private final QrRenderer renderer;
    private final AuditLog audit;
    private final Clock clock;
    private final IdSource ids;
    private final Duration retention;
    private final Certificates certificates;

    public VenueService(DynamoDbClient dynamo, String table, DynamoDbTable<PassItem> passes, DynamoDbTable<ResidentItem> residents,
                        String healthTable, DailyCounters counters, VenueTokenCodec posters, PassTokenCodec passTokens,
                        QrRenderer renderer, AuditLog audit, Clock clock, IdSource ids, Duration retention,
                        Certificates certificates) {
        this.dynamo = dynamo;
        this.table = table;
        this.passes = passes;
        this.residents = residents;
        this.healthTable = healthTable;
        this.counters = counters;
        this.posters = posters;
        this.passTokens = passTokens;
        this.renderer = renderer;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.retention = retention;
        this.certificates = certificates;
    }

    public static VenueService create(Platform p) {
        var env = p.environment();
        return new VenueService(p.dynamo(), Tables.name(p, EnvKey.VENUES_TABLE), Tables.passes(p), Tables.residents(p),
                Tables.name(p, EnvKey.HEALTH_TABLE), DailyCounters.create(p), new VenueTokenCodec(PassSigning.keys(env)),
                PassSigning.codec(env), new QrRenderer(), AuditLog.create(p), p.clock(), p.ids(),
                env.duration(EnvKey.DECLARATION_RETENTION_DAYS), Certificates.create(p));
    }

    // ------------------------------------------------------------------ venues

    /** A venue as the API shows it, with its poster's addresses. */
    public record VenueView(String venueId, String name, String type, String wardCode, String address, boolean active,
                            String posterPng, String posterSvg) {
        static VenueView of(Venue v) {
            String base = "/v1/venues/" + v.venueId() + "/poster";
            return new VenueView(v.venueId(), v.name(), v.type().name(), v.wardCode(), v.address(), v.active(),
                    base + ".png", base + ".svg");
        }
    }

    /** {@code POST /v1/admin/venues}: an ADMIN, or the ward police of the venue's ward. */
    public VenueView create(Principal by, Venue venue) {
        Access.requireRole(by, Role.ADMIN, Role.WARD_POLICE);
        if (by.role() == Role.WARD_POLICE && !venue.wardCode().equals(by.wardCode())) {
            throw new ForbiddenException("ward police create venues of their own ward only");
        }
        Map<String, AttributeValue> item = new HashMap<>(key("VENUE#" + venue.venueId(), "VENUE"));
        item.put("venueId", s(venue.venueId()));
        item.put("name", s(venue.name()));
        item.put("type", s(venue.type().name()));
        item.put("wardCode", s(venue.wardCode()));
        item.put("provinceCode", s(venue.provinceCode()));
        item.put("address", s(venue.address()));
        item.put("active", AttributeValue.fromBool(true));
        item.put("createdBy", s(by.subject()));
        item.put("createdAt", s(Times.iso(clock.instant())));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException("venueId", "VENUE_EXISTS", "venue " + venue.venueId() + " already exists");
        }
        return VenueView.of(venue);
    }

    /** {@code GET /v1/venues/{venueId}}: public, what the poster page shows. */
    public VenueView venue(String venueId) {
        return VenueView.of(requireVenue(venueId));
    }

    /** The poster's token: what its QR holds. */
    public String posterToken(String venueId) {
        return posters.sign(requireVenue(venueId).venueId());
    }

    public byte[] posterPng(String venueId, int size) {
        if (size < QrRenderer.MIN_PNG_SIZE || size > QrRenderer.MAX_PNG_SIZE) {
            throw InvalidInputException.of("size", "OUT_OF_RANGE",
                    "must be " + QrRenderer.MIN_PNG_SIZE + "-" + QrRenderer.MAX_PNG_SIZE + " pixels");
        }
        return renderer.png(posterToken(venueId), size);
    }

    public String posterSvg(String venueId) {
        return renderer.svg(posterToken(venueId));
    }

    // ------------------------------------------------------------------ check-ins

    /** The person checked in, as the venue's staff need them: a name to compare and the masked id. */
    public record Holder(String fullName, String citizenIdMasked) {
    }

    /** The answer of a check-in. {@code checkInId} is null when nothing was recorded (an OUT of someone not inside). */
    public record CheckIn(String checkInId, String direction, String verdict, boolean inside, String venueId,
                          String venueName, Holder holder, HealthView health, String advice) {
    }

    /**
     * {@code POST /v1/venues/{venueId}/check-ins}: the venue's phone scanned a pass token, a short code, a chip-ID
     * card's QR or a vaccination certificate (VC1). A code that names nobody is answered {@code INVALID} (or
     * {@code UNKNOWN_CITIZEN}) and records nothing.
     */
    public CheckIn operatorCheckIn(Principal by, String venueId, VenueParser.Scan scan) {
        Access.requireRole(by, Role.VENUE_OPERATOR);
        if (!venueId.equals(by.venueId())) {
            throw new ForbiddenException("this account works at another venue");
        }
        Venue venue = requireOpenVenue(venueId);
        Identified who = identify(scan.code());
        if (who.citizenId() == null) {
            return new CheckIn(null, scan.direction().name(), who.verdict().name(), false, venueId, venue.name(), null, null,
                    null);
        }
        return checkIn(venue, who, scan.direction(), "VENUE", by.subject());
    }

    /** {@code POST /v1/check-ins}: the citizen scanned the venue's poster from their pass page (no login). */
    public CheckIn selfCheckIn(VenueParser.SelfCheckIn request) {
        String venueId;
        try {
            venueId = posters.verify(request.venueCode());
        } catch (InvalidPassTokenException e) {
            throw InvalidInputException.of("venueCode", "INVALID", "is not a MovePass venue poster");
        }
        Venue venue = requireOpenVenue(venueId);
        PassItem pass = passes.getItem(Key.builder().partitionValue(PassTableKeys.pass(request.passId())).build());
        if (pass == null || pass.citizenId() == null) {
            throw new NotFoundException("no such pass");
        }
        Identified who = new Identified(Verdict.valueOf(PassService.status(pass, clock.instant())), pass.citizenId(),
                pass.fullName(), pass.flags());
        return checkIn(venue, who, request.direction(), "CITIZEN", null);
    }

    /** Who is inside now: {@code GET /v1/venues/{venueId}/inside}. */
    public record Inside(String venueId, List<Present> items) {
    }

    public record Present(String checkInId, String fullName, String citizenIdMasked, String inAt) {
    }

    public Inside inside(Principal by, String venueId) {
        Venue venue = requireVenue(venueId);
        switch (by.role()) {
            case VENUE_OPERATOR -> {
                if (!venueId.equals(by.venueId())) {
                    throw new ForbiddenException("this account works at another venue");
                }
            }
            case WARD_POLICE -> {
                if (!venue.wardCode().equals(by.wardCode())) {
                    throw new ForbiddenException("this venue is in another ward");
                }
            }
            case ADMIN -> {
            }
            default -> throw new ForbiddenException("not allowed for role " + by.role());
        }
        Instant stale = clock.instant().minus(Visits.MAX_STAY);
        List<Present> items = new ArrayList<>();
        List<String> citizens = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("INSIDE#" + venueId))).exclusiveStartKey(from));
            for (var item : page.items()) {
                if (Instant.parse(item.get("inAt").s()).isAfter(stale)) {
                    items.add(new Present(item.get("visitId").s(), item.get("fullName").s(),
                            CitizenId.mask(item.get("sk").s()), item.get("inAt").s()));
                    citizens.add(item.get("sk").s());
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        audit.record(by, "VENUE_INSIDE", "venue:" + venueId, citizens);
        items.sort((a, b) -> b.inAt().compareTo(a.inAt()));
        return new Inside(venueId, items);
    }

    /** Who a code names: the verdict of its pass (or card), the citizen and the name to show. */
    private record Identified(Verdict verdict, String citizenId, String fullName, List<String> passFlags) {
    }

    private Identified identify(String code) {
        Instant now = clock.instant();
        if (code.startsWith(PassTokenCodec.PREFIX)) {
            PassClaims claims;
            try {
                claims = passTokens.decodeUnverified(code);
            } catch (InvalidPassTokenException e) {
                return new Identified(Verdict.INVALID, null, null, null);
            }
            PassItem pass = passes.getItem(Key.builder().partitionValue(PassTableKeys.pass(claims.passIdString())).build());
            if (pass == null || pass.token() == null
                    || !MessageDigest.isEqual(pass.token().getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                return new Identified(Verdict.INVALID, null, null, null);
            }
            return new Identified(Verdict.valueOf(PassService.status(pass, now)), pass.citizenId(), pass.fullName(), pass.flags());
        }
        if (ChipCardQr.looksLikeCard(code) || Certificates.looksLikeCertificate(code)) {
            // a card, or a vaccination certificate (VC1): a person, whose health the store answers
            var citizenId = ChipCardQr.looksLikeCard(code) ? ChipCardQr.parse(code).map(c -> c.citizenId())
                    : certificates.citizenOf(code);
            if (citizenId.isEmpty()) {
                return new Identified(Verdict.INVALID, null, null, null);
            }
            ResidentItem resident = residents.getItem(Key.builder().partitionValue(citizenId.get()).build());
            if (resident == null) {
                return new Identified(Verdict.UNKNOWN_CITIZEN, null, null, null);
            }
            return new Identified(Verdict.VALID, resident.citizenId(), resident.fullName(), null);
        }
        Optional<String> shortCode = ShortCode.normalize(code);
        if (shortCode.isEmpty()) {
            return new Identified(Verdict.INVALID, null, null, null);
        }
        PassItem guard = passes.getItem(Key.builder().partitionValue(PassTableKeys.code(shortCode.get())).build());
        if (guard == null || guard.passId() == null) {
            return new Identified(Verdict.INVALID, null, null, null);
        }
        PassItem pass = passes.getItem(Key.builder().partitionValue(PassTableKeys.pass(guard.passId())).build());
        if (pass == null) {
            return new Identified(Verdict.EXPIRED, null, null, null);
        }
        return new Identified(Verdict.valueOf(PassService.status(pass, now)), pass.citizenId(), pass.fullName(), pass.flags());
    }

    private CheckIn checkIn(Venue venue, Identified who, Direction direction, String via, String bySub) {
        Instant now = Times.seconds(clock.instant());
        Health health = Health.of(healthOf(who.citizenId()), now, who.passFlags() == null ? List.of() : who.passFlags(), false);
        Advice advice = Advice.of(health.colour(), null);
        Holder holder = new Holder(who.fullName(), CitizenId.mask(who.citizenId()));
        String checkInId = direction == Direction.IN
                ? in(venue, who, health, via, bySub, now)
                : out(venue.venueId(), who.citizenId(), now);
        boolean inside = direction == Direction.IN;
        return new CheckIn(checkInId, direction.name(), who.verdict().name(), inside && checkInId != null, venue.venueId(),
                venue.name(), holder, HealthView.of(health).withoutCase(), advice.name());
    }

    /** Records the IN, or answers the stay the person is already in. */
    private String in(Venue venue, Identified who, Health health, String via, String bySub, Instant now) {
        Map<String, AttributeValue> open = presence(venue.venueId(), who.citizenId(), now);
        if (open != null) {
            return open.get("visitId").s();
        }
        String visitId = ids.newId();
        String pk = Visits.partition(venue.venueId(), now);
        String sk = Visits.sort(now, visitId);
        long expires = now.plus(retention).getEpochSecond();
        Map<String, AttributeValue> visit = new HashMap<>(key(pk, sk));
        visit.put("visitId", s(visitId));
        visit.put("venueId", s(venue.venueId()));
        visit.put("venueType", s(venue.type().name()));
        visit.put("wardCode", s(venue.wardCode()));
        visit.put("citizenId", s(who.citizenId()));
        visit.put("inAt", s(Times.iso(now)));
        visit.put("inHour", s(Visits.hourKey(now, visitId)));
        visit.put("via", s(via));
        if (bySub != null) {
            visit.put("bySub", s(bySub));
        }
        visit.put("verdict", s(who.verdict().name()));
        visit.put("colour", s(health.colour().name()));
        visit.put("expiresAt", n(expires));
        Map<String, AttributeValue> presence = new HashMap<>(key("INSIDE#" + venue.venueId(), who.citizenId()));
        presence.put("visitId", s(visitId));
        presence.put("visitPk", s(pk));
        presence.put("visitSk", s(sk));
        presence.put("inAt", s(Times.iso(now)));
        presence.put("fullName", s(who.fullName() == null ? "" : who.fullName()));
        presence.put("expiresAt", n(now.plus(Visits.MAX_STAY).plus(Duration.ofDays(1)).getEpochSecond()));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(visit)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(presence)
                .conditionExpression("attribute_not_exists(pk) OR inAt <= :stale")
                .expressionAttributeValues(Map.of(":stale", s(Times.iso(now.minus(Visits.MAX_STAY))))).build()).build());
        writes.addAll(counters.increments(venue.type().checkIns(), venue.wardCode(), Times.vietnamDate(now), visitId));
        try {
            Transactions.write(dynamo, writes);
            return visitId;
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 1)) {
                // another IN of the same person won the race: theirs is the open stay
                Map<String, AttributeValue> winner = presence(venue.venueId(), who.citizenId(), now);
                if (winner != null) {
                    return winner.get("visitId").s();
                }
            }
            throw e;
        }
    }

    /** Closes the person's open stay; null when they were not inside (nothing changes). */
    private String out(String venueId, String citizenId, Instant now) {
        Map<String, AttributeValue> open = presence(venueId, citizenId, now);
        if (open == null) {
            return null;
        }
        String visitId = open.get("visitId").s();
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(key(open.get("visitPk").s(), open.get("visitSk").s()))
                        .updateExpression("SET outAt = :out")
                        .conditionExpression("attribute_exists(pk) AND attribute_not_exists(outAt)")
                        .expressionAttributeValues(Map.of(":out", s(Times.iso(now)))).build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key("INSIDE#" + venueId, citizenId))
                        .conditionExpression("visitId = :v").expressionAttributeValues(Map.of(":v", s(visitId))).build()).build());
        try {
            Transactions.write(dynamo, writes);
        } catch (TransactionCanceledException e) {
            if (!Transactions.anyConditionFailed(e)) {
                throw e;
            }
            // a concurrent OUT closed it first: the same outcome
        }
        return visitId;
    }

    /** The person's open presence at the venue, or null (none, or older than a stay can be). */
    private Map<String, AttributeValue> presence(String venueId, String citizenId, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key("INSIDE#" + venueId, citizenId))).item();
        if (item == null || item.isEmpty() || !Instant.parse(item.get("inAt").s()).isAfter(now.minus(Visits.MAX_STAY))) {
            return null;
        }
        return item;
    }

    private HealthSnapshot healthOf(String citizenId) {
        var item = dynamo.getItem(b -> b.tableName(healthTable).key(HealthStore.key(citizenId)).consistentRead(true)).item();
        return HealthStore.status(citizenId, item).snapshot();
    }

    private Venue requireOpenVenue(String venueId) {
        Venue venue = requireVenue(venueId);
        if (!venue.active()) {
            throw new ForbiddenException("this venue is closed");
        }
        return venue;
    }

    private Venue requireVenue(String venueId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key("VENUE#" + venueId, "VENUE"))).item();
        if (item == null || item.isEmpty()) {
            throw new NotFoundException("no such venue");
        }
        return new Venue(item.get("venueId").s(), item.get("name").s(), VenueType.valueOf(item.get("type").s()),
                item.get("wardCode").s(), item.get("provinceCode").s(), item.get("address").s(),
                !item.containsKey("active") || Boolean.TRUE.equals(item.get("active").bool()));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}

package vn.movepass.shared.trace;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.store.PassageItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.Tables;

/**
 * Health officials' look-ups of one citizen: their passages through checkpoints and their classification. Each is
 * limited to the official's province (by the citizen's residence) and written to the audit trail.
 */
public final class CitizenLookupService {
    private static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{12}");

    private final DynamoDbTable<PassageItem> passages;
    private final vn.movepass.shared.health.HealthStore health;
    private final Residences residences;
    private final AuditLog audit;
    private final Clock clock;

    public CitizenLookupService(DynamoDbTable<PassageItem> passages, vn.movepass.shared.health.HealthStore health,
                                DynamoDbTable<ResidentItem> residents, AuditLog audit, Clock clock) {
        this.passages = passages;
        this.health = health;
        this.residences = new Residences(residents);
        this.audit = audit;
        this.clock = clock;
    }

    public static CitizenLookupService create(Platform p) {
        return new CitizenLookupService(Tables.passages(p), vn.movepass.shared.health.HealthStore.create(p), Tables.residents(p),
                AuditLog.create(p), p.clock());
    }

    /** One passage of a citizen. */
    public record Movement(String passageId, String checkpointId, String at, String direction, String decision,
                           String vehiclePlate) {
    }

    /** {@code GET /v1/citizens/{citizenId}/movements}. */
    public record Movements(String citizenId, List<Movement> passages) {
    }

    public Movements movements(Principal official, String citizenId, String from, String to) {
        requireCitizenId(citizenId);
        Access.requireProvince(official, residenceProvince(citizenId));
        Instant now = clock.instant();
        Instant toInstant = parseInstant("to", to, now);
        Instant fromInstant = parseInstant("from", from, toInstant.minus(TraceSteps.LOOK_BACK));
        if (fromInstant.isAfter(toInstant)) {
            throw InvalidInputException.of("from", "OUT_OF_RANGE", "must not be after to");
        }
        var query = QueryEnhancedRequest.builder().queryConditional(QueryConditional.sortBetween(
                Key.builder().partitionValue(citizenId).sortValue(Times.iso(fromInstant)).build(),
                Key.builder().partitionValue(citizenId).sortValue(Times.iso(toInstant)).build())).build();
        List<Movement> out = new ArrayList<>();
        for (var page : passages.index("byCitizen").query(query)) {
            for (PassageItem p : page.items()) {
                out.add(new Movement(p.passageId(), p.checkpointId(), p.at(), p.direction(), p.decision(), p.vehiclePlate()));
            }
        }
        audit.record(official, "MOVEMENTS", "citizen:" + CitizenId.mask(citizenId), List.of(citizenId));
        return new Movements(citizenId, out);
    }

    /** {@code GET /v1/citizens/{citizenId}/status}. */
    public record Status(String citizenId, String classification, String caseId, String since) {
    }

    public Status status(Principal official, String citizenId) {
        requireCitizenId(citizenId);
        Access.requireProvince(official, residenceProvince(citizenId));
        audit.record(official, "STATUS", "citizen:" + CitizenId.mask(citizenId), List.of(citizenId));
        // the derived health judged now: NONE once its period has ended by the clock
        var h = vn.movepass.shared.health.Health.of(health.read(citizenId).snapshot(), clock.instant());
        if (h.since() == null || "NONE".equals(h.level())) {
            return new Status(citizenId, "NONE", null, null);
        }
        return new Status(citizenId, h.level(), h.caseId(), Times.iso(h.since()));
    }

    /** The province of the citizen's current residence in the registry, or null when unknown. */
    private String residenceProvince(String citizenId) {
        return Residences.province(residences.ward(citizenId));
    }

    private static void requireCitizenId(String citizenId) {
        if (!CITIZEN_ID.matcher(citizenId).matches()) {
            throw InvalidInputException.of("citizenId", "FORMAT", "must be the 12-digit personal identification number");
        }
    }

    private static Instant parseInstant(String name, String value, Instant defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidInputException.of(name, "FORMAT", "must be an ISO-8601 UTC instant");
        }
    }
}

package vn.movepass.shared.pass;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Reason;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.GoneException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.store.PassItem;
import vn.movepass.shared.store.PassTableKeys;
import vn.movepass.shared.store.Tables;

/** Reads, renders and revokes passes. The pass id is the capability: whoever holds it may look. */
public final class PassService {
    private static final Pattern PASS_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    public static final int DEFAULT_PNG_SIZE = 320;

    private final DynamoDbTable<PassItem> passes;
    private final PassKeys keys;
    private final QrRenderer renderer;
    private final Clock clock;
    private final AuditLog audit;

    public PassService(DynamoDbTable<PassItem> passes, PassKeys keys, QrRenderer renderer, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.passes = passes;
        this.keys = keys;
        this.renderer = renderer;
        this.clock = clock;
    }

    public static PassService create(Platform p) {
        return new PassService(Tables.passes(p), PassSigning.keys(p.environment()), new QrRenderer(), p.clock(),
                AuditLog.create(p));
    }

    /** VALID, EXPIRED (judged by the clock against validUntil, never by TTL deletion) or REVOKED. */
    public static String status(PassItem pass, Instant now) {
        if (pass.revokedAt() != null) {
            return "REVOKED";
        }
        return now.isBefore(Times.parse(pass.validUntil())) ? "VALID" : "EXPIRED";
    }

    public PassView view(String passId) {
        PassItem pass = load(passId);
        Instant now = clock.instant();
        Health h = Health.of(HealthSnapshot.decode(pass.health()), now, pass.flags() == null ? List.of() : pass.flags(), false);
        return new PassView(pass.passId(), status(pass, now), pass.validFrom(), pass.validUntil(), pass.token(),
                ShortCode.display(pass.shortCode()), new PassView.Holder(pass.fullName(), pass.citizenIdMasked()),
                new PassView.Place(pass.originWard(), pass.originAddress()),
                new PassView.Place(pass.destinationWard(), pass.destinationAddress()),
                new PassView.Health(h.colour().name(), h.level(), h.state().name(), h.until() == null ? null : h.until().toString()));
    }

    public byte[] png(String passId, int size) {
        if (size < 128 || size > 1024) {
            throw InvalidInputException.of("size", "OUT_OF_RANGE", "must be between 128 and 1024 pixels");
        }
        return renderer.png(usableToken(passId), size);
    }

    public String svg(String passId) {
        return renderer.svg(usableToken(passId));
    }

    public String jwks() {
        return keys.jwksJson();
    }

    /** Who may revoke a pass: ADMIN or HEALTH_OFFICIAL (a provincial one, passes that touch their province). */
    public static void requireRevoker(Principal official) {
        if (!official.hasRole(Role.ADMIN, Role.HEALTH_OFFICIAL)) {
            throw new ForbiddenException("only ADMIN or HEALTH_OFFICIAL may revoke a pass");
        }
    }

    /** Revokes a pass (ADMIN, HEALTH_OFFICIAL); later scans answer REVOKED. Revoking twice keeps the first. */
    public PassView revoke(String passId, Principal official, Reason reason) {
        requireRevoker(official);
        PassItem pass = load(passId);
        if (official.role() == Role.HEALTH_OFFICIAL && official.provinceCode() != null
                && !official.provinceCode().equals(province(pass.originWard()))
                && !official.provinceCode().equals(province(pass.destinationWard()))) {
            throw new ForbiddenException("the pass's route is outside the province of this account");
        }
        audit.record(official, "PASS_REVOKE", "pass:" + passId, java.util.List.of(pass.citizenId()));
        if (pass.revokedAt() == null) {
            PassItem revoked = pass.toBuilder().revokedAt(Times.iso(clock.instant())).revokedReason(reason.text())
                    .revokedBy(official.subject()).revokedList(PassItem.REVOKED).build();
            try {
                passes.updateItem(UpdateItemEnhancedRequest.builder(PassItem.class).item(revoked)
                        .conditionExpression(Expression.builder()
                                .expression("attribute_exists(pk) AND attribute_not_exists(revokedAt)").build())
                        .build());
            } catch (ConditionalCheckFailedException e) {
                // revoked concurrently, or deleted by TTL in between: the stored state answers below
            }
        }
        return view(passId);
    }

    /** The audit trail of the pass holder, for the citizen who holds the pass link. */
    public AuditLog.Trail auditTrail(String passId, String pageToken) {
        return audit.trail(load(passId).citizenId(), pageToken);
    }

    private static String province(String wardCode) {
        return wardCode == null ? null : AdministrativeUnits.get().ward(wardCode).map(w -> w.provinceCode()).orElse(null);
    }

    private String usableToken(String passId) {
        PassItem pass = load(passId);
        String status = status(pass, clock.instant());
        if (!"VALID".equals(status)) {
            throw new GoneException("the pass is " + status.toLowerCase(java.util.Locale.ROOT));
        }
        return pass.token();
    }

    private PassItem load(String passId) {
        if (passId == null || !PASS_ID.matcher(passId).matches()) {
            throw new NotFoundException("no such pass");
        }
        PassItem pass = passes.getItem(Key.builder().partitionValue(PassTableKeys.pass(passId)).build());
        if (pass == null) {
            throw new NotFoundException("no such pass");
        }
        return pass;
    }
}

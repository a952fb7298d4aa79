package vn.movepass.shared.pass;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.store.PassItem;

/** Who may revoke a pass, and what a pass's status is at a given instant. */
class PassServiceTest {
    private static Principal as(Role role) {
        return new Principal("sub-" + role, role, null, null, null);
    }

    @Test
    void onlyAdminsAndHealthOfficialsMayRevoke() {
        assertDoesNotThrow(() -> PassService.requireRevoker(as(Role.ADMIN)));
        assertDoesNotThrow(() -> PassService.requireRevoker(as(Role.HEALTH_OFFICIAL)));
        for (Role role : new Role[] {Role.CHECKPOINT_OFFICER, Role.WARD_POLICE, Role.ANALYST}) {
            ForbiddenException refused = assertThrows(ForbiddenException.class, () -> PassService.requireRevoker(as(role)));
            assertEquals("only ADMIN or HEALTH_OFFICIAL may revoke a pass", refused.getMessage());
        }
    }

    @Test
    void aPassIsValidUntilItsEndAndARevocationWinsOverTheClock() {
        PassItem pass = PassItem.builder().passId("p").validFrom("2021-08-23T00:00:00Z").validUntil("2021-08-26T00:00:00Z")
                .build();
        assertEquals("VALID", PassService.status(pass, Instant.parse("2021-08-25T23:59:59Z")));
        assertEquals("EXPIRED", PassService.status(pass, Instant.parse("2021-08-26T00:00:00Z")));
        PassItem revoked = pass.toBuilder().revokedAt("2021-08-24T00:00:00Z").build();
        assertEquals("REVOKED", PassService.status(revoked, Instant.parse("2021-08-23T12:00:00Z")));
    }
}

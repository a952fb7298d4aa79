package vn.movepass.shared.pass;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.error.ForbiddenException;

/** The revocation list's entries (what the checkpoint page computes from a token) and who may read the list. */
class RevocationListTest {
    @Test
    void anEntryIsTheFirstEightBytesOfTheSha256OfThePassIdBytes() {
        // 16 zero bytes: SHA-256 = 374708fff7719dd5979ec875d56cd2286f6d3cf7ec317a3b25632aab28ec37bb
        assertEquals("N0cI__dxndU", RevocationList.entry(new byte[16]));
        assertEquals("N0cI__dxndU", RevocationList.entry("AAAAAAAAAAAAAAAAAAAAAA"), "the textual id gives the same entry");
    }

    @Test
    void officersPhonesAndAdminMayReadItCamerasAndOtherRolesMayNot() {
        assertDoesNotThrow(() -> RevocationList.requireReader(new Principal("o", Role.CHECKPOINT_OFFICER, "CP-A", null, null)));
        assertDoesNotThrow(() -> RevocationList.requireReader(new Principal("a", Role.ADMIN, null, null, null)));
        assertThrows(ForbiddenException.class, () -> RevocationList.requireReader(
                new Principal("c", Role.CHECKPOINT_OFFICER, "CP-A", null, null, Principal.CAMERA)));
        for (Role role : new Role[] {Role.WARD_POLICE, Role.HEALTH_OFFICIAL, Role.ANALYST}) {
            assertThrows(ForbiddenException.class, () -> RevocationList.requireReader(new Principal("x", role, null, null, null)));
        }
    }
}

package vn.movepass.shared.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.UnauthenticatedException;

/** The API's role and scope rules. */
class AccessTest {
    static final Principal OFFICER = new Principal("o", Role.CHECKPOINT_OFFICER, "cp-1", null, null);
    static final Principal HCMC = new Principal("h", Role.HEALTH_OFFICIAL, null, null, "79");
    static final Principal NATIONAL = new Principal("n", Role.HEALTH_OFFICIAL, null, null, null);

    @Test
    void officersActOnlyAtTheirOwnCheckpoint() {
        assertDoesNotThrow(() -> Access.requireOfficerAt(OFFICER, "cp-1"));
        assertThrows(ForbiddenException.class, () -> Access.requireOfficerAt(OFFICER, "cp-2"));
        assertThrows(ForbiddenException.class, () -> Access.requireOfficerAt(HCMC, "cp-1"));
        assertThrows(UnauthenticatedException.class, () -> Access.requireOfficerAt(null, "cp-1"));
    }

    @Test
    void aProvincialHealthOfficialSeesOnlyResidentsOfTheirProvinceAndNobodyUnknown() {
        assertDoesNotThrow(() -> Access.requireProvince(HCMC, "79"));
        assertThrows(ForbiddenException.class, () -> Access.requireProvince(HCMC, "01"));
        assertThrows(ForbiddenException.class, () -> Access.requireProvince(HCMC, null));
        assertDoesNotThrow(() -> Access.requireProvince(NATIONAL, null));
    }
}

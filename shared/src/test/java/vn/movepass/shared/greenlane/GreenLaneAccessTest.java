package vn.movepass.shared.greenlane;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.NotFoundException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.store.CheckpointItem;

/** Who manages green-lane records: ADMIN, or a health official whose province (none = national) covers them. */
class GreenLaneAccessTest {
    static final AdministrativeUnits UNITS = AdministrativeUnits.get();
    static final Principal ADMIN = new Principal("a", Role.ADMIN, null, null, null);
    static final Principal NATIONAL = new Principal("n", Role.HEALTH_OFFICIAL, null, null, null);
    static final Principal HCMC = new Principal("h", Role.HEALTH_OFFICIAL, null, null, "79");
    static final Principal POLICE = new Principal("p", Role.WARD_POLICE, null, "26734", "79");

    @Test
    void onlyAdminsAndHealthOfficialsManage() {
        assertDoesNotThrow(() -> GreenLaneAccess.requireManager(ADMIN));
        assertDoesNotThrow(() -> GreenLaneAccess.requireManager(HCMC));
        assertEquals("this needs one of the roles [ADMIN, HEALTH_OFFICIAL]",
                assertThrows(ForbiddenException.class, () -> GreenLaneAccess.requireManager(POLICE)).getMessage());
    }

    @Test
    void aProvincialOfficialManagesOnlyTheirProvincesRecords() {
        assertDoesNotThrow(() -> GreenLaneAccess.requireManagerOf(HCMC, "79"));
        assertDoesNotThrow(() -> GreenLaneAccess.requireManagerOf(NATIONAL, "01"));
        assertDoesNotThrow(() -> GreenLaneAccess.requireManagerOf(ADMIN, "01"));
        assertThrows(ForbiddenException.class, () -> GreenLaneAccess.requireManagerOf(HCMC, "01"));
        // a shipper's every operating ward must be theirs: 26734 is in Ho Chi Minh City, 00001 in Hà Nội
        assertDoesNotThrow(() -> GreenLaneAccess.requireManagerOfWards(HCMC, List.of("26734"), UNITS));
        assertEquals("ward 00001 is outside this account's province", assertThrows(ForbiddenException.class,
                () -> GreenLaneAccess.requireManagerOfWards(HCMC, List.of("26734", "00001"), UNITS)).getMessage());
    }

    @Test
    void aScanNeedsAKnownOpenCheckpoint() {
        assertThrows(NotFoundException.class, () -> GreenLaneAccess.requireActive(null));
        CheckpointItem closed = CheckpointItem.builder().checkpointId("cp").active(false).build();
        assertEquals("this checkpoint is not active",
                assertThrows(ForbiddenException.class, () -> GreenLaneAccess.requireActive(closed)).getMessage());
        CheckpointItem legacy = CheckpointItem.builder().checkpointId("cp").build();
        assertEquals(legacy, GreenLaneAccess.requireActive(legacy), "no flag means active");
    }
}

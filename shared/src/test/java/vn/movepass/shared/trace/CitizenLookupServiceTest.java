package vn.movepass.shared.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.testhelper.MutableClock;

/** A citizen is named by a well-formed id before anything about them is read (or audited). */
class CitizenLookupServiceTest {
    static final Principal OFFICIAL = new Principal("h", Role.HEALTH_OFFICIAL, null, null, null);
    static final List<FieldError> FORMAT = List.of(
            new FieldError("citizenId", "FORMAT", "must be the 12-digit personal identification number"));

    private final CitizenLookupService citizens = new CitizenLookupService(null, null, null, null,
            MutableClock.at("2021-08-23T08:00:00Z"));

    @Test
    void aMalformedCitizenIdIsRefusedBeforeAnyRead() {
        assertEquals(FORMAT, assertThrows(InvalidInputException.class,
                () -> citizens.movements(OFFICIAL, "07909012345", null, null)).errors());
        assertEquals(FORMAT, assertThrows(InvalidInputException.class,
                () -> citizens.status(OFFICIAL, "07909012345x")).errors());
    }
}

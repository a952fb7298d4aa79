package vn.movepass.shared.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassClaimsTest {

    @Test
    void copiesPassIdOnTheWayInAndOut() {
        byte[] id = new byte[16];
        PassClaims claims = new PassClaims(id, Instant.EPOCH, Instant.ofEpochSecond(1), "A",
                LocalDate.of(2000, 1, 1), "000******000");
        id[0] = 9;
        assertEquals(0, claims.passId()[0]);
        claims.passId()[1] = 9;
        assertEquals(0, claims.passId()[1]);
    }

    @Test
    void equalsAndHashCodeCompareContent() {
        PassClaims a = TestData.claims();
        PassClaims b = TestData.claims();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, TestData.claims("Other"));
        byte[] otherId = a.passId();
        otherId[15] ^= 1;
        assertNotEquals(a, new PassClaims(otherId, a.validFrom(), a.validUntil(), a.fullName(),
                a.dateOfBirth(), a.citizenIdMasked()));
    }

    @Test
    void toStringRedactsPersonalData() {
        String text = TestData.claims().toString();
        assertFalse(text.contains("Nguyễn"));
        assertFalse(text.contains("1990"));
        assertTrue(text.contains("ABEiM0RVZneImaq7zN3u_w"));
    }

    @Test
    void passIdStringRoundTrips() {
        PassClaims claims = TestData.claims();
        assertEquals("ABEiM0RVZneImaq7zN3u_w", claims.passIdString());
        assertArrayEquals(claims.passId(), PassClaims.passIdBytes(claims.passIdString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ABEiM0RVZneImaq7zN3u_", "ABEiM0RVZneImaq7zN3u_w=", "ABEiM0RVZneImaq7zN3u_w==",
        "ABEiM0RVZneImaq7zN3u/w", "ABEiM0RVZneImaq7zN3u+w", "ABEiM0RVZneImaq7zN3u_x", "ABEiM0RVZneImaq7zN3u w",
        "ABEiM0RVZneImaq7zN3u_wA"})
    void passIdBytesRejectsAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> PassClaims.passIdBytes(text));
    }

    @Test
    void passIdBytesRejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> PassClaims.passIdBytes(null));
    }

    @Test
    void validatesComponents() {
        PassClaims c = TestData.claims();
        assertThrows(IllegalArgumentException.class, () -> new PassClaims(new byte[15], c.validFrom(),
                c.validUntil(), c.fullName(), c.dateOfBirth(), c.citizenIdMasked()));
        assertThrows(IllegalArgumentException.class, () -> new PassClaims(c.passId(), c.validFrom(),
                c.validFrom(), c.fullName(), c.dateOfBirth(), c.citizenIdMasked()));
        assertThrows(IllegalArgumentException.class, () -> new PassClaims(c.passId(), c.validFrom(),
                c.validUntil(), " ", c.dateOfBirth(), c.citizenIdMasked()));
        for (String masked : new String[] {"079203001456", "079*****456", "79******456", "079******45a",
            "٠٧٩******456"}) {
            assertThrows(IllegalArgumentException.class, () -> new PassClaims(c.passId(), c.validFrom(),
                    c.validUntil(), c.fullName(), c.dateOfBirth(), masked));
        }
        assertThrows(NullPointerException.class, () -> new PassClaims(null, c.validFrom(),
                c.validUntil(), c.fullName(), c.dateOfBirth(), c.citizenIdMasked()));
    }

    @Test
    void masksTwelveDigitIds() {
        assertEquals("079******456", PassClaims.maskCitizenId("079203001456"));
        assertThrows(IllegalArgumentException.class, () -> PassClaims.maskCitizenId("123456789"));
        assertThrows(IllegalArgumentException.class, () -> PassClaims.maskCitizenId(null));
    }

    @Test
    void validityWindowIsHalfOpen() {
        PassClaims c = TestData.claims();
        assertTrue(c.isValidAt(c.validFrom()));
        assertTrue(c.isValidAt(c.validUntil().minusNanos(1)));
        assertFalse(c.isValidAt(c.validUntil()));
        assertFalse(c.isValidAt(c.validFrom().minusSeconds(1)));
    }
}

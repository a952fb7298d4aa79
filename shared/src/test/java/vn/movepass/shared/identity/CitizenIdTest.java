package vn.movepass.shared.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import vn.movepass.shared.domain.Gender;

class CitizenIdTest {

    @Test
    void twelveAsciiDigitsAreWellFormed() {
        assertTrue(CitizenId.isWellFormed("079090123456"));
        assertTrue(CitizenId.isWellFormed("000000000000"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"79090123456", "0790901234567", "07909012345a", " 079090123456", "079090 23456",
        "０７９０９０１２３４５６", "٠٧٩٠٩٠١٢٣٤٥٦", "07909012345\u0000"})
    void anythingElseIsNotWellFormed(String id) {
        assertFalse(CitizenId.isWellFormed(id));
    }

    @Test
    void maskKeepsFirstAndLastThreeDigits() {
        assertEquals("079******456", CitizenId.mask("079090123456"));
    }

    @Test
    void maskHidesMalformedInputCompletely() {
        assertEquals("***********", CitizenId.mask("79090123456"));
        assertEquals("", CitizenId.mask(null));
        assertEquals("", CitizenId.mask(""));
    }

    @ParameterizedTest(name = "{1} {2} -> digit 4 = {3}")
    @CsvSource({
        "079090123456, 1990-01-01, MALE",
        "001190000001, 1990-06-15, FEMALE",
        "079200123456, 2000-02-29, MALE",
        "079305123456, 2005-12-31, FEMALE",
        "001199000000, 1999-12-31, FEMALE",
        "001099000000, 1999-12-31, MALE",
        "036015999999, 1915-07-04, MALE",
        "079421000001, 2121-01-01, MALE",
        "079521000001, 2121-01-01, FEMALE",
        "079600000001, 2200-01-01, MALE",
        "079799000001, 2299-01-01, FEMALE",
        "079800000001, 2300-01-01, MALE",
        "079999000001, 2399-01-01, FEMALE",
    })
    void centuryAndGenderDigitFollowCircular07(String id, LocalDate dateOfBirth, Gender gender) {
        assertTrue(CitizenId.consistentWith(id, dateOfBirth, gender));
    }

    @Test
    void wrongGenderYearOrCenturyIsInconsistent() {
        LocalDate dob = LocalDate.of(1990, 1, 1);
        assertFalse(CitizenId.consistentWith("079090123456", dob, Gender.FEMALE), "gender digit");
        assertFalse(CitizenId.consistentWith("079091123456", dob, Gender.MALE), "year digits");
        assertFalse(CitizenId.consistentWith("079290123456", dob, Gender.MALE), "2000s digit for a 1990 birth");
        assertFalse(CitizenId.consistentWith("079000123456", LocalDate.of(2000, 5, 5), Gender.MALE),
                "a man born in 2000 has digit 2, not 0");
        assertTrue(CitizenId.consistentWith("079200123456", LocalDate.of(2000, 5, 5), Gender.MALE));
        assertTrue(CitizenId.consistentWith("079300123456", LocalDate.of(2000, 5, 5), Gender.FEMALE));
    }

    @Test
    void unsupportedInputIsInconsistentNotAnError() {
        assertFalse(CitizenId.consistentWith("079090123456", null, Gender.MALE));
        assertFalse(CitizenId.consistentWith("079090123456", LocalDate.of(1990, 1, 1), null));
        assertFalse(CitizenId.consistentWith(null, LocalDate.of(1990, 1, 1), Gender.MALE));
        assertFalse(CitizenId.consistentWith("079099123456", LocalDate.of(1899, 1, 1), Gender.MALE));
        assertFalse(CitizenId.consistentWith("079000123456", LocalDate.of(2400, 1, 1), Gender.MALE));
    }

    @Test
    void composeBuildsConsistentIds() {
        assertEquals("079090123456", CitizenId.compose("79", LocalDate.of(1990, 3, 4), Gender.MALE, 123456));
        assertEquals("001305000042", CitizenId.compose("01", LocalDate.of(2005, 1, 1), Gender.FEMALE, 42));
        assertEquals("048200000000", CitizenId.compose("48", LocalDate.of(2000, 1, 1), Gender.MALE, 0));
        assertEquals("096199999999", CitizenId.compose("96", LocalDate.of(1999, 1, 1), Gender.FEMALE, 999_999));
        for (int year = 1900; year < 2400; year += 7) {
            for (Gender gender : Gender.values()) {
                LocalDate dob = LocalDate.of(year, 6, 1);
                String id = CitizenId.compose("79", dob, gender, year * 13);
                assertTrue(CitizenId.isWellFormed(id), id);
                assertTrue(CitizenId.consistentWith(id, dob, gender), id);
            }
        }
    }

    @Test
    void composeRejectsOutOfRangeArguments() {
        LocalDate dob = LocalDate.of(1990, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> CitizenId.compose("7", dob, Gender.MALE, 1));
        assertThrows(IllegalArgumentException.class, () -> CitizenId.compose("079", dob, Gender.MALE, 1));
        assertThrows(IllegalArgumentException.class, () -> CitizenId.compose("7a", dob, Gender.MALE, 1));
        assertThrows(IllegalArgumentException.class, () -> CitizenId.compose("79", dob, Gender.MALE, -1));
        assertThrows(IllegalArgumentException.class, () -> CitizenId.compose("79", dob, Gender.MALE, 1_000_000));
        assertThrows(IllegalArgumentException.class,
                () -> CitizenId.compose("79", LocalDate.of(1899, 12, 31), Gender.MALE, 1));
        assertThrows(NullPointerException.class, () -> CitizenId.compose("79", null, Gender.MALE, 1));
    }
}

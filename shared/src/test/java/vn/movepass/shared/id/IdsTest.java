package vn.movepass.shared.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.error.NotFoundException;

class IdsTest {
    @Test
    void wellShapedIdsPass() {
        assertEquals("AbCdEfGhIjKlMnOpQrSt_-", Ids.require(IdKind.CASE, "caseId", "AbCdEfGhIjKlMnOpQrSt_-"));
        assertEquals("079090123456", Ids.require(IdKind.CITIZEN, "citizenId", "079090123456"));
        assertEquals("26734", Ids.require(IdKind.WARD, "wardCode", "26734"));
        assertEquals("cp-A_1", Ids.require(IdKind.CHECKPOINT, "checkpointId", "cp-A_1"));
    }

    @Test
    void aLongOrForeignIdIs400NamingTheParameter() {
        for (String bad : new String[]{"x".repeat(2100), "a".repeat(70_000), "ab\u0000cd", "\uD83D\uDE00", "%2F", "", "a b",
            "ăâ", "abc\n"}) {
            var e = assertThrows(InvalidInputException.class, () -> Ids.require(IdKind.CASE, "caseId", bad));
            assertEquals("caseId", e.errors().get(0).field());
            assertThrows(InvalidInputException.class, () -> Ids.require(IdKind.CHECKPOINT, "checkpointId", bad));
        }
        assertThrows(InvalidInputException.class, () -> Ids.require(IdKind.WARD, "wardCode", "٢٦٧٣٤"));
    }

    @Test
    void aMalformedCapabilityIsUnknown() {
        assertThrows(NotFoundException.class, () -> Ids.require(IdKind.PASS, "passId", "079090123456"));
        assertThrows(NotFoundException.class, () -> Ids.require(IdKind.PERMIT, "permitId", "y".repeat(70_000)));
        assertThrows(NotFoundException.class, () -> Ids.require(IdKind.PASS, "passId", null));
    }
}

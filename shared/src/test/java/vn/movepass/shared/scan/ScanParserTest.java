package vn.movepass.shared.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Direction;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.json.Json;

class ScanParserTest {
    @Test
    void aScanRecordsOnlyWhenAskedAndDropsTheNulsOfChipCardCodes() {
        ScanRequest scan = ScanParser.scan(Json.readTree("{\"code\": \"ABC\\u0000D\", \"direction\": \"IN\"}"));
        assertEquals("ABCD", scan.code());
        assertEquals(Direction.IN, scan.direction());
        assertFalse(scan.record());
    }

    @Test
    void aConfirmationNamesItsDecisionAndAWellFormedPlate() {
        assertEquals(new ConfirmRequest("s", Direction.OUT, Decision.TURNED_BACK, null),
                ScanParser.confirm(Json.readTree("{\"scanId\": \"s\", \"direction\": \"OUT\", \"decision\": \"TURNED_BACK\"}")));
        List<FieldError> errors = assertThrows(InvalidInputException.class, () -> ScanParser.confirm(Json.readTree(
                "{\"scanId\": \"s\", \"direction\": \"UP\", \"decision\": \"ALLOWED\", \"vehiclePlate\": \"nope\"}"))).errors();
        assertEquals(List.of("direction", "vehiclePlate"), errors.stream().map(FieldError::field).toList());
    }
}

package vn.movepass.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.InvalidInputException;

/** Revoking a pass or a permit, suspending a shipper, disabling an account: a reason is required. */
class ReasonInputTest {
    private static List<FieldError> refused(String json) {
        return assertThrows(InvalidInputException.class, () -> ReasonInput.parse(Json.readTree(json))).errors();
    }

    @Test
    void aReasonIsRequired() {
        assertEquals(List.of(new FieldError("reason", "REQUIRED", "is required")), refused("{}"));
        assertEquals(List.of(new FieldError("reason", "REQUIRED", "is required")), refused("{\"reason\": null}"));
        assertEquals("REQUIRED", refused("{\"reason\": \"   \"}").get(0).code());
    }

    @Test
    void aReasonIsShortTextAndNothingElseIsAccepted() {
        assertEquals("TOO_LONG", refused("{\"reason\": \"" + "x".repeat(501) + "\"}").get(0).code());
        assertEquals("TYPE", refused("{\"reason\": 42}").get(0).code());
        List<FieldError> errors = refused("{\"reason\": \"ok\", \"reasom\": \"typo\"}");
        assertEquals(List.of(new FieldError("reasom", "UNKNOWN_FIELD", "is not a known field")), errors);
    }

    @Test
    void aGivenReasonIsTrimmed() {
        assertEquals("forged documents", ReasonInput.parse(Json.readTree("{\"reason\": \" forged documents \"}")).text());
        assertEquals(500, ReasonInput.parse(Json.readTree("{\"reason\": \"" + "x".repeat(500) + "\"}")).text().length());
    }
}

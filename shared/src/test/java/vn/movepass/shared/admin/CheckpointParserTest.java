package vn.movepass.shared.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.json.Json;

/** A checkpoint to create: an id fit for a URL, a name, a known ward and a position on the globe. */
class CheckpointParserTest {
    private final CheckpointParser parser = new CheckpointParser(AdministrativeUnits.get());

    @Test
    void aWellFormedCheckpointIsParsed() {
        NewCheckpoint c = parser.parse(Json.readTree("{\"checkpointId\": \"hcm-binh-tan-1\", \"name\": \"Chốt QL1A\","
                + " \"wardCode\": \"26734\", \"lat\": 10.75, \"lon\": 106.6}"));
        assertEquals(new NewCheckpoint("hcm-binh-tan-1", "Chốt QL1A", "26734", 10.75, 106.6), c);
    }

    @Test
    void everyFieldToCorrectIsListedInOrder() {
        List<FieldError> errors = assertThrows(InvalidInputException.class, () -> parser.parse(Json.readTree(
                "{\"checkpointId\": \"a b\", \"name\": \"x\", \"wardCode\": \"99999\", \"lat\": 91}"))).errors();
        assertEquals(List.of(
                new FieldError("checkpointId", "FORMAT", "must be 1-64 letters, digits, - or _"),
                new FieldError("wardCode", "UNKNOWN_WARD", "is not a known ward code"),
                new FieldError("lat", "OUT_OF_RANGE", "must be between -90.0 and 90.0"),
                new FieldError("lon", "REQUIRED", "is required")), errors);
    }
}

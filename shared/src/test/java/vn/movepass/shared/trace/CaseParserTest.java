package vn.movepass.shared.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.testhelper.MutableClock;

/** Opening a case: an F0, a citizen id, and a detection time that is not in the future. */
class CaseParserTest {
    private final MutableClock clock = MutableClock.at("2021-08-23T08:00:00Z");
    private final CaseParser parser = new CaseParser(clock);

    private static String body(String citizenId, String classification, String detectedAt) {
        return Json.write(Json.object().put("citizenId", citizenId).put("classification", classification)
                .put("detectedAt", detectedAt));
    }

    private List<FieldError> refused(String json) {
        return assertThrows(InvalidInputException.class, () -> parser.parse(Json.readTree(json))).errors();
    }

    @Test
    void anF0WithItsDetectionTimeOpensACase() {
        NewCase c = parser.parse(Json.readTree(body("079090123456", "F0", "2021-08-22T23:15:00Z")));
        assertEquals(new NewCase("079090123456", Instant.parse("2021-08-22T23:15:00Z")), c);
    }

    @Test
    void aCaseStartsFromAnF0Only() {
        assertEquals(List.of(new FieldError("classification", "NOT_ALLOWED", "a case starts from an F0")),
                refused(body("079090123456", "F1", "2021-08-22T23:15:00Z")));
    }

    @Test
    void detectedAtIsAUtcInstantNotInTheFuture() {
        assertEquals("FORMAT", refused(body("079090123456", "F0", "2021-08-22 23:15")).get(0).code());
        assertEquals("FORMAT", refused(body("079090123456", "F0", "2021-08-22T23:15:00+07:00")).get(0).code());
        // five minutes of clock drift are tolerated, not more
        parser.parse(Json.readTree(body("079090123456", "F0", "2021-08-23T08:05:00Z")));
        assertEquals(List.of(new FieldError("detectedAt", "IN_FUTURE", "must not be more than 5 minutes in the future")),
                refused(body("079090123456", "F0", "2021-08-23T08:05:01Z")));
        // the look-back is 14 days: a detection before it is a typo
        parser.parse(Json.readTree(body("079090123456", "F0", "2021-08-09T08:00:00Z")));
        assertEquals(List.of(new FieldError("detectedAt", "TOO_OLD", "must be within the last 14 days")),
                refused(body("079090123456", "F0", "2019-08-23T08:00:00Z")));
        clock.advance(java.time.Duration.ofSeconds(1));
        parser.parse(Json.readTree(body("079090123456", "F0", "2021-08-23T08:05:01Z")));
    }

    @Test
    void everyProblemIsListedAtOnce() {
        List<FieldError> errors = refused("{\"citizenId\": \"07909012345\", \"classification\": \"F2\", \"extra\": 1}");
        assertEquals(List.of("extra", "citizenId", "classification", "detectedAt"),
                errors.stream().map(FieldError::field).toList());
        assertEquals("REQUIRED", errors.get(3).code());
    }
}

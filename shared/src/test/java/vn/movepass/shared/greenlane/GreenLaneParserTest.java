package vn.movepass.shared.greenlane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.domain.TestMethod;
import vn.movepass.shared.domain.TestResult;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.testhelper.MutableClock;

/** The green-lane requests' own rules: a permit's validity window, a test's sampling time, the driver on board. */
class GreenLaneParserTest {
    static final Instant NOW = Instant.parse("2021-08-23T08:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final GreenLaneParser parser = new GreenLaneParser(clock, AdministrativeUnits.get());

    private static ObjectNode permit(String validFrom, String validUntil) {
        ObjectNode body = Json.object().put("plate", "51C-123.45");
        body.putObject("operator").put("name", "Công ty Vận tải Sài Gòn").put("taxCode", "0301234567");
        body.putArray("routeWards").add("26734").add("00001");
        body.putArray("drivers").add("079090123456");
        if (validFrom != null) {
            body.put("validFrom", validFrom);
        }
        return body.put("validUntil", validUntil);
    }

    private static List<FieldError> refused(Runnable parse) {
        return assertThrows(InvalidInputException.class, parse::run).errors();
    }

    @Test
    void aPermitIsValidFromNowByDefaultForAtMost31Days() {
        PermitRequest p = parser.permit(permit(null, "2021-09-23T08:00:00Z"));
        assertEquals(NOW, p.validFrom());
        assertEquals(Instant.parse("2021-09-23T08:00:00Z"), p.validUntil());
        assertEquals(List.of("26734", "00001"), p.routeWards());
        assertEquals(List.of(new FieldError("validUntil", "TOO_LONG", "must be at most 31 days after validFrom")),
                refused(() -> parser.permit(permit(null, "2021-09-23T08:00:01Z"))));
    }

    @Test
    void aPermitsWindowEndsAfterItStartsAndInTheFuture() {
        assertEquals("BEFORE_START", refused(() -> parser.permit(permit("2021-08-25T00:00:00Z", "2021-08-25T00:00:00Z")))
                .get(0).code());
        assertEquals("IN_THE_PAST", refused(() -> parser.permit(permit("2021-08-20T00:00:00Z", "2021-08-23T08:00:00Z")))
                .get(0).code());
        // it may start later, but not more than 31 days ahead
        PermitRequest later = parser.permit(permit("2021-09-01T00:00:00Z", "2021-09-10T00:00:00Z"));
        assertEquals(Instant.parse("2021-09-01T00:00:00Z"), later.validFrom());
        assertEquals("TOO_FAR_AHEAD", refused(() -> parser.permit(permit("2021-09-24T00:00:00Z", "2021-09-30T00:00:00Z")))
                .get(0).code());
    }

    @Test
    void aPermitNamesKnownWardsAndDistinctWellFormedDrivers() {
        ObjectNode body = permit(null, "2021-08-30T00:00:00Z");
        body.putArray("routeWards").add("99999");
        body.putArray("drivers").add("079090123456").add("079090123456");
        List<FieldError> errors = refused(() -> parser.permit(body));
        assertEquals(List.of(new FieldError("routeWards[0]", "UNKNOWN_WARD", "is not a known ward code"),
                new FieldError("drivers", "DUPLICATE", "must not name the same value twice")), errors);
    }

    private static ObjectNode test(String sampledAt) {
        return Json.object().put("citizenId", "079090123456").put("method", "RAPID_ANTIGEN").put("result", "NEGATIVE")
                .put("sampledAt", sampledAt);
    }

    @Test
    void aTestWasSampledInTheLast14DaysAndNotInTheFuture() {
        DriverTestRequest t = parser.driverTest(test("2021-08-23T07:59:59.750Z"));
        assertEquals(new DriverTestRequest("079090123456", TestMethod.RAPID_ANTIGEN, TestResult.NEGATIVE,
                Instant.parse("2021-08-23T07:59:59Z")), t);
        parser.driverTest(test("2021-08-23T08:05:00Z")); // phones' clocks drift: five minutes ahead are tolerated
        assertEquals(List.of(new FieldError("sampledAt", "IN_FUTURE", "must not be more than 5 minutes in the future")),
                refused(() -> parser.driverTest(test("2021-08-23T08:05:01Z"))));
        assertEquals("TOO_OLD", refused(() -> parser.driverTest(test("2021-08-09T08:00:00Z"))).get(0).code());
        parser.driverTest(test("2021-08-09T08:00:01Z"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("TOO_OLD", refused(() -> parser.driverTest(test("2021-08-09T08:00:01Z"))).get(0).code());
    }

    @Test
    void aVehicleScanNamesTheDriverOnBoard() {
        VehicleScanRequest typed = parser.vehicleScan(Json.object().put("code", "GL1:X").put("driverCitizenId", "079090123456"));
        assertEquals("079090123456", typed.driverId());
        assertNull(typed.driverCard());
        assertEquals(List.of(new FieldError("driverCitizenId", "REQUIRED",
                        "give the driver on board: driverCitizenId or driverCard")),
                refused(() -> parser.vehicleScan(Json.object().put("code", "GL1:X"))));
        assertEquals("INVALID", refused(() -> parser.vehicleScan(Json.object().put("code", "GL1:X")
                .put("driverCard", "not a card"))).get(0).code());
    }

    @Test
    void aShipperRegistrationHasTheSameWindowRules() {
        ObjectNode body = Json.object().put("citizenId", "079090123456").put("validUntil", "2021-10-01T00:00:00Z");
        body.putObject("company").put("name", "Giao Hàng Nhanh").put("taxCode", "0301234567-001");
        body.putArray("operatingWards").add("26734");
        assertEquals("TOO_LONG", refused(() -> parser.shipper(body)).get(0).code());
        body.put("validUntil", "2021-09-01T00:00:00Z");
        ShipperRequest s = parser.shipper(body);
        assertEquals(NOW, s.validFrom());
        assertEquals("0301234567-001", s.companyTaxCode());
    }
}

package vn.movepass.shared.greenlane;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Plates;
import vn.movepass.shared.domain.TestMethod;
import vn.movepass.shared.domain.TestResult;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.identity.ChipCard;
import vn.movepass.shared.identity.ChipCardQr;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.json.JsonInput;

/**
 * Turns the JSON bodies of the green-lane routes into their typed requests, or an
 * {@link vn.movepass.shared.error.InvalidInputException} listing every field to correct. Checks that need storage
 * (drivers in the registry, the official's province) are the services'.
 */
public final class GreenLaneParser {
    static final int MAX_ROUTE_WARDS = 50;
    static final int MAX_DRIVERS = 5;
    static final int MAX_OPERATING_WARDS = 100;
    private static final int MAX_CODE = 2048;

    private final Clock clock;
    private final AdministrativeUnits units;

    public GreenLaneParser(Clock clock, AdministrativeUnits units) {
        this.clock = clock;
        this.units = units;
    }

    public static GreenLaneParser create(Platform p) {
        return new GreenLaneParser(p.clock(), AdministrativeUnits.get());
    }

    /** {@code POST /v1/green-lane/permits}. */
    public PermitRequest permit(JsonNode body) {
        Instant now = Times.seconds(clock.instant());
        JsonInput in = JsonInput.root(body);
        in.allowOnly("plate", "operator", "routeWards", "drivers", "validFrom", "validUntil");
        String plate = in.string("plate", true, 16);
        if (plate != null && (!Plates.isWellFormed(plate) || PermitTokenCodec.canonicalPlate(plate) == null)) {
            in.error("plate", "FORMAT", "must be a Vietnamese plate like 51C-123.45");
        }
        JsonInput operator = in.object("operator", true);
        operator.allowOnly("name", "taxCode");
        String operatorName = operator.string("name", true, 200);
        String taxCode = operator.matching("taxCode", true, 14, GreenLaneInput.TAX_CODE, "FORMAT",
                "must be a 10-digit tax code, or 10 digits + -NNN for a branch");
        List<String> route = GreenLaneInput.wards(in, body, "routeWards", MAX_ROUTE_WARDS, units);
        List<String> driverIds = GreenLaneInput.citizenIds(in, body, "drivers", MAX_DRIVERS);
        GreenLaneInput.Validity validity = GreenLaneInput.validity(in, now);
        in.throwIfInvalid();
        return new PermitRequest(plate, operatorName, taxCode, route, driverIds, validity.from(), validity.until());
    }

    /** {@code POST /v1/green-lane/driver-tests} and {@code POST /v1/checkpoints/{id}/driver-tests}. */
    public DriverTestRequest driverTest(JsonNode body) {
        Instant now = clock.instant();
        JsonInput in = JsonInput.root(body);
        in.allowOnly("citizenId", "method", "result", "sampledAt");
        String citizenId = in.string("citizenId", true, 12);
        if (citizenId != null && !CitizenId.isWellFormed(citizenId)) {
            in.error("citizenId", "FORMAT", "must be a 12-digit citizen id");
        }
        TestMethod method = in.enumValue("method", TestMethod.class, true);
        TestResult result = in.enumValue("result", TestResult.class, true);
        Instant sampledAt = in.instant("sampledAt", true);
        if (sampledAt != null && sampledAt.isAfter(now.plus(DriverTestService.CLOCK_SKEW))) {
            in.error("sampledAt", "IN_FUTURE", "must not be more than 5 minutes in the future");
        } else if (sampledAt != null && !sampledAt.isAfter(now.minus(TestJudge.LOOK_BACK))) {
            in.error("sampledAt", "TOO_OLD", "must be within the last 14 days");
        }
        in.throwIfInvalid();
        return new DriverTestRequest(citizenId, method, result, Times.seconds(sampledAt));
    }

    /** {@code POST /v1/checkpoints/{checkpointId}/vehicle-scans}. */
    public VehicleScanRequest vehicleScan(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("code", "driverCitizenId", "driverCard");
        String code = in.scannedText("code", true, MAX_CODE);
        String driverId = in.string("driverCitizenId", false, 12);
        String cardText = in.scannedText("driverCard", false, MAX_CODE);
        ChipCard card = null;
        if (driverId != null && !CitizenId.isWellFormed(driverId)) {
            in.error("driverCitizenId", "FORMAT", "must be a 12-digit citizen id");
        }
        if (cardText != null) {
            card = ChipCardQr.parse(cardText).orElse(null);
            if (card == null) {
                in.error("driverCard", "INVALID", "is not the QR text of a chip-ID card");
            }
        }
        if (in.valid() && driverId == null && cardText == null) {
            in.error("driverCitizenId", "REQUIRED", "give the driver on board: driverCitizenId or driverCard");
        }
        if (in.valid() && driverId != null && card != null && !driverId.equals(card.citizenId())) {
            in.error("driverCard", "MISMATCH", "is the card of another citizen than driverCitizenId");
        }
        in.throwIfInvalid();
        return new VehicleScanRequest(code, driverId, card);
    }

    /** {@code POST /v1/green-lane/shippers}. */
    public ShipperRequest shipper(JsonNode body) {
        Instant now = Times.seconds(clock.instant());
        JsonInput in = JsonInput.root(body);
        in.allowOnly("citizenId", "company", "operatingWards", "validFrom", "validUntil");
        String citizenId = in.string("citizenId", true, 12);
        if (citizenId != null && !CitizenId.isWellFormed(citizenId)) {
            in.error("citizenId", "FORMAT", "must be a 12-digit citizen id");
        }
        JsonInput company = in.object("company", true);
        company.allowOnly("name", "taxCode");
        String companyName = company.string("name", true, 200);
        String taxCode = company.matching("taxCode", true, 14, GreenLaneInput.TAX_CODE, "FORMAT",
                "must be a 10-digit tax code, or 10 digits + -NNN for a branch");
        List<String> wards = GreenLaneInput.wards(in, body, "operatingWards", MAX_OPERATING_WARDS, units);
        GreenLaneInput.Validity validity = GreenLaneInput.validity(in, now);
        in.throwIfInvalid();
        return new ShipperRequest(citizenId, companyName, taxCode, wards, validity.from(), validity.until());
    }

    /** {@code POST /v1/checkpoints/{checkpointId}/shipper-scans}. */
    public ShipperScanRequest shipperScan(JsonNode body) {
        JsonInput in = JsonInput.root(body);
        in.allowOnly("code");
        String code = in.scannedText("code", true, MAX_CODE);
        in.throwIfInvalid();
        return new ShipperScanRequest(code);
    }
}

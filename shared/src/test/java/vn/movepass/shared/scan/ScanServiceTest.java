package vn.movepass.shared.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Direction;
import vn.movepass.shared.domain.Verdict;
import vn.movepass.shared.error.ConflictException;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.ForbiddenException;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.health.Colour;
import vn.movepass.shared.testhelper.MutableClock;
import vn.movepass.shared.testhelper.SequentialIds;

/**
 * The rules a confirmation meets before anything is read or written: a scan id sealed by this service, at this
 * checkpoint, less than 10 minutes old, and ALLOWED only after a VALID verdict. (What a scan finds in storage is
 * covered end to end.)
 */
class ScanServiceTest {
    static final Instant SCANNED = Instant.parse("2021-08-23T08:00:00Z");
    static final Principal OFFICER = new Principal("officer-7", Role.CHECKPOINT_OFFICER, "cp-1", null, null);

    private final MutableClock clock = new MutableClock(SCANNED);
    private final ScanIds scanIds = new ScanIds(new byte[32], new SequentialIds());
    private final ScanService scans = new ScanService(null, null, null, null, null, null, null, null, scanIds, clock);

    private String sealed(Verdict verdict, String checkpointId) {
        return scanIds.seal(new ScanIds.Scan(SCANNED, verdict, checkpointId, "pass-1", "079090123456"));
    }

    private ConfirmRequest allow(String scanId) {
        return new ConfirmRequest(scanId, Direction.IN, Decision.ALLOWED, null);
    }

    @Test
    void aScanIdMustBeOneThisServiceSealed() {
        String id = sealed(Verdict.VALID, "cp-1");
        String altered = id.substring(0, id.length() - 2) + (id.endsWith("A") ? "BB" : "AA");
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> scans.confirm("cp-1", OFFICER,
                allow(altered)));
        assertEquals(List.of(new FieldError("scanId", "INVALID", "is not a scan id issued by this service")), refused.errors());
    }

    @Test
    void aScanIsConfirmedAtItsOwnCheckpointWithinTenMinutes() {
        assertEquals("the scan was made at another checkpoint", assertThrows(ConflictException.class,
                () -> scans.confirm("cp-1", OFFICER, allow(sealed(Verdict.VALID, "cp-2")))).getMessage());
        String id = sealed(Verdict.VALID, "cp-1");
        clock.advance(ScanService.CONFIRMATION_WINDOW.plus(Duration.ofSeconds(1)));
        assertEquals("the scan is older than 10 minutes; scan again",
                assertThrows(ConflictException.class, () -> scans.confirm("cp-1", OFFICER, allow(id))).getMessage());
    }

    @Test
    void onlyAValidScanMayBeAllowedThrough() {
        ConflictException refused = assertThrows(ConflictException.class,
                () -> scans.confirm("cp-1", OFFICER, allow(sealed(Verdict.REVOKED, "cp-1"))));
        assertEquals("only a VALID or CARD_ONLY scan can be allowed through; the verdict was REVOKED", refused.getMessage());
    }

    @Test
    void lettingARedHolderThroughNeedsTheOfficersReason() {
        String id = scanIds.seal(new ScanIds.Scan(SCANNED, Verdict.VALID, "cp-1", "pass-1", "079090123456", Colour.RED));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> scans.confirm("cp-1", OFFICER, allow(id)));
        assertEquals("overrideReason", refused.errors().get(0).field());
        assertEquals(Colour.RED, scanIds.open(id).colour());
        assertEquals(null, scanIds.open(sealed(Verdict.VALID, "cp-1")).colour());
    }

    @Test
    void aGreenLaneScanIdCarriesItsKindPlateAndRouteAndAPersonsCarriesNone() {
        ScanIds.GreenLane lane = new ScanIds.GreenLane(ScanIds.Kind.VEHICLE, "51C-123.45", "26734", "00001");
        String id = scanIds.seal(new ScanIds.Scan(SCANNED, Verdict.VALID, "cp-1", null, "079090123456", Colour.AMBER, lane));
        ScanIds.Scan opened = scanIds.open(id);
        assertEquals(lane, opened.greenLane());
        assertEquals(Colour.AMBER, opened.colour());
        assertEquals(null, opened.passId());
        ScanIds.GreenLane shipper = new ScanIds.GreenLane(ScanIds.Kind.SHIPPER, null, null, null);
        assertEquals(shipper, scanIds.open(scanIds.seal(new ScanIds.Scan(SCANNED, Verdict.NO_VALID_PASS, "cp-1", null, null,
                null, shipper))).greenLane());
        assertEquals(null, scanIds.open(sealed(Verdict.VALID, "cp-1")).greenLane());
    }

    @Test
    void aRedDriversVehicleScanNeedsTheOfficersReasonToBeAllowedThrough() {
        ScanIds.GreenLane lane = new ScanIds.GreenLane(ScanIds.Kind.VEHICLE, "51C-123.45", "26734", "00001");
        String id = scanIds.seal(new ScanIds.Scan(SCANNED, Verdict.VALID, "cp-1", null, "079090123456", Colour.RED, lane));
        assertEquals("overrideReason", assertThrows(InvalidInputException.class,
                () -> scans.confirm("cp-1", OFFICER, allow(id))).errors().get(0).field());
        String refused = scanIds.seal(new ScanIds.Scan(SCANNED, Verdict.NO_VALID_PASS, "cp-1", null, null, null, lane));
        assertThrows(ConflictException.class, () -> scans.confirm("cp-1", OFFICER, allow(refused)));
    }

    @Test
    void aCameraMayOnlyScanToRecord() {
        Principal camera = new Principal("cam-1", Role.CHECKPOINT_OFFICER, "cp-1", null, null, Principal.CAMERA);
        assertThrows(ForbiddenException.class, () -> scans.scan("cp-1", camera, new ScanRequest("MP1:X", Direction.IN, false)));
    }
}

package vn.movepass.shared.greenlane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.greenlane.VehicleScanService.VehicleScan;
import vn.movepass.shared.store.CheckpointItem;
import vn.movepass.shared.store.DriverTestItem;
import vn.movepass.shared.store.ResidentItem;
import vn.movepass.shared.store.VehiclePermitItem;
import vn.movepass.shared.testhelper.InMemoryDriverTests;
import vn.movepass.shared.testhelper.MutableClock;

/**
 * The verdict of a vehicle scan from what its reads found: VALID only for a valid permit, a driver on it, and a
 * negative test sampled less than 72 hours ago; the route only raises an alert.
 */
class VehicleScanServiceTest {
    static final Instant NOW = Instant.parse("2021-08-23T08:00:00Z");
    static final String DRIVER = "079090123456";
    static final PermitTokenCodec CODEC = PermitTokenCodecTest.CODEC;

    private final InMemoryDriverTests tests = new InMemoryDriverTests();
    private final VehicleScanService service = new VehicleScanService(null, null, null, null, tests, CODEC,
            new MutableClock(NOW));

    static String token(Instant from, Instant until) {
        return CODEC.sign(new PermitClaims(new byte[16], from, until, "51C-123.45", "Công ty Vận tải Sài Gòn"));
    }

    static VehiclePermitItem permit(Instant from, Instant until) {
        return VehiclePermitItem.builder()
                .permitId(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]))
                .token(token(from, until)).plate("51C-123.45").operatorName("Công ty Vận tải Sài Gòn")
                .operatorTaxCode("0301234567").routeWards(List.of("26734", "00001")).driverIds(List.of(DRIVER))
                .provinceCode("79").validFrom(Times.iso(from)).validUntil(Times.iso(until)).build();
    }

    static final VehiclePermitItem PERMIT = permit(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)));
    static final ResidentItem RESIDENT = ResidentItem.builder().citizenId(DRIVER).fullName("Nguyễn Văn An")
            .dateOfBirth("1990-05-17").build();
    static final CheckpointItem ON_ROUTE = CheckpointItem.builder().checkpointId("cp-1").wardCode("26734").active(true).build();

    private VehicleScan scan(VehiclePermitItem permit, String driver, ResidentItem resident, CheckpointItem at) {
        return service.judge(new VehicleScanRequest(permit.token(), driver, null), true, permit, resident, at, NOW);
    }

    private void tested(String result, Duration ago) {
        tests.add(DriverTestItem.builder().citizenId(DRIVER).testId(result + ago).method("RT_PCR").result(result)
                .sampledAt(Times.iso(NOW.minus(ago))).build());
    }

    @Test
    void aDriverOnTheValidPermitWithANegativeTestUnder72HoursPasses() {
        tested("NEGATIVE", Duration.ofHours(71));
        VehicleScan scan = scan(PERMIT, DRIVER, RESIDENT, ON_ROUTE);
        assertEquals("VALID", scan.verdict());
        assertNull(scan.reason());
        assertEquals(List.of(), scan.alerts());
        assertTrue(scan.driver().onPermit());
        assertEquals("079******456", scan.driver().citizenIdMasked());
        assertEquals(Times.iso(NOW.plus(Duration.ofHours(1))), scan.test().validUntil());
    }

    @Test
    void aNegativeTestIsJudged72HoursFromSamplingNotFromRecording() {
        tested("NEGATIVE", Duration.ofHours(72));
        VehicleScan scan = scan(PERMIT, DRIVER, RESIDENT, ON_ROUTE);
        assertEquals("NO_VALID_TEST", scan.verdict());
        assertEquals("TEST_EXPIRED", scan.reason());
    }

    @Test
    void aRecentPositiveBlocksTheDriverAndNoTestIsNoTest() {
        assertEquals("NO_TEST", scan(PERMIT, DRIVER, RESIDENT, ON_ROUTE).reason());
        tested("NEGATIVE", Duration.ofHours(1));
        tested("POSITIVE", Duration.ofDays(3));
        VehicleScan scan = scan(PERMIT, DRIVER, RESIDENT, ON_ROUTE);
        assertEquals("NO_VALID_TEST", scan.verdict());
        assertEquals("TEST_POSITIVE", scan.reason());
    }

    @Test
    void onlyTheDriversOnThePermitMayDriveUnderIt() {
        String other = "001085000111";
        ResidentItem stranger = ResidentItem.builder().citizenId(other).fullName("Trần Thị Bình").dateOfBirth("1985-01-01").build();
        VehicleScan scan = scan(PERMIT, other, stranger, ON_ROUTE);
        assertEquals("NO_VALID_TEST", scan.verdict());
        assertEquals("DRIVER_NOT_ON_PERMIT", scan.reason());
        assertFalse(scan.driver().onPermit());
        assertEquals("UNKNOWN_DRIVER", scan(PERMIT, other, null, ON_ROUTE).reason());
    }

    @Test
    void offTheRouteIsAnAlertNotARefusal() {
        tested("NEGATIVE", Duration.ofHours(5));
        CheckpointItem elsewhere = CheckpointItem.builder().checkpointId("cp-2").wardCode("00004").active(true).build();
        VehicleScan scan = scan(PERMIT, DRIVER, RESIDENT, elsewhere);
        assertEquals("VALID", scan.verdict());
        assertEquals(List.of("OFF_ROUTE"), scan.alerts());
    }

    @Test
    void thePermitsOwnWindowAndRevocationComeFirst() {
        tested("NEGATIVE", Duration.ofHours(5));
        VehiclePermitItem later = permit(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(2)));
        assertEquals("NOT_YET_VALID", scan(later, DRIVER, RESIDENT, ON_ROUTE).verdict());
        VehiclePermitItem ended = permit(NOW.minus(Duration.ofDays(2)), NOW);
        assertEquals("EXPIRED", scan(ended, DRIVER, RESIDENT, ON_ROUTE).verdict());
        VehiclePermitItem revoked = PERMIT.toBuilder().revokedAt(Times.iso(NOW.minusSeconds(60))).build();
        VehicleScan scan = scan(revoked, DRIVER, RESIDENT, ON_ROUTE);
        assertEquals("REVOKED", scan.verdict());
        assertNull(scan.test());
    }

    @Test
    void aCodeThatIsNotTheStoredTokenIsInvalidAndOnlyAGenuineOneMaySayExpired() {
        VehicleScanRequest other = new VehicleScanRequest(token(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(5))),
                DRIVER, null);
        assertEquals("INVALID", service.judge(other, true, PERMIT, RESIDENT, ON_ROUTE, NOW).verdict());
        assertEquals("INVALID", service.judge(new VehicleScanRequest("hello", DRIVER, null), false, null, RESIDENT, ON_ROUTE,
                NOW).verdict());
        // the permit is gone from the table (TTL): a genuine token past its end says EXPIRED, one still in its window INVALID
        VehicleScanRequest gone = new VehicleScanRequest(token(NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(2))),
                DRIVER, null);
        assertEquals("EXPIRED", service.judge(gone, true, null, RESIDENT, ON_ROUTE, NOW).verdict());
        assertEquals("INVALID", service.judge(other, true, null, RESIDENT, ON_ROUTE, NOW).verdict());
    }

    @Test
    void aPermitsStatusIsJudgedFromItsInstantsAgainstTheClock() {
        Instant from = Instant.parse(PERMIT.validFrom());
        Instant until = Instant.parse(PERMIT.validUntil());
        assertEquals(VehicleVerdict.NOT_YET_VALID, PermitService.status(PERMIT, from.minusSeconds(1)));
        assertEquals(VehicleVerdict.VALID, PermitService.status(PERMIT, from));
        assertEquals(VehicleVerdict.VALID, PermitService.status(PERMIT, until.minusSeconds(1)));
        assertEquals(VehicleVerdict.EXPIRED, PermitService.status(PERMIT, until));
    }

    @Test
    void onlyAValidVehicleScanOrAnActiveShipperIsSealedAsOneThatMayBeAllowedThrough() {
        for (VehicleVerdict v : VehicleVerdict.values()) {
            assertEquals(v == VehicleVerdict.VALID, VehicleScanService.sealedVerdict(v.name()) == vn.movepass.shared.domain.Verdict.VALID,
                    v.name());
        }
        for (ShipperStatus s : ShipperStatus.values()) {
            assertEquals(s == ShipperStatus.ACTIVE, ShipperService.sealedVerdict(s) == vn.movepass.shared.domain.Verdict.VALID,
                    s.name());
        }
    }
}

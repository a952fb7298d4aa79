package vn.movepass.shared.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.domain.Gender;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthState;
import vn.movepass.shared.health.Phase;
import vn.movepass.shared.health.Vaccination;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.store.ResidentItem;

class SupportRulesTest {
    private static final Instant NOW = Instant.parse("2021-09-01T03:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2021, 9, 1);
    private static final ResidentItem AN = ResidentItem.builder().citizenId("079090123456").fullName("Nguyễn Văn An")
            .dateOfBirth("1990-05-17").gender("MALE").permanentWardCode("26734").permanentAddress("12 Lê Lợi")
            .currentWardCode("26734").currentAddress("12 Lê Lợi").temporaryWardCode("00001").temporaryAddress("5 Phúc Xá").build();
    private static final ResidentItem CHILD = AN.toBuilder().citizenId("079210000777").dateOfBirth("2010-01-01").build();
    private final SupportParser parser = new SupportParser(Clock.fixed(NOW, ZoneOffset.UTC));

    private static SupportCaseRequest request(SupportPolicy policy, Residence residence, Integer days, String note) {
        return new SupportCaseRequest("079090123456", "Nguyễn Văn An", LocalDate.of(1990, 5, 17), Gender.MALE, policy, residence,
                days, null, note);
    }

    private static List<String> codes(List<FieldError> errors) {
        return errors.stream().map(FieldError::code).toList();
    }

    private static HealthSnapshot phases(Phase... phases) {
        return new HealthSnapshot(List.of(phases), null, Vaccination.NONE);
    }

    @Test
    void amountsFollowTheDecision() {
        assertEquals(80_000L * 45, SupportPolicy.F0_MEALS.amountFor(45, null));
        assertEquals(1_855_000L, SupportPolicy.SUSPENDED_CONTRACT.amountFor(20, null));
        assertEquals(3_710_000L, SupportPolicy.SUSPENDED_CONTRACT.amountFor(30, null));
        assertEquals(1_000_000L, SupportPolicy.CHILD_F0_F1.amountFor(null, null));
        assertEquals(3_000_000L, SupportPolicy.HOUSEHOLD_BUSINESS.amountFor(null, null));
    }

    @Test
    void residenceIsThePermanentOrTheTemporaryWardOrStrandedWithANote() {
        assertEquals(List.of(), SupportRules.residence(request(SupportPolicy.TOUR_GUIDE, Residence.PERMANENT, null, null), AN, "26734"));
        assertEquals(List.of("NOT_RESIDENT"),
                codes(SupportRules.residence(request(SupportPolicy.TOUR_GUIDE, Residence.PERMANENT, null, null), AN, "00001")));
        assertEquals(List.of(), SupportRules.residence(request(SupportPolicy.TOUR_GUIDE, Residence.TEMPORARY, null, null), AN, "00001"));
        assertEquals(List.of("NOT_RESIDENT"),
                codes(SupportRules.residence(request(SupportPolicy.TOUR_GUIDE, Residence.TEMPORARY, null, null), AN, "00004")));
        assertEquals(List.of("NOT_RESIDENT"),
                codes(SupportRules.residence(request(SupportPolicy.TOUR_GUIDE, Residence.STRANDED, null, null), AN, "00004")));
        assertEquals(List.of(),
                SupportRules.residence(request(SupportPolicy.TOUR_GUIDE, Residence.STRANDED, null, "ngủ ở bến xe"), AN, "00004"));
    }

    @Test
    void mealsNeedTheStatusForAtLeastTheDaysClaimed() {
        HealthSnapshot f0 = phases(new Phase("F0", HealthState.ISOLATING, NOW.minusSeconds(10 * 86_400), null));
        assertEquals(List.of(), SupportRules.eligibility(request(SupportPolicy.F0_MEALS, Residence.PERMANENT, 10, null), AN, f0,
                NOW, TODAY));
        assertEquals(List.of("NOT_ELIGIBLE"), codes(SupportRules.eligibility(request(SupportPolicy.F0_MEALS, Residence.PERMANENT, 11,
                null), AN, f0, NOW, TODAY)));
        assertEquals(List.of("NOT_ELIGIBLE"), codes(SupportRules.eligibility(request(SupportPolicy.F1_MEALS, Residence.PERMANENT, 1,
                null), AN, f0, NOW, TODAY)), "an F0 period is not an F1 quarantine");
        HealthSnapshot f1 = phases(new Phase("F1", HealthState.QUARANTINED, NOW.minusSeconds(20 * 86_400),
                NOW.minusSeconds(6 * 86_400)),
                new Phase("F1", HealthState.MONITORING, NOW.minusSeconds(6 * 86_400), NOW.plusSeconds(86_400)));
        assertEquals(14, SupportRules.daysIn(f1, "F1", HealthState.QUARANTINED, NOW));
    }

    @Test
    void theChildrensSupplementNeedsAnAgeUnder16AndAnF0OrF1Period() {
        HealthSnapshot f1 = phases(new Phase("F1", HealthState.QUARANTINED, NOW.minusSeconds(86_400), null));
        var r = request(SupportPolicy.CHILD_F0_F1, Residence.PERMANENT, null, null);
        assertEquals(List.of(), SupportRules.eligibility(r, CHILD, f1, NOW, TODAY));
        assertEquals(List.of("NOT_ELIGIBLE"), codes(SupportRules.eligibility(r, AN, f1, NOW, TODAY)));
        assertEquals(List.of("NOT_ELIGIBLE"), codes(SupportRules.eligibility(r, CHILD, HealthSnapshot.EMPTY, NOW, TODAY)));
    }

    @Test
    void theRegistryMatchUsesTheDeclarationsCodes() {
        var r = new SupportCaseRequest("079090123456", "Trần Văn An", LocalDate.of(1990, 5, 18), Gender.MALE,
                SupportPolicy.TOUR_GUIDE, Residence.PERMANENT, null, null, null);
        assertEquals(List.of("NAME_MISMATCH", "DOB_MISMATCH"), codes(SupportRules.registry(r, AN)));
        assertEquals(List.of("NOT_IN_REGISTRY"), codes(SupportRules.registry(r, null)).subList(0, 1));
    }

    @Test
    void theParserChecksDaysAgainstThePolicy() {
        Map<String, String> line = new HashMap<>(Map.of("citizen_id", "079090123456", "full_name", "Nguyễn Văn An",
                "date_of_birth", "1990-05-17", "gender", "male", "policy_id", "F0_MEALS", "residence", "PERMANENT", "days", "46"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parser.csvLine(line));
        assertEquals("days", e.errors().get(0).field());
        line.put("days", "45");
        assertEquals(45, parser.csvLine(line).days());
        line.put("days", "x");
        assertEquals("TYPE", assertThrows(InvalidInputException.class, () -> parser.csvLine(line)).errors().get(0).code());
        line.remove("days");
        assertEquals("REQUIRED", assertThrows(InvalidInputException.class, () -> parser.csvLine(line)).errors().get(0).code());
        var payment = Json.object().put("amountVnd", 80_000).put("paidAt", "2021-08-31T03:00:00Z").put("method", "BANK_TRANSFER");
        assertEquals("reference", assertThrows(InvalidInputException.class, () -> parser.payment(payment)).errors().get(0).field());
    }

    @Test
    void theCaseIdDerivesFromWardCitizenAndPolicy() {
        String id = SupportService.caseId("26734", "079090123456", SupportPolicy.F0_MEALS);
        assertEquals(22, id.length());
        assertEquals(id, SupportService.caseId("26734", "079090123456", SupportPolicy.F0_MEALS));
        assertNotEquals(id, SupportService.caseId("00001", "079090123456", SupportPolicy.F0_MEALS));
    }
}

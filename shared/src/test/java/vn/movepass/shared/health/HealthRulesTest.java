package vn.movepass.shared.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.domain.Purpose;
import vn.movepass.shared.domain.TestMethod;
import vn.movepass.shared.domain.TestResult;
import vn.movepass.shared.error.InvalidInputException;

class HealthRulesTest {
    private static final Instant T = Instant.parse("2021-08-10T03:00:00Z");
    private final HealthRules rules = new HealthRules(HealthPeriods.DEFAULTS);

    private HealthSnapshot apply(HealthSnapshot s, HealthChange c) {
        return rules.apply(s, c).after();
    }

    private static Health at(HealthSnapshot s, Instant now) {
        return Health.of(s, now);
    }

    @Test
    void anF1IsQuarantinedFourteenDaysFromTheContactThenMonitoredSevenThenNone() {
        HealthSnapshot s = apply(HealthSnapshot.EMPTY, HealthChange.classified("F1", T, "case-1"));
        Health day1 = at(s, T.plus(Duration.ofDays(1)));
        assertEquals("F1", day1.level());
        assertEquals(HealthState.QUARANTINED, day1.state());
        assertEquals(Colour.RED, day1.colour());
        assertEquals(LocalDate.parse("2021-08-24"), day1.until());
        assertEquals("case-1", day1.caseId());
        Health day15 = at(s, T.plus(Duration.ofDays(15)));
        assertEquals(HealthState.MONITORING, day15.state());
        assertEquals(Colour.AMBER, day15.colour());
        Health day22 = at(s, T.plus(Duration.ofDays(22)));
        assertEquals("NONE", day22.level());
        assertEquals(HealthState.NONE, day22.state());
        assertEquals(Colour.GREEN, day22.colour());
    }

    @Test
    void aLevelOnlyRisesAndTheMoreSevereHoldsWhateverTheOrder() {
        HealthSnapshot f2First = apply(apply(HealthSnapshot.EMPTY, HealthChange.classified("F2", T, "a")),
                HealthChange.classified("F1", T.plusSeconds(60), "b"));
        HealthSnapshot f1First = apply(apply(HealthSnapshot.EMPTY, HealthChange.classified("F1", T.plusSeconds(60), "b")),
                HealthChange.classified("F2", T, "a"));
        Instant later = T.plus(Duration.ofDays(3));
        assertEquals("F1", at(f2First, later).level());
        assertEquals(at(f2First, later).state(), at(f1First, later).state());
        assertEquals(HealthRules.Outcome.KEPT, rules.apply(f1First, HealthChange.classified("F2", T, "a")).outcome());
    }

    @Test
    void anF0IsolatesUntilRecoveredAndARecoveredContactIsShielded() {
        HealthSnapshot f0 = apply(HealthSnapshot.EMPTY, HealthChange.classified("F0", T, "case-0"));
        assertEquals(HealthState.ISOLATING, at(f0, T.plus(Duration.ofDays(90))).state());
        assertNull(at(f0, T.plus(Duration.ofDays(90))).until());
        HealthSnapshot recovered = apply(f0, HealthChange.recovered("two negative tests", T.plus(Duration.ofDays(12))));
        Health now = at(recovered, T.plus(Duration.ofDays(13)));
        assertEquals(HealthState.RECOVERED, now.state());
        assertEquals(Colour.GREEN, now.colour());
        HealthRules.Result contact = rules.apply(recovered, HealthChange.classified("F1", T.plus(Duration.ofDays(20)), "c"));
        assertEquals(HealthRules.Outcome.SHIELDED, contact.outcome());
        assertEquals(HealthState.NONE, at(recovered, T.plus(Duration.ofDays(12 + 181))).state());
    }

    @Test
    void recoveredOnlyForAnF0AndReleasedOnlyWithSomethingToEnd() {
        HealthSnapshot f1 = apply(HealthSnapshot.EMPTY, HealthChange.classified("F1", T, null));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> rules.apply(f1, HealthChange.recovered("x", T.plusSeconds(5))));
        assertEquals("NOT_F0", e.errors().get(0).code());
        HealthSnapshot released = apply(f1, HealthChange.released("negative test", T.plus(Duration.ofDays(2))));
        assertEquals(HealthState.NONE, at(released, T.plus(Duration.ofDays(3))).state());
        assertThrows(InvalidInputException.class, () -> rules.apply(released, HealthChange.released("again", T.plus(Duration.ofDays(3)))));
    }

    @Test
    void aPositiveTestMakesAnF0AndANegativeOneChangesNothing() {
        HealthSnapshot negative = apply(HealthSnapshot.EMPTY, HealthChange.tested(TestMethod.RT_PCR, TestResult.NEGATIVE, T, T));
        assertEquals(HealthSnapshot.EMPTY, negative);
        HealthSnapshot positive = apply(HealthSnapshot.EMPTY, HealthChange.tested(TestMethod.RAPID_ANTIGEN, TestResult.POSITIVE, T, T));
        assertEquals("F0", at(positive, T.plusSeconds(1)).level());
    }

    @Test
    void isolationUntilEndsAnF1sQuarantineThatDayAndMonitoringFollows() {
        HealthSnapshot f1 = apply(HealthSnapshot.EMPTY, HealthChange.classified("F1", T, null));
        HealthSnapshot home = apply(f1, HealthChange.isolation(IsolationPlace.HOME, LocalDate.parse("2021-08-20"), T.plusSeconds(60)));
        Health quarantined = at(home, Instant.parse("2021-08-20T16:00:00Z"));
        assertEquals(HealthState.QUARANTINED, quarantined.state());
        assertEquals(LocalDate.parse("2021-08-20"), quarantined.until());
        assertEquals(HealthState.MONITORING, at(home, Instant.parse("2021-08-20T17:00:00Z")).state());
        HealthSnapshot f0 = apply(HealthSnapshot.EMPTY, HealthChange.classified("F0", T, null));
        HealthSnapshot hospital = apply(f0, HealthChange.isolation(IsolationPlace.HOSPITAL, LocalDate.parse("2021-08-24"), T));
        assertEquals(LocalDate.parse("2021-08-24"), at(hospital, T.plus(Duration.ofDays(30))).until());
        assertEquals(HealthState.ISOLATING, at(hospital, T.plus(Duration.ofDays(30))).state());
        assertThrows(InvalidInputException.class,
                () -> rules.apply(HealthSnapshot.EMPTY, HealthChange.isolation(IsolationPlace.HOME, LocalDate.parse("2021-08-24"), T)));
    }

    @Test
    void vaccinationIsCompleteFourteenDaysAfterTheLastPrimaryDose() {
        Vaccination one = Vaccination.NONE.withDose(VaccineProduct.AZ, LocalDate.parse("2021-07-01"));
        assertNull(one.completeSince());
        assertEquals(LocalDate.parse("2021-07-29"), one.nextDoseFrom());
        Vaccination two = one.withDose(VaccineProduct.PFIZER, LocalDate.parse("2021-08-01"));
        assertEquals(LocalDate.parse("2021-08-15"), two.completeSince());
        HealthSnapshot s = HealthSnapshot.EMPTY.withVaccination(two);
        assertEquals(Colour.AMBER, Health.of(s, Instant.parse("2021-08-10T00:00:00Z"), List.of(), true).colour());
        assertEquals(Colour.GREEN, Health.of(s, Instant.parse("2021-08-15T00:00:00Z"), List.of(), true).colour());
        assertEquals(LocalDate.parse("2021-08-15"),
                Vaccination.NONE.withDose(VaccineProduct.JANSSEN, LocalDate.parse("2021-08-01")).completeSince());
    }

    @Test
    void aPassFlagMakesAmberAndRedTurnsBackExceptForMedicalTrips() {
        assertEquals(Colour.AMBER, Health.of(HealthSnapshot.EMPTY, T, List.of("SYMPTOMS"), false).colour());
        assertEquals(Advice.TURN_BACK, Advice.of(Colour.RED, Purpose.WORK));
        assertEquals(Advice.CHECK, Advice.of(Colour.RED, Purpose.MEDICAL));
        assertEquals(Advice.ALLOW, Advice.of(Colour.GREEN, Purpose.WORK));
    }

    @Test
    void theSnapshotSurvivesItsEncoding() {
        HealthSnapshot s = apply(apply(HealthSnapshot.EMPTY, HealthChange.classified("F1", T, "case-1")),
                HealthChange.isolation(IsolationPlace.FACILITY, LocalDate.parse("2021-08-30"), T))
                .withVaccination(Vaccination.NONE.withDose(VaccineProduct.SINOPHARM, LocalDate.parse("2021-07-01")));
        assertEquals(s, HealthSnapshot.decode(s.encode()));
        assertEquals(HealthSnapshot.EMPTY, HealthSnapshot.decode(null));
        assertEquals(T.plus(Duration.ofDays(21)), apply(HealthSnapshot.EMPTY, HealthChange.classified("F1", T, null)).activeUntil());
    }
}

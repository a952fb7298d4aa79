package vn.movepass.shared.greenlane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.store.DriverTestItem;

class TestJudgeTest {
    static final Instant NOW = Instant.parse("2021-08-23T08:00:00Z");

    static DriverTestItem test(String result, Duration ago) {
        return DriverTestItem.builder().citizenId("079090123456").testId(result + ago).method("RT_PCR").result(result)
                .sampledAt(Times.iso(NOW.minus(ago))).build();
    }

    @Test
    void aNegativeIsValidFor72HoursFromSampling() {
        assertTrue(TestJudge.judge(List.of(test("NEGATIVE", Duration.ofHours(71).plusMinutes(59))), NOW).valid());
        TestJudge.Judgement expired = TestJudge.judge(List.of(test("NEGATIVE", Duration.ofHours(72))), NOW);
        assertEquals(DriverReason.TEST_EXPIRED, expired.reason());
        assertEquals("NEGATIVE", expired.test().result());
    }

    @Test
    void theNewestNegativeCounts() {
        var j = TestJudge.judge(List.of(test("NEGATIVE", Duration.ofHours(100)), test("NEGATIVE", Duration.ofHours(2))), NOW);
        assertTrue(j.valid());
        assertEquals(Times.iso(NOW.minus(Duration.ofHours(2))), j.test().sampledAt());
    }

    @Test
    void aPositiveWithinFourteenDaysBlocksWhateverFollows() {
        var j = TestJudge.judge(List.of(test("POSITIVE", Duration.ofDays(5)), test("NEGATIVE", Duration.ofHours(1))), NOW);
        assertEquals(DriverReason.TEST_POSITIVE, j.reason());
        assertEquals("POSITIVE", j.test().result());
        assertTrue(TestJudge.judge(List.of(test("POSITIVE", Duration.ofDays(14)), test("NEGATIVE", Duration.ofHours(1))), NOW)
                .valid(), "a positive 14 days old no longer blocks");
    }

    @Test
    void noTestsOrOnlyOldOnes() {
        assertEquals(DriverReason.NO_TEST, TestJudge.judge(List.of(), NOW).reason());
        assertNull(TestJudge.judge(List.of(), NOW).test());
        assertEquals(DriverReason.NO_TEST, TestJudge.judge(List.of(test("NEGATIVE", Duration.ofDays(15))), NOW).reason());
    }

    /** Seeded random sets against a direct reading of the rule. */
    @Test
    void randomisedAgainstTheRuleAsWritten() {
        Random random = new Random(72L);
        for (int n = 0; n < 5000; n++) {
            List<DriverTestItem> tests = new ArrayList<>();
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                tests.add(test(random.nextInt(5) == 0 ? "POSITIVE" : "NEGATIVE",
                        Duration.ofMinutes(random.nextInt(20 * 24 * 60))));
            }
            boolean blocked = tests.stream().anyMatch(t -> t.result().equals("POSITIVE")
                    && Instant.parse(t.sampledAt()).plus(Duration.ofDays(14)).isAfter(NOW));
            Instant newestNegative = tests.stream().filter(t -> t.result().equals("NEGATIVE"))
                    .map(t -> Instant.parse(t.sampledAt())).filter(at -> at.plus(Duration.ofDays(14)).isAfter(NOW))
                    .max(Instant::compareTo).orElse(null);
            DriverReason expected = blocked ? DriverReason.TEST_POSITIVE
                    : newestNegative == null ? DriverReason.NO_TEST
                    : newestNegative.plus(Duration.ofHours(72)).isAfter(NOW) ? null : DriverReason.TEST_EXPIRED;
            assertEquals(expected, TestJudge.judge(tests, NOW).reason(), tests.toString());
        }
    }
}

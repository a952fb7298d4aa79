package vn.movepass.shared.health;

import java.time.Instant;
import java.time.LocalDate;
import vn.movepass.shared.domain.TestMethod;
import vn.movepass.shared.domain.TestResult;

/**
 * What one health event says, as {@link HealthRules} needs it (the stored event adds its id, who recorded it and
 * when). Fields that do not belong to {@code type} are null; the parser refuses them.
 *
 * @param at         when it happened (a contact's {@code contactAt} for tracing's classifications)
 * @param level      CLASSIFIED: F0–F3
 * @param place      ISOLATION: where
 * @param until      ISOLATION: until when (a Viet Nam date, inclusive)
 * @param reason     RELEASED, RECOVERED: why
 * @param caseId     CLASSIFIED by tracing, or an F0 that opened a case: the case
 */
public record HealthChange(HealthEventType type, Instant at, String level, TestMethod testMethod, TestResult testResult,
        Instant sampledAt, IsolationPlace place, LocalDate until, String reason, String caseId) {

    public static HealthChange classified(String level, Instant at, String caseId) {
        return new HealthChange(HealthEventType.CLASSIFIED, at, level, null, null, null, null, null, null, caseId);
    }

    public static HealthChange tested(TestMethod method, TestResult result, Instant sampledAt, Instant at) {
        return new HealthChange(HealthEventType.TESTED, at, null, method, result, sampledAt, null, null, null, null);
    }

    public static HealthChange isolation(IsolationPlace place, LocalDate until, Instant at) {
        return new HealthChange(HealthEventType.ISOLATION, at, null, null, null, null, place, until, null, null);
    }

    public static HealthChange released(String reason, Instant at) {
        return new HealthChange(HealthEventType.RELEASED, at, null, null, null, null, null, null, reason, null);
    }

    public static HealthChange recovered(String reason, Instant at) {
        return new HealthChange(HealthEventType.RECOVERED, at, null, null, null, null, null, null, reason, null);
    }

    /** The level this change classifies as: CLASSIFIED's level, F0 for a POSITIVE test, else null. */
    public String raisesTo() {
        if (type == HealthEventType.CLASSIFIED) {
            return level;
        }
        return type == HealthEventType.TESTED && testResult == TestResult.POSITIVE ? "F0" : null;
    }
}

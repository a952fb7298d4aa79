package vn.movepass.shared.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import vn.movepass.shared.declaration.RegistryCheck;
import vn.movepass.shared.domain.RejectionReason;
import vn.movepass.shared.error.FieldError;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthState;
import vn.movepass.shared.health.Phase;
import vn.movepass.shared.store.ResidentItem;

/**
 * The checks of a support case that need no store: the registry match (as a declaration's), the residence, and what
 * our health data can tell about eligibility. Pure, so every rule is unit-tested. Each returns the errors to answer
 * (empty: the case passes).
 */
public final class SupportRules {
    public static final String NOT_RESIDENT = "NOT_RESIDENT";
    public static final String NOT_ELIGIBLE = "NOT_ELIGIBLE";

    private SupportRules() {
    }

    /** The registry's disagreements, as a declaration's reason codes. */
    public static List<FieldError> registry(SupportCaseRequest r, ResidentItem resident) {
        List<FieldError> errors = new ArrayList<>();
        for (RejectionReason reason : RegistryCheck.reasons(r.citizenId(), r.fullName(), r.dateOfBirth(), r.gender(), resident)) {
            errors.add(new FieldError(field(reason), reason.name(), "the population registry disagrees: " + reason.name()));
        }
        return errors;
    }

    /**
     * PERMANENT: the registry's permanent ward is this one; TEMPORARY: its registered temporary ward, or the current
     * residence it holds, is this one; STRANDED: anywhere, with a note saying why.
     */
    public static List<FieldError> residence(SupportCaseRequest r, ResidentItem resident, String wardCode) {
        boolean ok = switch (r.residence()) {
            case PERMANENT -> wardCode.equals(resident.permanentWardCode());
            case TEMPORARY -> wardCode.equals(resident.temporaryWardCode()) || wardCode.equals(resident.currentWardCode());
            case STRANDED -> r.note() != null && !r.note().isBlank();
        };
        if (ok) {
            return List.of();
        }
        return List.of(r.residence() == Residence.STRANDED
                ? new FieldError("note", NOT_RESIDENT, "a stranded person's case needs a note saying where and why")
                : new FieldError("residence", NOT_RESIDENT, "the registry's " + r.residence().name().toLowerCase(java.util.Locale.ROOT)
                        + " residence is not in this ward"));
    }

    /** What our data can check of the policy's conditions ({@link SupportPolicy#check}). */
    public static List<FieldError> eligibility(SupportCaseRequest r, ResidentItem resident, HealthSnapshot health, Instant now,
                                               LocalDate today) {
        return switch (r.policy().check()) {
            case NONE -> List.of();
            case F0_DAYS -> days(r, health, "F0", HealthState.ISOLATING, now);
            case F1_DAYS -> days(r, health, "F1", HealthState.QUARANTINED, now);
            case CHILD_F0_F1 -> child(resident, health, today);
        };
    }

    private static List<FieldError> days(SupportCaseRequest r, HealthSnapshot health, String level, HealthState state,
                                         Instant now) {
        long had = daysIn(health, level, state, now);
        if (had == 0) {
            return List.of(new FieldError("policyId", NOT_ELIGIBLE, "the health history has no " + level + " period for this person"));
        }
        if (r.days() > had) {
            return List.of(new FieldError("days", NOT_ELIGIBLE, "the health history shows " + had + " days as " + level));
        }
        return List.of();
    }

    private static List<FieldError> child(ResidentItem resident, HealthSnapshot health, LocalDate today) {
        LocalDate born = LocalDate.parse(resident.dateOfBirth());
        if (Period.between(born, today).getYears() >= SupportPolicy.CHILD_AGE_LIMIT) {
            return List.of(new FieldError("dateOfBirth", NOT_ELIGIBLE, "the registry's date of birth makes this person "
                    + SupportPolicy.CHILD_AGE_LIMIT + " or older"));
        }
        boolean f0OrF1 = false;
        for (Phase p : health.phases()) {
            f0OrF1 |= p.state() == HealthState.ISOLATING || p.state() == HealthState.RECOVERED
                    || "F1".equals(p.level()) && p.state() == HealthState.QUARANTINED;
        }
        return f0OrF1 ? List.of()
                : List.of(new FieldError("policyId", NOT_ELIGIBLE, "the health history has no F0 or F1 period for this child"));
    }

    /** Whole or started days spent as {@code level} in {@code state} up to {@code now}. */
    static long daysIn(HealthSnapshot health, String level, HealthState state, Instant now) {
        Duration total = Duration.ZERO;
        for (Phase p : health.phases()) {
            if (level.equals(p.level()) && p.state() == state && p.from().isBefore(now)) {
                Instant end = p.until() == null || p.until().isAfter(now) ? now : p.until();
                total = total.plus(Duration.between(p.from(), end));
            }
        }
        long seconds = total.getSeconds();
        return (seconds + 86_399) / 86_400;
    }

    private static String field(RejectionReason r) {
        return switch (r) {
            case NAME_MISMATCH -> "fullName";
            case DOB_MISMATCH -> "dateOfBirth";
            case GENDER_MISMATCH -> "gender";
            default -> "citizenId";
        };
    }
}

package vn.movepass.shared.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import vn.movepass.shared.domain.Times;

/**
 * The contract's {@code health} object: a snapshot judged against the clock. When a period has ended by the clock
 * the level and state read NONE, whether or not anything was written since.
 *
 * @param until the last day of the current state (a Viet Nam date), or an F0's planned end of isolation, or null
 */
public record Health(String level, HealthState state, Instant since, LocalDate until, String caseId,
        VaccinationView vaccination, Colour colour) {

    /** The contract's {@code vaccination} object. */
    public record VaccinationView(int doses, boolean complete, LocalDate completeSince, LastDose lastDose) {
    }

    /** The contract's {@code lastDose}. */
    public record LastDose(String product, LocalDate date) {
    }

    /**
     * The resident's health at {@code now}.
     *
     * @param passFlags                 the pass's declaration flags (SYMPTOMS, POSITIVE_TEST make it AMBER); may be empty
     * @param requireCompleteVaccination the province's policy: incomplete vaccination makes it AMBER
     */
    public static Health of(HealthSnapshot snapshot, Instant now, Collection<String> passFlags, boolean requireCompleteVaccination) {
        Phase p = snapshot.at(now);
        Vaccination v = snapshot.vaccination();
        LocalDate today = Times.vietnamDate(now);
        boolean complete = v.completeOn(today);
        VaccinationView view = new VaccinationView(v.doses(), complete, v.completeSince(),
                v.lastProduct() == null ? null : new LastDose(v.lastProduct().name(), v.lastDate()));
        Colour colour = colour(p, passFlags, requireCompleteVaccination && !complete);
        if (p == null) {
            return new Health("NONE", HealthState.NONE, null, null, null, view, colour);
        }
        LocalDate until = p.until() != null ? Times.vietnamDate(p.until().minusNanos(1)) : p.due();
        String caseId = p.state() == HealthState.RECOVERED ? null : snapshot.caseId();
        return new Health(p.level(), p.state(), p.from(), until, caseId, view, colour);
    }

    /** The resident's health at {@code now}, as a declaration or a registry look-up sees it (no pass flags, no policy). */
    public static Health of(HealthSnapshot snapshot, Instant now) {
        return of(snapshot, now, java.util.List.of(), false);
    }

    private static Colour colour(Phase p, Collection<String> flags, boolean incomplete) {
        if (p != null && (p.state() == HealthState.ISOLATING || p.state() == HealthState.QUARANTINED)) {
            return Colour.RED;
        }
        boolean monitoring = p != null && p.state() == HealthState.MONITORING;
        if (monitoring || flags.contains("SYMPTOMS") || flags.contains("POSITIVE_TEST") || incomplete) {
            return Colour.AMBER;
        }
        return Colour.GREEN;
    }

    /** Whether the resident must not travel now (isolating or quarantined). */
    public boolean red() {
        return colour == Colour.RED;
    }
}

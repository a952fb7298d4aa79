package vn.movepass.shared.health;

import java.time.LocalDate;
import vn.movepass.shared.domain.Times;

/**
 * The contract's {@code health} object as JSON writes it (instants and dates as ISO strings: the mapper has no
 * java.time module).
 */
public record HealthView(String level, String state, String since, String until, String caseId, Vaccination vaccination,
        String colour) {

    /** The contract's {@code vaccination} object. */
    public record Vaccination(int doses, boolean complete, String completeSince, LastDose lastDose) {
    }

    /** The contract's {@code lastDose}. */
    public record LastDose(String product, String date) {
    }

    /** The same without the case id: for a venue's phone or a citizen, who have no business with a case's id. */
    public HealthView withoutCase() {
        return new HealthView(level, state, since, until, null, vaccination, colour);
    }

    public static HealthView of(Health h) {
        if (h == null) {
            return null;
        }
        Health.VaccinationView v = h.vaccination();
        Vaccination vaccination = v == null ? null : new Vaccination(v.doses(), v.complete(), date(v.completeSince()),
                v.lastDose() == null ? null : new LastDose(v.lastDose().product(), date(v.lastDose().date())));
        return new HealthView(h.level(), h.state().name(), h.since() == null ? null : Times.iso(h.since()), date(h.until()),
                h.caseId(), vaccination, h.colour().name());
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }
}

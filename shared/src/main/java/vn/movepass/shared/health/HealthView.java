package vn.movepass.shared.health;

import vn.movepass.shared.domain.Times;

/** The contract's {@code health} object as it goes on the wire (instants and dates as ISO text). */
public record HealthView(String level, String state, String since, String until, String caseId, Vaccination vaccination,
        String colour) {

    /** The contract's {@code vaccination} object. */
    public record Vaccination(int doses, boolean complete, String completeSince, LastDose lastDose) {
    }

    /** The contract's {@code lastDose}. */
    public record LastDose(String product, String date) {
    }

    public static HealthView of(Health h) {
        Health.VaccinationView v = h.vaccination();
        Vaccination vaccination = new Vaccination(v.doses(), v.complete(), text(v.completeSince()),
                v.lastDose() == null ? null : new LastDose(v.lastDose().product(), text(v.lastDose().date())));
        return new HealthView(h.level(), h.state().name(), h.since() == null ? null : Times.iso(h.since()), text(h.until()),
                h.caseId(), vaccination, h.colour().name());
    }

    private static String text(java.time.LocalDate d) {
        return d == null ? null : d.toString();
    }
}

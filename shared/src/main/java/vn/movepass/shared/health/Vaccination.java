package vn.movepass.shared.health;

import java.time.LocalDate;

/**
 * A resident's vaccination as stored: how many doses, the day of the first (the coverage report counts a resident
 * from it), the last one, and the day the primary series counts as complete (14 days after its last dose; null while
 * it is not). Whether it is complete is judged at read time.
 */
public record Vaccination(int doses, LocalDate firstDate, VaccineProduct lastProduct, LocalDate lastDate,
                          LocalDate completeSince) {
    public static final Vaccination NONE = new Vaccination(0, null, null, null, null);

    /** The summary after one more dose: the series completes with the product's last primary dose. */
    public Vaccination withDose(VaccineProduct product, LocalDate date) {
        int n = doses + 1;
        LocalDate complete = completeSince;
        if (complete == null && n >= product.primaryDoses()) {
            complete = date.plus(VaccineProduct.COMPLETE_AFTER);
        }
        return new Vaccination(n, firstDate == null ? date : firstDate, product, date, complete);
    }

    /** Whether the primary series is complete on {@code today} (a Viet Nam date). */
    public boolean completeOn(LocalDate today) {
        return completeSince != null && !today.isBefore(completeSince);
    }

    /**
     * The earliest day the next dose may be given, or null before the first dose: the last product's interval within
     * the primary series, {@link VaccineProduct#BOOSTER_INTERVAL} after it.
     */
    public LocalDate nextDoseFrom() {
        if (lastProduct == null) {
            return null;
        }
        return lastDate.plus(completeSince != null ? VaccineProduct.BOOSTER_INTERVAL : lastProduct.minimumInterval());
    }
}

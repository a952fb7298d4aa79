package vn.movepass.shared.health;

import java.time.Period;

/**
 * The COVID-19 vaccines used in Viet Nam in 2021, with their primary-series dose count and the minimum interval
 * between primary doses. Sources for each interval are cited in docs/health.md.
 */
public enum VaccineProduct {
    AZ(2, 28),
    PFIZER(2, 21),
    MODERNA(2, 28),
    SINOPHARM(2, 21),
    SPUTNIK_V(2, 21),
    ABDALA(2, 14),
    HAYAT_VAX(2, 21),
    JANSSEN(1, 0);

    /** Vaccination is complete this long after the last primary dose. */
    public static final Period COMPLETE_AFTER = Period.ofDays(14);
    /** A dose after the primary series (a booster) comes at least this long after the last one. */
    public static final Period BOOSTER_INTERVAL = Period.ofMonths(6);

    private final int primaryDoses;
    private final int minimumIntervalDays;

    VaccineProduct(int primaryDoses, int minimumIntervalDays) {
        this.primaryDoses = primaryDoses;
        this.minimumIntervalDays = minimumIntervalDays;
    }

    public int primaryDoses() {
        return primaryDoses;
    }

    /** The shortest gap from one primary dose of this product to the next. */
    public Period minimumInterval() {
        return Period.ofDays(minimumIntervalDays);
    }
}

package vn.movepass.shared.report;

/** The numbers a daily report adds up; each is one numeric attribute of a counter shard item. */
public enum Counter {
    DECLARATIONS_ACCEPTED("declarationsAccepted"),
    DECLARATIONS_REJECTED("declarationsRejected"),
    /** Web declarations refused by the anti-enumeration limit (429): nothing stored but a refusal record. */
    DECLARATIONS_REFUSED("declarationsRefused"),
    /** Passages in, out and turned back on the day, at the checkpoint's ward: {@linkplain #perPassage per passage}. */
    PASSAGES_IN("passagesIn", Kind.PER_PASSAGE),
    PASSAGES_OUT("passagesOut", Kind.PER_PASSAGE),
    PASSAGES_TURNED_BACK("passagesTurnedBack", Kind.PER_PASSAGE),
    F0("F0"),
    F1("F1"),
    F2("F2"),
    F3("F3"),
    /** Vaccine doses given on the day, counted in the resident's current ward. */
    DOSES_GIVEN("dosesGiven"),
    /** Residents isolating (F0) at the end of the day: a running count ({@link #running}). */
    ISOLATING("isolating", Kind.RUNNING),
    /** Residents in quarantine (F1) at the end of the day: running. */
    QUARANTINED("quarantined", Kind.RUNNING),
    /** Residents under monitoring (F1 after quarantine, F2, F3) at the end of the day: running. */
    MONITORING("monitoring", Kind.RUNNING),
    /** Residents in their recovered period at the end of the day: running. */
    RECOVERED("recovered", Kind.RUNNING),
    /**
     * Vaccination coverage, running: residents aged 18 or more (+1 on their 18th birthday, -1 on the day of their death,
     * in their current ward; written with the registry import), residents with at least one dose (+1 on its day) and
     * residents whose primary series is complete (+1 on the day it counts as complete), in the ward they are counted in.
     */
    ADULTS("adults", Kind.RUNNING),
    FIRST_DOSE("firstDose", Kind.RUNNING),
    COMPLETE("complete", Kind.RUNNING),
    /** Check-ins (INs) at venues of each type on the day, counted in the venue's ward. */
    CHECK_INS_SUPERMARKET("checkInsSupermarket"),
    CHECK_INS_PHARMACY("checkInsPharmacy"),
    CHECK_INS_MARKET("checkInsMarket"),
    CHECK_INS_MALL("checkInsMall"),
    CHECK_INS_RESTAURANT("checkInsRestaurant"),
    CHECK_INS_OTHER("checkInsOther"),
    /** Policy support cases entered on the day, in the case's ward. */
    SUPPORT_CASES("supportCases"),
    /** Support payments recorded on the day (less the reversals recorded that day), and their amount in VND. */
    SUPPORT_PAID("supportPaid"),
    SUPPORT_AMOUNT_PAID("supportAmountPaidVnd");

    /** How a counter is kept: a count of the day, a running count, or a count of the day on the passage items. */
    private enum Kind {
        DAY, RUNNING, PER_PASSAGE
    }

    private final String attribute;
    private final Kind kind;

    Counter(String attribute) {
        this(attribute, Kind.DAY);
    }

    Counter(String attribute, Kind kind) {
        this.attribute = attribute;
        this.kind = kind;
    }

    /**
     * A running counter holds, on each day, the change of a number of residents in a state (+1 where a stay starts,
     * -1 on the day it ends); the count at the end of a day is the sum of every change up to and including that day
     * ({@link DailyCounters#read}), so a stay that ends by the clock needs no write when it ends.
     */
    public boolean running() {
        return kind == Kind.RUNNING;
    }

    /**
     * A counter every passage adds to (1,170 a second nationally at the peak): kept on items of its own, sharded by
     * that load ({@link DailyCounters#passageShards}) rather than with the low-rate counters of the day.
     */
    public boolean perPassage() {
        return kind == Kind.PER_PASSAGE;
    }

    public String attribute() {
        return attribute;
    }
}

package vn.movepass.shared.venue;

import vn.movepass.shared.report.Counter;

/** What kind of place a venue is; the daily report counts check-ins per type. */
public enum VenueType {
    SUPERMARKET(Counter.CHECK_INS_SUPERMARKET),
    PHARMACY(Counter.CHECK_INS_PHARMACY),
    MARKET(Counter.CHECK_INS_MARKET),
    MALL(Counter.CHECK_INS_MALL),
    RESTAURANT(Counter.CHECK_INS_RESTAURANT),
    OTHER(Counter.CHECK_INS_OTHER);

    private final Counter checkIns;

    VenueType(Counter checkIns) {
        this.checkIns = checkIns;
    }

    /** The daily counter of this type's check-ins. */
    public Counter checkIns() {
        return checkIns;
    }
}

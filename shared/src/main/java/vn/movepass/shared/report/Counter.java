package vn.movepass.shared.report;

/** The numbers a daily report adds up; each is one numeric attribute of a counter shard item. */
public enum Counter {
    DECLARATIONS_ACCEPTED("declarationsAccepted"),
    DECLARATIONS_REJECTED("declarationsRejected"),
    /** Web declarations refused by the anti-enumeration limit (429): nothing stored but a refusal record. */
    DECLARATIONS_REFUSED("declarationsRefused"),
    PASSAGES_IN("passagesIn"),
    PASSAGES_OUT("passagesOut"),
    PASSAGES_TURNED_BACK("passagesTurnedBack"),
    F0("F0"),
    F1("F1"),
    F2("F2"),
    F3("F3");

    private final String attribute;

    Counter(String attribute) {
        this.attribute = attribute;
    }

    public String attribute() {
        return attribute;
    }
}

package vn.movepass.shared.ops;

/** Every metric the functions emit, with its CloudWatch name. Dimensions are enum names: low cardinality by type. */
public enum Metric {
    /** Declarations stored, by {@code Outcome} (ACCEPTED, REJECTED) and channel. */
    DECLARATIONS("Declarations"),
    /** Each reason of a rejected declaration, by {@code Reason}. */
    DECLARATION_REJECTIONS("DeclarationRejections"),
    /** Web declarations refused by the anti-enumeration limit (429), without a registry read. */
    DECLARATIONS_REFUSED("DeclarationsRefused"),
    /** Checkpoint scans, by {@code Verdict}, and by {@code Advice} once health is judged. */
    SCANS("Scans"),
    /** Passages recorded, by {@code Decision}. */
    PASSAGES("Passages"),
    /** Trace units opened (one per traced person and step) and closed. */
    TRACE_UNITS_OPENED("TraceUnitsOpened"),
    TRACE_UNITS_CLOSED("TraceUnitsClosed"),
    /** Open units whose message the sweeper sent again (lost messages healed). */
    TRACE_UNITS_RESENT("TraceUnitsResent"),
    /** Contacts written by tracing, by {@code Level} (F1, F2, F3). */
    CONTACTS_WRITTEN("ContactsWritten"),
    /** From a case's opening to its completion, in milliseconds. */
    CASE_DURATION("CaseDuration"),
    /** Messages moved from a dead-letter queue back to its source by an operator's redrive. */
    DLQ_REDRIVES("DlqRedrives");

    private final String cloudWatchName;

    Metric(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
        return cloudWatchName;
    }
}

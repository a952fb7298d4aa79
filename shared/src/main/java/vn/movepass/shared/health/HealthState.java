package vn.movepass.shared.health;

/** What a resident's health status asks of them now. */
public enum HealthState {
    /** An F0 until a RECOVERED event. */
    ISOLATING,
    /** An F1 for the quarantine period from the contact. */
    QUARANTINED,
    /** An F1 after quarantine, an F2 or an F3, for the monitoring period. */
    MONITORING,
    /** A recovered F0, for the recovered period: found as a contact, not quarantined. */
    RECOVERED,
    NONE
}

package vn.movepass.shared.domain;

/** Why the population registry disagrees with a declaration. */
public enum RejectionReason {
    NOT_IN_REGISTRY, NAME_MISMATCH, DOB_MISMATCH, GENDER_MISMATCH, ID_INCONSISTENT, DECEASED,
    /** Isolating or quarantined at submission (health status RED); a MEDICAL trip is accepted with flag ISOLATING. */
    ISOLATING
}

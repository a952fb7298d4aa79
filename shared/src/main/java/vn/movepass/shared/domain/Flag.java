package vn.movepass.shared.domain;

/** Health signals on an accepted declaration, shown at checkpoints. */
public enum Flag {
    SYMPTOMS, CONTACT, POSITIVE_TEST,
    /** Isolating or quarantined, travelling for a MEDICAL purpose. */
    ISOLATING
}

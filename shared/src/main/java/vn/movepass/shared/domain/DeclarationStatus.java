package vn.movepass.shared.domain;

/** Outcome of the registry check. */
public enum DeclarationStatus {
    ACCEPTED, REJECTED
}

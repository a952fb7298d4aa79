package vn.movepass.shared.domain;

/** A checkpoint scan's answer. */
public enum Verdict {
    VALID, EXPIRED, REVOKED, INVALID, NO_VALID_PASS, UNKNOWN_CITIZEN
}

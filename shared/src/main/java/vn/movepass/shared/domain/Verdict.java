package vn.movepass.shared.domain;

/**
 * A checkpoint scan's answer. CARD_ONLY: a chip-ID card of a registry resident without a valid pass, at a checkpoint
 * of a province whose policy is {@code cardOnly} (the card is the pass). Append only: the ordinal is sealed in scan ids.
 */
public enum Verdict {
    VALID, EXPIRED, REVOKED, INVALID, NO_VALID_PASS, UNKNOWN_CITIZEN, CARD_ONLY
}

package vn.movepass.shared.greenlane;

/** The answer to a green-lane vehicle scan. */
public enum VehicleVerdict {
    /** The permit is valid and the driver on board is on it with a valid negative test. */
    VALID,
    /** The permit is valid, but the driver on board may not drive under it now: see {@link DriverReason}. */
    NO_VALID_TEST,
    /** The permit's validity has not started yet. */
    NOT_YET_VALID,
    EXPIRED,
    REVOKED,
    /** Unreadable, not ours, altered, or signed with an unknown key. */
    INVALID
}

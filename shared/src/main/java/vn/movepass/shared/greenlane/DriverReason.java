package vn.movepass.shared.greenlane;

/** Why a driver on board makes a valid permit answer {@link VehicleVerdict#NO_VALID_TEST}. */
public enum DriverReason {
    /** The newest negative test was sampled 72 hours ago or more. */
    TEST_EXPIRED,
    /** A positive test sampled in the last 14 days. */
    TEST_POSITIVE,
    /** No test sampled in the last 14 days. */
    NO_TEST,
    /** The citizen id is not in the population registry. */
    UNKNOWN_DRIVER,
    /** A registered citizen who is not one of the permit's drivers. */
    DRIVER_NOT_ON_PERMIT
}

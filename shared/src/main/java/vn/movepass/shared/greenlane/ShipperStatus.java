package vn.movepass.shared.greenlane;

/** What a checkpoint scan of a shipper shows. */
public enum ShipperStatus {
    ACTIVE, NOT_YET_VALID, EXPIRED, SUSPENDED, NOT_REGISTERED,
    /** Neither a chip-ID card QR nor a well-formed shipper code. */
    INVALID
}

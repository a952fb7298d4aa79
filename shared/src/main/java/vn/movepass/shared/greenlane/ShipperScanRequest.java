package vn.movepass.shared.greenlane;

/** A validated shipper scan: the text of a chip-ID card QR or a shipper code. */
public record ShipperScanRequest(String code) {
}

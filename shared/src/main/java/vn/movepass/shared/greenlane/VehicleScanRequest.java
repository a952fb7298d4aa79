package vn.movepass.shared.greenlane;

import vn.movepass.shared.identity.ChipCard;

/** A validated vehicle scan: the permit's QR text and the driver on board (a typed citizen id, a chip-ID card, or both). */
public record VehicleScanRequest(String code, String driverCitizenId, ChipCard driverCard) {
    /** The driver's citizen id, from the card when one was scanned. */
    public String driverId() {
        return driverCard != null ? driverCard.citizenId() : driverCitizenId;
    }
}

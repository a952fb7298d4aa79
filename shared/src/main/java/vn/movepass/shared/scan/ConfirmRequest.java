package vn.movepass.shared.scan;

import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Direction;

/**
 * A validated passage confirmation: the sealed scan id, the direction, the officer's decision, the plate seen, and
 * the officer's reason when letting a RED holder through (required then, recorded on the passage).
 */
public record ConfirmRequest(String scanId, Direction direction, Decision decision, String vehiclePlate, String overrideReason) {
    public ConfirmRequest(String scanId, Direction direction, Decision decision, String vehiclePlate) {
        this(scanId, direction, decision, vehiclePlate, null);
    }
}

package vn.movepass.shared.scan;

import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Direction;

/** A validated passage confirmation: the sealed scan id, the direction, the officer's decision and the plate seen. */
public record ConfirmRequest(String scanId, Direction direction, Decision decision, String vehiclePlate) {
}

package vn.movepass.shared.scan;

import java.time.Instant;
import vn.movepass.shared.domain.Decision;
import vn.movepass.shared.domain.Direction;

/**
 * A confirmation the checkpoint page made without network: the scanned token, when the officer confirmed, which way,
 * the decision, and the id the phone gave it (the same id again is the same confirmation).
 */
public record OfflinePassageRequest(String token, Instant at, Direction direction, Decision decision, String confirmationId) {
}

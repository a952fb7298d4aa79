package vn.movepass.shared.store;

import java.time.Instant;
import vn.movepass.shared.domain.Times;

/**
 * Keys of the passages table: partition {@code CP#<checkpoint>#<yyyyMMddHH>} (one hour of one
 * checkpoint: a ±15 min window touches at most two), sort {@code <instant>#<passageId>}.
 */
public final class PassageKeys {
    private PassageKeys() {
    }

    public static String partition(String checkpointId, Instant at) {
        return "CP#" + checkpointId + "#" + Times.hourBucket(at);
    }

    public static String sort(Instant at, String passageId) {
        return Times.iso(at) + "#" + passageId;
    }
}

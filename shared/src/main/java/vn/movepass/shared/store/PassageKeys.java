package vn.movepass.shared.store;

import java.time.Instant;
import java.util.List;
import vn.movepass.shared.domain.Times;

/**
 * Keys of the passages table: partition {@code CP#<checkpoint>#<yyyyMMddHH>#<s>} (one hour of one checkpoint, split
 * into {@link HourShards#SHARDS} keys by the passage id so that a busy gateway's hour is not one hot partition; a
 * ±15 min window touches at most two hours, so eight keys), sort {@code <instant>#<passageId>}.
 */
public final class PassageKeys {
    private PassageKeys() {
    }

    /** The hour bucket {@code CP#<checkpoint>#<yyyyMMddHH>} of a checkpoint, without its shard. */
    public static String bucket(String checkpointId, Instant at) {
        return "CP#" + checkpointId + "#" + Times.hourBucket(at);
    }

    /** The partition of one passage: its hour bucket and the shard of its id (a retry of it lands on the same key). */
    public static String partition(String checkpointId, Instant at, String passageId) {
        return HourShards.key(bucket(checkpointId, at), passageId);
    }

    /** Every partition of the checkpoint's hour that holds {@code at}: a reader of that hour queries them all. */
    public static List<String> partitions(String checkpointId, Instant at) {
        return HourShards.keys(bucket(checkpointId, at));
    }

    /** Every partition of the checkpoint's hour {@code hourBucket} ({@code yyyyMMddHH}, as {@link Times#hourBucket}). */
    public static List<String> partitions(String checkpointId, String hourBucket) {
        return HourShards.keys("CP#" + checkpointId + "#" + hourBucket);
    }

    public static String sort(Instant at, String passageId) {
        return Times.iso(at) + "#" + passageId;
    }
}

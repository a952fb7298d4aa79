package vn.movepass.shared.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The shard suffix of an hour-bucketed key (issue 22, docs/capacity.md "What runs hot"): one hour of one busy checkpoint
 * (PassagesTable {@code CP#<checkpoint>#<hour>}) or one hour of the whole country (VenuesTable's byHour {@code inHour})
 * took every write of that hour on one partition. A record's key is {@code <bucket>#<s>} with {@code s} = CRC32 of the
 * record's own id mod {@link #SHARDS}: stable, so a retry of the same record lands on the same key (and its conditional
 * put still sees the first write); a reader of the bucket queries its {@link #SHARDS} keys ({@link #keys}).
 */
public final class HourShards {
    /** Shards of one hour bucket: a quarter of the busiest key's writes each (docs/capacity.md rows 2 and 3). */
    public static final int SHARDS = 4;

    private HourShards() {
    }

    /** The shard of a record id, in {@code [0, SHARDS)}; the same for every call with the same id. */
    public static int of(String id) {
        return Shards.of(id, SHARDS);
    }

    /** The key of a record in {@code bucket}: {@code <bucket>#<shard of id>}. */
    public static String key(String bucket, String id) {
        return bucket + "#" + of(id);
    }

    /** Every key of {@code bucket}, shard 0 first: what a reader of the bucket queries. */
    public static List<String> keys(String bucket) {
        List<String> keys = new ArrayList<>(SHARDS);
        for (int s = 0; s < SHARDS; s++) {
            keys.add(bucket + "#" + s);
        }
        return keys;
    }
}

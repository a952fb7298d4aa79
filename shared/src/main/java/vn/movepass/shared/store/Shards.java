package vn.movepass.shared.store;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The shard of a record among {@code n}: CRC32 of its id (UTF-8; null counts as empty) mod {@code n}, the same in every
 * JVM, so a retried write lands on the shard of its first attempt. One rule for the CRC32-sharded keys: hour buckets
 * (HourShards), day counters (DailyCounters), support ward lists and support counters.
 */
public final class Shards {
    private Shards() {
    }

    /** In {@code [0, n)}. */
    public static int of(String id, int n) {
        return (int) (crc(id) % n);
    }

    /** The CRC32 itself, for a caller that takes it mod several counts (one per level). */
    public static long crc(String id) {
        CRC32 crc = new CRC32();
        crc.update((id == null ? "" : id).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}

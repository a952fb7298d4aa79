package vn.movepass.shared.offline;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Golomb-Rice coded set (as BIP 158's filters): {@code n} keyed hashes of 16-byte pass ids, each reduced into
 * {@code [0, n·2^p)}, sorted, and the gaps between neighbours written as a Rice code with parameter {@code p} (the
 * quotient {@code gap >> p} in unary as ones and a zero, then the low {@code p} bits, most significant bit first),
 * padded with zeros to whole bytes. About {@code p + 1.6} bits an entry; a stranger's id matches by chance with
 * probability about {@code 2^-p}. The checkpoint page decodes the same bytes ({@code web/js/checkpoint/health-list.js}).
 *
 * <p>An entry's value: the first 8 bytes of {@code HMAC-SHA256(key, passId)} as an unsigned big-endian number, modulo
 * {@code n·2^p}. Values stay below 2^53 while {@code n < 2^(53-p)}, so a browser decodes them into plain numbers.
 */
public final class GolombRiceSet {
    /** The Rice parameter the health list uses: a false match about once in a million scans. */
    public static final int P = 20;
    /** Most entries a set may have with {@link #P}, so that values fit JavaScript's exact integers. */
    public static final long MAX_ENTRIES = 1L << (53 - P);

    private GolombRiceSet() {
    }

    /** The value of one pass id in a set of {@code n} entries: HMAC-SHA256(key, id), 8 bytes, mod {@code n·2^p}. */
    public static long value(byte[] key, byte[] passId, int n, int p) {
        return Long.remainderUnsigned(hash64(mac(key), passId), (long) n << p);
    }

    /** The set of these pass ids under {@code key}: its coded bytes ({@code n} = the number of ids). */
    public static byte[] encode(byte[] key, java.util.Collection<byte[]> passIds, int p) {
        int n = passIds.size();
        if (n > MAX_ENTRIES) {
            throw new IllegalArgumentException("too many entries for p = " + p + ": " + n);
        }
        long[] values = new long[n];
        Mac mac = mac(key);
        int i = 0;
        for (byte[] id : passIds) {
            values[i++] = Long.remainderUnsigned(hash64(mac, id), (long) n << p);
        }
        return encodeValues(values, p);
    }

    /** The coded bytes of values (sorted here; duplicates kept, as gaps of zero). */
    public static byte[] encodeValues(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        BitWriter out = new BitWriter();
        long previous = 0;
        for (long v : sorted) {
            long gap = v - previous;
            previous = v;
            for (long q = gap >>> p; q > 0; q--) {
                out.bit(1);
            }
            out.bit(0);
            for (int b = p - 1; b >= 0; b--) {
                out.bit((int) (gap >>> b) & 1);
            }
        }
        return out.bytes();
    }

    /** The {@code n} sorted values coded in {@code data}. */
    public static long[] decode(byte[] data, int n, int p) {
        long[] values = new long[n];
        long bit = 0;
        long previous = 0;
        for (int i = 0; i < n; i++) {
            long q = 0;
            while (read(data, bit++) == 1) {
                q++;
            }
            long r = 0;
            for (int b = 0; b < p; b++) {
                r = (r << 1) | read(data, bit++);
            }
            previous += (q << p) | r;
            values[i] = previous;
        }
        return values;
    }

    /** Whether {@code passId} is (probably) in the set of {@code n} entries coded in {@code data}. */
    public static boolean contains(byte[] data, int n, int p, byte[] key, byte[] passId) {
        return n > 0 && Arrays.binarySearch(decode(data, n, p), value(key, passId, n, p)) >= 0;
    }

    private static int read(byte[] data, long bit) {
        int index = (int) (bit >>> 3);
        if (index >= data.length) {
            throw new IllegalArgumentException("the coded set ends early");
        }
        return (data[index] >>> (7 - (int) (bit & 7))) & 1;
    }

    private static long hash64(Mac mac, byte[] passId) {
        byte[] h = mac.doFinal(passId);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return v;
    }

    static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Bits, most significant first, padded with zeros to a whole byte. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void bit(int b) {
            current = (current << 1) | b;
            if (++used == 8) {
                out.write(current);
                current = 0;
                used = 0;
            }
        }

        byte[] bytes() {
            if (used > 0) {
                out.write(current << (8 - used));
                current = 0;
                used = 0;
            }
            return out.toByteArray();
        }
    }
}

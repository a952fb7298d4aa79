package vn.movepass.shared.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GolombRiceSetTest {
    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private static List<byte[]> ids(int n, long seed) {
        Random random = new Random(seed);
        List<byte[]> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            ids.add(id);
        }
        return ids;
    }

    @Test
    void aKnownVectorCodesAsWrittenByHand() {
        // p = 2: values 1, 5, 5, 14 -> gaps 1 (0|01), 4 (10|00), 0 (0|00), 9 (110|01) -> 001 1000 000 11001 + 0 padding
        byte[] coded = GolombRiceSet.encodeValues(new long[] {14, 5, 1, 5}, 2);
        assertEquals("0011000000110010", String.format("%16s", Integer.toBinaryString(((coded[0] & 0xff) << 8) | (coded[1] & 0xff)))
                .replace(' ', '0'));
        assertEquals(2, coded.length);
        assertArrayEquals(new long[] {1, 5, 5, 14}, GolombRiceSet.decode(coded, 4, 2));
        assertEquals(0, GolombRiceSet.encodeValues(new long[0], 20).length);
    }

    @Test
    void everyMemberIsFoundAndStrangersAlmostNever() {
        List<byte[]> members = ids(5_000, 1);
        byte[] coded = GolombRiceSet.encode(KEY, members, GolombRiceSet.P);
        for (byte[] id : members) {
            assertTrue(GolombRiceSet.contains(coded, members.size(), GolombRiceSet.P, KEY, id));
        }
        long[] values = GolombRiceSet.decode(coded, members.size(), GolombRiceSet.P);
        int falseMatches = 0;
        for (byte[] stranger : ids(100_000, 2)) {
            long v = GolombRiceSet.value(KEY, stranger, members.size(), GolombRiceSet.P);
            if (Arrays.binarySearch(values, v) >= 0) {
                falseMatches++;
            }
        }
        assertTrue(falseMatches <= 3, "expected about 0.1 false matches in 100,000 at p = 20, got " + falseMatches);
        // about p + 1.6 bits an entry
        double bits = 8.0 * coded.length / members.size();
        assertTrue(bits > 21 && bits < 22.2, bits + " bits an entry");
    }

    @Test
    void anotherKeyMatchesNothingItShouldNot() {
        List<byte[]> members = ids(1_000, 3);
        byte[] coded = GolombRiceSet.encode(KEY, members, GolombRiceSet.P);
        byte[] other = KEY.clone();
        other[0] ^= 1;
        int matches = 0;
        for (byte[] id : members) {
            if (GolombRiceSet.contains(coded, members.size(), GolombRiceSet.P, other, id)) {
                matches++;
            }
        }
        assertTrue(matches <= 2, "a list read with another day's key is noise: " + matches);
        assertFalse(GolombRiceSet.contains(new byte[0], 0, GolombRiceSet.P, KEY, members.get(0)), "an empty set holds nothing");
    }

    @Test
    void aTruncatedSetIsRefused() {
        List<byte[]> members = ids(100, 4);
        byte[] coded = GolombRiceSet.encode(KEY, members, GolombRiceSet.P);
        assertThrows(IllegalArgumentException.class, () -> GolombRiceSet.decode(Arrays.copyOf(coded, coded.length / 2), 100,
                GolombRiceSet.P));
    }
}

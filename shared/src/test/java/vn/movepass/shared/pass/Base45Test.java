package vn.movepass.shared.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base45Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "AB|BB8",
        "Hello!!|\"%69 VD92EX0\"",
        "base-45|UJCLQE7W581",
        "ietf!|QED8WEX0",
    })
    void rfc9285Examples(String plain, String encoded) {
        assertEquals(encoded, Base45.encode(plain.getBytes(StandardCharsets.UTF_8)));
        assertEquals(plain, new String(Base45.decode(encoded), StandardCharsets.UTF_8));
    }

    @Test
    void emptyAndBoundaryValues() {
        assertEquals("", Base45.encode(new byte[0]));
        assertArrayEquals(new byte[0], Base45.decode(""));
        assertEquals("FGW", Base45.encode(new byte[] {(byte) 0xFF, (byte) 0xFF}));
        assertEquals("U5", Base45.encode(new byte[] {(byte) 0xFF}));
        assertEquals("000", Base45.encode(new byte[2]));
    }

    @Test
    void roundTripsRandomData() {
        Random random = new Random(45);
        for (int length = 0; length < 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String text = Base45.encode(data);
            assertEquals(Base45.encodedLength(length), text.length());
            assertArrayEquals(data, Base45.decode(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "ABCD", "GGW", "ZZZ", "V5", "ZZ", "bb8", "BB#", "BB\u00c0", "BB\u0000", "\uD83D\uDE00B"})
    void rejectsBadInput(String text) {
        assertThrows(IllegalArgumentException.class, () -> Base45.decode(text));
    }

    @Test
    void largestValidGroupsDecode() {
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF}, Base45.decode("FGW"));
        assertArrayEquals(new byte[] {(byte) 0xFF}, Base45.decode("U5"));
    }
}

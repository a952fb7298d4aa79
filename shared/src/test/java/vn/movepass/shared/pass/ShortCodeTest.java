package vn.movepass.shared.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShortCodeTest {

    private static final List<String> SAMPLE_CODES = sampleCodes();

    @Test
    void checkSymbolFollowsCrockford() {
        assertEquals('0', ShortCode.checkSymbol("0000000000"));
        assertEquals('1', ShortCode.checkSymbol("0000000001"));
        assertEquals('Z', ShortCode.checkSymbol("000000000Z")); // 31
        assertEquals('*', ShortCode.checkSymbol("0000000010")); // 32
        assertEquals('~', ShortCode.checkSymbol("0000000011")); // 33
        assertEquals('$', ShortCode.checkSymbol("0000000012")); // 34
        assertEquals('=', ShortCode.checkSymbol("0000000013")); // 35
        assertEquals('U', ShortCode.checkSymbol("0000000014")); // 36
        assertEquals('0', ShortCode.checkSymbol("0000000015")); // 37
        // (2^50 - 1) mod 37: 2^50 = (2^36)(2^14); 2^36 = 1 mod 37 (Fermat), 2^14 = 30 mod 37, so 29.
        assertEquals(ShortCode.CHECK_ALPHABET.charAt(29), ShortCode.checkSymbol("ZZZZZZZZZZ"));
        assertThrows(IllegalArgumentException.class, () -> ShortCode.checkSymbol("000000000U"));
        assertThrows(IllegalArgumentException.class, () -> ShortCode.checkSymbol(""));
    }

    @Test
    void generateIsDeterministicAndOnlyUsesDigitsAndLetters() {
        byte[] bytes = TestData.HEX.parseHex("0123456789abcdef");
        String code = ShortCode.generate(bytes);
        assertEquals(code, ShortCode.generate(bytes.clone()));
        Random random = new Random(37);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[70]; // ten windows: all rejected with probability (5/37)^10 < 1e-8
            random.nextBytes(b);
            String c = ShortCode.generate(b);
            assertTrue(c.matches("[0-9A-HJKMNP-TV-Z]{11}"), c);
            assertEquals(Optional.of(c), ShortCode.normalize(c));
        }
    }

    @Test
    void rejectedWindowsAreSkippedAndExhaustionIsSignalled() {
        Random random = new Random(1);
        byte[] bad = null;
        byte[] good = null;
        while (bad == null || good == null) {
            byte[] b = new byte[7];
            random.nextBytes(b);
            long value = 0;
            for (byte x : b) {
                value = (value << 8) | (x & 0xFF);
            }
            if ((value >>> 6) % 37 >= 32) {
                bad = b;
            } else {
                good = b;
            }
        }
        byte[] badBad = concat(bad, bad);
        assertThrows(IllegalArgumentException.class, () -> ShortCode.generate(badBad));
        assertEquals(ShortCode.generate(good), ShortCode.generate(concat(bad, good)));
        assertThrows(IllegalArgumentException.class, () -> ShortCode.generate(new byte[6]));
        assertTrue(ShortCode.normalize(ShortCode.generate(new SecureRandom())).isPresent());
    }

    @Test
    void everySubstitutionIsDetected() {
        for (String code : SAMPLE_CODES) {
            for (int i = 0; i < code.length(); i++) {
                for (char c : ShortCode.ALPHABET.toCharArray()) {
                    if (c == code.charAt(i)) {
                        continue;
                    }
                    String changed = code.substring(0, i) + c + code.substring(i + 1);
                    assertEquals(Optional.empty(), ShortCode.normalize(changed), changed);
                }
            }
        }
    }

    @Test
    void everyAdjacentTranspositionIsDetected() {
        int transpositions = 0;
        for (String code : SAMPLE_CODES) {
            for (int i = 0; i + 1 < code.length(); i++) {
                if (code.charAt(i) == code.charAt(i + 1)) {
                    continue;
                }
                String swapped = code.substring(0, i) + code.charAt(i + 1) + code.charAt(i) + code.substring(i + 2);
                assertEquals(Optional.empty(), ShortCode.normalize(swapped), swapped);
                transpositions++;
            }
        }
        assertTrue(transpositions > 40);
    }

    @Test
    void normalizeIsForgivingAboutFormatting() {
        String code = SAMPLE_CODES.get(0);
        String display = ShortCode.display(code);
        assertTrue(display.matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}"), display);
        assertEquals(Optional.of(code), ShortCode.normalize(display));
        assertEquals(Optional.of(code), ShortCode.normalize(display.toLowerCase()));
        assertEquals(Optional.of(code), ShortCode.normalize(" " + display.replace("-", " ") + " "));
        String withZeroOne = "0000000001" + ShortCode.checkSymbol("0000000001");
        assertEquals("00000000011", withZeroOne);
        assertEquals(Optional.of(withZeroOne), ShortCode.normalize("oOoo-OOOo-oiL"));
        assertEquals(Optional.of(withZeroOne), ShortCode.normalize("OOOO-OOOO-OLL"));
        assertEquals(Optional.of(withZeroOne), ShortCode.normalize("0000-0000-0il"));
    }

    @Test
    void normalizeRejectsEverythingElse() {
        String code = SAMPLE_CODES.get(0);
        for (String bad : new String[] {null, "", code.substring(1), code + "0", code + code,
            code.substring(0, 10) + "U", code.substring(0, 10) + "*", "U" + code.substring(1),
            code.substring(0, 5) + "_" + code.substring(6), code.substring(0, 5) + "\u0130" + code.substring(6),
            "0000000014U", "0000000010*", "x".repeat(1000)}) {
            assertEquals(Optional.empty(), ShortCode.normalize(bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> ShortCode.display("0000000014U"));
    }

    @Test
    void generatedCodesDiffer() {
        assertNotEquals(SAMPLE_CODES.get(0), SAMPLE_CODES.get(1));
        assertFalse(SAMPLE_CODES.get(0).contains("-"));
    }

    private static List<String> sampleCodes() {
        Random random = new Random(2021);
        List<String> codes = new java.util.ArrayList<>(List.of(
                "0000000000" + ShortCode.checkSymbol("0000000000"),
                "ZZZZZZZZZZ" + ShortCode.checkSymbol("ZZZZZZZZZZ")));
        while (codes.size() < 8) {
            byte[] bytes = new byte[28];
            random.nextBytes(bytes);
            codes.add(ShortCode.generate(bytes));
        }
        return codes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package vn.movepass.shared.pass;

import java.util.Arrays;
import java.util.Objects;

/**
 * Base45 encoding as specified by RFC 9285.
 *
 * <p>Every two input bytes {@code [a, b]} form {@code n = a * 256 + b}, written as three characters
 * {@code c d e} with {@code n = c + d * 45 + e * 45²}; a trailing single byte is written as two
 * characters. The alphabet ({@code 0-9 A-Z space $ % * + - . / :}) is exactly the QR-code alphanumeric
 * character set, so Base45 text is encoded efficiently in QR alphanumeric mode.
 *
 * <p>Decoding is strict: lower-case letters, characters outside the alphabet, a length of
 * {@code 3k + 1}, and groups whose value exceeds 65535 (three characters) or 255 (two characters) are
 * rejected. Because of that, every byte string has exactly one valid encoding.
 */
public final class Base45 {

    /** The 45-character alphabet; a character's index is its value. */
    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = i;
        }
    }

    private Base45() {
    }

    /**
     * Number of characters {@link #encode(byte[])} produces for {@code byteCount} bytes.
     *
     * @param byteCount number of input bytes, not negative
     * @return encoded length in characters
     */
    public static int encodedLength(int byteCount) {
        if (byteCount < 0) {
            throw new IllegalArgumentException("negative byte count");
        }
        return byteCount / 2 * 3 + (byteCount % 2) * 2;
    }

    /**
     * Encodes bytes as Base45.
     *
     * @param data bytes to encode, not null
     * @return the Base45 text (empty for empty input)
     */
    public static String encode(byte[] data) {
        Objects.requireNonNull(data, "data");
        StringBuilder out = new StringBuilder(encodedLength(data.length));
        int i = 0;
        for (; i + 1 < data.length; i += 2) {
            int n = ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
            out.append(ALPHABET.charAt(n % 45));
            n /= 45;
            out.append(ALPHABET.charAt(n % 45));
            out.append(ALPHABET.charAt(n / 45));
        }
        if (i < data.length) {
            int n = data[i] & 0xFF;
            out.append(ALPHABET.charAt(n % 45));
            out.append(ALPHABET.charAt(n / 45));
        }
        return out.toString();
    }

    /**
     * Decodes Base45 text.
     *
     * @param text Base45 text, not null
     * @return the decoded bytes
     * @throws IllegalArgumentException if the text contains a character outside the alphabet, has a
     *     length of the form {@code 3k + 1}, or contains a group whose value is out of range
     */
    public static byte[] decode(String text) {
        Objects.requireNonNull(text, "text");
        int length = text.length();
        if (length % 3 == 1) {
            throw new IllegalArgumentException("invalid Base45 length " + length);
        }
        byte[] out = new byte[length / 3 * 2 + (length % 3 == 2 ? 1 : 0)];
        int o = 0;
        int i = 0;
        for (; i + 2 < length; i += 3) {
            int n = value(text, i) + value(text, i + 1) * 45 + value(text, i + 2) * 45 * 45;
            if (n > 0xFFFF) {
                throw new IllegalArgumentException("Base45 group at " + i + " exceeds 65535");
            }
            out[o++] = (byte) (n >> 8);
            out[o++] = (byte) n;
        }
        if (i < length) {
            int n = value(text, i) + value(text, i + 1) * 45;
            if (n > 0xFF) {
                throw new IllegalArgumentException("final Base45 group exceeds 255");
            }
            out[o] = (byte) n;
        }
        return out;
    }

    private static int value(String text, int index) {
        char c = text.charAt(index);
        int v = c < 128 ? VALUES[c] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("invalid Base45 character at " + index);
        }
        return v;
    }
}

package vn.movepass.shared.pass;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * A human-typable fallback code for a pass, for when a QR code cannot be scanned.
 *
 * <p>Canonical form: 10 data characters of Crockford Base32 (alphabet
 * {@code 0123456789ABCDEFGHJKMNPQRSTVWXYZ}, 50 random bits, most significant first) followed by
 * Crockford's mod-37 check symbol: the 50-bit value modulo 37, written with the alphabet extended by
 * {@code *~$=U} for 32..36. Codes whose check symbol would be one of {@code *~$=U} are never issued,
 * so every code consists of digits and upper-case letters only. Display form is {@code XXXX-XXXX-XXX}.
 *
 * <p>Because 37 is prime and larger than the alphabet, any single-character substitution and any
 * transposition of adjacent characters (including with the check character) changes the check.
 */
public final class ShortCode {

    /** Crockford Base32 encode alphabet; a symbol's index is its value. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /** Crockford check-symbol alphabet: {@link #ALPHABET} followed by {@code *~$=U} for 32..36. */
    public static final String CHECK_ALPHABET = ALPHABET + "*~$=U";

    /** Number of data characters. */
    public static final int DATA_LENGTH = 10;

    /** Length of the canonical code (data + check character). */
    public static final int LENGTH = DATA_LENGTH + 1;

    /** Random bytes consumed per attempt by {@link #generate(byte[])}. */
    public static final int BYTES_PER_ATTEMPT = 7;

    private static final int BITS = 5 * DATA_LENGTH;
    private static final int MAX_INPUT_LENGTH = 64;

    private ShortCode() {
    }

    /**
     * Derives a code from random bytes, deterministically. The bytes are consumed in 7-byte windows;
     * each window is read as a big-endian 56-bit number whose top 50 bits are the candidate value.
     * The first window whose check symbol is a digit or letter (value mod 37 &lt; 32) wins; windows
     * yielding {@code *~$=U} are skipped (probability 5/37 each).
     *
     * @param randomBytes at least 7 random bytes; 28 bytes fail with probability about 0.03%
     * @return the canonical 11-character code
     * @throws IllegalArgumentException if fewer than 7 bytes are given, or if every complete window
     *     was rejected: the caller must then supply fresh bytes
     */
    public static String generate(byte[] randomBytes) {
        Objects.requireNonNull(randomBytes, "randomBytes");
        if (randomBytes.length < BYTES_PER_ATTEMPT) {
            throw new IllegalArgumentException("need at least 7 random bytes");
        }
        String code = tryGenerate(randomBytes);
        if (code == null) {
            throw new IllegalArgumentException("every 7-byte window gave a non-alphanumeric check "
                    + "symbol; supply more random bytes");
        }
        return code;
    }

    /**
     * Draws a code from a random source, retrying until the check symbol is a digit or letter.
     *
     * @param random source of randomness
     * @return the canonical 11-character code
     */
    public static String generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[4 * BYTES_PER_ATTEMPT];
        while (true) {
            random.nextBytes(bytes);
            String code = tryGenerate(bytes);
            if (code != null) {
                return code;
            }
        }
    }

    /**
     * Validates and canonicalises user input: hyphens and whitespace are ignored, case is ignored,
     * {@code O} reads as {@code 0} and {@code I}/{@code L} as {@code 1}; the check character must match.
     *
     * @param input what the user typed, may be null
     * @return the canonical 11-character code, or empty if the input is not a valid code
     */
    public static Optional<String> normalize(String input) {
        if (input == null || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '-' || c == ' ' || c == '\t') {
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 'a' + 'A');
            }
            if (c == 'O') {
                c = '0';
            } else if (c == 'I' || c == 'L') {
                c = '1';
            }
            if (ALPHABET.indexOf(c) < 0 || code.length() == LENGTH) {
                return Optional.empty();
            }
            code.append(c);
        }
        if (code.length() != LENGTH
                || checkSymbol(code.substring(0, DATA_LENGTH)) != code.charAt(DATA_LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(code.toString());
    }

    /**
     * Formats a code for printing as {@code XXXX-XXXX-XXX}.
     *
     * @param canonical a valid code (any form accepted by {@link #normalize(String)})
     * @return the display form
     * @throws IllegalArgumentException if the code is not valid
     */
    public static String display(String canonical) {
        String code = normalize(canonical)
                .orElseThrow(() -> new IllegalArgumentException("not a valid short code"));
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
    }

    /**
     * Crockford's check symbol for a string of canonical Base32 symbols: the value mod 37, written
     * with {@link #CHECK_ALPHABET}.
     *
     * @param symbols one or more characters of {@link #ALPHABET}
     * @return the check symbol, possibly one of {@code *~$=U}
     * @throws IllegalArgumentException if a character is not in {@link #ALPHABET}
     */
    public static char checkSymbol(String symbols) {
        Objects.requireNonNull(symbols, "symbols");
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("no symbols");
        }
        int remainder = 0;
        for (int i = 0; i < symbols.length(); i++) {
            int value = ALPHABET.indexOf(symbols.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a canonical Crockford Base32 symbol");
            }
            remainder = (remainder * 32 + value) % 37;
        }
        return CHECK_ALPHABET.charAt(remainder);
    }

    private static String tryGenerate(byte[] bytes) {
        for (int offset = 0; offset + BYTES_PER_ATTEMPT <= bytes.length; offset += BYTES_PER_ATTEMPT) {
            long window = 0;
            for (int i = 0; i < BYTES_PER_ATTEMPT; i++) {
                window = (window << 8) | (bytes[offset + i] & 0xFF);
            }
            long value = window >>> (8 * BYTES_PER_ATTEMPT - BITS);
            if (value % 37 < 32) {
                char[] data = new char[DATA_LENGTH];
                for (int i = DATA_LENGTH - 1; i >= 0; i--) {
                    data[i] = ALPHABET.charAt((int) (value & 31));
                    value >>>= 5;
                }
                String symbols = new String(data);
                return symbols + checkSymbol(symbols);
            }
        }
        return null;
    }
}

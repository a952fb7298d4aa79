package vn.movepass.shared.pass;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import vn.movepass.shared.pass.InvalidPassTokenException.Reason;

/**
 * Signs and verifies MovePass pass tokens ({@code "MP1:" + Base45(payload || Ed25519 signature)}).
 *
 * <p>Payload (big-endian, 44 fixed bytes + name):
 * <pre>
 * off len field
 *   0   1 version = 1
 *   1   8 kid, ASCII base64url characters
 *   9  16 passId
 *  25   4 validFrom, epoch seconds, unsigned
 *  29   4 validUntil, epoch seconds, unsigned
 *  33   4 dateOfBirth as the unsigned integer yyyymmdd
 *  37   6 3 leading + 3 trailing digits of the masked citizen id, ASCII
 *  43   1 name length n, 1..96
 *  44   n full name, UTF-8, NFC
 * </pre>
 * followed by the 64-byte Ed25519 signature over the payload bytes. See {@code docs/qr-format.md}.
 *
 * <p>{@link #decodeUnverified(String)}, {@link #verify(String)} and {@link #kidOf(String)} throw
 * nothing but {@link InvalidPassTokenException}, whatever the input (including null). Decoding is
 * canonical: exactly one token string exists for each payload and signature.
 *
 * <p>Verification checks authenticity only; callers must also check the validity window with
 * {@link PassClaims#isValidAt(Instant)}. Instances are immutable and thread-safe.
 */
public final class PassTokenCodec {

    /** Token prefix: application tag "MP" and format version 1. */
    public static final String PREFIX = "MP1:";

    /** Value of the payload's version byte. */
    public static final int FORMAT_VERSION = 1;

    /** Maximum UTF-8 length of the stored name. */
    public static final int MAX_NAME_BYTES = 96;

    /** Length of the Ed25519 signature. */
    public static final int SIGNATURE_LENGTH = 64;

    /** Length of the payload without the name. */
    public static final int FIXED_PAYLOAD_LENGTH = 44;

    /** Longest possible token (a 96-byte name): 310 characters. */
    public static final int MAX_TOKEN_LENGTH =
            PREFIX.length() + Base45.encodedLength(FIXED_PAYLOAD_LENGTH + MAX_NAME_BYTES + SIGNATURE_LENGTH);

    private static final long MAX_U32 = 0xFFFF_FFFFL;
    private static final int OFFSET_KID = 1;
    private static final int OFFSET_PASS_ID = OFFSET_KID + PassKeys.KID_LENGTH;
    private static final int OFFSET_VALID_FROM = OFFSET_PASS_ID + PassClaims.PASS_ID_LENGTH;
    private static final int OFFSET_VALID_UNTIL = OFFSET_VALID_FROM + 4;
    private static final int OFFSET_DOB = OFFSET_VALID_UNTIL + 4;
    private static final int OFFSET_ID_DIGITS = OFFSET_DOB + 4;
    private static final int OFFSET_NAME_LENGTH = OFFSET_ID_DIGITS + 6;
    private static final int OFFSET_NAME = OFFSET_NAME_LENGTH + 1;

    private final PassKeys keys;

    /**
     * Creates a codec.
     *
     * @param keys keys used to sign (the active key) and to verify (every known key)
     */
    public PassTokenCodec(PassKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Signs claims with the active key. The token carries the claims in canonical form: instants
     * truncated to whole seconds and the name as returned by {@link #canonicalName(String)}; a
     * subsequent {@link #verify(String)} returns the claims in that form.
     *
     * @param claims the claims to sign
     * @return the token, at most {@link #MAX_TOKEN_LENGTH} characters of the QR alphanumeric set
     * @throws IllegalArgumentException if the claims cannot be encoded (instants before 1970 or after
     *     2106, a window that is empty after truncation to seconds, a birth year beyond 9999)
     * @throws IllegalStateException if the key set cannot sign
     */
    public String sign(PassClaims claims) {
        byte[] payload = encodePayload(claims, keys.activeKid());
        return assemble(payload, keys.sign(payload));
    }

    /**
     * Decodes a token's claims checking its structure only, not the key id nor the signature. For a
     * server that holds the token as its own authoritative record.
     *
     * @param token the token
     * @return the claims
     * @throws InvalidPassTokenException with {@link Reason#MALFORMED} for any structural problem
     */
    public PassClaims decodeUnverified(String token) {
        return parse(token).claims();
    }

    /**
     * Verifies a token: structure, a known key id and the Ed25519 signature.
     *
     * @param token the token
     * @return the signed claims
     * @throws InvalidPassTokenException if the token is malformed, its kid unknown or its signature bad
     */
    public PassClaims verify(String token) {
        Parsed parsed = parse(token);
        keys.verify(parsed.kid(), parsed.payload(), parsed.signature());
        return parsed.claims();
    }

    /**
     * The key id a token claims to be signed with (structure is checked, the signature is not).
     *
     * @param token the token
     * @return the 8-character kid
     * @throws InvalidPassTokenException with {@link Reason#MALFORMED} for any structural problem
     */
    public String kidOf(String token) {
        return parse(token).kid();
    }

    /**
     * The name as stored in a token: NFC-normalised, then truncated at a code-point boundary to at
     * most {@link #MAX_NAME_BYTES} UTF-8 bytes (and kept NFC).
     *
     * @param fullName a name
     * @return the canonical stored name
     * @throws IllegalArgumentException if the name contains an unpaired surrogate
     */
    public static String canonicalName(String fullName) {
        Objects.requireNonNull(fullName, "fullName");
        if (fullName.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE)) {
            throw new IllegalArgumentException("fullName contains an unpaired surrogate");
        }
        String name = Normalizer.normalize(fullName, Normalizer.Form.NFC);
        while (utf8Length(name) > MAX_NAME_BYTES || !Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
            if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
                name = Normalizer.normalize(name, Normalizer.Form.NFC);
                continue;
            }
            name = name.substring(0, name.offsetByCodePoints(name.length(), -1));
        }
        return name;
    }

    /** Encodes the payload for {@code kid}; package-private so tests can forge tokens. */
    static byte[] encodePayload(PassClaims claims, String kid) {
        Objects.requireNonNull(claims, "claims");
        byte[] kidBytes = kid.getBytes(StandardCharsets.US_ASCII);
        if (kidBytes.length != PassKeys.KID_LENGTH) {
            throw new IllegalArgumentException("kid must be 8 ASCII characters");
        }
        long from = claims.validFrom().getEpochSecond();
        long until = claims.validUntil().getEpochSecond();
        if (from < 0 || until > MAX_U32) {
            throw new IllegalArgumentException("validity must lie between 1970 and 2106");
        }
        if (until <= from) {
            throw new IllegalArgumentException("validity window is empty at one-second precision");
        }
        LocalDate dob = claims.dateOfBirth();
        if (dob.getYear() < 0 || dob.getYear() > 9999) {
            throw new IllegalArgumentException("dateOfBirth year must be 0..9999");
        }
        String masked = claims.citizenIdMasked();
        String digits = masked.substring(0, 3) + masked.substring(masked.length() - 3);
        String canonicalName = canonicalName(claims.fullName());
        if (canonicalName.isBlank()) {
            throw new IllegalArgumentException("fullName is blank after truncation to 96 bytes");
        }
        byte[] name = canonicalName.getBytes(StandardCharsets.UTF_8);

        ByteBuffer buffer = ByteBuffer.allocate(FIXED_PAYLOAD_LENGTH + name.length);
        buffer.put((byte) FORMAT_VERSION);
        buffer.put(kidBytes);
        buffer.put(claims.passId());
        buffer.putInt((int) from);
        buffer.putInt((int) until);
        buffer.putInt(dob.getYear() * 10_000 + dob.getMonthValue() * 100 + dob.getDayOfMonth());
        buffer.put(digits.getBytes(StandardCharsets.US_ASCII));
        buffer.put((byte) name.length);
        buffer.put(name);
        return buffer.array();
    }

    /** Builds the token text; package-private so tests can forge tokens. */
    static String assemble(byte[] payload, byte[] signature) {
        byte[] body = Arrays.copyOf(payload, payload.length + signature.length);
        System.arraycopy(signature, 0, body, payload.length, signature.length);
        return PREFIX + Base45.encode(body);
    }

    private static Parsed parse(String token) {
        if (token == null) {
            throw malformed("token is null");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw malformed("token is too long");
        }
        if (!token.startsWith(PREFIX)) {
            throw malformed("token does not start with " + PREFIX);
        }
        byte[] body;
        try {
            body = Base45.decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw malformed("invalid Base45");
        }
        if (body.length < FIXED_PAYLOAD_LENGTH + 1 + SIGNATURE_LENGTH) {
            throw malformed("token is too short");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        if (in.get(0) != FORMAT_VERSION) {
            throw malformed("unsupported payload version");
        }
        String kid = ascii(body, OFFSET_KID, PassKeys.KID_LENGTH, "kid",
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
        int nameLength = body[OFFSET_NAME_LENGTH] & 0xFF;
        if (nameLength < 1 || nameLength > MAX_NAME_BYTES
                || body.length != FIXED_PAYLOAD_LENGTH + nameLength + SIGNATURE_LENGTH) {
            throw malformed("name length does not match token length");
        }
        byte[] passId = Arrays.copyOfRange(body, OFFSET_PASS_ID, OFFSET_VALID_FROM);
        long from = Integer.toUnsignedLong(in.getInt(OFFSET_VALID_FROM));
        long until = Integer.toUnsignedLong(in.getInt(OFFSET_VALID_UNTIL));
        if (until <= from) {
            throw malformed("validUntil is not after validFrom");
        }
        LocalDate dob = date(Integer.toUnsignedLong(in.getInt(OFFSET_DOB)));
        String digits = ascii(body, OFFSET_ID_DIGITS, 6, "citizen id digits", "0123456789");
        String name = name(body, nameLength);
        int payloadLength = FIXED_PAYLOAD_LENGTH + nameLength;
        PassClaims claims;
        try {
            claims = new PassClaims(passId, Instant.ofEpochSecond(from), Instant.ofEpochSecond(until),
                    name, dob, digits.substring(0, 3) + "******" + digits.substring(3));
        } catch (IllegalArgumentException e) {
            throw malformed("invalid claims");
        }
        return new Parsed(claims, kid, Arrays.copyOf(body, payloadLength),
                Arrays.copyOfRange(body, payloadLength, body.length));
    }

    private static String ascii(byte[] body, int offset, int length, String field, String allowed) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            char c = (char) (body[offset + i] & 0xFF);
            if (allowed.indexOf(c) < 0) {
                throw malformed("invalid character in " + field);
            }
            chars[i] = c;
        }
        return new String(chars);
    }

    private static LocalDate date(long yyyymmdd) {
        if (yyyymmdd > 99_991_231L) {
            throw malformed("dateOfBirth out of range");
        }
        int value = (int) yyyymmdd;
        try {
            return LocalDate.of(value / 10_000, value / 100 % 100, value % 100);
        } catch (DateTimeException e) {
            throw malformed("invalid dateOfBirth");
        }
    }

    private static String name(byte[] body, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String name;
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(body, OFFSET_NAME, length));
            name = chars.toString();
        } catch (CharacterCodingException e) {
            throw malformed("name is not valid UTF-8");
        }
        if (name.isBlank() || !Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
            throw malformed("name is blank or not NFC");
        }
        return name;
    }

    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return bytes;
    }

    private static InvalidPassTokenException malformed(String message) {
        return new InvalidPassTokenException(Reason.MALFORMED, message);
    }

    private record Parsed(PassClaims claims, String kid, byte[] payload, byte[] signature) {
    }
}

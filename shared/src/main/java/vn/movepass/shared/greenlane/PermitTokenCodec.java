package vn.movepass.shared.greenlane;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import vn.movepass.shared.pass.Base45;
import vn.movepass.shared.pass.InvalidPassTokenException.Reason;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassKeys;

/**
 * Signs and verifies green-lane vehicle permit tokens: {@code "GL1:" + Base45(payload || Ed25519 signature)},
 * with the same keys (and kids, and JWKS) as pass tokens: {@link PassKeys} signs and verifies both.
 * See {@code docs/qr-format.md}, section 11.
 *
 * <pre>
 * off   len field
 *   0     1 type and version = 0x81 (a pass payload starts 0x01: neither parses as the other)
 *   1     8 kid, ASCII base64url characters
 *   9    16 permitId
 *  25     4 validFrom, epoch seconds, unsigned
 *  29     4 validUntil, epoch seconds, unsigned
 *  33     1 plate length p, 1..16
 *  34     p plate, ASCII [0-9A-Z.- ]
 *  34+p   1 operator name length n, 1..64
 *  35+p   n operator name, UTF-8, NFC
 * </pre>
 * followed by the 64-byte signature over the payload. Every method throws nothing but
 * {@link InvalidPassTokenException} for bad input; messages never carry token data.
 */
public final class PermitTokenCodec {
    public static final String PREFIX = "GL1:";
    public static final int TYPE_VERSION = 0x81;
    public static final int MAX_PLATE = 16;
    public static final int MAX_OPERATOR_BYTES = 64;
    public static final int SIGNATURE_LENGTH = 64;
    private static final int FIXED = 35;
    private static final int MIN_BODY = FIXED + 2 + SIGNATURE_LENGTH;
    /** Longest token: 4 + Base45(35 + 16 + 64 + 64 bytes) = 273 characters. */
    public static final int MAX_TOKEN_LENGTH = PREFIX.length()
            + Base45.encodedLength(FIXED + MAX_PLATE + MAX_OPERATOR_BYTES + SIGNATURE_LENGTH);
    private static final String PLATE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.- ";
    private static final String KID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final PassKeys keys;

    /** The codec of a pass key set: its active key signs, every key it holds verifies. */
    public PermitTokenCodec(PassKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Signs with the active key; the token carries the canonical plate (upper case) and operator name. */
    public String sign(PermitClaims claims) {
        byte[] payload = payload(claims, keys.activeKid());
        byte[] signature = keys.sign(payload);
        byte[] body = Arrays.copyOf(payload, payload.length + signature.length);
        System.arraycopy(signature, 0, body, payload.length, signature.length);
        return PREFIX + Base45.encode(body);
    }

    /** Structure only: for a server that compares the token with its own stored copy. */
    public PermitClaims decodeUnverified(String token) {
        return parse(token).claims();
    }

    /** Structure, a known kid and the signature. */
    public PermitClaims verify(String token) {
        Parsed parsed = parse(token);
        keys.verify(parsed.kid(), parsed.payload(), parsed.signature());
        return parsed.claims();
    }

    /** The plate as a token carries it: trimmed, upper case; null when it cannot be carried. */
    public static String canonicalPlate(String plate) {
        if (plate == null) {
            return null;
        }
        String p = plate.strip().toUpperCase(java.util.Locale.ROOT);
        if (p.isEmpty() || p.length() > MAX_PLATE) {
            return null;
        }
        for (int i = 0; i < p.length(); i++) {
            if (PLATE_CHARS.indexOf(p.charAt(i)) < 0) {
                return null;
            }
        }
        return p;
    }

    /** NFC, then whole code points dropped from the end until it fits 64 UTF-8 bytes. */
    public static String canonicalOperator(String name) {
        String n = Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
        while (n.getBytes(StandardCharsets.UTF_8).length > MAX_OPERATOR_BYTES
                || !Normalizer.isNormalized(n, Normalizer.Form.NFC)) {
            if (!Normalizer.isNormalized(n, Normalizer.Form.NFC)) {
                n = Normalizer.normalize(n, Normalizer.Form.NFC);
                continue;
            }
            n = n.substring(0, n.offsetByCodePoints(n.length(), -1));
        }
        return n.strip();
    }

    static byte[] payload(PermitClaims claims, String kid) {
        long from = claims.validFrom().getEpochSecond();
        long until = claims.validUntil().getEpochSecond();
        if (from < 0 || until > 0xFFFF_FFFFL || until <= from) {
            throw new IllegalArgumentException("validity must be a non-empty window between 1970 and 2106");
        }
        String plate = canonicalPlate(claims.plate());
        if (plate == null) {
            throw new IllegalArgumentException("plate must be 1-16 characters of 0-9 A-Z . - space");
        }
        byte[] operator = canonicalOperator(claims.operatorName()).getBytes(StandardCharsets.UTF_8);
        if (operator.length == 0) {
            throw new IllegalArgumentException("operatorName is blank");
        }
        ByteBuffer b = ByteBuffer.allocate(FIXED + plate.length() + operator.length);
        b.put((byte) TYPE_VERSION).put(kid.getBytes(StandardCharsets.US_ASCII)).put(claims.permitId());
        b.putInt((int) from).putInt((int) until);
        b.put((byte) plate.length()).put(plate.getBytes(StandardCharsets.US_ASCII));
        b.put((byte) operator.length).put(operator);
        return b.array();
    }

    private static Parsed parse(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !token.startsWith(PREFIX)) {
            throw malformed("not a GL1 token");
        }
        byte[] body;
        try {
            body = Base45.decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw malformed("invalid Base45");
        }
        if (body.length < MIN_BODY || (body[0] & 0xFF) != TYPE_VERSION) {
            throw malformed("too short or not a permit payload");
        }
        String kid = ascii(body, 1, 8, KID_CHARS);
        ByteBuffer in = ByteBuffer.wrap(body);
        long from = Integer.toUnsignedLong(in.getInt(25));
        long until = Integer.toUnsignedLong(in.getInt(29));
        if (until <= from) {
            throw malformed("validUntil is not after validFrom");
        }
        int p = body[33] & 0xFF;
        if (p < 1 || p > MAX_PLATE || body.length < 34 + p + 1) {
            throw malformed("bad plate length");
        }
        String plate = ascii(body, 34, p, PLATE_CHARS);
        if (!plate.equals(plate.strip())) {
            throw malformed("plate is not canonical");
        }
        int n = body[34 + p] & 0xFF;
        int payloadLength = 35 + p + n;
        if (n < 1 || n > MAX_OPERATOR_BYTES || body.length != payloadLength + SIGNATURE_LENGTH) {
            throw malformed("bad operator length");
        }
        String operator;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body, 35 + p, n));
            operator = chars.toString();
        } catch (CharacterCodingException e) {
            throw malformed("operator name is not UTF-8");
        }
        if (operator.isBlank() || !operator.equals(canonicalOperator(operator))) {
            throw malformed("operator name is not canonical");
        }
        PermitClaims claims = new PermitClaims(Arrays.copyOfRange(body, 9, 25), Instant.ofEpochSecond(from),
                Instant.ofEpochSecond(until), plate, operator);
        return new Parsed(claims, kid, Arrays.copyOf(body, payloadLength), Arrays.copyOfRange(body, payloadLength, body.length));
    }

    private static String ascii(byte[] body, int offset, int length, String allowed) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            char c = (char) (body[offset + i] & 0xFF);
            if (allowed.indexOf(c) < 0) {
                throw malformed("invalid character");
            }
            chars[i] = c;
        }
        return new String(chars);
    }

    private static InvalidPassTokenException malformed(String message) {
        return new InvalidPassTokenException(Reason.MALFORMED, message);
    }

    private record Parsed(PermitClaims claims, String kid, byte[] payload, byte[] signature) {
    }
}

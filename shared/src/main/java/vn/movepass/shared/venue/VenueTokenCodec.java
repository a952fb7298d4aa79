package vn.movepass.shared.venue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import vn.movepass.shared.pass.Base45;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.InvalidPassTokenException.Reason;
import vn.movepass.shared.pass.PassKeys;

/**
 * Signs and verifies a venue's poster QR: {@code "MPV1:" + Base45(payload || Ed25519 signature)}, with the same keys
 * (kids, JWKS) as pass tokens, so a phone verifies a poster offline. See {@code docs/qr-format.md}, section 13.
 *
 * <pre>
 * off   len field
 *   0     1 type and version = 0x83 (a pass starts 0x01, a green-lane permit 0x81)
 *   1     8 kid, ASCII base64url characters
 *   9     1 venue id length v, 1..64
 *  10     v venue id, ASCII [A-Za-z0-9-], first character not '-'
 * </pre>
 * followed by the 64-byte signature over the payload. A poster names its venue and nothing else: it is printed and
 * hung on a wall, so it has no expiry; a venue closed by an admin is refused by the server. Every method throws
 * nothing but {@link InvalidPassTokenException} for bad input; messages never carry token data.
 */
public final class VenueTokenCodec {
    public static final String PREFIX = "MPV1:";
    public static final int TYPE_VERSION = 0x83;
    public static final int SIGNATURE_LENGTH = 64;
    private static final int FIXED = 10;
    /** Longest poster token: 5 + Base45(10 + 64 + 64 bytes) = 212 characters. */
    public static final int MAX_TOKEN_LENGTH = PREFIX.length() + Base45.encodedLength(FIXED + 64 + SIGNATURE_LENGTH);
    private static final String KID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final PassKeys keys;

    public VenueTokenCodec(PassKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The poster token of a venue, signed with the active key. */
    public String sign(String venueId) {
        if (venueId == null || !Venue.ID.matcher(venueId).matches()) {
            throw new IllegalArgumentException("not a venue id");
        }
        byte[] id = venueId.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(FIXED + id.length);
        b.put((byte) TYPE_VERSION).put(keys.activeKid().getBytes(StandardCharsets.US_ASCII)).put((byte) id.length).put(id);
        byte[] payload = b.array();
        byte[] signature = keys.sign(payload);
        byte[] body = Arrays.copyOf(payload, payload.length + signature.length);
        System.arraycopy(signature, 0, body, payload.length, signature.length);
        return PREFIX + Base45.encode(body);
    }

    /** The venue id of a genuine poster: structure, a known kid and the signature. */
    public String verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !token.startsWith(PREFIX)) {
            throw malformed("not an MPV1 token");
        }
        byte[] body;
        try {
            body = Base45.decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw malformed("invalid Base45");
        }
        if (body.length < FIXED + 1 + SIGNATURE_LENGTH || (body[0] & 0xFF) != TYPE_VERSION) {
            throw malformed("too short or not a venue payload");
        }
        char[] kid = new char[8];
        for (int i = 0; i < 8; i++) {
            kid[i] = (char) (body[1 + i] & 0xFF);
            if (KID_CHARS.indexOf(kid[i]) < 0) {
                throw malformed("invalid kid");
            }
        }
        int v = body[9] & 0xFF;
        if (v < 1 || v > 64 || body.length != FIXED + v + SIGNATURE_LENGTH) {
            throw malformed("bad venue id length");
        }
        String venueId = new String(body, FIXED, v, StandardCharsets.US_ASCII);
        if (!Venue.ID.matcher(venueId).matches()) {
            throw malformed("invalid venue id");
        }
        keys.verify(new String(kid), Arrays.copyOf(body, FIXED + v), Arrays.copyOfRange(body, FIXED + v, body.length));
        return venueId;
    }

    private static InvalidPassTokenException malformed(String message) {
        return new InvalidPassTokenException(Reason.MALFORMED, message);
    }
}

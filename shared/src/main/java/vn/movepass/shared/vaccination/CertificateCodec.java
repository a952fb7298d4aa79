package vn.movepass.shared.vaccination;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import vn.movepass.shared.pass.Base45;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.InvalidPassTokenException.Reason;
import vn.movepass.shared.pass.PassKeys;

/**
 * Signs and verifies vaccination certificates: {@code "VC1:" + Base45(payload || Ed25519 signature)}, with the pass
 * keys (kids, JWKS), so a phone verifies one offline. See {@code docs/qr-format.md}, section 12.
 *
 * <pre>
 * off   len field
 *   0     1 type and version = 0x84 (a pass 0x01, a permit 0x81, a venue poster 0x83)
 *   1     8 kid
 *   9    16 certificateId (the server's record: whose certificate, for a scan's health)
 *  25     4 issuedAt, epoch seconds
 *  29     1 doses
 *  30     1 complete (1) or not (0)
 *  31     4 last dose, epoch day (0 when none)
 *  35     4 date of birth, epoch day (signed)
 *  39     1 name length n, 1..64
 *  40     n full name, UTF-8, NFC
 * </pre>
 * followed by the 64-byte signature. What a verifier needs to compare with the person's ID card (name, birth date)
 * and their vaccination; no citizen id, no address, no product or lot.
 */
public final class CertificateCodec {
    public static final String PREFIX = "VC1:";
    public static final int TYPE_VERSION = 0x84;
    public static final int MAX_NAME_BYTES = 64;
    private static final int FIXED = 40;
    private static final int SIGNATURE = 64;
    public static final int MAX_TOKEN_LENGTH = PREFIX.length() + Base45.encodedLength(FIXED + MAX_NAME_BYTES + SIGNATURE);
    private static final String KID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** What a certificate says. */
    public record Claims(byte[] certificateId, Instant issuedAt, int doses, boolean complete, LocalDate lastDose,
                         LocalDate dateOfBirth, String fullName) {
        public String certificateIdString() {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(certificateId);
        }
    }

    private final PassKeys keys;

    public CertificateCodec(PassKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public String sign(Claims c) {
        byte[] name = canonicalName(c.fullName()).getBytes(StandardCharsets.UTF_8);
        if (c.certificateId().length != 16 || name.length == 0 || c.doses() < 0 || c.doses() > 255) {
            throw new IllegalArgumentException("certificate claims out of range");
        }
        ByteBuffer b = ByteBuffer.allocate(FIXED + name.length);
        b.put((byte) TYPE_VERSION).put(keys.activeKid().getBytes(StandardCharsets.US_ASCII)).put(c.certificateId());
        b.putInt((int) c.issuedAt().getEpochSecond()).put((byte) c.doses()).put((byte) (c.complete() ? 1 : 0));
        b.putInt(c.lastDose() == null ? 0 : (int) c.lastDose().toEpochDay()).putInt((int) c.dateOfBirth().toEpochDay());
        b.put((byte) name.length).put(name);
        byte[] payload = b.array();
        byte[] signature = keys.sign(payload);
        byte[] body = Arrays.copyOf(payload, payload.length + signature.length);
        System.arraycopy(signature, 0, body, payload.length, signature.length);
        return PREFIX + Base45.encode(body);
    }

    /** A genuine certificate's claims: structure, a known kid and the signature. */
    public Claims verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !token.startsWith(PREFIX)) {
            throw malformed("not a VC1 token");
        }
        byte[] body;
        try {
            body = Base45.decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw malformed("invalid Base45");
        }
        if (body.length < FIXED + 1 + SIGNATURE || (body[0] & 0xFF) != TYPE_VERSION) {
            throw malformed("too short or not a certificate payload");
        }
        char[] kid = new char[8];
        for (int i = 0; i < 8; i++) {
            kid[i] = (char) (body[1 + i] & 0xFF);
            if (KID_CHARS.indexOf(kid[i]) < 0) {
                throw malformed("invalid kid");
            }
        }
        int n = body[39] & 0xFF;
        if (n < 1 || n > MAX_NAME_BYTES || body.length != FIXED + n + SIGNATURE || body[30] > 1 || body[30] < 0) {
            throw malformed("bad lengths");
        }
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body, FIXED, n)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("name is not UTF-8");
        }
        keys.verify(new String(kid), Arrays.copyOf(body, FIXED + n), Arrays.copyOfRange(body, FIXED + n, body.length));
        ByteBuffer in = ByteBuffer.wrap(body);
        int last = in.getInt(31);
        return new Claims(Arrays.copyOfRange(body, 9, 25), Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt(25))),
                body[29] & 0xFF, body[30] == 1, last == 0 ? null : LocalDate.ofEpochDay(last),
                LocalDate.ofEpochDay(in.getInt(35)), name);
    }

    /** NFC, then whole code points dropped from the end until it fits 64 UTF-8 bytes. */
    static String canonicalName(String name) {
        String n = Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
        while (n.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            n = n.substring(0, n.offsetByCodePoints(n.length(), -1));
        }
        return n.strip();
    }

    private static InvalidPassTokenException malformed(String message) {
        return new InvalidPassTokenException(Reason.MALFORMED, message);
    }
}

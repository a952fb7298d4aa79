package vn.movepass.shared.vaccination;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import vn.movepass.shared.health.VaccineProduct;
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
 *  29     1 complete (1) or not (0) at issue
 *  30     6 the citizen id's 3 leading and 3 trailing digits, ASCII (shown {@code 079******456}, as a pass shows it)
 *  36     4 date of birth, epoch day (signed)
 *  40     1 d, the doses listed, 1..6 (the last 6)
 *  41    5d each dose: product code (1 byte, {@link #PRODUCTS}), epoch day (4)
 * 41+5d   1 name length n, 1..64
 * 42+5d   n full name, UTF-8, NFC
 * </pre>
 * followed by the 64-byte signature. What a verifier needs to compare with the person's ID card (name, birth date, the
 * id's first and last digits) and their doses; no full id, no address, no lot.
 */
public final class CertificateCodec {
    public static final String PREFIX = "VC1:";
    public static final int TYPE_VERSION = 0x84;
    public static final int MAX_NAME_BYTES = 64;
    public static final int MAX_DOSES = 6;
    private static final int FIXED = 42;
    private static final int DOSE = 5;
    private static final int SIGNATURE = 64;
    public static final int MAX_TOKEN_LENGTH = PREFIX.length()
            + Base45.encodedLength(FIXED + DOSE * MAX_DOSES + MAX_NAME_BYTES + SIGNATURE);
    /** Product codes, fixed by the format (code = index + 1); a new product is appended. */
    public static final List<VaccineProduct> PRODUCTS = List.of(VaccineProduct.AZ, VaccineProduct.PFIZER, VaccineProduct.MODERNA,
            VaccineProduct.SINOPHARM, VaccineProduct.SPUTNIK_V, VaccineProduct.ABDALA, VaccineProduct.HAYAT_VAX,
            VaccineProduct.JANSSEN);
    private static final String KID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** What a certificate says; {@code idDigits} the citizen id's 3 leading and 3 trailing digits. */
    public record Claims(byte[] certificateId, Instant issuedAt, boolean complete, String idDigits, LocalDate dateOfBirth,
                         List<Dose> doses, String fullName) {
        public String certificateIdString() {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(certificateId);
        }
    }

    /** One dose as the certificate lists it. */
    public record Dose(VaccineProduct product, LocalDate date) {
    }

    private final PassKeys keys;

    public CertificateCodec(PassKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public String sign(Claims c) {
        byte[] name = canonicalName(c.fullName()).getBytes(StandardCharsets.UTF_8);
        List<Dose> doses = c.doses().subList(Math.max(0, c.doses().size() - MAX_DOSES), c.doses().size());
        if (c.certificateId().length != 16 || name.length == 0 || doses.isEmpty() || c.idDigits() == null
                || !c.idDigits().matches("[0-9]{6}")) {
            throw new IllegalArgumentException("certificate claims out of range");
        }
        ByteBuffer b = ByteBuffer.allocate(FIXED + DOSE * doses.size() + name.length);
        b.put((byte) TYPE_VERSION).put(keys.activeKid().getBytes(StandardCharsets.US_ASCII)).put(c.certificateId());
        b.putInt((int) c.issuedAt().getEpochSecond()).put((byte) (c.complete() ? 1 : 0));
        b.put(c.idDigits().getBytes(StandardCharsets.US_ASCII)).putInt((int) c.dateOfBirth().toEpochDay());
        b.put((byte) doses.size());
        for (Dose d : doses) {
            b.put((byte) (PRODUCTS.indexOf(d.product()) + 1)).putInt((int) d.date().toEpochDay());
        }
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
        int d = body[40] & 0xFF;
        if (d < 1 || d > MAX_DOSES || body.length < FIXED + DOSE * d + 1 + SIGNATURE || body[29] > 1 || body[29] < 0) {
            throw malformed("bad lengths");
        }
        int nameAt = FIXED + DOSE * d;
        int n = body[nameAt - 1] & 0xFF;
        if (n < 1 || n > MAX_NAME_BYTES || body.length != nameAt + n + SIGNATURE) {
            throw malformed("bad lengths");
        }
        for (int i = 30; i < 36; i++) {
            if (body[i] < '0' || body[i] > '9') {
                throw malformed("bad id digits");
            }
        }
        List<Dose> doses = new ArrayList<>(d);
        ByteBuffer in = ByteBuffer.wrap(body);
        for (int i = 0; i < d; i++) {
            int code = body[41 + DOSE * i] & 0xFF;
            if (code < 1 || code > PRODUCTS.size()) {
                throw malformed("unknown product code");
            }
            doses.add(new Dose(PRODUCTS.get(code - 1), LocalDate.ofEpochDay(in.getInt(42 + DOSE * i))));
        }
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body, nameAt, n)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("name is not UTF-8");
        }
        keys.verify(new String(kid), Arrays.copyOf(body, nameAt + n), Arrays.copyOfRange(body, nameAt + n, body.length));
        return new Claims(Arrays.copyOfRange(body, 9, 25), Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt(25))),
                body[29] == 1, new String(body, 30, 6, StandardCharsets.US_ASCII), LocalDate.ofEpochDay(in.getInt(36)),
                List.copyOf(doses), name);
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

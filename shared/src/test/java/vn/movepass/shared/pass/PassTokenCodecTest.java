package vn.movepass.shared.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Mode;
import com.google.zxing.qrcode.encoder.Encoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.pass.InvalidPassTokenException.Reason;

class PassTokenCodecTest {

    private static final PassKeys KEYS_A = PassKeys.fromSeed(TestData.SEED_A);
    private static final PassKeys KEYS_B = PassKeys.fromSeed(TestData.SEED_B);
    private static final PassTokenCodec CODEC = new PassTokenCodec(KEYS_A);
    /** Replacement characters: Base45 symbols of low, middle and high value, and forbidden ones. */
    private static final String REPLACEMENTS = "09AMZ %:-a#\u00c0\u0000\u1ec5";
    /** A 96-byte name: Vietnamese letters take 2 or 3 bytes in UTF-8. */
    private static final String LONGEST_NAME = worstCaseName();

    @Test
    void roundTrips() {
        String token = CODEC.sign(TestData.claims());
        assertTrue(token.startsWith("MP1:"));
        assertEquals(TestData.claims(), CODEC.verify(token));
        assertEquals(TestData.claims(), CODEC.decodeUnverified(token));
        assertEquals(KEYS_A.activeKid(), CODEC.kidOf(token));
        assertEquals(token, CODEC.sign(TestData.claims()), "Ed25519 signing is deterministic");
    }

    @Test
    void payloadLayoutIsAsSpecified() {
        PassClaims claims = TestData.claims();
        byte[] body = Base45.decode(CODEC.sign(claims).substring(4));
        byte[] name = claims.fullName().getBytes(StandardCharsets.UTF_8);
        assertEquals(44 + name.length + 64, body.length);
        ByteBuffer in = ByteBuffer.wrap(body);
        assertEquals(1, in.get());
        byte[] kid = new byte[8];
        in.get(kid);
        assertEquals(KEYS_A.activeKid(), new String(kid, StandardCharsets.US_ASCII));
        byte[] passId = new byte[16];
        in.get(passId);
        assertArrayEquals(claims.passId(), passId);
        assertEquals(claims.validFrom().getEpochSecond(), Integer.toUnsignedLong(in.getInt()));
        assertEquals(claims.validUntil().getEpochSecond(), Integer.toUnsignedLong(in.getInt()));
        assertEquals(19900517, in.getInt());
        byte[] digits = new byte[6];
        in.get(digits);
        assertEquals("079456", new String(digits, StandardCharsets.US_ASCII));
        assertEquals(name.length, in.get() & 0xFF);
        byte[] storedName = new byte[name.length];
        in.get(storedName);
        assertArrayEquals(name, storedName);
        assertEquals(64, in.remaining());
    }

    @Test
    void worstCaseFitsQrVersion10AlphanumericAtM() throws Exception {
        assertEquals(96, LONGEST_NAME.getBytes(StandardCharsets.UTF_8).length);
        String token = CODEC.sign(TestData.claims(LONGEST_NAME));
        assertEquals(PassTokenCodec.MAX_TOKEN_LENGTH, token.length());
        assertEquals(310, token.length());
        var qr = Encoder.encode(token, ErrorCorrectionLevel.M);
        assertEquals(Mode.ALPHANUMERIC, qr.getMode());
        assertEquals(10, qr.getVersion().getVersionNumber());
        assertEquals(10, new QrRenderer().version(token));
        // A longer name is truncated, so it cannot make the token any bigger.
        String tooLong = CODEC.sign(TestData.claims(LONGEST_NAME + "ễ Nguyễn"));
        assertEquals(310, tooLong.length());
        assertEquals(TestData.claims(LONGEST_NAME), CODEC.verify(tooLong));
        // A typical name needs version 8.
        assertEquals(8, new QrRenderer().version(CODEC.sign(TestData.claims())));
    }

    @Test
    void namesAreNfcAndTruncatedAtCodePointBoundaries() {
        String decomposed = "Nguye\u0302\u0303n Va\u0306n An";
        assertEquals("Nguyễn Văn An", CODEC.verify(CODEC.sign(TestData.claims(decomposed))).fullName());

        assertEquals("a".repeat(96), PassTokenCodec.canonicalName("a".repeat(100)));
        assertEquals("é".repeat(48), PassTokenCodec.canonicalName("é".repeat(60)));
        assertEquals("a" + "é".repeat(47), PassTokenCodec.canonicalName("a" + "é".repeat(60)));
        assertEquals("ễ".repeat(32), PassTokenCodec.canonicalName("ễ".repeat(40)));
        assertEquals("ab" + "ễ".repeat(31), PassTokenCodec.canonicalName("ab" + "ễ".repeat(40)));
        String emoji = "\uD83D\uDE00";
        assertEquals(emoji.repeat(24), PassTokenCodec.canonicalName(emoji.repeat(30)));
        assertEquals("abc" + emoji.repeat(23), PassTokenCodec.canonicalName("abc" + emoji.repeat(30)));
        for (int prefix = 0; prefix < 8; prefix++) {
            String name = PassTokenCodec.canonicalName("x".repeat(prefix) + "ễ" + emoji.repeat(30));
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= 96 && bytes > 92, name);
            assertEquals(name, CODEC.verify(CODEC.sign(TestData.claims(name))).fullName());
        }
        assertThrows(IllegalArgumentException.class, () -> CODEC.sign(TestData.claims("An\uD800")));
        assertThrows(IllegalArgumentException.class,
                () -> CODEC.sign(TestData.claims(" ".repeat(100) + "A")));
    }

    @Test
    void instantsAreTruncatedToSecondsAndRangeChecked() {
        PassClaims c = TestData.claims();
        PassClaims withNanos = new PassClaims(c.passId(), c.validFrom().plusMillis(900),
                c.validUntil().plusNanos(1), c.fullName(), c.dateOfBirth(), c.citizenIdMasked());
        assertEquals(c, CODEC.verify(CODEC.sign(withNanos)));
        assertThrows(IllegalArgumentException.class, () -> CODEC.sign(new PassClaims(c.passId(),
                Instant.ofEpochSecond(5, 100), Instant.ofEpochSecond(5, 200), "A", c.dateOfBirth(), c.citizenIdMasked())));
        assertThrows(IllegalArgumentException.class, () -> CODEC.sign(new PassClaims(c.passId(),
                Instant.ofEpochSecond(-1), c.validUntil(), "A", c.dateOfBirth(), c.citizenIdMasked())));
        assertThrows(IllegalArgumentException.class, () -> CODEC.sign(new PassClaims(c.passId(),
                c.validFrom(), Instant.ofEpochSecond(1L << 32), "A", c.dateOfBirth(), c.citizenIdMasked())));
        assertThrows(IllegalArgumentException.class, () -> CODEC.sign(new PassClaims(c.passId(),
                c.validFrom(), c.validUntil(), "A", LocalDate.of(10_000, 1, 1), c.citizenIdMasked())));
        PassClaims extreme = new PassClaims(c.passId(), Instant.EPOCH, Instant.ofEpochSecond(0xFFFF_FFFFL),
                "A", LocalDate.of(9999, 12, 31), "999******000");
        assertEquals(extreme, CODEC.verify(CODEC.sign(extreme)));
    }

    @Test
    void everySingleCharacterChangeFailsVerification() {
        for (String name : new String[] {TestData.claims().fullName(), LONGEST_NAME}) {
            String token = CODEC.sign(TestData.claims(name));
            int checked = 0;
            for (int i = 0; i < token.length(); i++) {
                char original = token.charAt(i);
                int value = Base45.ALPHABET.indexOf(original);
                // The neighbouring alphabet symbols are the smallest possible value changes.
                String replacements = REPLACEMENTS
                        + (value < 0 ? "" : "" + Base45.ALPHABET.charAt((value + 1) % 45)
                                + Base45.ALPHABET.charAt((value + 44) % 45));
                for (char replacement : replacements.toCharArray()) {
                    if (replacement != original) {
                        expectRejected(token.substring(0, i) + replacement + token.substring(i + 1));
                        checked++;
                    }
                }
            }
            assertTrue(checked >= token.length() * (REPLACEMENTS.length() - 1));
        }
    }

    @Test
    void everyBitFlipInTheDecodedBytesFailsVerification() {
        byte[] body = Base45.decode(CODEC.sign(TestData.claims()).substring(4));
        for (int bit = 0; bit < body.length * 8; bit++) {
            byte[] flipped = body.clone();
            flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            expectRejected("MP1:" + Base45.encode(flipped));
        }
    }

    @Test
    void truncationAndAppendingFail() {
        String token = CODEC.sign(TestData.claims());
        for (int length = 0; length < token.length(); length++) {
            expectRejected(token.substring(0, length));
        }
        for (char c : (Base45.ALPHABET + "\n\r\t").toCharArray()) {
            expectRejected(token + c);
            expectRejected(c + token);
        }
        byte[] body = Base45.decode(token.substring(4));
        for (int extra = 1; extra <= 4; extra++) {
            byte[] longer = Arrays.copyOf(body, body.length + extra);
            expectRejected("MP1:" + Base45.encode(longer));
        }
        expectRejected("mp1:" + token.substring(4));
        expectRejected("MP2:" + token.substring(4));
        expectRejected(" " + token);
    }

    @Test
    void forgedSignatureWithTheSameKidIsRejected() throws Exception {
        byte[] payload = PassTokenCodec.encodePayload(TestData.claims("Kẻ Giả Mạo"), KEYS_A.activeKid());
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(KEYS_B.signingKey());
        signer.update(payload);
        String forged = PassTokenCodec.assemble(payload, signer.sign());
        assertEquals(KEYS_A.activeKid(), CODEC.kidOf(forged));
        assertEquals("Kẻ Giả Mạo", CODEC.decodeUnverified(forged).fullName());
        assertEquals(Reason.BAD_SIGNATURE, reasonOf(() -> CODEC.verify(forged)));
        // All-zero signature too.
        assertEquals(Reason.BAD_SIGNATURE, reasonOf(() -> CODEC.verify(PassTokenCodec.assemble(payload, new byte[64]))));
    }

    @Test
    void unknownKidIsReported() {
        String token = new PassTokenCodec(KEYS_B).sign(TestData.claims());
        assertEquals(Reason.UNKNOWN_KID, reasonOf(() -> CODEC.verify(token)));
        assertEquals(TestData.claims(), CODEC.decodeUnverified(token));
        assertEquals(KEYS_B.activeKid(), CODEC.kidOf(token));
    }

    @Test
    void structurallyInvalidFieldsAreMalformed() {
        byte[] good = PassTokenCodec.encodePayload(TestData.claims(), KEYS_A.activeKid());
        Consumer<Consumer<byte[]>> check = mutation -> {
            byte[] payload = good.clone();
            mutation.accept(payload);
            String token = PassTokenCodec.assemble(payload, new byte[64]);
            assertEquals(Reason.MALFORMED, reasonOf(() -> CODEC.decodeUnverified(token)));
            assertEquals(Reason.MALFORMED, reasonOf(() -> CODEC.verify(token)));
            assertEquals(Reason.MALFORMED, reasonOf(() -> CODEC.kidOf(token)));
        };
        check.accept(p -> p[0] = 2);
        check.accept(p -> p[3] = '+');
        check.accept(p -> p[36] = 0x31); // 19900517 -> 19900465: day 65
        check.accept(p -> ByteBuffer.wrap(p).putInt(33, 19900230));
        check.accept(p -> ByteBuffer.wrap(p).putInt(33, 100_000_101));
        check.accept(p -> ByteBuffer.wrap(p).putInt(29, ByteBuffer.wrap(p).getInt(25)));
        check.accept(p -> p[40] = 'x');
        check.accept(p -> p[43] = 0);
        check.accept(p -> p[43] = (byte) (p[43] + 1));
        check.accept(p -> p[44] = (byte) 0xC3); // invalid UTF-8

        // Valid UTF-8 but not NFC: "A" + U+0301 COMBINING ACUTE ACCENT.
        byte[] payload = PassTokenCodec.encodePayload(TestData.claims("Axy"), KEYS_A.activeKid());
        payload[45] = (byte) 0xCC;
        payload[46] = (byte) 0x81;
        String token = PassTokenCodec.assemble(payload, new byte[64]);
        assertEquals(Reason.MALFORMED, reasonOf(() -> CODEC.decodeUnverified(token)));
    }

    @Test
    void neverThrowsAnythingElseOnRandomInput() {
        Random random = new Random(20210823);
        String alphabet = Base45.ALPHABET + "abcé\u0000\n";
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(400);
            StringBuilder s = new StringBuilder(random.nextBoolean() ? "MP1:" : "");
            for (int j = 0; j < length; j++) {
                s.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            expectRejected(s.toString());
        }
        for (int i = 0; i < 5_000; i++) {
            byte[] body = new byte[random.nextInt(250)];
            random.nextBytes(body);
            if (body.length > 0 && random.nextBoolean()) {
                body[0] = 1;
            }
            expectRejected("MP1:" + Base45.encode(body));
        }
        expectRejected(null);
        expectRejected("");
        expectRejected("MP1:");
        expectRejected("MP1:" + "0".repeat(400));
    }

    /** verify must reject; no method may throw anything but InvalidPassTokenException. */
    private static void expectRejected(String token) {
        assertOnlyInvalidToken(() -> CODEC.verify(token), true, token);
        assertOnlyInvalidToken(() -> CODEC.decodeUnverified(token), false, token);
        assertOnlyInvalidToken(() -> CODEC.kidOf(token), false, token);
    }

    private static void assertOnlyInvalidToken(Runnable call, boolean mustReject, String token) {
        try {
            call.run();
        } catch (InvalidPassTokenException expected) {
            return;
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for token " + token, e);
        }
        if (mustReject) {
            fail("verify accepted a modified token: " + token);
        }
    }

    private static Reason reasonOf(Runnable call) {
        try {
            call.run();
        } catch (InvalidPassTokenException e) {
            return e.reason();
        }
        throw new AssertionError("expected InvalidPassTokenException");
    }

    private static String worstCaseName() {
        return "Tôn Nữ Hoàng Thị Phượng Tuyết Xuân Hồng Nhung Thanh Trúc Ngọc Bích Diệp Ánh";
    }
}

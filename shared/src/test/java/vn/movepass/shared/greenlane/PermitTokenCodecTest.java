package vn.movepass.shared.greenlane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.pass.InvalidPassTokenException.Reason;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassKeys;

class PermitTokenCodecTest {
    static final PassKeys KEYS = PassKeys.fromSeed(HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
    static final PassKeys OTHER = PassKeys.fromSeed(HexFormat.of().parseHex(
            "1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100"));
    static final PermitTokenCodec CODEC = new PermitTokenCodec(KEYS);

    static PermitClaims claims(String plate, String operator) {
        return new PermitClaims(new byte[16], Instant.parse("2021-08-23T00:00:00Z"), Instant.parse("2021-08-30T00:00:00Z"),
                plate, operator);
    }

    @Test
    void roundTripsAndCanonicalises() {
        String token = CODEC.sign(claims(" 51c-123.45 ", "Cong\u0303 ty")); // NFD operator, lower-case plate
        PermitClaims back = CODEC.verify(token);
        assertEquals("51C-123.45", back.plate());
        assertEquals("Cong\u0303 ty".transform(s -> java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC)),
                back.operatorName());
        assertEquals(back, CODEC.decodeUnverified(token));
    }

    @Test
    void aRotatedKeyStillVerifiesAndAnUnknownOneDoesNot() {
        String signedByOther = new PermitTokenCodec(OTHER).sign(claims("51C-123.45", "X"));
        assertEquals(Reason.UNKNOWN_KID,
                assertThrows(InvalidPassTokenException.class, () -> CODEC.verify(signedByOther)).reason());
        PermitTokenCodec rotated = new PermitTokenCodec(KEYS.withVerificationKey(OTHER.activePublicKeyBase64Url()));
        assertEquals("X", rotated.verify(signedByOther).operatorName());
    }

    @Test
    void everySingleCharacterChangeIsRefusedAndNothingButTheTokenExceptionEscapes() {
        String token = CODEC.sign(claims("51C-123.45", "Công ty TNHH Vận tải Sài Gòn"));
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        for (int i = 0; i < token.length(); i++) {
            for (int shift : new int[] {1, 7, 22}) {
                int at = alphabet.indexOf(token.charAt(i));
                char c = at < 0 ? 'X' : alphabet.charAt((at + shift) % alphabet.length());
                String forged = token.substring(0, i) + c + token.substring(i + 1);
                assertThrows(InvalidPassTokenException.class, () -> CODEC.verify(forged), "position " + i);
            }
        }
        Random random = new Random(20210823L);
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder("GL1:");
            int length = random.nextInt(300);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThrows(InvalidPassTokenException.class, () -> CODEC.verify(sb.toString()));
        }
        assertThrows(InvalidPassTokenException.class, () -> CODEC.verify(null));
        assertThrows(InvalidPassTokenException.class, () -> CODEC.verify(token.toLowerCase()));
    }

    @Test
    void theLongestTokenFitsQrVersion10() {
        String token = CODEC.sign(claims("59LD-123.45 9999", "Đ".repeat(200)));
        assertEquals(PermitTokenCodec.MAX_TOKEN_LENGTH, token.length());
        assertEquals(273, token.length());
        assertTrue(new vn.movepass.shared.pass.QrRenderer().version(token) <= 10);
    }

    @Test
    void claimsThatCannotBeCarriedAreRefusedAtSigning() {
        assertThrows(IllegalArgumentException.class, () -> CODEC.sign(claims("51C-123.45/6", "X")));
        assertThrows(IllegalArgumentException.class, () -> CODEC.sign(claims("51C-123.45-12345678", "X")));
    }
}

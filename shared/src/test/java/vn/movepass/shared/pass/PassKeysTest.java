package vn.movepass.shared.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PassKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** RFC 8032 §7.1 TEST 1, 2 and 3: secret key, public key, message, signature. */
    @ParameterizedTest
    @CsvSource({
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
            + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a,,"
            + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
            + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c,72,"
            + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7,"
            + "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025,af82,"
            + "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
            + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    })
    void fromSeedMatchesRfc8032(String seedHex, String publicHex, String messageHex, String signatureHex)
            throws Exception {
        PassKeys keys = PassKeys.fromSeed(TestData.HEX.parseHex(seedHex));
        byte[] publicKey = TestData.HEX.parseHex(publicHex);
        assertEquals(b64url(publicKey), keys.activePublicKeyBase64Url());

        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.signingKey());
        signer.update(messageHex == null ? new byte[0] : TestData.HEX.parseHex(messageHex));
        assertEquals(signatureHex, TestData.HEX.formatHex(signer.sign()));
    }

    @Test
    void kidIsPrefixOfHashOfRawKey() throws Exception {
        PassKeys keys = PassKeys.fromSeed(TestData.SEED_A);
        byte[] raw = Base64.getUrlDecoder().decode(keys.activePublicKeyBase64Url());
        String expected = b64url(MessageDigest.getInstance("SHA-256").digest(raw)).substring(0, 8);
        assertEquals(expected, keys.activeKid());
        assertEquals(expected, PassKeys.kidOf(raw));
        assertEquals(List.of(expected), List.copyOf(keys.kids()));
    }

    @Test
    void seedPersistsAndRestores() {
        PassKeys keys = PassKeys.generate(new SecureRandom());
        String seed = keys.privateSeedBase64();
        assertEquals(44, seed.length());
        PassKeys restored = PassKeys.fromSeedBase64(seed);
        assertEquals(keys.activeKid(), restored.activeKid());
        assertEquals(keys.activePublicKeyBase64Url(), restored.activePublicKeyBase64Url());
        String urlSafe = seed.replace('+', '-').replace('/', '_').replace("=", "");
        assertEquals(keys.activeKid(), PassKeys.fromSeedBase64(urlSafe).activeKid());
        assertFalse(keys.toString().contains(seed));
    }

    @Test
    void fromSeedIsDeterministicAndValidatesLength() {
        assertEquals(PassKeys.fromSeed(TestData.SEED_A).activeKid(), PassKeys.fromSeed(TestData.SEED_A.clone()).activeKid());
        assertNotEquals(PassKeys.fromSeed(TestData.SEED_A).activeKid(), PassKeys.fromSeed(TestData.SEED_B).activeKid());
        assertThrows(IllegalArgumentException.class, () -> PassKeys.fromSeed(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> PassKeys.fromSeed(new byte[33]));
    }

    @Test
    void jwksHasExpectedShapeAndRoundTrips() throws Exception {
        PassKeys keys = PassKeys.fromSeed(TestData.SEED_A)
                .withVerificationKey(PassKeys.fromSeed(TestData.SEED_B).activePublicKeyBase64Url());
        JsonNode root = JSON.readTree(keys.jwksJson());
        assertEquals(2, root.get("keys").size());
        JsonNode first = root.get("keys").get(0);
        assertEquals("OKP", first.get("kty").asText());
        assertEquals("Ed25519", first.get("crv").asText());
        assertEquals(keys.activePublicKeyBase64Url(), first.get("x").asText());
        assertEquals(keys.activeKid(), first.get("kid").asText());
        assertEquals("sig", first.get("use").asText());
        assertEquals("EdDSA", first.get("alg").asText());
        assertEquals(6, first.size());

        PassKeys verifier = PassKeys.verificationOnlyFromJwks(keys.jwksJson());
        assertFalse(verifier.canSign());
        assertEquals(keys.kids(), verifier.kids());
        assertEquals(keys.jwksJson(), verifier.jwksJson());
        assertThrows(IllegalStateException.class, verifier::activeKid);
        assertThrows(IllegalStateException.class, verifier::privateSeedBase64);
        assertThrows(IllegalStateException.class, () -> new PassTokenCodec(verifier).sign(TestData.claims()));
    }

    @Test
    void rotationKeepsOldTokensVerifiable() {
        PassKeys oldKeys = PassKeys.fromSeed(TestData.SEED_A);
        String oldToken = new PassTokenCodec(oldKeys).sign(TestData.claims());
        String oldJwk = oldJwk(oldKeys);

        PassKeys newKeys = PassKeys.fromSeed(TestData.SEED_B).withVerificationKey(oldJwk);
        PassTokenCodec codec = new PassTokenCodec(newKeys);
        String newToken = codec.sign(TestData.claims());
        assertEquals(PassKeys.fromSeed(TestData.SEED_B).activeKid(), codec.kidOf(newToken));
        assertEquals(TestData.claims(), codec.verify(oldToken));
        assertEquals(TestData.claims(), codec.verify(newToken));

        PassTokenCodec offline = new PassTokenCodec(PassKeys.verificationOnlyFromJwks(newKeys.jwksJson()));
        assertEquals(TestData.claims(), offline.verify(oldToken));
        assertEquals(TestData.claims(), offline.verify(newToken));
        // Adding a key twice is idempotent.
        assertEquals(newKeys.kids(), newKeys.withVerificationKey(oldJwk).kids());
        assertTrue(newKeys.canSign());
    }

    @Test
    void rejectsBadJwks() {
        String x = PassKeys.fromSeed(TestData.SEED_A).activePublicKeyBase64Url();
        String kid = PassKeys.fromSeed(TestData.SEED_A).activeKid();
        List<String> bad = List.of(
                "", "[]", "{}", "{\"keys\":{}}", "{\"keys\":[]}", "not json",
                "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\"}]}",
                "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"kid\":\"AAAAAAAA\"}]}",
                "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"use\":\"enc\"}]}",
                "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"alg\":\"ES256\"}]}",
                "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "A\"}]}",
                "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "=\"}]}",
                "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x.substring(1) + "\"}]}",
                "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}");
        for (String json : bad) {
            assertThrows(IllegalArgumentException.class, () -> PassKeys.verificationOnlyFromJwks(json), json);
        }
        // Unknown key types are skipped, not fatal.
        PassKeys keys = PassKeys.verificationOnlyFromJwks("{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"},"
                + "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"kid\":\"" + kid + "\"}]}");
        assertEquals(List.of(kid), List.copyOf(keys.kids()));
    }

    @Test
    void withVerificationKeyValidatesInput() {
        PassKeys keys = PassKeys.fromSeed(TestData.SEED_A);
        assertThrows(IllegalArgumentException.class, () -> keys.withVerificationKey("abc"));
        assertThrows(IllegalArgumentException.class, () -> keys.withVerificationKey("{\"kty\":\"EC\"}"));
        assertThrows(IllegalArgumentException.class, () -> keys.withVerificationKey(new byte[31]));
        byte[] raw = Base64.getUrlDecoder().decode(PassKeys.fromSeed(TestData.SEED_B).activePublicKeyBase64Url());
        PassKeys extended = keys.withVerificationKey(raw);
        assertEquals(2, extended.kids().size());
        assertEquals(1, keys.kids().size());
        assertArrayEquals(raw, Base64.getUrlDecoder().decode(
                PassKeys.fromSeed(TestData.SEED_B).activePublicKeyBase64Url()));
    }

    private static String oldJwk(PassKeys keys) {
        try {
            return JSON.readTree(keys.jwksJson()).get("keys").get(0).toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void thePrimingWarmUpSignsWithAThrowawayKeyNotTheActiveOne() {
        PassKeys active = PassKeys.generate(new SecureRandom());
        PassKeys.warmUp();
        assertNotEquals(PassKeys.fromSeed(new byte[PassKeys.SEED_LENGTH]).activeKid(), active.activeKid());
    }
}

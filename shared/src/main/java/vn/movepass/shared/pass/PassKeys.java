package vn.movepass.shared.pass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.movepass.shared.pass.InvalidPassTokenException.Reason;

/**
 * An immutable Ed25519 key set for pass tokens: at most one active signing key plus any number of
 * verification-only public keys (old keys kept during rotation, or every key of an offline verifier).
 *
 * <p>Each public key is identified by its {@code kid}: the first 8 characters of
 * base64url(SHA-256(raw 32-byte public key)). The kid is therefore a function of the key; a JWK
 * whose {@code kid} does not match its {@code x} is rejected.
 *
 * <p>It is the one place keys are parsed (seed, JWK, JWKS, SubjectPublicKeyInfo) and the one place token
 * payloads are signed ({@link #sign(byte[])}) and verified ({@link #verify(String, byte[], byte[])}): pass tokens
 * ({@link PassTokenCodec}) and green-lane permit tokens share them.
 *
 * <p>A signing key is persisted as its 32-byte RFC 8032 private seed ({@link #privateSeedBase64()},
 * {@link #fromSeedBase64(String)}); the public key is derived from it deterministically.
 */
public final class PassKeys {

    /** Length of an Ed25519 private seed in bytes. */
    public static final int SEED_LENGTH = 32;

    /** Length of a raw Ed25519 public key in bytes. */
    public static final int PUBLIC_KEY_LENGTH = 32;

    /** Length of a key id in characters (and bytes: kids are ASCII). */
    public static final int KID_LENGTH = 8;

    private static final String ALGORITHM = "Ed25519";

    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key (RFC 8410). */
    private static final byte[] SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] seed;
    private final PrivateKey signingKey;
    private final String activeKid;
    private final Map<String, VerificationKey> keys;

    private PassKeys(byte[] seed, PrivateKey signingKey, String activeKid,
            Map<String, VerificationKey> keys) {
        this.seed = seed;
        this.signingKey = signingKey;
        this.activeKid = activeKid;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /**
     * Generates a fresh signing key.
     *
     * @param random source of the 32-byte seed
     * @return a key set whose only key is a new active signing key
     */
    public static PassKeys generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Builds the signing key set for a 32-byte RFC 8032 private seed; deterministic.
     *
     * @param seed32 the private seed
     * @return a key set whose only key is the active signing key for this seed
     * @throws IllegalArgumentException if the seed is not 32 bytes
     */
    public static PassKeys fromSeed(byte[] seed32) {
        Objects.requireNonNull(seed32, "seed32");
        if (seed32.length != SEED_LENGTH) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes, got " + seed32.length);
        }
        byte[] seed = seed32.clone();
        KeyPair pair;
        try {
            // JDK 17 has no public "private -> public" API; its Ed25519 generator draws exactly the
            // 32-byte seed from the SecureRandom it is given and derives the public key from it.
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeedRandom(seed));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
        Optional<byte[]> generatedSeed = ((EdECPrivateKey) pair.getPrivate()).getBytes();
        if (generatedSeed.isEmpty() || !MessageDigest.isEqual(generatedSeed.get(), seed)) {
            throw new IllegalStateException("Ed25519 provider did not use the supplied seed");
        }
        byte[] raw = rawPublicKey(pair.getPublic());
        String kid = kidOf(raw);
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        keys.put(kid, new VerificationKey(raw, pair.getPublic()));
        return new PassKeys(seed, pair.getPrivate(), kid, keys);
    }

    /**
     * Inverse of {@link #privateSeedBase64()}: accepts standard or URL-safe base64, padded or not.
     *
     * @param seedBase64 the base64 seed
     * @return the signing key set
     * @throws IllegalArgumentException if the text is not base64 of 32 bytes
     */
    public static PassKeys fromSeedBase64(String seedBase64) {
        Objects.requireNonNull(seedBase64, "seedBase64");
        byte[] seed = Base64.getDecoder().decode(seedBase64.trim().replace('-', '+').replace('_', '/'));
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Builds a verification-only key set from a JWKS document (the inverse of {@link #jwksJson()}).
     * Keys that are not {@code OKP}/{@code Ed25519} are ignored, as RFC 7517 asks.
     *
     * @param json a JWKS: {@code {"keys":[...]}}
     * @return a key set that can verify but not sign
     * @throws IllegalArgumentException if the JSON is invalid, an Ed25519 key is malformed or its kid
     *     does not match, or no Ed25519 key is present
     */
    public static PassKeys verificationOnlyFromJwks(String json) {
        JsonNode root = parseJson(json);
        JsonNode array = root.get("keys");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("JWKS has no \"keys\" array");
        }
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        for (JsonNode jwk : array) {
            if (!jwk.isObject() || !"OKP".equals(jwk.path("kty").asText(null))
                    || !"Ed25519".equals(jwk.path("crv").asText(null))) {
                continue;
            }
            addKey(keys, jwkToRaw(jwk));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("JWKS contains no Ed25519 key");
        }
        return new PassKeys(null, null, null, keys);
    }

    /**
     * Returns a copy of this key set that also accepts tokens signed by the given public key.
     * Adding a key that is already present returns an equal key set.
     *
     * @param jwkOrRawKey either one JWK JSON object ({@code kty} OKP, {@code crv} Ed25519) or the raw
     *     32-byte public key as unpadded base64url (the JWK {@code x} value)
     * @return the extended key set
     * @throws IllegalArgumentException if the key cannot be parsed
     */
    public PassKeys withVerificationKey(String jwkOrRawKey) {
        Objects.requireNonNull(jwkOrRawKey, "jwkOrRawKey");
        String text = jwkOrRawKey.trim();
        if (text.startsWith("{")) {
            JsonNode jwk = parseJson(text);
            if (!"OKP".equals(jwk.path("kty").asText(null))
                    || !"Ed25519".equals(jwk.path("crv").asText(null))) {
                throw new IllegalArgumentException("JWK is not an OKP Ed25519 key");
            }
            return withVerificationKey(jwkToRaw(jwk));
        }
        return withVerificationKey(decodeBase64Url(text, "public key"));
    }

    /**
     * Returns a copy of this key set that also accepts tokens signed by the given public key.
     *
     * @param rawPublicKey the raw 32-byte Ed25519 public key
     * @return the extended key set
     * @throws IllegalArgumentException if the key is not 32 bytes or not a valid encoding
     */
    public PassKeys withVerificationKey(byte[] rawPublicKey) {
        Objects.requireNonNull(rawPublicKey, "rawPublicKey");
        Map<String, VerificationKey> copy = new LinkedHashMap<>(keys);
        addKey(copy, rawPublicKey.clone());
        return new PassKeys(seed, signingKey, activeKid, copy);
    }

    /**
     * Whether this key set holds a private key.
     *
     * @return true if {@link PassTokenCodec#sign(PassClaims)} can be used with it
     */
    public boolean canSign() {
        return signingKey != null;
    }

    /**
     * Key id of the active signing key.
     *
     * @return the 8-character kid
     * @throws IllegalStateException if this key set is verification-only
     */
    public String activeKid() {
        requireSigning();
        return activeKid;
    }

    /**
     * The active signing key's raw public key as unpadded base64url (the JWK {@code x} value).
     *
     * @return 43 base64url characters
     * @throws IllegalStateException if this key set is verification-only
     */
    public String activePublicKeyBase64Url() {
        requireSigning();
        return base64Url(keys.get(activeKid).raw());
    }

    /**
     * The private seed as standard base64 with padding (44 characters), for storing in a secret store.
     *
     * @return the base64 seed
     * @throws IllegalStateException if this key set is verification-only
     */
    public String privateSeedBase64() {
        requireSigning();
        return Base64.getEncoder().encodeToString(seed);
    }

    /**
     * All known key ids, the active one (if any) first, then in the order they were added.
     *
     * @return an unmodifiable set of kids
     */
    public Set<String> kids() {
        return keys.keySet();
    }

    /**
     * The public keys as a JWKS document, active key first, for {@code GET /.well-known/jwks.json}.
     *
     * @return compact JSON {@code {"keys":[{"kty":"OKP","crv":"Ed25519","x":...,"kid":...,
     *     "use":"sig","alg":"EdDSA"},...]}}
     */
    public String jwksJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("keys");
        for (Map.Entry<String, VerificationKey> entry : keys.entrySet()) {
            ObjectNode jwk = array.addObject();
            jwk.put("kty", "OKP");
            jwk.put("crv", "Ed25519");
            jwk.put("x", base64Url(entry.getValue().raw()));
            jwk.put("kid", entry.getKey());
            jwk.put("use", "sig");
            jwk.put("alg", "EdDSA");
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JWKS", e);
        }
    }

    /**
     * Computes the kid of a raw public key: first 8 characters of base64url(SHA-256(key)).
     *
     * @param rawPublicKey the raw 32-byte public key
     * @return the kid
     */
    public static String kidOf(byte[] rawPublicKey) {
        if (rawPublicKey == null || rawPublicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawPublicKey);
            return base64Url(digest).substring(0, KID_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Never reveals the private seed. */
    @Override
    public String toString() {
        return "PassKeys[activeKid=" + activeKid + ", kids=" + keys.keySet() + "]";
    }

    /**
     * Signs a token payload with the active key.
     *
     * @param payload the bytes to sign
     * @return the 64-byte Ed25519 signature
     * @throws IllegalStateException if this key set is verification-only
     */
    public byte[] sign(byte[] payload) {
        requireSigning();
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(signingKey);
            signer.update(payload);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Verifies a token payload's signature by the key a token names.
     *
     * @param kid the key id the token carries
     * @param payload the signed bytes
     * @param signature the signature the token carries
     * @throws InvalidPassTokenException {@link Reason#UNKNOWN_KID} if no key here has that kid,
     *     {@link Reason#BAD_SIGNATURE} if the signature does not verify
     */
    public void verify(String kid, byte[] payload, byte[] signature) {
        VerificationKey key = keys.get(kid);
        if (key == null) {
            throw new InvalidPassTokenException(Reason.UNKNOWN_KID, "token key id is not known");
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key.key());
            verifier.update(payload);
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new InvalidPassTokenException(Reason.BAD_SIGNATURE, "signature does not verify");
        }
    }

    /**
     * Signs and verifies once with a throwaway key (the all-zero seed), for SnapStart priming: the JDK's Ed25519 arithmetic
     * is loaded and run before the snapshot, not on a restored function's first request. No secret, no randomness.
     */
    public static void warmUp() {
        PassKeys throwaway = fromSeed(new byte[SEED_LENGTH]);
        byte[] payload = "movepass-priming".getBytes(StandardCharsets.US_ASCII);
        throwaway.verify(throwaway.activeKid(), payload, throwaway.sign(payload));
    }

    PrivateKey signingKey() {
        requireSigning();
        return signingKey;
    }

    private void requireSigning() {
        if (signingKey == null) {
            throw new IllegalStateException("verification-only key set has no signing key");
        }
    }

    private static void addKey(Map<String, VerificationKey> keys, byte[] raw) {
        String kid = kidOf(raw);
        VerificationKey existing = keys.get(kid);
        if (existing != null) {
            if (!Arrays.equals(existing.raw(), raw)) {
                throw new IllegalArgumentException("two different keys share kid " + kid);
            }
            return;
        }
        keys.put(kid, new VerificationKey(raw, publicKeyFromRaw(raw)));
    }

    private static byte[] jwkToRaw(JsonNode jwk) {
        String x = jwk.path("x").asText(null);
        if (x == null) {
            throw new IllegalArgumentException("Ed25519 JWK has no \"x\"");
        }
        byte[] raw = decodeBase64Url(x, "JWK x");
        JsonNode use = jwk.get("use");
        if (use != null && !"sig".equals(use.asText(null))) {
            throw new IllegalArgumentException("Ed25519 JWK \"use\" must be \"sig\"");
        }
        JsonNode alg = jwk.get("alg");
        if (alg != null && !"EdDSA".equals(alg.asText(null))) {
            throw new IllegalArgumentException("Ed25519 JWK \"alg\" must be \"EdDSA\"");
        }
        JsonNode kid = jwk.get("kid");
        if (kid != null && !kidOf(raw).equals(kid.asText(null))) {
            throw new IllegalArgumentException("JWK kid does not match its key");
        }
        return raw;
    }

    private static byte[] decodeBase64Url(String text, String what) {
        if (!text.matches("[A-Za-z0-9_-]{43}")) {
            throw new IllegalArgumentException(what + " must be 43 unpadded base64url characters");
        }
        byte[] raw = Base64.getUrlDecoder().decode(text);
        if (!base64Url(raw).equals(text)) {
            throw new IllegalArgumentException(what + " is not canonical base64url");
        }
        return raw;
    }

    private static JsonNode parseJson(String json) {
        Objects.requireNonNull(json, "json");
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] rawPublicKey(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki == null || spki.length != SPKI_PREFIX.length + PUBLIC_KEY_LENGTH
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalStateException("unexpected Ed25519 public key encoding");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    private static PublicKey publicKeyFromRaw(byte[] raw) {
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + PUBLIC_KEY_LENGTH);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, PUBLIC_KEY_LENGTH);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("invalid Ed25519 public key", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private record VerificationKey(byte[] raw, PublicKey key) {
    }

    /** Hands a fixed seed, once, to a key-pair generator; never used for anything else. */
    private static final class FixedSeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;

        FixedSeedRandom(byte[] seed) {
            super(new FixedSeedSpi(seed), null);
        }
    }

    private static final class FixedSeedSpi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private boolean used;

        FixedSeedSpi(byte[] seed) {
            this.seed = seed;
        }

        @Override
        protected void engineSetSeed(byte[] ignored) {
            throw new UnsupportedOperationException("fixed seed");
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("fixed seed requested twice or with wrong length");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            used = true;
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            throw new UnsupportedOperationException("fixed seed");
        }
    }
}

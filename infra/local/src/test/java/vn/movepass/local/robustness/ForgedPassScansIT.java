package vn.movepass.local.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Registry;
import vn.movepass.shared.pass.Base45;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassKeys;
import vn.movepass.shared.pass.PassTokenCodec;

/**
 * Forged passes at the checkpoint: a few hundred seeded mutations of genuine tokens (and of short codes), scanned with
 * {@code record: true}, so that a VALID verdict would also write a passage. Not one is VALID (each is INVALID), no
 * passage is written, the offline verifier of the published JWKS rejects every forged token, and the genuine passes
 * still scan VALID afterwards. An expired pass re-signed with a future window by a foreign key is among them.
 */
@FreshRuntime("the dev clock jumps 73 hours")
class ForgedPassScansIT {
    static final int TOKEN_MUTANTS = 240;
    static final int SHORT_CODE_MUTANTS = 40;
    private static final int KID = 1;
    private static final int VALID_FROM = 25;
    private static final int VALID_UNTIL = 29;

    private final Random random = new Random(20210821L);
    private final KeyPair foreign = foreignKey(random);
    private final byte[] foreignKid = PassKeys.kidOf(Arrays.copyOfRange(foreign.getPublic().getEncoded(),
            foreign.getPublic().getEncoded().length - PassKeys.PUBLIC_KEY_LENGTH, foreign.getPublic().getEncoded().length))
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void noForgedPassScansValid() {
        try (Api api = Api.start()) {
            Registry.load(api);
            JsonNode expired = declare(api, Registry.DUC, "Đặng Văn Đức", "1988-06-06", "MALE");
            assertEquals(200, api.post("/dev/clock", Map.of("advance", "PT73H"), null).status());
            List<JsonNode> passes = List.of(expired, declare(api, Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"),
                    declare(api, Registry.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE"));
            List<String> tokens = passes.stream().map(p -> p.get("token").asText()).toList();
            PassTokenCodec offline = new PassTokenCodec(PassKeys.verificationOnlyFromJwks(api.get("/.well-known/jwks.json").text()));
            String officer = api.officer("CP-A");
            Map<String, Integer> before = api.tableCounts();

            List<String> forged = new ArrayList<>();
            while (forged.size() < TOKEN_MUTANTS) {
                String token = forge(tokens.get(random.nextInt(tokens.size())), tokens.get(random.nextInt(tokens.size())));
                if (!tokens.contains(token.strip())) {
                    forged.add(token);
                }
            }
            for (String token : forged) {
                assertInvalid(api, officer, token);
                assertOfflineRejects(offline, token);
            }
            for (int i = 0; i < SHORT_CODE_MUTANTS; i++) {
                String code = passes.get(1 + random.nextInt(2)).get("shortCode").asText().replace("-", "");
                int at = random.nextInt(code.length());
                char other = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".charAt(random.nextInt(32));
                if (other != code.charAt(at)) {
                    assertInvalid(api, officer, code.substring(0, at) + other + code.substring(at + 1));
                }
            }
            assertEquals(before, api.tableCounts(), "no passage (nor anything else) was written");
            assertEquals("EXPIRED", scan(api, officer, tokens.get(0)).get("verdict").asText());
            for (String genuine : tokens.subList(1, 3)) {
                assertEquals("VALID", scan(api, officer, genuine).get("verdict").asText(), "the genuine passes still scan");
            }
            System.out.println("forged passes scanned INVALID: " + forged.size() + " tokens, " + SHORT_CODE_MUTANTS + " short codes");
        }
    }

    private static JsonNode declare(Api api, String id, String name, String dob, String gender) {
        Api.Answer a = api.post("/v1/declarations", api.declaration(id, name, dob, gender), null);
        assertEquals(201, a.status(), a.text());
        return a.json().get("pass");
    }

    private static JsonNode scan(Api api, String officer, String code) {
        Api.Answer a = api.post("/v1/checkpoints/CP-A/scans", Map.of("code", code, "direction", "IN", "record", true), officer);
        assertEquals(200, a.status(), a.text());
        return a.json();
    }

    private static void assertInvalid(Api api, String officer, String code) {
        JsonNode answer = scan(api, officer, code);
        assertEquals("INVALID", answer.get("verdict").asText(), code);
        assertTrue(answer.get("passageId").isNull(), code);
    }

    private static void assertOfflineRejects(PassTokenCodec offline, String token) {
        try {
            offline.verify(token);
            throw new AssertionError("the offline verifier accepted " + token);
        } catch (InvalidPassTokenException expected) {
            // rejected
        }
    }

    /** One forgery of a genuine token: a changed bit or character, a cut, a swapped or foreign signature. */
    private String forge(String token, String other) {
        byte[] body = Base45.decode(token.substring(PassTokenCodec.PREFIX.length()));
        byte[] payload = Arrays.copyOf(body, body.length - PassTokenCodec.SIGNATURE_LENGTH);
        byte[] signature = Arrays.copyOfRange(body, payload.length, body.length);
        switch (random.nextInt(7)) {
            case 0 -> {
                int bit = random.nextInt(body.length * 8);
                body[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                return PassTokenCodec.PREFIX + Base45.encode(body);
            }
            case 1 -> {
                int at = PassTokenCodec.PREFIX.length() + random.nextInt(token.length() - PassTokenCodec.PREFIX.length());
                return token.substring(0, at) + Base45.ALPHABET.charAt(random.nextInt(45)) + token.substring(at + 1);
            }
            case 2 -> {
                return token.substring(0, PassTokenCodec.PREFIX.length() + random.nextInt(token.length() - PassTokenCodec.PREFIX.length()));
            }
            case 3 -> {
                byte[] otherBody = Base45.decode(other.substring(PassTokenCodec.PREFIX.length()));
                return assemble(payload, Arrays.copyOfRange(otherBody, otherBody.length - PassTokenCodec.SIGNATURE_LENGTH,
                        otherBody.length));
            }
            case 4 -> {
                return assemble(payload, signedByForeignKey(payload)); // our kid, a foreign key's signature
            }
            case 5 -> {
                System.arraycopy(foreignKid, 0, payload, KID, foreignKid.length);
                return assemble(payload, signedByForeignKey(payload)); // the foreign key's own (unknown) kid
            }
            default -> {
                // the same pass moved into the future (a week later, 72 h long) and re-signed by a foreign key
                ByteBuffer b = ByteBuffer.wrap(payload);
                long from = Integer.toUnsignedLong(b.getInt(VALID_UNTIL)) + 7 * 86_400L;
                b.putInt(VALID_FROM, (int) from).putInt(VALID_UNTIL, (int) (from + 72 * 3_600L));
                if (random.nextBoolean()) {
                    System.arraycopy(foreignKid, 0, payload, KID, foreignKid.length);
                }
                return assemble(payload, signedByForeignKey(payload));
            }
        }
    }

    private static String assemble(byte[] payload, byte[] signature) {
        byte[] body = Arrays.copyOf(payload, payload.length + signature.length);
        System.arraycopy(signature, 0, body, payload.length, signature.length);
        return PassTokenCodec.PREFIX + Base45.encode(body);
    }

    /** A forger's own Ed25519 key, drawn from the seeded random. */
    private static KeyPair foreignKey(Random random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    random.nextBytes(bytes);
                }
            });
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] signedByForeignKey(byte[] payload) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(foreign.getPrivate());
            signer.update(payload);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

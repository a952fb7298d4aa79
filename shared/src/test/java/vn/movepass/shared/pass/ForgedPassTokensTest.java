package vn.movepass.shared.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand seeded forgeries of genuine tokens (bit flips, truncations, swapped and malleated signatures,
 * unknown key ids, valid signatures of foreign Ed25519 keys, expired passes re-signed with a future window): not one
 * verifies, neither with the server's key set nor with an offline verifier built from its JWKS.
 */
class ForgedPassTokensTest {
    private static final PassKeys OURS = PassKeys.fromSeed(TestData.SEED_A);
    private static final PassTokenCodec SERVER = new PassTokenCodec(OURS);
    private static final PassTokenCodec OFFLINE = new PassTokenCodec(PassKeys.verificationOnlyFromJwks(OURS.jwksJson()));
    /** The Ed25519 group order: adding it to a signature's S gives a non-canonical (malleated) signature. */
    private static final BigInteger ORDER = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    static final int MUTANTS = 10_000;

    /** The kinds of forgery, each a function of a genuine token (and the forger's means). */
    enum Forgery {
        BIT_FLIPS, BYTE_CHANGE, TEXT_CHARACTER, TRUNCATED_TEXT, TRUNCATED_BYTES, APPENDED_BYTES, SWAPPED_SIGNATURE,
        ZERO_OR_RANDOM_SIGNATURE, MALLEATED_SIGNATURE, UNKNOWN_KID, FOREIGN_KEY_OWN_KID, FOREIGN_KEY_OUR_KID,
        EXPIRED_RESIGNED_LATER, TAMPERED_CLAIMS, WRONG_PREFIX
    }

    private final Random random = new Random(20210820L);
    private final PassTokenCodec foreign = new PassTokenCodec(PassKeys.generate(seeded(random.nextLong())));
    private final PassKeys foreignKeys = PassKeys.generate(seeded(random.nextLong()));

    @Test
    void noForgedTokenVerifies() {
        List<String> genuine = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            genuine.add(SERVER.sign(claims(i, Instant.parse("2021-08-20T00:00:00Z").plus(Duration.ofHours(i)))));
        }
        Map<Forgery, Integer> counts = new EnumMap<>(Forgery.class);
        int checked = 0;
        while (checked < MUTANTS) {
            Forgery kind = Forgery.values()[random.nextInt(Forgery.values().length)];
            String original = genuine.get(random.nextInt(genuine.size()));
            String forged = forge(kind, original, genuine.get(random.nextInt(genuine.size())));
            if (genuine.contains(forged)) {
                continue; // a mutation that gave back a genuine token forges nothing
            }
            assertRejected(SERVER, kind, forged);
            if (checked % 4 == 0) {
                assertRejected(OFFLINE, kind, forged);
            }
            counts.merge(kind, 1, Integer::sum);
            checked++;
        }
        assertEquals(Forgery.values().length, counts.size(), "every kind of forgery was tried: " + counts);
        genuine.forEach(token -> assertEquals(SERVER.decodeUnverified(token), OFFLINE.verify(token)));
        System.out.println("forged pass tokens rejected: " + checked + " " + counts);
    }

    private static void assertRejected(PassTokenCodec codec, Forgery kind, String forged) {
        try {
            codec.verify(forged);
            fail(kind + " verified: " + forged);
        } catch (InvalidPassTokenException expected) {
            // rejected, as it must be
        } catch (RuntimeException e) {
            fail(kind + " threw " + e + " instead of InvalidPassTokenException: " + forged);
        }
    }

    private String forge(Forgery kind, String token, String other) {
        byte[] body = Base45.decode(token.substring(PassTokenCodec.PREFIX.length()));
        int payloadLength = body.length - PassTokenCodec.SIGNATURE_LENGTH;
        byte[] payload = Arrays.copyOf(body, payloadLength);
        byte[] signature = Arrays.copyOfRange(body, payloadLength, body.length);
        return switch (kind) {
            case BIT_FLIPS -> withBytes(body, b -> {
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    int bit = random.nextInt(b.length * 8);
                    b[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                }
            });
            case BYTE_CHANGE -> withBytes(body, b -> b[random.nextInt(b.length)] = (byte) random.nextInt(256));
            case TEXT_CHARACTER -> {
                int i = PassTokenCodec.PREFIX.length() + random.nextInt(token.length() - PassTokenCodec.PREFIX.length());
                yield token.substring(0, i) + Base45.ALPHABET.charAt(random.nextInt(45)) + token.substring(i + 1);
            }
            case TRUNCATED_TEXT -> token.substring(0, random.nextInt(token.length()));
            case TRUNCATED_BYTES -> PassTokenCodec.PREFIX + Base45.encode(Arrays.copyOf(body, random.nextInt(body.length)));
            case APPENDED_BYTES -> {
                byte[] extra = new byte[1 + random.nextInt(8)];
                random.nextBytes(extra);
                byte[] longer = Arrays.copyOf(body, body.length + extra.length);
                System.arraycopy(extra, 0, longer, body.length, extra.length);
                yield PassTokenCodec.PREFIX + Base45.encode(longer);
            }
            case SWAPPED_SIGNATURE -> {
                byte[] otherBody = Base45.decode(other.substring(PassTokenCodec.PREFIX.length()));
                yield PassTokenCodec.assemble(payload, Arrays.copyOfRange(otherBody,
                        otherBody.length - PassTokenCodec.SIGNATURE_LENGTH, otherBody.length));
            }
            case ZERO_OR_RANDOM_SIGNATURE -> {
                byte[] fake = new byte[PassTokenCodec.SIGNATURE_LENGTH];
                if (random.nextBoolean()) {
                    random.nextBytes(fake);
                }
                yield PassTokenCodec.assemble(payload, fake);
            }
            case MALLEATED_SIGNATURE -> PassTokenCodec.assemble(payload, malleate(signature));
            case UNKNOWN_KID -> PassTokenCodec.assemble(PassTokenCodec.encodePayload(SERVER.decodeUnverified(token),
                    randomKid()), signature);
            case FOREIGN_KEY_OWN_KID -> foreign.sign(SERVER.decodeUnverified(token));
            case FOREIGN_KEY_OUR_KID -> signedByForeignKey(PassTokenCodec.encodePayload(
                    SERVER.decodeUnverified(token), OURS.activeKid()));
            case EXPIRED_RESIGNED_LATER -> {
                PassClaims c = SERVER.decodeUnverified(token);
                Instant from = c.validUntil().plus(Duration.ofDays(1 + random.nextInt(400)));
                PassClaims later = new PassClaims(c.passId(), from, from.plus(Duration.ofHours(72)), c.fullName(),
                        c.dateOfBirth(), c.citizenIdMasked());
                yield random.nextBoolean() ? foreign.sign(later)
                        : signedByForeignKey(PassTokenCodec.encodePayload(later, OURS.activeKid()));
            }
            case TAMPERED_CLAIMS -> PassTokenCodec.assemble(tampered(SERVER.decodeUnverified(token)), signature);
            case WRONG_PREFIX -> List.of("MP2:", "mp1:", "MP1", "MP1::", "GL1:", "", " MP1:", "MP0:")
                    .get(random.nextInt(8)) + token.substring(PassTokenCodec.PREFIX.length());
        };
    }

    /** The payload of the same pass with one claim changed (the window widened, another name, birth date or id). */
    private byte[] tampered(PassClaims c) {
        PassClaims changed = switch (random.nextInt(4)) {
            case 0 -> new PassClaims(c.passId(), c.validFrom(), c.validUntil().plus(Duration.ofDays(1 + random.nextInt(30))),
                    c.fullName(), c.dateOfBirth(), c.citizenIdMasked());
            case 1 -> new PassClaims(c.passId(), c.validFrom(), c.validUntil(), c.fullName() + " Giả",
                    c.dateOfBirth(), c.citizenIdMasked());
            case 2 -> new PassClaims(c.passId(), c.validFrom(), c.validUntil(), c.fullName(),
                    c.dateOfBirth().plusDays(1 + random.nextInt(3000)), c.citizenIdMasked());
            default -> new PassClaims(c.passId(), c.validFrom(), c.validUntil(), c.fullName(), c.dateOfBirth(),
                    String.format("%03d******%03d", random.nextInt(1000), random.nextInt(1000)));
        };
        return PassTokenCodec.encodePayload(changed, OURS.activeKid());
    }

    private String signedByForeignKey(byte[] payload) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(foreignKeys.signingKey());
            signer.update(payload);
            return PassTokenCodec.assemble(payload, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** S + L, little-endian, as a forger would try to get a second valid signature of the same payload. */
    static byte[] malleate(byte[] signature) {
        byte[] s = Arrays.copyOfRange(signature, 32, 64);
        byte[] bigEndian = reverse(s);
        byte[] sum = new BigInteger(1, bigEndian).add(ORDER).toByteArray();
        byte[] out = Arrays.copyOf(signature, 64);
        byte[] little = reverse(sum);
        System.arraycopy(little, 0, out, 32, Math.min(32, little.length));
        return out;
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    private String randomKid() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder kid = new StringBuilder();
        while (kid.length() < PassKeys.KID_LENGTH) {
            kid.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return kid.toString().equals(OURS.activeKid()) ? randomKid() : kid.toString();
    }

    private String withBytes(byte[] body, java.util.function.Consumer<byte[]> change) {
        byte[] copy = body.clone();
        change.accept(copy);
        return PassTokenCodec.PREFIX + Base45.encode(copy);
    }

    private PassClaims claims(int i, Instant from) {
        byte[] passId = new byte[PassClaims.PASS_ID_LENGTH];
        random.nextBytes(passId);
        String[] names = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đặng Văn Đức"};
        return new PassClaims(passId, from, from.plus(Duration.ofHours(72)), names[i % names.length],
                LocalDate.of(1950 + i, 1 + i % 12, 1 + i), String.format("0%02d******%03d", i, 100 + i));
    }

    /** A SecureRandom that yields a seeded sequence, so the foreign keys are the same on every run. */
    private static SecureRandom seeded(long seed) {
        Random source = new Random(seed);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                source.nextBytes(bytes);
            }
        };
    }

    @Test
    void malleationReallyChangesTheSignature() {
        String token = SERVER.sign(claims(1, Instant.parse("2021-08-20T00:00:00Z")));
        byte[] body = Base45.decode(token.substring(4));
        byte[] signature = Arrays.copyOfRange(body, body.length - 64, body.length);
        byte[] malleated = malleate(signature);
        assertTrue(!Arrays.equals(signature, malleated));
        BigInteger s = new BigInteger(1, reverse(Arrays.copyOfRange(signature, 32, 64)));
        BigInteger m = new BigInteger(1, reverse(Arrays.copyOfRange(malleated, 32, 64)));
        assertEquals(s.add(ORDER), m, "S + L still fits 32 bytes (S < L < 2^253)");
        assertEquals(ByteBuffer.wrap(signature, 0, 32), ByteBuffer.wrap(malleated, 0, 32), "R is kept");
    }
}

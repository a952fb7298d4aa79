package vn.movepass.shared.vaccination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.health.VaccineProduct;
import vn.movepass.shared.pass.Base45;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassKeys;

/**
 * The pass tokens' 10,000-forgery test (ForgedPassTokensTest), for vaccination certificates: mutations of genuine
 * {@code VC1:} tokens, certificates signed by a foreign key (under its kid or ours), claims raised (more doses, a
 * complete series, another name or id) under the genuine signature, and wrong prefixes. None verifies, on the server or
 * offline from the JWKS; every one is an InvalidPassTokenException (a checkpoint answers INVALID), never another error.
 */
class ForgedCertificatesTest {
    static final int MUTANTS = 10_000;
    private static final PassKeys OURS = PassKeys.fromSeed(java.util.HexFormat.of()
            .parseHex("1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100"));
    private static final CertificateCodec SERVER = new CertificateCodec(OURS);
    private static final CertificateCodec OFFLINE = new CertificateCodec(PassKeys.verificationOnlyFromJwks(OURS.jwksJson()));

    enum Forgery {
        BIT_FLIPS, BYTE_CHANGE, TEXT_CHARACTER, TRUNCATED, APPENDED_BYTES, SWAPPED_SIGNATURE, RANDOM_SIGNATURE,
        FOREIGN_KEY_OWN_KID, FOREIGN_KEY_OUR_KID, RAISED_CLAIMS, WRONG_PREFIX
    }

    private final Random random = new Random(20210901L);
    private final PassKeys foreignKeys = PassKeys.generate(seeded(random.nextLong()));
    private final CertificateCodec foreign = new CertificateCodec(foreignKeys);

    @Test
    void noForgedCertificateVerifies() {
        List<CertificateCodec.Claims> claims = new ArrayList<>();
        List<String> genuine = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            claims.add(claims(i));
            genuine.add(SERVER.sign(claims.get(i)));
        }
        Map<Forgery, Integer> counts = new EnumMap<>(Forgery.class);
        int checked = 0;
        while (checked < MUTANTS) {
            Forgery kind = Forgery.values()[random.nextInt(Forgery.values().length)];
            int i = random.nextInt(genuine.size());
            String forged = forge(kind, genuine.get(i), claims.get(i), genuine.get(random.nextInt(genuine.size())));
            if (genuine.contains(forged)) {
                continue;
            }
            assertRejected(SERVER, kind, forged);
            if (checked % 4 == 0) {
                assertRejected(OFFLINE, kind, forged);
            }
            counts.merge(kind, 1, Integer::sum);
            checked++;
        }
        assertEquals(Forgery.values().length, counts.size(), "every kind of forgery was tried: " + counts);
        genuine.forEach(token -> OFFLINE.verify(token));
        System.out.println("forged vaccination certificates rejected: " + checked + " " + counts);
    }

    private static void assertRejected(CertificateCodec codec, Forgery kind, String forged) {
        try {
            codec.verify(forged);
            fail(kind + " verified: " + forged);
        } catch (InvalidPassTokenException expected) {
            // rejected, as it must be
        } catch (RuntimeException e) {
            fail(kind + " threw " + e + " instead of InvalidPassTokenException: " + forged);
        }
    }

    private String forge(Forgery kind, String token, CertificateCodec.Claims c, String other) {
        byte[] body = Base45.decode(token.substring(CertificateCodec.PREFIX.length()));
        byte[] signature = Arrays.copyOfRange(body, body.length - 64, body.length);
        return switch (kind) {
            case BIT_FLIPS -> encode(body, b -> {
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    int bit = random.nextInt(b.length * 8);
                    b[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                }
            });
            case BYTE_CHANGE -> encode(body, b -> b[random.nextInt(b.length)] = (byte) random.nextInt(256));
            case TEXT_CHARACTER -> {
                int at = 4 + random.nextInt(token.length() - 4);
                yield token.substring(0, at) + Base45.ALPHABET.charAt(random.nextInt(45)) + token.substring(at + 1);
            }
            case TRUNCATED -> random.nextBoolean() ? token.substring(0, random.nextInt(token.length()))
                    : CertificateCodec.PREFIX + Base45.encode(Arrays.copyOf(body, random.nextInt(body.length)));
            case APPENDED_BYTES -> {
                byte[] longer = Arrays.copyOf(body, body.length + 1 + random.nextInt(8));
                for (int i = body.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                yield CertificateCodec.PREFIX + Base45.encode(longer);
            }
            case SWAPPED_SIGNATURE -> {
                byte[] theirs = Base45.decode(other.substring(4));
                yield withSignature(body, Arrays.copyOfRange(theirs, theirs.length - 64, theirs.length));
            }
            case RANDOM_SIGNATURE -> {
                byte[] fake = new byte[64];
                random.nextBytes(fake);
                yield withSignature(body, fake);
            }
            case FOREIGN_KEY_OWN_KID -> foreign.sign(c);
            case FOREIGN_KEY_OUR_KID -> {
                // the foreign key's signature over a payload naming our kid
                String theirs = foreign.sign(c);
                byte[] b = Base45.decode(theirs.substring(4));
                byte[] payload = Arrays.copyOf(b, b.length - 64);
                System.arraycopy(OURS.activeKid().getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, payload, 1, 8);
                byte[] sig = sign(foreignKeys, payload);
                byte[] out = Arrays.copyOf(payload, payload.length + 64);
                System.arraycopy(sig, 0, out, payload.length, 64);
                yield CertificateCodec.PREFIX + Base45.encode(out);
            }
            case RAISED_CLAIMS -> {
                byte[] raised = Base45.decode(SERVER.sign(raised(c)).substring(4));
                yield withSignature(Arrays.copyOf(raised, raised.length), signature);
            }
            case WRONG_PREFIX -> List.of("VC2:", "vc1:", "VC1", "VC1::", "MP1:", "", " VC1:", "MPV1:").get(random.nextInt(8))
                    + token.substring(4);
        };
    }

    private CertificateCodec.Claims raised(CertificateCodec.Claims c) {
        return switch (random.nextInt(4)) {
            case 0 -> new CertificateCodec.Claims(c.certificateId(), c.issuedAt(), true, c.idDigits(), c.dateOfBirth(),
                    c.doses(), c.fullName());
            case 1 -> {
                List<CertificateCodec.Dose> more = new ArrayList<>(c.doses());
                more.add(new CertificateCodec.Dose(VaccineProduct.PFIZER, LocalDate.parse("2021-09-30")));
                yield new CertificateCodec.Claims(c.certificateId(), c.issuedAt(), c.complete(), c.idDigits(), c.dateOfBirth(),
                        more, c.fullName());
            }
            case 2 -> new CertificateCodec.Claims(c.certificateId(), c.issuedAt(), c.complete(), c.idDigits(), c.dateOfBirth(),
                    c.doses(), c.fullName() + " Giả");
            default -> new CertificateCodec.Claims(c.certificateId(), c.issuedAt(), c.complete(),
                    String.format("%06d", random.nextInt(1_000_000)), c.dateOfBirth(), c.doses(), c.fullName());
        };
    }

    private static String withSignature(byte[] body, byte[] signature) {
        byte[] out = body.clone();
        System.arraycopy(signature, 0, out, out.length - 64, 64);
        return CertificateCodec.PREFIX + Base45.encode(out);
    }

    private static String encode(byte[] body, java.util.function.Consumer<byte[]> change) {
        byte[] copy = body.clone();
        change.accept(copy);
        return CertificateCodec.PREFIX + Base45.encode(copy);
    }

    private static byte[] sign(PassKeys keys, byte[] payload) {
        return keys.sign(payload);
    }

    private CertificateCodec.Claims claims(int i) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String[] names = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đặng Văn Đức"};
        List<CertificateCodec.Dose> doses = new ArrayList<>();
        for (int d = 0; d <= i % 3; d++) {
            doses.add(new CertificateCodec.Dose(CertificateCodec.PRODUCTS.get((i + d) % 8),
                    LocalDate.parse("2021-07-01").plusDays(28L * d)));
        }
        return new CertificateCodec.Claims(id, Instant.parse("2021-09-01T00:00:00Z").plusSeconds(3600L * i), i % 3 == 1,
                String.format("0%02d%03d", i, 100 + i), LocalDate.of(1950 + i, 1 + i % 12, 1 + i), doses, names[i % names.length]);
    }

    private static SecureRandom seeded(long seed) {
        Random source = new Random(seed);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                source.nextBytes(bytes);
            }
        };
    }
}

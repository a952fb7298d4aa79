package vn.movepass.shared.vaccination;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.health.VaccineProduct;
import vn.movepass.shared.pass.Base45;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassKeys;
import vn.movepass.shared.pass.QrRenderer;
import vn.movepass.shared.testhelper.DocVectors;

/** Checks every {@code certificate-vector} block of docs/qr-format.md (section 12) against the code, and forgeries. */
class CertificateDocTest {
    static final HexFormat HEX = HexFormat.of();

    static CertificateCodec.Claims claims(Map<String, String> v) {
        List<CertificateCodec.Dose> doses = new ArrayList<>();
        for (String d : v.get("doses").split(",")) {
            String[] p = d.strip().split(" ");
            doses.add(new CertificateCodec.Dose(VaccineProduct.valueOf(p[0]), LocalDate.parse(p[1])));
        }
        return new CertificateCodec.Claims(HEX.parseHex(v.get("certificate_id_hex")),
                Instant.ofEpochSecond(Long.parseLong(v.get("issued_at"))), "1".equals(v.get("complete")), v.get("id_digits"),
                LocalDate.parse(v.get("date_of_birth")), doses, v.get("full_name"));
    }

    @Test
    void everyCertificateVectorInTheDocumentHolds() {
        List<Map<String, String>> vectors = DocVectors.blocks("certificate-vector");
        long tokens = vectors.stream().filter(v -> "token".equals(v.get("kind"))).count();
        assertTrue(tokens >= 3 && vectors.size() - tokens >= 3, "vectors: " + vectors.size());
        for (Map<String, String> v : vectors) {
            PassKeys keys = PassKeys.fromSeed(HEX.parseHex(v.get("seed_hex")));
            if ("token".equals(v.get("kind"))) {
                CertificateCodec.Claims expected = claims(v);
                String token = new CertificateCodec(keys).sign(expected);
                assertEquals(v.get("token"), token);
                assertEquals(Integer.parseInt(v.get("token_length")), token.length());
                assertTrue(token.length() <= CertificateCodec.MAX_TOKEN_LENGTH);
                byte[] body = Base45.decode(token.substring(CertificateCodec.PREFIX.length()));
                byte[] payload = HEX.parseHex(v.get("payload_hex"));
                assertArrayEquals(payload, Arrays.copyOf(body, payload.length));
                assertArrayEquals(HEX.parseHex(v.get("signature_hex")), Arrays.copyOfRange(body, payload.length, body.length));
                // an offline verifier holding only the published JWKS reads back what was signed
                var read = new CertificateCodec(PassKeys.verificationOnlyFromJwks(keys.jwksJson())).verify(token);
                assertEquals(CertificateCodec.canonicalName(expected.fullName()), read.fullName());
                assertEquals(expected.dateOfBirth(), read.dateOfBirth());
                assertEquals(expected.idDigits(), read.idDigits());
                assertEquals(expected.doses(), read.doses());
                assertEquals(expected.complete(), read.complete());
                assertEquals(Integer.parseInt(v.get("qr_version")), new QrRenderer().version(token));
            } else {
                var e = assertThrows(InvalidPassTokenException.class, () -> new CertificateCodec(keys).verify(v.get("token")));
                assertEquals(InvalidPassTokenException.Reason.valueOf(v.get("reason")), e.reason(), v.toString());
            }
        }
    }

    @Test
    void aCertificateSignedByAnotherKeyOrAlteredAnywhereIsRefused() {
        PassKeys ours = PassKeys.generate(new SecureRandom());
        CertificateCodec codec = new CertificateCodec(ours);
        Map<String, String> first = DocVectors.blocks("certificate-vector").get(0);
        String foreign = new CertificateCodec(PassKeys.generate(new SecureRandom())).sign(claims(first));
        assertThrows(InvalidPassTokenException.class, () -> codec.verify(foreign));
        String genuine = codec.sign(claims(first));
        byte[] body = Base45.decode(genuine.substring(4));
        for (int i = 0; i < body.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = body.clone();
                changed[i] ^= (byte) (1 << bit);
                String altered = CertificateCodec.PREFIX + Base45.encode(changed);
                assertThrows(InvalidPassTokenException.class, () -> codec.verify(altered), "byte " + i + " bit " + bit);
            }
        }
        for (String bad : new String[]{"", "VC1:", "VC1:%%%", "VC2:" + genuine.substring(4), genuine + "0", null}) {
            assertThrows(InvalidPassTokenException.class, () -> codec.verify(bad));
        }
    }
}

package vn.movepass.shared.venue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.pass.Base45;
import vn.movepass.shared.pass.InvalidPassTokenException;
import vn.movepass.shared.pass.PassKeys;
import vn.movepass.shared.pass.PassTokenCodec;
import vn.movepass.shared.pass.QrRenderer;
import vn.movepass.shared.testhelper.DocVectors;

/** Checks every {@code venue-vector} block of docs/qr-format.md (section 13) against the code, and the forgeries. */
class VenueTokenDocTest {
    static final HexFormat HEX = HexFormat.of();

    @Test
    void everyVenueVectorInTheDocumentHolds() {
        List<Map<String, String>> vectors = DocVectors.blocks("venue-vector");
        long tokens = vectors.stream().filter(v -> "token".equals(v.get("kind"))).count();
        assertTrue(tokens >= 2 && vectors.size() - tokens >= 3, "vectors: " + vectors.size());
        for (Map<String, String> v : vectors) {
            PassKeys keys = PassKeys.fromSeed(HEX.parseHex(v.get("seed_hex")));
            if ("token".equals(v.get("kind"))) {
                String token = new VenueTokenCodec(keys).sign(v.get("venue_id"));
                assertEquals(v.get("token"), token);
                assertEquals(Integer.parseInt(v.get("token_length")), token.length());
                assertTrue(token.length() <= VenueTokenCodec.MAX_TOKEN_LENGTH);
                byte[] body = Base45.decode(token.substring(VenueTokenCodec.PREFIX.length()));
                byte[] payload = HEX.parseHex(v.get("payload_hex"));
                assertArrayEquals(payload, Arrays.copyOf(body, payload.length));
                assertArrayEquals(HEX.parseHex(v.get("signature_hex")), Arrays.copyOfRange(body, payload.length, body.length));
                // an offline verifier holding only the published JWKS
                assertEquals(v.get("venue_id"), new VenueTokenCodec(PassKeys.verificationOnlyFromJwks(keys.jwksJson())).verify(token));
                assertEquals(Integer.parseInt(v.get("qr_version")), new QrRenderer().version(token));
            } else {
                InvalidPassTokenException e = switch (v.get("verifier")) {
                    case "venue" -> assertThrows(InvalidPassTokenException.class, () -> new VenueTokenCodec(keys).verify(v.get("token")));
                    case "pass" -> assertThrows(InvalidPassTokenException.class, () -> new PassTokenCodec(keys).verify(v.get("token")));
                    default -> throw new AssertionError("unknown verifier " + v.get("verifier"));
                };
                assertEquals(InvalidPassTokenException.Reason.valueOf(v.get("reason")), e.reason(), v.toString());
            }
        }
    }

    @Test
    void aPosterSignedByAnotherKeyOrAlteredAnywhereIsRefused() {
        PassKeys ours = PassKeys.generate(new SecureRandom());
        VenueTokenCodec codec = new VenueTokenCodec(ours);
        String foreign = new VenueTokenCodec(PassKeys.generate(new SecureRandom())).sign("COOP-Q1");
        assertThrows(InvalidPassTokenException.class, () -> codec.verify(foreign));
        String genuine = codec.sign("COOP-Q1");
        byte[] body = Base45.decode(genuine.substring(5));
        for (int i = 0; i < body.length; i++) {
            byte[] changed = body.clone();
            changed[i] ^= 0x01;
            String altered = VenueTokenCodec.PREFIX + Base45.encode(changed);
            assertThrows(InvalidPassTokenException.class, () -> codec.verify(altered), "byte " + i);
        }
        for (String bad : new String[]{"", "MPV1:", "MPV1:%%%", "MPV2:" + genuine.substring(5), genuine + "0", null}) {
            assertThrows(InvalidPassTokenException.class, () -> codec.verify(bad));
        }
    }
}

package vn.movepass.shared.greenlane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

/** Checks every {@code permit-vector} block of docs/qr-format.md (section 11) against the code. */
class PermitTokenDocTest {
    static final HexFormat HEX = HexFormat.of();

    @Test
    void everyPermitVectorInTheDocumentHolds() {
        List<Map<String, String>> vectors = DocVectors.blocks("permit-vector");
        int tokens = 0;
        int rejects = 0;
        for (Map<String, String> v : vectors) {
            try {
                switch (v.get("kind")) {
                    case "token" -> {
                        checkToken(v);
                        tokens++;
                    }
                    case "reject" -> {
                        checkReject(v);
                        rejects++;
                    }
                    default -> fail("unknown kind " + v.get("kind"));
                }
            } catch (AssertionError e) {
                throw new AssertionError("vector " + v + ": " + e.getMessage(), e);
            }
        }
        assertTrue(tokens >= 2 && rejects >= 3, "vectors found: " + tokens + " tokens, " + rejects + " rejects");
    }

    private static void checkToken(Map<String, String> v) {
        PassKeys keys = PassKeys.fromSeed(HEX.parseHex(v.get("seed_hex")));
        PermitTokenCodec codec = new PermitTokenCodec(keys);
        String operatorInput = new String(HEX.parseHex(v.get("operator_utf8_hex")), StandardCharsets.UTF_8);
        PermitClaims input = new PermitClaims(HEX.parseHex(v.get("permit_id_hex")), Instant.parse(v.get("valid_from")),
                Instant.parse(v.get("valid_until")), v.get("plate"), operatorInput);
        assertEquals(v.get("permit_id_string"), input.permitIdString());
        String token = codec.sign(input);
        assertEquals(v.get("token"), token);
        assertEquals(Integer.parseInt(v.get("token_length")), token.length());
        assertTrue(token.length() <= PermitTokenCodec.MAX_TOKEN_LENGTH);
        byte[] body = Base45.decode(token.substring(PermitTokenCodec.PREFIX.length()));
        byte[] payload = HEX.parseHex(v.get("payload_hex"));
        assertArrayEquals(payload, Arrays.copyOf(body, payload.length));
        assertArrayEquals(HEX.parseHex(v.get("signature_hex")), Arrays.copyOfRange(body, payload.length, body.length));
        PermitClaims expected = new PermitClaims(input.permitId(), input.validFrom(), input.validUntil(), v.get("plate"),
                v.get("operator"));
        assertEquals(expected, codec.verify(token));
        // an offline verifier holding only the published JWKS
        assertEquals(expected, new PermitTokenCodec(PassKeys.verificationOnlyFromJwks(keys.jwksJson())).verify(token));
        assertEquals(Integer.parseInt(v.get("qr_version")), new QrRenderer().version(token));
    }

    private static void checkReject(Map<String, String> v) {
        PassKeys keys = PassKeys.fromSeed(HEX.parseHex(v.get("seed_hex")));
        InvalidPassTokenException e = switch (v.get("verifier")) {
            case "permit" -> assertThrows(InvalidPassTokenException.class, () -> new PermitTokenCodec(keys).verify(v.get("token")));
            case "pass" -> assertThrows(InvalidPassTokenException.class, () -> new PassTokenCodec(keys).verify(v.get("token")));
            default -> throw new AssertionError("unknown verifier " + v.get("verifier"));
        };
        assertEquals(InvalidPassTokenException.Reason.valueOf(v.get("reason")), e.reason());
    }
}

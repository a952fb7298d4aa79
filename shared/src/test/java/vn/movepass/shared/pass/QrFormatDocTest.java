package vn.movepass.shared.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Checks every {@code vector} block of {@code docs/qr-format.md} against the code, so the format
 * document cannot drift from the implementation.
 */
class QrFormatDocTest {

    private static final Set<String> KINDS = Set.of("keys", "jwks", "token", "reject", "shortcode_check",
            "shortcode_generate", "shortcode_normalize", "base45");

    @Test
    void everyVectorInTheDocumentHolds() throws IOException {
        List<Map<String, String>> vectors = parseVectors(Files.readString(findDoc(), StandardCharsets.UTF_8));
        Set<String> seen = new TreeSet<>();
        for (Map<String, String> vector : vectors) {
            String kind = vector.get("kind");
            seen.add(kind);
            try {
                switch (kind) {
                    case "keys" -> checkKeys(vector);
                    case "jwks" -> checkJwks(vector);
                    case "token" -> checkToken(vector);
                    case "reject" -> checkReject(vector);
                    case "shortcode_check" -> assertEquals(vector.get("check").charAt(0),
                            ShortCode.checkSymbol(vector.get("data")));
                    case "shortcode_generate" -> checkShortCodeGenerate(vector);
                    case "shortcode_normalize" -> assertEquals(
                            "none".equals(vector.get("result")) ? Optional.empty() : Optional.of(vector.get("result")),
                            ShortCode.normalize(vector.get("input")));
                    case "base45" -> checkBase45(vector);
                    default -> fail("unknown vector kind " + kind);
                }
            } catch (AssertionError e) {
                throw new AssertionError("vector " + vector + ": " + e.getMessage(), e);
            }
        }
        assertEquals(KINDS, seen, "the document must keep at least one vector of every kind");
        assertTrue(vectors.size() >= 25, "vectors found: " + vectors.size());
    }

    private static void checkKeys(Map<String, String> v) {
        PassKeys keys = PassKeys.fromSeed(hex(v.get("seed_hex")));
        assertEquals(v.get("seed_base64"), keys.privateSeedBase64());
        assertEquals(v.get("public_key_b64url"), keys.activePublicKeyBase64Url());
        assertEquals(v.get("kid"), keys.activeKid());
        assertEquals(v.get("kid"), PassKeys.fromSeedBase64(v.get("seed_base64")).activeKid());
    }

    private static void checkJwks(Map<String, String> v) {
        PassKeys keys = PassKeys.fromSeed(hex(v.get("active_seed_hex")))
                .withVerificationKey(PassKeys.fromSeed(hex(v.get("verification_seed_hex"))).activePublicKeyBase64Url());
        assertEquals(v.get("json"), keys.jwksJson());
        assertEquals(v.get("json"), PassKeys.verificationOnlyFromJwks(v.get("json")).jwksJson());
    }

    private static void checkToken(Map<String, String> v) {
        PassKeys keys = PassKeys.fromSeed(hex(v.get("seed_hex")));
        PassTokenCodec codec = new PassTokenCodec(keys);
        String inputName = new String(hex(v.get("full_name_utf8_hex")), StandardCharsets.UTF_8);
        PassClaims input = new PassClaims(hex(v.get("pass_id_hex")), Instant.parse(v.get("valid_from")),
                Instant.parse(v.get("valid_until")), inputName, LocalDate.parse(v.get("date_of_birth")),
                v.get("citizen_id_masked"));
        PassClaims expected = new PassClaims(input.passId(), input.validFrom(), input.validUntil(),
                v.get("full_name"), input.dateOfBirth(), input.citizenIdMasked());
        assertEquals(v.get("pass_id_string"), input.passIdString());

        String token = codec.sign(input);
        assertEquals(v.get("token"), token);
        assertEquals(Integer.parseInt(v.get("token_length")), token.length());
        byte[] body = Base45.decode(token.substring(PassTokenCodec.PREFIX.length()));
        byte[] payload = hex(v.get("payload_hex"));
        byte[] signature = hex(v.get("signature_hex"));
        assertEquals(payload.length + signature.length, body.length);
        assertArrayEquals(payload, java.util.Arrays.copyOf(body, payload.length));
        assertArrayEquals(signature, java.util.Arrays.copyOfRange(body, payload.length, body.length));
        assertArrayEquals(payload, PassTokenCodec.encodePayload(input, keys.activeKid()));

        assertEquals(expected, codec.verify(v.get("token")));
        PassTokenCodec offline = new PassTokenCodec(PassKeys.verificationOnlyFromJwks(keys.jwksJson()));
        assertEquals(expected, offline.verify(v.get("token")));
        assertEquals(Integer.parseInt(v.get("qr_version")), new QrRenderer().version(token));
    }

    private static void checkReject(Map<String, String> v) {
        PassTokenCodec codec = new PassTokenCodec(PassKeys.fromSeed(hex(v.get("seed_hex"))));
        InvalidPassTokenException e = assertThrows(InvalidPassTokenException.class, () -> codec.verify(v.get("token")));
        assertEquals(InvalidPassTokenException.Reason.valueOf(v.get("reason")), e.reason());
    }

    private static void checkShortCodeGenerate(Map<String, String> v) {
        String code = ShortCode.generate(hex(v.get("random_bytes_hex")));
        assertEquals(v.get("code"), code);
        assertEquals(v.get("display"), ShortCode.display(code));
        assertEquals(Optional.of(code), ShortCode.normalize(v.get("display")));
    }

    private static void checkBase45(Map<String, String> v) {
        byte[] bytes = v.get("utf8").getBytes(StandardCharsets.UTF_8);
        assertEquals(v.get("base45"), Base45.encode(bytes));
        assertArrayEquals(bytes, Base45.decode(v.get("base45")));
    }

    /** Extracts fenced blocks whose info string is {@code vector}; values may be "quoted". */
    static List<Map<String, String>> parseVectors(String markdown) {
        List<Map<String, String>> vectors = new ArrayList<>();
        Map<String, String> current = null;
        for (String rawLine : markdown.split("\n", -1)) {
            String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
            if (current == null) {
                if (line.equals("```vector")) {
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            if (line.equals("```")) {
                assertNotNull(current.get("kind"), "vector without kind: " + current);
                assertTrue(KINDS.contains(current.get("kind")), "unknown kind " + current.get("kind"));
                vectors.add(current);
                current = null;
                continue;
            }
            int colon = line.indexOf(": ");
            assertTrue(colon > 0, "not a key: value line: " + line);
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            assertFalse(current.containsKey(key), "duplicate key " + key);
            current.put(key, value);
        }
        assertEquals(null, current, "unterminated vector block");
        return vectors;
    }

    static Path findDoc() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path doc = dir.resolve("docs").resolve("qr-format.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
            dir = dir.getParent();
        }
        throw new AssertionError("docs/qr-format.md not found above " + Paths.get("").toAbsolutePath());
    }

    private static byte[] hex(String hex) {
        return TestData.HEX.parseHex(hex);
    }
}

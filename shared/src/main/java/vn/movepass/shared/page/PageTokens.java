package vn.movepass.shared.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Environment;
import vn.movepass.shared.config.IdSource;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.id.AesGcm;
import vn.movepass.shared.json.Json;

/**
 * A page token is DynamoDB's {@code LastEvaluatedKey} sealed with AES-256-GCM, bound to its list and scope: the
 * list's name and the caller's scope (a ward and date, a case, a citizen…) are the additional authenticated data, so
 * a token altered, forged, taken from another list or another ward, or older than {@link #LIFETIME}, is refused with
 * 400 {@code pageToken INVALID} (or {@code EXPIRED}); and nobody can read the table keys inside (they name citizens).
 * The key is derived from {@code PAGE_TOKEN_KEY} (HMAC-SHA256 over a versioned label), a secret of its own.
 */
public final class PageTokens {
    /** How long a token may be used after its page was served. */
    public static final Duration LIFETIME = Duration.ofHours(1);
    /** Longer than any token we make: refused before any work. */
    static final int MAX_LENGTH = 1_500;
    private static final byte VERSION = 1;

    private final SecretKeySpec key;
    private final IdSource ids;
    private final Clock clock;

    public PageTokens(byte[] secret, IdSource ids, Clock clock) {
        if (secret.length != 32) {
            throw new IllegalStateException("PAGE_TOKEN_KEY must be 32 bytes");
        }
        this.key = new SecretKeySpec(derive(secret), "AES");
        this.ids = ids;
        this.clock = clock;
    }

    public static PageTokens create(Platform p) {
        return fromEnvironment(p.environment(), p.ids(), p.clock());
    }

    public static PageTokens fromEnvironment(Environment env, IdSource ids, Clock clock) {
        try {
            return new PageTokens(Base64.getDecoder().decode(env.require(EnvKey.PAGE_TOKEN_KEY)), ids, clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("PAGE_TOKEN_KEY is not base64");
        }
    }

    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal("movepass-page-tokens-v1".getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The token of the next page, or null when {@code lastEvaluatedKey} says there is none. */
    public String seal(String list, String scope, Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        ObjectNode keyJson = Json.object();
        lastEvaluatedKey.forEach((name, value) -> {
            if (value.s() != null) {
                keyJson.putObject(name).put("S", value.s());
            } else if (value.n() != null) {
                keyJson.putObject(name).put("N", value.n());
            } else {
                throw new IllegalArgumentException("a key attribute is a string or a number: " + name);
            }
        });
        byte[] body = Json.write(keyJson).getBytes(StandardCharsets.UTF_8);
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        ByteBuffer plain = ByteBuffer.allocate(1 + 8 + body.length).put(VERSION).putLong(expires).put(body);
        return AesGcm.seal(key, ids, aad(list, scope), plain.array(), plain.position());
    }

    /**
     * The {@code ExclusiveStartKey} a token carries: null for no token; 400 {@code pageToken} INVALID for one not sealed
     * by us for this list and scope, EXPIRED for one older than {@link #LIFETIME}.
     */
    public Map<String, AttributeValue> open(String list, String scope, String token) {
        if (token == null) {
            return null;
        }
        JsonNode keyJson;
        long expires;
        try {
            if (token.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            byte[] raw = Base64.getUrlDecoder().decode(token.strip());
            if (raw.length < AesGcm.NONCE + AesGcm.TAG_BITS / 8 + 9) {
                throw new IllegalArgumentException("too short");
            }
            ByteBuffer plain = ByteBuffer.wrap(AesGcm.open(key, aad(list, scope), raw));
            if (plain.get() != VERSION) {
                throw new IllegalArgumentException("version");
            }
            expires = plain.getLong();
            byte[] body = new byte[plain.remaining()];
            plain.get(body);
            keyJson = Json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw InvalidInputException.of("pageToken", "INVALID", "is not a page token of this list");
        }
        if (clock.instant().getEpochSecond() > expires) {
            throw InvalidInputException.of("pageToken", "EXPIRED", "has expired: ask for the list again from its first page");
        }
        Map<String, AttributeValue> start = new LinkedHashMap<>();
        keyJson.fields().forEachRemaining(e -> start.put(e.getKey(), e.getValue().has("S")
                ? AttributeValue.fromS(e.getValue().get("S").asText()) : AttributeValue.fromN(e.getValue().get("N").asText())));
        return start;
    }

    private static byte[] aad(String list, String scope) {
        return ("movepass-page-v1|" + list + "|" + (scope == null ? "" : scope)).getBytes(StandardCharsets.UTF_8);
    }
}

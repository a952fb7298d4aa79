package vn.movepass.shared.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.testhelper.MutableClock;
import vn.movepass.shared.testhelper.SequentialIds;

class PageTokensTest {
    static final String CITIZEN = "079090000001";
    final MutableClock clock = MutableClock.at("2026-12-05T02:00:00Z");
    final byte[] key = new byte[32];
    final PageTokens tokens = new PageTokens(key, new SequentialIds(), clock);
    final Map<String, AttributeValue> last = Map.of("pk", AttributeValue.fromS(CITIZEN), "sk", AttributeValue.fromS("EVENT#2026"),
            "n", AttributeValue.fromN("42"));

    private String code(String list, String scope, String token) {
        return assertThrows(InvalidInputException.class, () -> tokens.open(list, scope, token)).errors().get(0).code();
    }

    @Test
    void aTokenGivesBackItsKeyOnItsOwnListAndScopeOnly() {
        String token = tokens.seal("health-history", CITIZEN, last);
        assertEquals(last, tokens.open("health-history", CITIZEN, token));
        assertEquals("INVALID", code("ward-health", CITIZEN, token), "another list");
        assertEquals("INVALID", code("health-history", "079090000002", token), "another scope");
        assertNull(tokens.open("health-history", CITIZEN, null));
        assertNull(tokens.seal("health-history", CITIZEN, Map.of()));
    }

    @Test
    void theKeysInsideCannotBeRead() {
        String token = tokens.seal("health-history", CITIZEN, last);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains(CITIZEN));
        assertFalse(token.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(CITIZEN.getBytes(StandardCharsets.US_ASCII))
                .substring(0, 12)));
    }

    @Test
    void anAlteredForgedOrJunkTokenIsInvalid() {
        String token = tokens.seal("ward-feed", "26734|2026-12-05", last);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < raw.length; i += 7) {
            byte[] flipped = Arrays.copyOf(raw, raw.length);
            flipped[i] ^= 1;
            assertEquals("INVALID", code("ward-feed", "26734|2026-12-05", Base64.getUrlEncoder().withoutPadding().encodeToString(flipped)));
        }
        for (String junk : new String[]{"", "x", "%%%", "AAAA", "a".repeat(70_000), token + "A", token.substring(1)}) {
            assertEquals("INVALID", code("ward-feed", "26734|2026-12-05", junk), junk.length() + " chars");
        }
        PageTokens otherKey = new PageTokens(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
            22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, new SequentialIds(), clock);
        assertEquals("INVALID", code("ward-feed", "26734|2026-12-05", otherKey.seal("ward-feed", "26734|2026-12-05", last)));
    }

    @Test
    void aStaleTokenHasExpired() {
        String token = tokens.seal("audit-trail", CITIZEN, last);
        clock.advance(PageTokens.LIFETIME.minus(Duration.ofSeconds(1)));
        assertEquals(last, tokens.open("audit-trail", CITIZEN, token));
        clock.advance(Duration.ofSeconds(2));
        assertEquals("EXPIRED", code("audit-trail", CITIZEN, token));
    }
}

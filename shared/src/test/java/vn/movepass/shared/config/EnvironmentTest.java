package vn.movepass.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
    private static final Environment EMPTY = Environment.of(Map.of());

    @Test
    void defaultsComeFromTheKey() {
        assertEquals(Duration.ofDays(30), EMPTY.duration(EnvKey.DECLARATION_RETENTION_DAYS));
        assertEquals(2, EMPTY.integer(EnvKey.TRACE_MAX_DEPTH));
        assertEquals("", EMPTY.require(EnvKey.PASS_VERIFICATION_KEYS));
        assertEquals(Optional.empty(), EMPTY.uri(EnvKey.AWS_ENDPOINT_URL));
    }

    @Test
    void aValueSetWinsOverTheDefault() {
        Environment env = Environment.of(Map.of("DECLARATION_RETENTION_DAYS", " 7 ", "TRACE_MAX_DEPTH", "3",
                "S3_ENDPOINT_URL", "http://127.0.0.1:4566", "PASSES_TABLE", "passes-prod"));
        assertEquals(Duration.ofDays(7), env.duration(EnvKey.DECLARATION_RETENTION_DAYS));
        assertEquals(3, env.integer(EnvKey.TRACE_MAX_DEPTH));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), env.uri(EnvKey.S3_ENDPOINT_URL));
        assertEquals("passes-prod", env.require(EnvKey.PASSES_TABLE));
    }

    @Test
    void aRequiredKeyUnsetOrMalformedFailsFast() {
        assertThrows(IllegalStateException.class, () -> EMPTY.require(EnvKey.PASSES_TABLE));
        assertThrows(IllegalStateException.class, () -> Environment.of(Map.of("TRACE_MAX_DEPTH", "two"))
                .integer(EnvKey.TRACE_MAX_DEPTH));
    }

    @Test
    void eachKeyIsReadByItsTypesAccessorOnly() {
        assertThrows(IllegalArgumentException.class, () -> EMPTY.integer(EnvKey.DECLARATION_RETENTION_DAYS));
        assertThrows(IllegalArgumentException.class, () -> EMPTY.require(EnvKey.TRACE_MAX_DEPTH));
        assertThrows(IllegalArgumentException.class, () -> EMPTY.duration(EnvKey.PASSES_TABLE));
    }

    @Test
    void everyKeyIsRequiredOrHasADefaultOrIsAnEndpoint() {
        for (EnvKey key : EnvKey.values()) {
            if (key.required()) {
                assertFalse(key.defaultValue().isPresent(), key.name());
            } else {
                assertTrue(key.defaultValue().isPresent() || key.type() == EnvKey.Type.URI, key.name());
            }
        }
    }
}

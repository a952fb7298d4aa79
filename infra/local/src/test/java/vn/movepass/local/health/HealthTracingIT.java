package vn.movepass.local.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.movepass.local.LocalRuntime;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.TraceWorld;
import vn.movepass.shared.json.Json;

/**
 * Tracing on the health rules: a contact's quarantine runs from the evidence's contactAt (not the detection); a
 * RECOVERED person found as a contact is recorded as one but stays RECOVERED, and tracing does not go on through them;
 * when the periods end by the clock, /health and /status read NONE.
 */
@FreshRuntime("the dev clock moves past a quarantine")
class HealthTracingIT {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String F0 = "079090000801";
    static final String CONTACT = "079090000802";
    static final String RECOVERED = "079090000803";
    static final String BEHIND_RECOVERED = "079090000804";

    @Test
    void quarantineRunsFromContactAtAndTheRecoveredShieldTracing() {
        try (Api api = new Api(LocalRuntime.start(LocalRuntime.Options.inMemory().withVisibilityTimeout(Duration.ofSeconds(1))))) {
            TraceWorld world = new TraceWorld(api);
            for (String p : List.of(F0, CONTACT, RECOVERED, BEHIND_RECOVERED)) {
                world.resident(p, "26734");
            }
            String health = world.health();
            Instant now = api.now();

            // RECOVERED: an F0 twelve days ago (its own case traces nobody), recovered five days ago
            Api.Answer f0Event = api.post("/v1/citizens/" + RECOVERED + "/health-events", Json.object().put("type", "CLASSIFIED")
                    .put("level", "F0").put("at", now.minus(Duration.ofDays(12)).toString()), health);
            assertEquals(201, f0Event.status(), f0Event.text());
            assertTrue(api.runtime.awaitQueuesIdle(Duration.ofSeconds(60)));
            Api.Answer recovered = api.post("/v1/citizens/" + RECOVERED + "/health-events", Json.object().put("type", "RECOVERED")
                    .put("reason", "two negative tests").put("at", now.minus(Duration.ofDays(5)).toString()), health);
            assertEquals(201, recovered.status(), recovered.text());
            assertEquals("RECOVERED", healthOf(api, health, RECOVERED).get("state").asText());

            // the F0 met CONTACT and RECOVERED at CP-A five days ago; RECOVERED had met BEHIND_RECOVERED the day before
            Instant met = now.minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
            world.write(List.of(new TraceWorld.Passage(F0, "CP-A", met, null),
                    new TraceWorld.Passage(CONTACT, "CP-A", met.plusSeconds(300), null),
                    new TraceWorld.Passage(RECOVERED, "CP-A", met.plusSeconds(120), null),
                    new TraceWorld.Passage(RECOVERED, "CP-B", met.minus(Duration.ofDays(1)), null),
                    new TraceWorld.Passage(BEHIND_RECOVERED, "CP-B", met.minus(Duration.ofDays(1)).plusSeconds(60), null)));
            String caseId = world.open(F0, now.minus(Duration.ofDays(1)));
            JsonNode done = world.awaitComplete(caseId, Duration.ofSeconds(60));
            Map<String, String> contacts = world.contacts(caseId);

            // the contact: F1, QUARANTINED until 14 days after the contact (5 days ago), not after the detection
            JsonNode contact = healthOf(api, health, CONTACT);
            assertEquals("F1", contact.get("level").asText(), contact.toString());
            assertEquals("QUARANTINED", contact.get("state").asText());
            LocalDate until = LocalDate.parse(contact.get("until").asText());
            LocalDate fromContact = met.plusSeconds(300).plus(Duration.ofDays(14)).atZone(VIETNAM).toLocalDate();
            assertTrue(!until.isBefore(fromContact.minusDays(1)) && !until.isAfter(fromContact),
                    "until " + until + " from the contact instant (" + fromContact + "), not the detection: " + contact);

            // RECOVERED is recorded as a contact but stays RECOVERED, and tracing stops there
            assertTrue(contacts.containsKey(RECOVERED), "recorded as a contact: " + contacts);
            assertEquals("RECOVERED", healthOf(api, health, RECOVERED).get("state").asText());
            assertFalse(contacts.containsKey(BEHIND_RECOVERED), "not traced through a recovered person: " + contacts);
            assertEquals("NONE", healthOf(api, health, BEHIND_RECOVERED).get("level").asText());
            assertEquals(0, done.get("counts").path("F2").asInt(), done.toString());

            // the periods end by the clock: NONE on /health and /status
            assertEquals(200, api.post("/dev/clock", Map.of("advance", "P22D"), null).status());
            health = world.health();
            assertEquals("NONE", healthOf(api, health, CONTACT).get("level").asText());
            assertEquals("NONE", world.status(CONTACT));
        }
    }

    static JsonNode healthOf(Api api, String token, String citizenId) {
        Api.Answer a = api.get("/v1/citizens/" + citizenId + "/health", token);
        assertEquals(200, a.status(), a.text());
        return a.json().get("health");
    }
}

package vn.movepass.local.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;

/**
 * What an operator's dashboard counts (CloudWatch EMF in AWS; {@code GET /dev/metrics} here): declarations by outcome
 * and reason, refusals, scans by verdict and advice, passages by decision — the same requests, the same figures.
 */
@SharedRuntime
class MetricsIT {
    Api api;
    Registry registry;

    @BeforeEach
    void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
    }

    private Map<String, Long> metrics() {
        JsonNode m = api.get("/dev/metrics", null).json().get("metrics");
        Map<String, Long> out = new java.util.TreeMap<>();
        m.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    @Test
    void declarationsScansAndPassagesAreCountedByOutcome() {
        Map<String, Long> before = metrics();
        Api.Answer accepted = api.post("/v1/declarations", api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE"), null);
        assertEquals(201, accepted.status(), accepted.text());
        Api.Answer rejected = api.post("/v1/declarations", api.declaration(registry.an, "Nguyễn Văn An", "1990-05-18", "MALE"), null);
        assertEquals("REJECTED", rejected.json().get("status").asText(), rejected.text());

        String officer = api.officer(registry.cpA);
        Api.Answer scan = api.post("/v1/checkpoints/" + registry.cpA + "/scans",
                Map.of("code", accepted.json().get("pass").get("token").asText(), "direction", "IN", "record", false), officer);
        assertEquals(200, scan.status(), scan.text());
        Api.Answer confirmed = api.post("/v1/checkpoints/" + registry.cpA + "/passages",
                Map.of("scanId", scan.json().get("scanId").asText(), "direction", "IN", "decision", "ALLOWED"), officer);
        assertEquals(201, confirmed.status(), confirmed.text());
        Api.Answer junk = api.post("/v1/checkpoints/" + registry.cpA + "/scans",
                Map.of("code", "not a pass", "direction", "IN", "record", false), officer);
        assertEquals(200, junk.status(), junk.text());

        Map<String, Long> after = metrics();
        assertEquals(1, delta(before, after, "Declarations{Outcome=ACCEPTED}"), after.toString());
        assertEquals(1, delta(before, after, "Declarations{Outcome=REJECTED}"), after.toString());
        assertEquals(1, delta(before, after, "DeclarationRejections{Reason=DOB_MISMATCH}"), after.toString());
        assertEquals(1, delta(before, after, "Scans{Verdict=VALID}"), after.toString());
        assertEquals(1, delta(before, after, "Scans{Verdict=" + junk.json().get("verdict").asText() + "}"), after.toString());
        assertEquals(1, delta(before, after, "Scans{Advice=" + scan.json().get("advice").asText() + "}"), after.toString());
        assertEquals(1, delta(before, after, "Passages{Decision=ALLOWED}"), after.toString());
        after.keySet().forEach(key -> assertEquals(-1, key.indexOf(registry.an), "no citizen id in a metric: " + key));
    }
}

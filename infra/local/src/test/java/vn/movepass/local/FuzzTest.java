package vn.movepass.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.http.Json;

/**
 * Seeded malformed requests, at least {@value #PER_ENDPOINT} per endpoint: every public one (declarations, the pass,
 * its images and audit trail, the green-lane permit images) and the officers' POSTs with a valid token (scans,
 * passages, paper declarations). Every answer must be a 4xx problem+json, never a 5xx nor a success, and no table
 * may change by a single attribute. Each JSON endpoint's valid seed is sent once at the end and must succeed, so the
 * mutations broke a body that worked.
 */
class FuzzTest {
    static final int PER_ENDPOINT = 520;
    /** Requests in flight at once: the machine has 2 cores, and the runtime answers in the same JVM. */
    static final int SENDERS = 2;
    static final long SEED = 20210820L;
    static final List<String> BAD_DATES = List.of("2021-02-30", "2021-13-01", "21-08-20", "2021-8-20", "2021/08/20",
            "20210820", "2021-08-20T00:00:00Z", "9999-12-31", "0000-01-01", "1899-12-31", "", "today");
    static final List<String> BAD_WARDS = List.of("99999", "2673", "267345", "ABCDE", "٢٦٧٣٤", "2673 4", "");
    /** The valid seeds of the JSON endpoints fuzzed, each sent once after all the fuzzing. */
    static final List<Malformed.JsonEndpoint> SEEDS = Collections.synchronizedList(new ArrayList<>());
    static Api api;
    static ExecutorService senders;
    static String officer;
    static JsonNode pass;
    static String scanId;

    @BeforeAll
    static void start() {
        api = Api.start();
        senders = Executors.newFixedThreadPool(SENDERS);
        Registry.load(api);
        Api.Answer declared = api.post("/v1/declarations", api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"), null);
        assertEquals(201, declared.status(), declared.text());
        pass = declared.json().get("pass");
        officer = api.officer("CP-A");
        Api.Answer scan = api.post("/v1/checkpoints/CP-A/scans", Map.of("code", pass.get("token").asText(), "direction", "IN"),
                officer);
        assertEquals("VALID", scan.json().get("verdict").asText(), scan.text());
        scanId = scan.json().get("scanId").asText();
    }

    /** Sends each valid seed once: it must succeed, or the fuzzing above only ever broke a body that was broken. */
    @AfterAll
    static void stop() {
        try {
            List<String> failures = new ArrayList<>();
            for (Malformed.JsonEndpoint e : SEEDS) {
                Api.Answer a = api.send("POST", e.path(), "application/json", e.valid().toString().getBytes(StandardCharsets.UTF_8),
                        e.token());
                if (a.status() < 200 || a.status() > 299) {
                    failures.add(e.path() + " → " + a.status() + ": " + Malformed.abbreviate(a.text()));
                }
            }
            assertTrue(failures.isEmpty(), "valid seeds refused:\n" + String.join("\n", failures));
            System.out.println("fuzz seeds: " + SEEDS.size() + " valid bodies, all accepted");
        } finally {
            senders.shutdownNow();
            api.close();
        }
    }

    static Malformed.JsonEndpoint declarations(String path, String token, ObjectNode valid) {
        return new Malformed.JsonEndpoint(path, token, valid, Set.of("citizenId", "fullName", "dateOfBirth", "gender",
                "phone", "residence", "origin", "destination", "departureDate", "purpose", "vehicle", "consent",
                "residence.wardCode", "origin.wardCode", "destination.wardCode", "vehicle.type", "vehicle.plate"),
                Map.ofEntries(
                        Map.entry("citizenId", List.of("07909012345", "0790901234567", "07909012345A", "٠٧٩٠٩٠١٢٣٤٥٦",
                                "079 090 123 456", "079090123456\u200b", "-79090123456", "")),
                        Map.entry("fullName", List.of("An 2", "<script>", "Nguyễn;DROP", "@@@", "-An", "A".repeat(101), "")),
                        Map.entry("dateOfBirth", BAD_DATES),
                        Map.entry("gender", List.of("male", "OTHER", "M", "Nam", "")),
                        Map.entry("phone", List.of("12345", "0901234567890123", "+1 555 0100", "090123456a", "")),
                        Map.entry("email", List.of("not-an-email", "a@b", "@x.vn", "a b@c.vn")),
                        Map.entry("residence.wardCode", BAD_WARDS), Map.entry("origin.wardCode", BAD_WARDS),
                        Map.entry("destination.wardCode", BAD_WARDS),
                        Map.entry("departureDate", BAD_DATES),
                        Map.entry("purpose", List.of("work", "TOURISM", "")),
                        Map.entry("vehicle.type", List.of("car", "ROCKET", "")),
                        Map.entry("vehicle.plate", List.of("ABC", "!!!", "1", ""))));
    }

    /** Fuzzes a JSON endpoint from one or more valid seeds (taken in turn), and keeps them for {@link #stop()}. */
    private static void fuzz(String endpoint, Malformed.JsonEndpoint... seeds) {
        SEEDS.addAll(List.of(seeds));
        int[] next = {0};
        fuzz(endpoint, m -> m.json(seeds[next[0]++ % seeds.length]));
    }

    /**
     * Sends {@value #PER_ENDPOINT} requests of the generator (made in order from the endpoint's seed, so the same every
     * run), {@value #SENDERS} at a time: every one is refused, so the order they arrive in changes nothing.
     */
    private static void fuzz(String endpoint, Function<Malformed, Malformed.Request> generator) {
        Map<String, List<String>> before = api.tableContents();
        Malformed malformed = new Malformed(SEED ^ endpoint.hashCode());
        List<Malformed.Request> requests = IntStream.range(0, PER_ENDPOINT).mapToObj(i -> generator.apply(malformed)).toList();
        List<Future<String>> answers = requests.stream().map(r -> senders.submit(() -> judge(r))).toList();
        List<String> failures = new ArrayList<>();
        for (Future<String> answer : answers) {
            try {
                String failure = answer.get();
                if (failure != null) {
                    failures.add(failure);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(endpoint + ": a request could not be sent", e.getCause());
            }
        }
        assertTrue(failures.isEmpty(), endpoint + ": " + failures.size() + " answers were not 4xx problems:\n"
                + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
        assertEquals(before, api.tableContents(), endpoint + ": refused requests changed no table");
        System.out.println("fuzz " + endpoint + ": " + PER_ENDPOINT + " malformed requests, all 4xx problem+json");
    }

    /** Null for a 4xx problem+json whose status field is the answer's, else what was wrong. */
    private static String judge(Malformed.Request request) {
        Api.Answer a = request.send(api);
        String type = a.header("content-type");
        String problem = null;
        if (type != null && type.startsWith("application/problem+json")) {
            JsonNode body = Json.readTree(a.text());
            problem = body.path("status").asInt() == a.status() ? null : "status field " + body.path("status");
        } else {
            problem = "content type " + type;
        }
        if (a.status() < 400 || a.status() > 499 || problem != null) {
            return a.status() + " to " + request.broken() + (problem == null ? "" : " (" + problem + ")") + ": "
                    + Malformed.abbreviate(a.text());
        }
        return null;
    }

    @Test
    void publicDeclarations() {
        var e = declarations("/v1/declarations", null, api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"));
        fuzz("POST /v1/declarations", e);
    }

    @Test
    void paperDeclarationsOfAnOfficer() {
        var e = declarations("/v1/checkpoints/CP-A/declarations", officer,
                api.declaration(Registry.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE"));
        fuzz("POST /v1/checkpoints/{id}/declarations", e);
    }

    @Test
    void scans() {
        ObjectNode valid = Json.object().put("code", pass.get("token").asText()).put("direction", "IN").put("record", false);
        var e = new Malformed.JsonEndpoint("/v1/checkpoints/CP-A/scans", officer, valid, Set.of("code", "direction"),
                Map.of("direction", List.of("in", "UP", "", "IN OUT"), "code", List.of("", "   ")));
        fuzz("POST /v1/checkpoints/{id}/scans", e);
    }

    @Test
    void passages() {
        ObjectNode valid = Json.object().put("scanId", scanId).put("direction", "IN").put("decision", "ALLOWED")
                .putNull("vehiclePlate");
        var e = new Malformed.JsonEndpoint("/v1/checkpoints/CP-A/passages", officer, valid,
                Set.of("scanId", "direction", "decision"), Map.of("direction", List.of("in", "UP", ""),
                "decision", List.of("MAYBE", "allowed", ""), "vehiclePlate", List.of("ABC", "!!!"),
                "scanId", List.of("x", scanId.substring(1), scanId + "A", new StringBuilder(scanId).reverse().toString(), "")));
        fuzz("POST /v1/checkpoints/{id}/passages", e);
    }

    static final List<String> BAD_SIZES = List.of("0", "127", "1025", "-1", "abc", "", "1e3", "12.5", "99999999999",
            "%00", "0x100", "2147483648", "-2147483649", "NaN", "%C3%28");

    @Test
    void passView() {
        var e = new Malformed.GetEndpoint("/v1/passes/{id}", pass.get("passId").asText(), null, null);
        fuzz("GET /v1/passes/{id}", m -> m.get(e));
    }

    @Test
    void passPng() {
        var e = new Malformed.GetEndpoint("/v1/passes/{id}/qr.png", pass.get("passId").asText(), "size", BAD_SIZES);
        fuzz("GET /v1/passes/{id}/qr.png", m -> m.get(e));
    }

    @Test
    void passSvg() {
        var e = new Malformed.GetEndpoint("/v1/passes/{id}/qr.svg", pass.get("passId").asText(), null, null);
        fuzz("GET /v1/passes/{id}/qr.svg", m -> m.get(e));
    }

    @Test
    void passAuditTrail() {
        var e = new Malformed.GetEndpoint("/v1/passes/{id}/audit", pass.get("passId").asText(), "pageToken",
                List.of("", "!", "a", "a+b", "a/b", "%25", "%C3%28", "====", "*", "%00"));
        fuzz("GET /v1/passes/{id}/audit", m -> m.get(e));
    }

    @Test
    void permitImages() {
        var png = new Malformed.GetEndpoint("/v1/green-lane/permits/{id}/qr.png", null, null, null);
        var svg = new Malformed.GetEndpoint("/v1/green-lane/permits/{id}/qr.svg", null, null, null);
        fuzz("GET /v1/green-lane/permits/{id}/qr.png", m -> m.get(png));
        fuzz("GET /v1/green-lane/permits/{id}/qr.svg", m -> m.get(svg));
    }
}

package vn.movepass.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.shared.http.Json;

/**
 * Seeded malformed requests, at least {@value #PER_ENDPOINT} per endpoint: every public one (declarations, the pass,
 * its images and audit trail, the green-lane permit images) and the officers' POSTs with a valid token (scans,
 * passages, paper declarations). Every answer must be a 4xx problem+json, never a 5xx nor a success, and no table
 * may change by a single attribute.
 */
class FuzzTest {
    static final int PER_ENDPOINT = 520;
    static final long SEED = 20210820L;
    static final List<String> BAD_DATES = List.of("2021-02-30", "2021-13-01", "21-08-20", "2021-8-20", "2021/08/20",
            "20210820", "2021-08-20T00:00:00Z", "9999-12-31", "0000-01-01", "1899-12-31", "", "today");
    static final List<String> BAD_WARDS = List.of("99999", "2673", "267345", "ABCDE", "٢٦٧٣٤", "2673 4", "");
    static Api api;
    static String officer;
    static JsonNode pass;
    static String scanId;

    @BeforeAll
    static void start() {
        api = Api.start();
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

    @AfterAll
    static void stop() {
        api.close();
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

    private static void fuzz(String endpoint, java.util.function.Function<Malformed, Malformed.Request> generator) {
        Map<String, List<String>> before = api.tableContents();
        Malformed malformed = new Malformed(SEED ^ endpoint.hashCode());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < PER_ENDPOINT; i++) {
            Malformed.Request request = generator.apply(malformed);
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
                failures.add(a.status() + " to " + request.broken() + (problem == null ? "" : " (" + problem + ")") + ": "
                        + Malformed.abbreviate(a.text()));
            }
        }
        assertTrue(failures.isEmpty(), endpoint + ": " + failures.size() + " answers were not 4xx problems:\n"
                + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
        assertEquals(before, api.tableContents(), endpoint + ": refused requests changed no table");
        System.out.println("fuzz " + endpoint + ": " + PER_ENDPOINT + " malformed requests, all 4xx problem+json");
    }

    @Test
    void publicDeclarations() {
        var e = declarations("/v1/declarations", null, api.declaration(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE"));
        fuzz("POST /v1/declarations", m -> m.json(e));
    }

    @Test
    void paperDeclarationsOfAnOfficer() {
        var e = declarations("/v1/checkpoints/CP-A/declarations", officer,
                api.declaration(Registry.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE"));
        fuzz("POST /v1/checkpoints/{id}/declarations", m -> m.json(e));
    }

    @Test
    void scans() {
        ObjectNode valid = Json.object().put("code", pass.get("token").asText()).put("direction", "IN").put("record", false);
        var e = new Malformed.JsonEndpoint("/v1/checkpoints/CP-A/scans", officer, valid, Set.of("code", "direction"),
                Map.of("direction", List.of("in", "UP", "", "IN OUT"), "code", List.of("", "   ")));
        fuzz("POST /v1/checkpoints/{id}/scans", m -> m.json(e));
    }

    @Test
    void passages() {
        ObjectNode valid = Json.object().put("scanId", scanId).put("direction", "IN").put("decision", "ALLOWED")
                .putNull("vehiclePlate");
        var e = new Malformed.JsonEndpoint("/v1/checkpoints/CP-A/passages", officer, valid,
                Set.of("scanId", "direction", "decision"), Map.of("direction", List.of("in", "UP", ""),
                "decision", List.of("MAYBE", "allowed", ""), "vehiclePlate", List.of("ABC", "!!!"),
                "scanId", List.of("x", scanId.substring(1), scanId + "A", new StringBuilder(scanId).reverse().toString(), "")));
        fuzz("POST /v1/checkpoints/{id}/passages", m -> m.json(e));
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

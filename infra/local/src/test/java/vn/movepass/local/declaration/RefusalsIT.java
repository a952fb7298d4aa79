package vn.movepass.local.declaration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;

/** Every 400, 413 and 415 of the contract answers problem+json and leaves every table as it was. */
@SharedRuntime
class RefusalsIT {
    static Api api;
    static Registry registry;

    @BeforeAll
    static void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
    }

    private ObjectNode valid() {
        return api.declaration(registry.an, "Nguyễn Văn An", "1990-05-17", "MALE");
    }

    private record Case(String name, String field, Consumer<ObjectNode> change) {
    }

    @Test
    void invalidDeclarationsAreRefusedFieldByFieldAndNothingIsStored() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("citizen id of 11 digits", "citizenId", d -> d.put("citizenId", "07909012345")));
        cases.add(new Case("citizen id with letters", "citizenId", d -> d.put("citizenId", "07909012345A")));
        cases.add(new Case("citizen id as number", "citizenId", d -> d.put("citizenId", 79090123456L)));
        cases.add(new Case("missing name", "fullName", d -> d.remove("fullName")));
        cases.add(new Case("name with digits", "fullName", d -> d.put("fullName", "An 2")));
        cases.add(new Case("name too long", "fullName", d -> d.put("fullName", "A".repeat(101))));
        cases.add(new Case("bad date of birth", "dateOfBirth", d -> d.put("dateOfBirth", "17/05/1990")));
        cases.add(new Case("future date of birth", "dateOfBirth", d -> d.put("dateOfBirth", api.today().plusDays(2).toString())));
        cases.add(new Case("unknown gender", "gender", d -> d.put("gender", "OTHER")));
        cases.add(new Case("bad phone", "phone", d -> d.put("phone", "12345")));
        cases.add(new Case("unknown ward", "destination.wardCode", d -> ((ObjectNode) d.get("destination")).put("wardCode", "99999")));
        cases.add(new Case("ward of 4 digits", "origin.wardCode", d -> ((ObjectNode) d.get("origin")).put("wardCode", "2673")));
        cases.add(new Case("missing residence", "residence", d -> d.remove("residence")));
        cases.add(new Case("departure yesterday", "departureDate", d -> d.put("departureDate", api.today().minusDays(1).toString())));
        cases.add(new Case("departure in 4 days", "departureDate", d -> d.put("departureDate", api.today().plusDays(4).toString())));
        cases.add(new Case("unknown purpose", "purpose", d -> d.put("purpose", "TOURISM")));
        cases.add(new Case("car without plate", "vehicle.plate", d -> ((ObjectNode) d.get("vehicle")).remove("plate")));
        cases.add(new Case("bad plate", "vehicle.plate", d -> ((ObjectNode) d.get("vehicle")).put("plate", "ABC")));
        cases.add(new Case("unknown vehicle", "vehicle.type", d -> ((ObjectNode) d.get("vehicle")).put("type", "ROCKET")));
        cases.add(new Case("unknown symptom", "health.symptoms", d -> ((ObjectNode) d.get("health")).putArray("symptoms").add("HICCUPS")));
        cases.add(new Case("test in the future", "test.sampledAt", d -> d.putObject("test").put("method", "RT_PCR")
                .put("result", "NEGATIVE").put("sampledAt", "2099-01-01T00:00:00Z")));
        cases.add(new Case("no consent", "consent", d -> d.put("consent", false)));
        cases.add(new Case("consent as string", "consent", d -> d.put("consent", "true")));
        cases.add(new Case("unknown field", "nickname", d -> d.put("nickname", "An")));
        cases.add(new Case("control characters", "fullName", d -> d.put("fullName", "Nguyễn\u0007An")));

        Map<String, Integer> before = api.tableCounts();
        for (Case c : cases) {
            ObjectNode body = valid();
            c.change().accept(body);
            Api.Answer a = api.post("/v1/declarations", body, null);
            assertEquals(400, a.status(), c.name() + ": " + a.text());
            assertTrue(a.header("content-type").startsWith("application/problem+json"), c.name());
            JsonNode problem = a.json();
            assertEquals(400, problem.get("status").asInt());
            List<String> fields = new ArrayList<>();
            problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertTrue(fields.contains(c.field()), c.name() + " names " + c.field() + ", got " + fields);
        }
        assertEquals(before, api.tableCounts(), "nothing stored for any refused declaration");
    }

    @Test
    void malformedBodiesSizesAndMediaTypes() {
        Map<String, Integer> before = api.tableCounts();
        byte[] valid = valid().toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(415, api.send("POST", "/v1/declarations", "text/plain", valid, null).status());
        assertEquals(415, api.send("POST", "/v1/declarations", null, valid, null).status());
        assertEquals(400, api.post("/v1/declarations", "{not json", null).status());
        assertEquals(400, api.post("/v1/declarations", "[1,2]", null).status());
        assertEquals(400, api.post("/v1/declarations", "", null).status());
        assertEquals(400, api.post("/v1/declarations", "{\"citizenId\":\"1\",\"citizenId\":\"2\"}", null).status(), "duplicate keys");
        assertEquals(400, api.post("/v1/declarations", "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}", null).status(), "deep nesting");
        assertEquals(400, api.send("POST", "/v1/declarations", "application/json",
                new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, null).status(), "invalid UTF-8");
        String big = "{\"fullName\":\"" + "a".repeat(70 * 1024) + "\"}";
        Api.Answer tooBig = api.post("/v1/declarations", big, null);
        assertEquals(413, tooBig.status());
        assertTrue(tooBig.header("content-type").startsWith("application/problem+json"));

        String officer = api.officer(registry.cpA);
        assertEquals(415, api.send("POST", "/v1/checkpoints/" + registry.cpA + "/scans", "text/plain", "{}".getBytes(), officer).status());
        assertEquals(400, api.post("/v1/checkpoints/" + registry.cpA + "/scans", Map.of("code", "x"), officer).status());
        assertEquals(400, api.post("/v1/checkpoints/" + registry.cpA + "/scans", Map.of("code", "x", "direction", "UP"), officer).status());
        assertEquals(400, api.post("/v1/checkpoints/" + registry.cpA + "/passages", Map.of("scanId", "x", "direction", "IN",
                "decision", "MAYBE"), officer).status());
        assertEquals(413, api.post("/v1/checkpoints/" + registry.cpA + "/scans",
                "{\"code\":\"" + "A".repeat(70_000) + "\",\"direction\":\"IN\"}", officer).status());

        String admin = api.admin();
        assertEquals(415, api.post("/v1/admin/residents", "citizen_id\n", admin).status());
        assertEquals(400, api.send("POST", "/v1/admin/residents", "text/csv", "name,age\nAn,3\n".getBytes(), admin).status());
        assertEquals(400, api.post("/v1/admin/checkpoints", Map.of("checkpointId", "CP X!", "name", "x", "wardCode", "26734",
                "lat", 10.0, "lon", 106.0), admin).status());
        assertEquals(400, api.post("/v1/admin/checkpoints", Map.of("checkpointId", "CP-X", "name", "x", "wardCode", "26734",
                "lat", 100.0, "lon", 106.0), admin).status());
        assertEquals(before, api.tableCounts(), "nothing stored");
    }

    @Test
    void registryImportReportsBadLinesAndStoresTheGoodOnes() {
        String csv = """
                citizen_id,full_name,date_of_birth,gender,permanent_ward_code,permanent_address,current_ward_code,current_address,\
                date_of_death,extra
                079301000001,Võ Thị Hoa,2001-09-09,FEMALE,26734,1 A,26734,1 A,,ignored
                12345,Bad Id,2001-09-09,FEMALE,26734,1 A,26734,1 A,,
                079301000002,Võ Văn Hùng,2001-09-09,MALE,99999,1 A,26734,1 A,,
                """;
        Api.Answer a = api.send("POST", "/v1/admin/residents", "text/csv", csv.getBytes(StandardCharsets.UTF_8), api.admin());
        assertEquals(200, a.status(), a.text());
        assertEquals(1, a.json().get("imported").asInt());
        assertEquals(2, a.json().get("rejected").size());
        assertEquals(3, a.json().get("rejected").get(0).get("line").asInt());
        assertEquals(4, a.json().get("rejected").get(1).get("line").asInt());
    }
}

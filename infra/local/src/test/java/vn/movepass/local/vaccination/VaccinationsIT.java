package vn.movepass.local.vaccination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.SharedRuntime;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/**
 * {@code POST /v1/vaccinations} as a vaccinator and a health official use it: the dose is checked against the registry,
 * must be the next one and not too early, is recorded once under any concurrency, shows in the resident's health and
 * history and in the daily report's {@code dosesGiven}.
 */
@SharedRuntime
class VaccinationsIT {
    static final String SITE = "VX-HCM-Q1-01";
    static Api api;
    static Registry registry;
    static String vaccinator;
    static String official;

    @BeforeAll
    static void start(Api shared, Registry own) {
        api = shared;
        registry = own;
        registry.loadInto(api);
        vaccinator = api.token("VACCINATOR", "vaccinator-1", "siteId", SITE);
        official = api.token("HEALTH_OFFICIAL", "official-79", "provinceCode", "79");
    }

    static ObjectNode dose(String citizenId, String name, String dob, String product, int number, Instant at, String lot) {
        return Json.object().put("citizenId", citizenId).put("fullName", name).put("dateOfBirth", dob).put("product", product)
                .put("doseNumber", number).put("administeredAt", at.toString()).put("lot", lot).put("siteId", SITE);
    }

    static ObjectNode an(int number, Instant at, String lot) {
        return dose(registry.an, "Nguyễn Văn An", "1990-05-17", "AZ", number, at, lot);
    }

    @Test
    void aVaccinatorRecordsADoseThatShowsInTheHealthTheHistoryAndTheReport() {
        Instant at = api.now().minus(Duration.ofDays(40));
        long before = dosesGiven(at);
        Api.Answer first = api.post("/v1/vaccinations", an(1, at, "AZ-4471"), vaccinator);
        assertEquals(201, first.status(), first.text());
        String id = first.json().get("vaccinationId").asText();
        JsonNode v = first.json().get("health").get("vaccination");
        assertEquals(1, v.get("doses").asInt());
        assertFalse(v.get("complete").asBoolean());
        assertEquals("AZ", v.get("lastDose").get("product").asText());
        assertEquals(Times.vietnamDate(at).toString(), v.get("lastDose").get("date").asText());

        Api.Answer again = api.post("/v1/vaccinations", an(1, at, "AZ-4471"), vaccinator);
        assertEquals(200, again.status(), "the same dose again: " + again.text());
        assertEquals(id, again.json().get("vaccinationId").asText());
        Api.Answer other = api.post("/v1/vaccinations", an(1, at, "AZ-9999"), vaccinator);
        assertEquals(409, other.status(), other.text());
        assertEquals("DOSE_RECORDED", other.json().get("errors").get(0).get("code").asText());

        Api.Answer early = api.post("/v1/vaccinations", an(2, at.plus(Duration.ofDays(20)), "AZ-5000"), vaccinator);
        assertEquals(400, early.status(), early.text());
        assertEquals("TOO_EARLY", early.json().get("errors").get(0).get("code").asText());
        Api.Answer skipped = api.post("/v1/vaccinations", an(3, at.plus(Duration.ofDays(30)), "AZ-5000"), vaccinator);
        assertEquals(400, skipped.status(), skipped.text());
        assertEquals("OUT_OF_ORDER", skipped.json().get("errors").get(0).get("code").asText());

        Api.Answer second = api.post("/v1/vaccinations", an(2, at.plus(Duration.ofDays(28)), "AZ-5000"), official);
        assertEquals(201, second.status(), second.text());
        JsonNode after = second.json().get("health").get("vaccination");
        assertEquals(2, after.get("doses").asInt());
        // complete 14 days after the last primary dose: 28 + 14 = 42 days after the first, 2 days from now
        assertFalse(after.get("complete").asBoolean());
        assertEquals(Times.vietnamDate(at).plusDays(42).toString(), after.get("completeSince").asText());

        JsonNode history = api.get("/v1/citizens/" + registry.an + "/health", official).json().get("history");
        long doses = 0;
        for (JsonNode e : history) {
            doses += "DOSE".equals(e.get("type").asText()) ? 1 : 0;
        }
        assertEquals(2, doses, history.toString());
        assertEquals(before + 1, dosesGiven(at), "the report counts the dose on its day");
    }

    @Test
    void theRegistryMustAgreeAndNothingIsStoredWhenItDoesNot() {
        Instant at = api.now().minus(Duration.ofHours(2));
        Map<String, Integer> tables = api.tableCounts();
        Map<ObjectNode, String> wrong = Map.of(
                dose(registry.binh, "Trần Thị Bình Sai", "1995-02-01", "PFIZER", 1, at, "FK-1"), "NAME_MISMATCH",
                dose(registry.binh, "Trần Thị Bình", "1995-02-02", "PFIZER", 1, at, "FK-1"), "DOB_MISMATCH",
                dose("079099000001", "Người Lạ", "1999-01-01", "PFIZER", 1, at, "FK-1"), "NOT_IN_REGISTRY",
                dose(registry.cuongDeceased, "Lê Văn Cường", "1985-03-03", "PFIZER", 1, at, "FK-1"), "DECEASED");
        wrong.forEach((body, code) -> {
            Api.Answer a = api.post("/v1/vaccinations", body, vaccinator);
            assertEquals(400, a.status(), a.text());
            Set<String> codes = new HashSet<>();
            a.json().get("errors").forEach(e -> codes.add(e.get("code").asText()));
            assertTrue(codes.contains(code), code + " in " + a.text());
        });
        assertEquals(tables, api.tableCounts(), "a refused dose stores nothing, not even an audit entry (nothing was shown)");
    }

    @Test
    void onlyTheSitesVaccinatorAndHealthOfficialsOfTheProvinceRecord() {
        Instant at = api.now().minus(Duration.ofHours(3));
        ObjectNode body = dose(registry.dung, "Phạm Thị Dung", "2003-04-04", "MODERNA", 1, at, "MD-1");
        String otherSite = api.token("VACCINATOR", "vaccinator-2", "siteId", "VX-OTHER");
        assertEquals(403, api.post("/v1/vaccinations", body, otherSite).status());
        String hanoi = api.token("HEALTH_OFFICIAL", "official-01", "provinceCode", "01");
        assertEquals(403, api.post("/v1/vaccinations", body, hanoi).status());
        String police = api.token("WARD_POLICE", "police", "wardCode", registry.wardA);
        assertEquals(403, api.post("/v1/vaccinations", body, police).status());
        assertEquals(401, api.post("/v1/vaccinations", body, null).status());
        assertEquals(201, api.post("/v1/vaccinations", body, vaccinator).status());
    }

    @Test
    void concurrentRecordsOfOneDoseMakeOneRecord() throws Exception {
        Instant at = api.now().minus(Duration.ofHours(5));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Answer>> same = new ArrayList<>();
            List<Future<Api.Answer>> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                same.add(pool.submit(() -> api.post("/v1/vaccinations",
                        dose(registry.duc, "Đặng Văn Đức", "1988-06-06", "PFIZER", 1, at, "PF-1"), vaccinator)));
                String lot = "PF-" + (100 + i);
                others.add(pool.submit(() -> api.post("/v1/vaccinations",
                        dose(registry.binh, "Trần Thị Bình", "1995-02-01", "PFIZER", 1, at, lot), vaccinator)));
            }
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<Api.Answer> f : same) {
                Api.Answer a = f.get();
                assertTrue(a.status() == 201 || a.status() == 200, a.text());
                created += a.status() == 201 ? 1 : 0;
                ids.add(a.json().get("vaccinationId").asText());
            }
            assertEquals(1, created, "one record");
            assertEquals(1, ids.size(), "one id for every repeat");
            int won = 0;
            for (Future<Api.Answer> f : others) {
                Api.Answer a = f.get();
                assertTrue(a.status() == 201 || a.status() == 409, a.text());
                won += a.status() == 201 ? 1 : 0;
            }
            assertEquals(1, won, "one of eight different first doses is recorded, the others are conflicts");
        } finally {
            pool.shutdown();
        }
        JsonNode health = api.get("/v1/citizens/" + registry.binh + "/health", official).json().get("health");
        assertEquals(1, health.get("vaccination").get("doses").asInt());
    }

    static long dosesGiven(Instant at) {
        Api.Answer r = api.get("/v1/reports/daily?date=" + Times.vietnamDate(at) + "&unit=ward:" + registry.wardA, official);
        assertEquals(200, r.status(), r.text());
        return r.json().get("health").get("dosesGiven").asLong();
    }
}

package vn.movepass.local.vaccination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Recount;
import vn.movepass.local.testkit.Registry;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.Vaccination;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.store.HealthStatusItem;

/**
 * What a province's health official plans and orders from, and what an analyst reads of coverage: the supply plan
 * (doses booked per site, day and product, the stock left for them, the shortfall) and the coverage report (adults of
 * the registry, residents with a first dose and with a complete series, doses of the day), each equal to a recount
 * of the records: the registry for adults, the residents' health for doses.
 */
@FreshRuntime("a registry and a site of its own, whose counts the test asserts exactly")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupplyAndCoverageIT {
    static final String WARD = "26734";
    static final String OTHER_WARD = "26737";
    static Api api;
    static String official;
    static String vaccinator;
    static LocalDate today;
    static LocalDate tomorrow;

    @BeforeAll
    static void start(Api fresh) {
        api = fresh;
        today = api.today();
        tomorrow = today.plusDays(1);
        Registry.load(api);
        StringBuilder csv = new StringBuilder(Registry.CSV.substring(0, Registry.CSV.indexOf('\n') + 1));
        for (int i = 0; i < 8; i++) {
            csv.append(person(i)).append(",1990-01-01,MALE,").append(WARD).append(",1 A,").append(WARD).append(",1 A,\n");
        }
        // one who comes of age tomorrow, a child, and an adult who died last month
        LocalDate eighteenTomorrow = tomorrow.minusYears(18);
        csv.append("079208000901,Trẻ Sắp Lớn,").append(eighteenTomorrow).append(",MALE,").append(WARD).append(",1 A,")
                .append(WARD).append(",1 A,\n");
        csv.append("079215000902,Em Bé,2015-03-03,MALE,").append(WARD).append(",1 A,").append(WARD).append(",1 A,\n");
        csv.append("079070000903,Người Đã Mất,1970-03-03,MALE,").append(WARD).append(",1 A,").append(WARD).append(",1 A,")
                .append(today.minusDays(30)).append('\n');
        api.importResidents(csv.toString());
        official = api.token("HEALTH_OFFICIAL", "official-79", "provinceCode", "79");
        vaccinator = api.token("VACCINATOR", "vaccinator-plan", "siteId", "VX-PLAN");
        assertEquals(201, api.post("/v1/vaccination-sites", CampaignsIT.site("VX-PLAN", 2), official).status());
        deliver("PFIZER", 3);
        deliver("AZ", 1);
    }

    static String person(int i) {
        return String.format("079090%06d", 900 + i) + ",Người Số " + (char) ('A' + i);
    }

    static String id(int i) {
        return String.format("079090%06d", 900 + i);
    }

    static String name(int i) {
        return "Người Số " + (char) ('A' + i);
    }

    static void deliver(String product, int doses) {
        Api.Answer a = api.post("/v1/vaccination-sites/VX-PLAN/deliveries", Map.of("product", product, "doses", doses,
                "receivedAt", api.now().minusSeconds(600).toString(), "lot", product + "-1"), official);
        assertEquals(201, a.status(), a.text());
    }

    static Instant slot(LocalDate day, String hhmm) {
        return day.atTime(LocalTime.parse(hhmm)).atZone(Times.VIETNAM).toInstant();
    }

    static String book(int i, LocalDate day, String hhmm) {
        Api.Answer a = api.post("/v1/vaccination-appointments", CampaignsIT.booking(id(i), name(i), "1990-01-01", "MALE",
                "VX-PLAN", slot(day, hhmm)), null);
        assertEquals(201, a.status(), a.text());
        assertEquals("BOOKED", a.json().get("status").asText(), a.text());
        return a.json().get("appointmentId").asText();
    }

    static void dose(int i, String product, int number) {
        Api.Answer a = api.post("/v1/vaccinations", Json.object().put("citizenId", id(i)).put("fullName", name(i))
                .put("dateOfBirth", "1990-01-01").put("product", product).put("doseNumber", number)
                .put("administeredAt", api.now().minusSeconds(60).toString()).put("lot", product + "-1")
                .put("siteId", "VX-PLAN"), vaccinator);
        assertEquals(201, a.status(), a.text());
    }

    /** The plan's lines of VX-PLAN: "date product" → {booked, inStock, shortfall}. */
    static Map<String, List<Long>> plan(String query) {
        Api.Answer a = api.get("/v1/vaccination-plans?provinceCode=79" + query, official);
        assertEquals(200, a.status(), a.text());
        Map<String, List<Long>> out = new HashMap<>();
        for (JsonNode line : a.json().get("items")) {
            if ("VX-PLAN".equals(line.get("siteId").asText())) {
                out.put(line.get("date").asText() + " " + line.get("product").asText(), List.of(line.get("booked").asLong(),
                        line.get("inStock").asLong(), line.get("shortfall").asLong()));
            }
        }
        return out;
    }

    @Test
    @Order(1)
    void thePlanCountsBookingsAgainstTheStockAndNamesTheShortfall() {
        Map<String, List<Long>> empty = plan("");
        assertEquals(List.of(0L, 3L, 0L), empty.get(today + " PFIZER"), empty.toString());
        assertEquals(List.of(0L, 1L, 0L), empty.get(today + " AZ"), empty.toString());

        // person 0 has a first Pfizer dose today; the dose is taken from the site's stock
        dose(0, "PFIZER", 1);
        // three first doses tomorrow (any product serves them), and person 0's second dose in 21 days (Pfizer's)
        book(1, tomorrow, "08:00");
        book(2, tomorrow, "08:00");
        String third = book(3, tomorrow, "08:30");
        LocalDate secondDose = today.plusDays(21);
        book(0, secondDose, "09:00");
        Map<String, List<Long>> p = plan("&days=31");
        assertEquals(List.of(3L, 3L, 0L), p.get(tomorrow + " ANY"), "Pfizer 2 left and AstraZeneca 1: " + p);
        assertEquals(List.of(1L, 2L, 0L), p.get(secondDose + " PFIZER"), p.toString());

        // a cancellation frees its dose; two more bookings then ask for more than is left
        assertEquals(200, api.send("DELETE", "/v1/vaccination-appointments/" + third, null, new byte[0], null).status());
        assertEquals(List.of(2L, 3L, 0L), plan("&days=2").get(tomorrow + " ANY"));
        book(4, tomorrow, "08:30");
        book(5, tomorrow, "09:00");
        assertEquals(List.of(4L, 3L, 1L), plan("&days=2").get(tomorrow + " ANY"));
        // the Pfizer kept for person 0's second dose is set aside before first doses the day after it
        Map<String, List<Long>> later = plan("&from=" + secondDose + "&days=1");
        assertEquals(List.of(1L, 2L, 0L), later.get(secondDose + " PFIZER"), later.toString());

        Api.Answer shortfalls = api.get("/v1/vaccination-plans?provinceCode=79&days=31&shortfallOnly=true", official);
        assertEquals(1, shortfalls.json().get("items").size(), shortfalls.text());
        assertEquals("ANY", shortfalls.json().get("items").get(0).get("product").asText());

        // person 1's booked first dose given today, ahead of the slot: the appointment is done and its dose no longer expected
        dose(1, "AZ", 1);
        Map<String, List<Long>> after = plan("&days=2");
        assertEquals(List.of(3L, 2L, 1L), after.get(tomorrow + " ANY"), after.toString());
        assertEquals(List.of(0L, 0L, 0L), after.get(today + " AZ"), after.toString());
    }

    @Test
    @Order(2)
    void onlyOfficialsAndAnalystsReadAPlanAndBadQueriesAre400() {
        String hanoi = api.token("HEALTH_OFFICIAL", "official-01", "provinceCode", "01");
        assertEquals(403, api.get("/v1/vaccination-plans?provinceCode=79", hanoi).status());
        assertEquals(403, api.get("/v1/vaccination-plans?provinceCode=79", vaccinator).status());
        assertEquals(401, api.get("/v1/vaccination-plans?provinceCode=79", null).status());
        assertEquals(200, api.get("/v1/vaccination-plans?provinceCode=79", api.token("ANALYST", "analyst", null, null)).status());
        for (String bad : List.of("", "?provinceCode=7", "?provinceCode=79&days=0", "?provinceCode=79&days=32",
                "?provinceCode=79&days=x", "?provinceCode=79&from=2021-13-01", "?provinceCode=79&from=" + today.minusDays(1),
                "?provinceCode=79&from=" + today.plusDays(91))) {
            Api.Answer a = api.get("/v1/vaccination-plans" + bad, official);
            assertEquals(400, a.status(), bad + ": " + a.text());
            assertTrue(String.valueOf(a.header("content-type")).startsWith("application/problem+json"), bad);
        }
    }

    @Test
    @Order(3)
    void coverageEqualsARecountOfTheRegistryAndTheDoses() {
        dose(6, "JANSSEN", 1); // complete 14 days after this single dose
        Ward ward = AdministrativeUnits.get().ward(WARD).orElseThrow();
        List<String> units = List.of("national", "province:79", "district:" + ward.districtCode(), "ward:" + WARD);
        for (LocalDate date : List.of(today.minusDays(60), today, tomorrow, today.plusDays(14), today.plusDays(30))) {
            Map<String, Map<String, Long>> recount = recount(date);
            for (String unit : units) {
                JsonNode r = report(unit, date);
                Map<String, Long> expected = recount.getOrDefault(unit, Map.of());
                for (String field : List.of("adults", "firstDose", "complete", "dosesOnDate")) {
                    assertEquals(expected.getOrDefault(field, 0L), r.get(field).asLong(), unit + " " + date + " " + field + ": " + r);
                }
            }
        }
        JsonNode now = report("ward:" + WARD, today);
        assertEquals(3, now.get("firstDose").asLong(), now.toString());
        assertEquals(3, now.get("dosesOnDate").asLong());
        assertEquals(0, now.get("complete").asLong());
        long adults = now.get("adults").asLong();
        assertEquals(adults + 1, report("ward:" + WARD, tomorrow).get("adults").asLong(), "one comes of age tomorrow");
        assertEquals(1, report("ward:" + WARD, today.plusDays(14)).get("complete").asLong(), "Janssen: complete after 14 days");
        assertEquals(Math.round(10_000.0 * 3 / adults) / 10_000.0, now.get("coverage").get("firstDose").asDouble());
        assertEquals(adults + 1, report("ward:" + WARD, today.minusDays(60)).get("adults").asLong(),
                "the resident who died last month was an adult then");
        // the daily report carries the same figures
        JsonNode daily = api.get("/v1/reports/daily?date=" + today + "&unit=ward:" + WARD, official).json().get("vaccination");
        assertEquals(adults, daily.get("adults").asLong());
        assertEquals(3, daily.get("firstDose").asLong());

        // a resident who moves to another ward is counted there (for every date), and re-importing changes nothing else
        String moved = person(7) + ",1990-01-01,MALE," + WARD + ",1 A," + OTHER_WARD + ",2 B,\n";
        api.importResidents(Registry.CSV.substring(0, Registry.CSV.indexOf('\n') + 1) + moved);
        api.importResidents(Registry.CSV.substring(0, Registry.CSV.indexOf('\n') + 1) + moved);
        assertEquals(adults - 1, report("ward:" + WARD, today).get("adults").asLong());
        assertEquals(1, report("ward:" + OTHER_WARD, today).get("adults").asLong());
        assertEquals(adults, report("district:" + ward.districtCode(), today).get("adults").asLong());
        Map<String, Long> recounted = recount(today).get("ward:" + OTHER_WARD);
        assertEquals(1L, recounted.get("adults"));

        assertEquals(403, api.get("/v1/reports/vaccination?date=" + today + "&unit=ward:" + WARD,
                api.token("WARD_POLICE", "police-other", "wardCode", OTHER_WARD)).status());
        assertEquals(400, api.get("/v1/reports/vaccination?date=" + today + "&unit=ward:99999", official).status());
        assertEquals(400, api.get("/v1/reports/vaccination?unit=national", official).status());
    }

    @Test
    @Order(4)
    void theBookingsPhoneIsRemindedOnceWhenTheSecondDoseIsDue() {
        // person 1 was booked and had a first AstraZeneca dose today (28 days to the next); person 0 came without a
        // booking (no phone to remind), person 6 had Janssen's single dose (nothing left)
        assertEquals(List.of(), reminders(), "nothing is due yet");
        assertEquals(200, api.post("/dev/clock", Map.of("advance", "PT" + (28 * 24 + 25) + "H"), null).status());
        // the morning's run (the scheduler catches up with the jump on its own too: a reminder is sent once either way)
        assertEquals(200, api.post("/dev/schedules/ReminderSchedule/run", Map.of(), null).status());
        List<String> sent = reminders();
        assertEquals(1, sent.size(), sent.toString());
        assertTrue(sent.get(0).contains("mũi 2 (AZ)"), sent.get(0));
        assertTrue(sent.get(0).startsWith("+84901234567 "), "the booking's phone: " + sent.get(0));
        assertTrue(!sent.get(0).contains(name(1)) && !sent.get(0).contains(id(1)), "names no one");
        assertEquals(200, api.post("/dev/schedules/ReminderSchedule/run", Map.of(), null).status());
        assertEquals(1, reminders().size(), "sent once");
    }

    /** The reminders in today's outbox: "to text". */
    static List<String> reminders() {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode m : api.get("/dev/outbox").json().get("items")) {
            if (m.get("text").asText().contains("mũi")) {
                out.add(m.get("to").asText() + " " + m.get("text").asText());
            }
        }
        return out;
    }

    static JsonNode report(String unit, LocalDate date) {
        Api.Answer a = api.get("/v1/reports/vaccination?date=" + date + "&unit=" + unit, api.token("ANALYST", "analyst", null, null));
        assertEquals(200, a.status(), a.text());
        assertEquals(unit, a.json().get("unit").asText());
        return a.json();
    }

    /**
     * The coverage recounted from the records: adults from the registry as it is now (aged 18 on the date, alive then,
     * in their current ward), first doses and complete series from the residents' health status (in the ward they are
     * counted in), doses of the date from the dose records.
     */
    static Map<String, Map<String, Long>> recount(LocalDate date) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (var r : Recount.scanAll(api, "ResidentsTable")) {
            LocalDate born = LocalDate.parse(r.get("dateOfBirth").s());
            LocalDate died = r.containsKey("dateOfDeath") ? LocalDate.parse(r.get("dateOfDeath").s()) : null;
            if (!born.plusYears(18).isAfter(date) && (died == null || died.isAfter(date))) {
                add(counts, r.get("currentWardCode").s(), "adults");
            }
        }
        for (var h : Recount.scanAll(api, "HealthTable")) {
            if (h.get("countedWard") == null) {
                continue;
            }
            String sk = h.get("sk").s();
            if (HealthStatusItem.STATUS.equals(sk)) {
                Vaccination v = HealthSnapshot.decode(h.get("health").s()).vaccination();
                if (v.doses() > 0 && !v.firstDate().isAfter(date)) {
                    add(counts, h.get("countedWard").s(), "firstDose");
                }
                if (v.completeOn(date)) {
                    add(counts, h.get("countedWard").s(), "complete");
                }
            } else if (sk.startsWith("DOSE#") && Times.vietnamDate(Instant.parse(h.get("administeredAt").s())).equals(date)) {
                add(counts, h.get("countedWard").s(), "dosesOnDate");
            }
        }
        return counts;
    }

    private static void add(Map<String, Map<String, Long>> counts, String wardCode, String field) {
        Ward ward = AdministrativeUnits.get().ward(wardCode).orElseThrow();
        for (String unit : List.of("national", "province:" + ward.provinceCode(), "district:" + ward.districtCode(),
                "ward:" + ward.code())) {
            counts.computeIfAbsent(unit, k -> new HashMap<>()).merge(field, 1L, Long::sum);
        }
    }
}

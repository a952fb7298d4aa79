package vn.movepass.local.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Recount;
import vn.movepass.local.testkit.Registry;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;
import vn.movepass.shared.json.Json;

/**
 * The daily report's {@code health} figures, as an analyst reads them: residents isolating, quarantined, monitored and
 * recovered at the end of each day, and the doses given on it, in every unit from the ward to the country, equal a
 * recount of the residents' statuses on every day from before the first event to after the last period ends, before
 * and after the clock moves on (periods end by the clock without a write).
 */
@FreshRuntime("the dev clock moves; recounts at every level, national included")
class HealthReportsIT {
    static final Set<String> HEALTH = Set.of("isolating", "quarantined", "monitoring", "recovered", "dosesGiven");
    static final List<Instant> DOSES = new java.util.ArrayList<>();
    static Api api;
    static String police;
    static String official;

    @BeforeAll
    static void start(Api fresh) {
        api = fresh;
        Registry.load(api);
        police = api.token("WARD_POLICE", "police-26734", "wardCode", "26734");
        official = api.token("HEALTH_OFFICIAL", "official-79", "provinceCode", "79");
        String vaccinator = api.token("VACCINATOR", "vaccinator", "siteId", "VX-1");
        Instant now = api.now();
        record(Registry.AN, classified("F0", now.minus(Duration.ofDays(3))), official);
        record(Registry.AN, Json.object().put("type", "RECOVERED").put("at", now.minus(Duration.ofDays(1)).toString())
                .put("reason", "two negative tests"), official);
        record(Registry.BINH, classified("F1", now.minus(Duration.ofDays(10))), police);
        record(Registry.DUC, classified("F1", now.minus(Duration.ofDays(20))), police);
        record(Registry.DUNG, classified("F2", now.minus(Duration.ofDays(2))), police);
        record(Registry.DUNG, Json.object().put("type", "RELEASED").put("at", now.minus(Duration.ofHours(5)).toString())
                .put("reason", "negative test"), police);
        record(Registry.EM_INCONSISTENT, classified("F3", now.minus(Duration.ofHours(1))), police);
        dose(Registry.BINH, "Trần Thị Bình", "1995-02-01", now.minus(Duration.ofHours(2)), vaccinator);
        dose(Registry.DUC, "Đặng Văn Đức", "1988-06-06", now.minus(Duration.ofDays(1)), vaccinator);
    }

    static ObjectNode classified(String level, Instant at) {
        return Json.object().put("type", "CLASSIFIED").put("at", at.toString()).put("level", level);
    }

    static void record(String citizenId, ObjectNode event, String token) {
        Api.Answer a = api.post("/v1/citizens/" + citizenId + "/health-events", event, token);
        assertEquals(201, a.status(), a.text());
    }

    static void dose(String citizenId, String name, String dob, Instant at, String token) {
        Api.Answer a = api.post("/v1/vaccinations", Json.object().put("citizenId", citizenId).put("fullName", name)
                .put("dateOfBirth", dob).put("product", "PFIZER").put("doseNumber", 1).put("administeredAt", at.toString())
                .put("lot", "FK1234").put("siteId", "VX-1"), token);
        assertEquals(201, a.status(), a.text());
        DOSES.add(at);
    }

    @Test
    void everyDayInEveryUnitEqualsARecountBeforeAndAfterTheClockMoves() {
        LocalDate today = api.today();
        int nonZero = compare(today.minusDays(25), today.plusDays(30));
        assertTrue(nonZero >= 30, "the days filled the report: " + nonZero);
        // An recovered; Bình in quarantine (4 days left); Đức monitored after his 14 days; Em monitored as F3; Dung released
        Map<String, Long> expected = new HashMap<>(Map.of("quarantined", 1L, "monitoring", 2L, "recovered", 1L));
        long dosesToday = DOSES.stream().filter(at -> Times.vietnamDate(at).equals(today)).count();
        if (dosesToday > 0) {
            expected.put("dosesGiven", dosesToday);
        }
        assertEquals(expected, health(Recount.reported(api, today, "ward:26734", official)));

        Api.Answer moved = api.post("/dev/clock", Map.of("advance", "P20D"), null);
        assertEquals(200, moved.status(), moved.text());
        LocalDate later = api.today();
        official = api.token("HEALTH_OFFICIAL", "official-79", "provinceCode", "79");
        assertEquals(Map.of("recovered", 1L), health(Recount.reported(api, later, "ward:26734", official)),
                "the periods ended by the clock, with no write");
        compare(today.minusDays(5), later.plusDays(5));
    }

    /** Compares report and recount on every day of [from, to] in the units of ward 26734; returns non-zero figures. */
    static int compare(LocalDate from, LocalDate to) {
        Ward ward = AdministrativeUnits.get().ward("26734").orElseThrow();
        List<String> units = List.of("national", "province:" + ward.provinceCode(), "district:" + ward.districtCode(),
                "ward:26734");
        String analyst = api.token("ANALYST", "analyst", null, null);
        int nonZero = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Map<String, Map<String, Long>> recount = Recount.of(api, day);
            for (String unit : units) {
                Map<String, Long> expected = health(recount.getOrDefault(unit, Map.of()));
                assertEquals(expected, health(Recount.reported(api, day, unit, analyst)), unit + " on " + day);
                nonZero += expected.size();
            }
        }
        return nonZero;
    }

    static Map<String, Long> health(Map<String, Long> all) {
        Map<String, Long> out = new HashMap<>();
        all.forEach((k, v) -> {
            if (HEALTH.contains(k) && v != 0) {
                out.put(k, v);
            }
        });
        return out;
    }
}

package vn.movepass.local.vaccination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Registry;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/**
 * A vaccination campaign as a province's health officials, its citizens and a site's vaccinator meet it: sites and
 * deliveries, bookings that never overfill a slot under any concurrency, one active appointment per citizen,
 * cancellations that free the place, the registry check and its limit, the check-in at the site and the dose that
 * completes the appointment.
 */
@FreshRuntime("residents of its own, and slots whose counts the test asserts exactly")
class CampaignsIT {
    static final int CROWD = 12;
    static Api api;
    static String official;
    static String vaccinator;
    static LocalDate tomorrow;

    @BeforeAll
    static void start(Api fresh) {
        api = fresh;
        Registry.load(api);
        StringBuilder csv = new StringBuilder(Registry.CSV.substring(0, Registry.CSV.indexOf('\n') + 1));
        for (int i = 0; i < CROWD; i++) {
            csv.append(citizen(i)).append(',').append(name(i)).append(",1990-01-01,MALE,26734,1 A,26734,1 A,\n");
        }
        api.importResidents(csv.toString());
        official = api.token("HEALTH_OFFICIAL", "official-79", "provinceCode", "79");
        vaccinator = api.token("VACCINATOR", "vaccinator-q1", "siteId", "VX-Q1");
        tomorrow = api.today().plusDays(1);
        assertEquals(201, api.post("/v1/vaccination-sites", site("VX-Q1", 3), official).status());
        assertEquals(201, api.post("/v1/vaccination-sites", site("VX-Q1-B", 50), official).status());
    }

    static String citizen(int i) {
        return String.format("079090%06d", 700 + i);
    }

    static String name(int i) {
        return "Người Thứ " + (char) ('A' + i);
    }

    static ObjectNode site(String id, int capacity) {
        return Json.object().put("siteId", id).put("name", "Trạm y tế phường Bến Nghé").put("wardCode", "26734")
                .put("address", "4 Lê Lợi, Quận 1").put("slotMinutes", 30).put("capacityPerSlot", capacity)
                .put("opens", "07:30").put("closes", "17:00");
    }

    static Instant slot(String hhmm) {
        return tomorrow.atTime(java.time.LocalTime.parse(hhmm)).atZone(Times.VIETNAM).toInstant();
    }

    static ObjectNode booking(String citizenId, String name, String dob, String gender, String siteId, Instant slot) {
        return Json.object().put("citizenId", citizenId).put("fullName", name).put("dateOfBirth", dob).put("gender", gender)
                .put("phone", "0901234567").put("priorityGroup", "OTHER").put("siteId", siteId).put("slotStart", slot.toString());
    }

    @Test
    void officialsCreateSitesInTheirProvinceAndEveryoneSeesTheList() {
        assertEquals(409, api.post("/v1/vaccination-sites", site("VX-Q1", 3), official).status(), "the same id again");
        String hanoi = api.token("HEALTH_OFFICIAL", "official-01", "provinceCode", "01");
        assertEquals(403, api.post("/v1/vaccination-sites", site("VX-HN", 3), hanoi).status());
        assertEquals(403, api.post("/v1/vaccination-sites", site("VX-V", 3), vaccinator).status());
        assertEquals(401, api.post("/v1/vaccination-sites", site("VX-N", 3), null).status());
        JsonNode list = api.get("/v1/vaccination-sites?provinceCode=79").json();
        List<String> ids = new ArrayList<>();
        list.get("items").forEach(i -> ids.add(i.get("siteId").asText()));
        assertTrue(ids.containsAll(List.of("VX-Q1", "VX-Q1-B")), list.toString());
        assertNotNull(list.get("items").get(0).get("nextFreeSlot").asText());
        assertEquals(0, api.get("/v1/vaccination-sites?provinceCode=01").json().get("items").size());
        assertEquals(400, api.get("/v1/vaccination-sites?provinceCode=99").status());
        Api.Answer delivery = api.post("/v1/vaccination-sites/VX-Q1-B/deliveries", Map.of("product", "PFIZER", "doses", 1170,
                "receivedAt", api.now().minusSeconds(600).toString(), "lot", "FK1234"), official);
        assertEquals(201, delivery.status(), delivery.text());
        assertEquals(403, api.post("/v1/vaccination-sites/VX-Q1-B/deliveries", Map.of("product", "PFIZER", "doses", 10,
                "receivedAt", api.now().toString(), "lot", "FK1"), hanoi).status());
    }

    @Test
    void aSlotNeverHoldsMoreBookingsThanItsPlaces() throws Exception {
        Instant slot = slot("08:00");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Api.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CROWD; i++) {
                String id = citizen(i);
                String name = name(i);
                answers.add(pool.submit(() -> api.post("/v1/vaccination-appointments",
                        booking(id, name, "1990-01-01", "MALE", "VX-Q1", slot), null)));
            }
            int booked = 0;
            int full = 0;
            for (Future<Api.Answer> f : answers) {
                Api.Answer a = f.get();
                if (a.status() == 201) {
                    assertEquals("BOOKED", a.json().get("status").asText(), a.text());
                    booked++;
                } else {
                    assertEquals(409, a.status(), a.text());
                    assertEquals("SLOT_FULL", a.json().get("errors").get(0).get("code").asText());
                    full++;
                }
            }
            assertEquals(3, booked, "three places");
            assertEquals(CROWD - 3, full);
        } finally {
            pool.shutdown();
        }
        JsonNode slots = api.get("/v1/vaccination-sites/VX-Q1/slots?date=" + tomorrow).json().get("items");
        JsonNode eight = slots.get(1);
        assertEquals(Times.iso(slot), eight.get("slotStart").asText());
        assertEquals(3, eight.get("booked").asInt());
        assertEquals(0, eight.get("free").asInt());
    }

    @Test
    void oneActiveAppointmentACancellationFreesThePlaceAndTheDoseCompletesIt() {
        Instant slot = slot("09:00");
        Api.Answer first = api.post("/v1/vaccination-appointments",
                booking(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE", "VX-Q1-B", slot), null);
        assertEquals(201, first.status(), first.text());
        String id = first.json().get("appointmentId").asText();
        assertEquals(1, first.json().get("doseNumber").asInt());
        Api.Answer again = api.post("/v1/vaccination-appointments",
                booking(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE", "VX-Q1-B", slot("10:00")), null);
        assertEquals(409, again.status());
        assertEquals("ALREADY_BOOKED", again.json().get("errors").get(0).get("code").asText());

        JsonNode appointment = api.get("/v1/vaccination-appointments/" + id).json();
        assertEquals("BOOKED", appointment.get("status").asText());
        assertEquals("MPA1:" + id, appointment.get("qr").asText());
        assertEquals(404, api.get("/v1/vaccination-appointments/AAAAAAAAAAAAAAAAAAAAAA").status());
        assertEquals(404, api.get("/v1/vaccination-appointments/not-an-id").status());

        Api.Answer cancelled = api.send("DELETE", "/v1/vaccination-appointments/" + id, null, new byte[0], null);
        assertEquals(200, cancelled.status(), cancelled.text());
        assertEquals("CANCELLED", cancelled.json().get("status").asText());
        assertEquals(0, slotBooked("VX-Q1-B", slot), "the place is free again");
        assertEquals(200, api.send("DELETE", "/v1/vaccination-appointments/" + id, null, new byte[0], null).status(),
                "a second cancellation changes nothing");
        assertEquals(0, slotBooked("VX-Q1-B", slot));

        Api.Answer rebooked = api.post("/v1/vaccination-appointments",
                booking(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE", "VX-Q1", slot("11:00")), null);
        assertEquals(201, rebooked.status(), rebooked.text());
        String appointmentId = rebooked.json().get("appointmentId").asText();

        // at the site: the vaccinator scans the appointment's QR, sees the person, records the dose
        Api.Answer checkIn = api.post("/v1/vaccination-sites/VX-Q1/check-ins", Map.of("code", "MPA1:" + appointmentId), vaccinator);
        assertEquals(200, checkIn.status(), checkIn.text());
        assertEquals(appointmentId, checkIn.json().get("appointmentId").asText());
        assertEquals("Nguyễn Văn An", checkIn.json().get("holder").get("fullName").asText());
        assertEquals(0, checkIn.json().get("health").get("vaccination").get("doses").asInt());
        String otherSite = api.token("VACCINATOR", "vaccinator-b", "siteId", "VX-Q1-B");
        assertEquals(403, api.post("/v1/vaccination-sites/VX-Q1/check-ins", Map.of("code", "MPA1:" + appointmentId),
                otherSite).status());
        Api.Answer dose = api.post("/v1/vaccinations", Json.object().put("citizenId", Registry.AN).put("fullName", "Nguyễn Văn An")
                .put("dateOfBirth", "1990-05-17").put("product", "PFIZER").put("doseNumber", 1)
                .put("administeredAt", api.now().toString()).put("lot", "FK1234").put("siteId", "VX-Q1"), vaccinator);
        assertEquals(201, dose.status(), dose.text());
        assertEquals("COMPLETED", api.get("/v1/vaccination-appointments/" + appointmentId).json().get("status").asText());

        // the next dose: not before Pfizer's 21 days
        Api.Answer early = api.post("/v1/vaccination-appointments",
                booking(Registry.AN, "Nguyễn Văn An", "1990-05-17", "MALE", "VX-Q1", slot("11:30")), null);
        assertEquals(400, early.status(), early.text());
        assertEquals("TOO_EARLY", early.json().get("errors").get(0).get("code").asText());
    }

    @Test
    void theRegistryMustAgreeAndRejectionsAreLimited() {
        Instant slot = slot("14:00");
        for (int i = 1; i <= 5; i++) {
            Api.Answer a = api.post("/v1/vaccination-appointments",
                    booking(Registry.DUC, "Đặng Văn Sai", "1988-06-06", "MALE", "VX-Q1-B", slot), null);
            assertEquals(201, a.status(), a.text());
            assertEquals("REJECTED", a.json().get("status").asText());
            assertEquals("NAME_MISMATCH", a.json().get("reasons").get(0).asText());
        }
        Api.Answer limited = api.post("/v1/vaccination-appointments",
                booking(Registry.DUC, "Đặng Văn Đức", "1988-06-06", "MALE", "VX-Q1-B", slot), null);
        assertEquals(429, limited.status(), "the sixth attempt, even right, is refused: " + limited.text());
        assertNotNull(limited.header("retry-after"));
        assertEquals(0, slotBooked("VX-Q1-B", slot));
        Api.Answer dead = api.post("/v1/vaccination-appointments",
                booking(Registry.CUONG_DECEASED, "Lê Văn Cường", "1985-03-03", "MALE", "VX-Q1-B", slot), null);
        assertEquals("DECEASED", dead.json().get("reasons").get(0).asText(), dead.text());
        Api.Answer notASlot = api.post("/v1/vaccination-appointments",
                booking(Registry.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE", "VX-Q1-B", slot.plusSeconds(600)), null);
        assertEquals(400, notASlot.status());
        assertEquals("NOT_A_SLOT", notASlot.json().get("errors").get(0).get("code").asText());
    }

    static long slotBooked(String siteId, Instant slot) {
        for (JsonNode s : api.get("/v1/vaccination-sites/" + siteId + "/slots?date=" + tomorrow).json().get("items")) {
            if (Times.iso(slot).equals(s.get("slotStart").asText())) {
                return s.get("booked").asLong();
            }
        }
        throw new AssertionError("no slot " + slot);
    }
}

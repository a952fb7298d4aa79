package vn.movepass.local.venues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.movepass.local.testkit.Api;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.QrText;
import vn.movepass.local.testkit.Recount;
import vn.movepass.local.testkit.Registry;
import vn.movepass.local.testkit.TraceWorld;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.pass.PassKeys;
import vn.movepass.shared.venue.VenueTokenCodec;

/**
 * A supermarket as its manager, its customers and the health officials meet it: the venue and its signed poster,
 * check-ins by the venue's phone (pass, card) and by the citizen scanning the poster, one presence at a time, who is
 * inside now, the day's counts; then a case on one customer finds those whose stays overlapped (IN to OUT, or ±30
 * minutes around an IN without OUT) as SAME_VENUE contacts, and each contact with a phone is told once, by SMS that
 * names no one.
 */
@FreshRuntime("the dev clock moves between check-ins; outbox and counters are asserted exactly")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VenuesIT {
    static final String WARD = "26734";
    static final String AN = "079090123456";
    static final String BINH = "079195000111";
    static final String DUNG = "079303000333";
    static final String DUC = "079088000444";
    static final String EM = "079190000555";
    static Api api;
    static String police;
    static String operator;
    static String binhPass;
    static String binhPassId;
    static TraceWorld world;

    @BeforeAll
    static void start(Api fresh) {
        api = fresh;
        // the day's check-ins below span 3 hours: start them in the morning (Viet Nam), so they share one report day
        var local = api.now().atZone(vn.movepass.shared.domain.Times.VIETNAM);
        if (local.getHour() >= 18 || local.getHour() < 6) {
            var morning = local.toLocalDate().plusDays(local.getHour() >= 18 ? 1 : 0).atTime(8, 0)
                    .atZone(vn.movepass.shared.domain.Times.VIETNAM);
            advance(Duration.between(local, morning).withNanos(0).toString());
        }
        Registry.load(api);
        world = new TraceWorld(api);
        police = api.token("WARD_POLICE", "police-26734", "wardCode", WARD);
        operator = api.token("VENUE_OPERATOR", "coopmart-phone", "venueId", "COOP-Q1");
        assertEquals(201, api.post("/v1/admin/venues", venue("COOP-Q1", WARD), police).status());
        // Bình declared a trip: her pass and her phone
        Api.Answer declared = api.post("/v1/declarations", api.declaration(BINH, "Trần Thị Bình", "1995-02-01", "FEMALE"), null);
        assertEquals(201, declared.status(), declared.text());
        binhPassId = declared.json().get("pass").get("passId").asText();
        binhPass = declared.json().get("pass").get("token").asText();
        // Dũng never declared a trip: her phone is the one she gave when booking a vaccination
        String official = api.token("HEALTH_OFFICIAL", "official-79", "provinceCode", "79");
        assertEquals(201, api.post("/v1/vaccination-sites", Json.object().put("siteId", "VX-Q1")
                .put("name", "Trạm y tế phường Bến Nghé").put("wardCode", WARD).put("address", "4 Lê Lợi, Quận 1")
                .put("slotMinutes", 30).put("capacityPerSlot", 3).put("opens", "07:30").put("closes", "17:00"), official).status());
        Instant slot = api.today().plusDays(1).atTime(9, 0).atZone(vn.movepass.shared.domain.Times.VIETNAM).toInstant();
        Api.Answer booked = api.post("/v1/vaccination-appointments", Json.object().put("citizenId", DUNG)
                .put("fullName", "Phạm Thị Dung").put("dateOfBirth", "2003-04-04").put("gender", "FEMALE").put("phone", "0907654321")
                .put("priorityGroup", "OTHER").put("siteId", "VX-Q1").put("slotStart", slot.toString()), null);
        assertEquals(201, booked.status(), booked.text());
    }

    static ObjectNode venue(String id, String ward) {
        return Json.object().put("venueId", id).put("name", "Co.opmart Lý Tự Trọng").put("type", "SUPERMARKET")
                .put("wardCode", ward).put("address", "2 Lý Tự Trọng, Quận 1");
    }

    static String card(String id, String name, String dob, String sex) {
        return id + "||" + name + "|" + dob + "|" + sex + "|Quận 1|01072021";
    }

    static Api.Answer checkIn(String code, String direction) {
        return api.post("/v1/venues/COOP-Q1/check-ins", Map.of("code", code, "direction", direction), operator);
    }

    static void advance(String duration) {
        assertEquals(200, api.post("/dev/clock", Map.of("advance", duration), null).status());
    }

    @Test
    @Order(1)
    void venuesAreCreatedByTheirWardsPoliceOrAnAdminWithASignedPoster() {
        assertEquals(409, api.post("/v1/admin/venues", venue("COOP-Q1", WARD), police).status(), "the same id again");
        assertEquals(403, api.post("/v1/admin/venues", venue("OTHER-WARD", "00001"), police).status(),
                "ward police create venues of their own ward only");
        assertEquals(201, api.post("/v1/admin/venues", venue("PHARMA-HN", "00001"), api.admin()).status());
        JsonNode shown = api.get("/v1/venues/COOP-Q1").json();
        assertEquals("Co.opmart Lý Tự Trọng", shown.get("name").asText());
        Api.Answer png = api.get("/v1/venues/COOP-Q1/poster.png?size=400");
        assertEquals(200, png.status());
        assertEquals("image/png", png.header("content-type"));
        String token = QrText.of(png.bytes());
        assertTrue(token.startsWith("MPV1:"), token);
        assertTrue(api.get("/v1/venues/COOP-Q1/poster.svg").text().startsWith("<svg"));
        // the poster verifies offline with the published keys
        String jwks = api.get("/.well-known/jwks.json").text();
        assertEquals("COOP-Q1", new VenueTokenCodec(PassKeys.verificationOnlyFromJwks(jwks)).verify(token));
        assertEquals(404, api.get("/v1/venues/NOPE/poster.svg").status());
    }

    @Test
    @Order(2)
    void theVenuesPhoneChecksPeopleInAndOutOncePerStay() {
        var before = api.tableCounts();
        JsonNode invalid = checkIn("MP1:not-a-token", "IN").json();
        assertEquals("INVALID", invalid.get("verdict").asText());
        assertTrue(invalid.get("checkInId").isNull());
        assertEquals(before, api.tableCounts(), "an unreadable code records nothing");

        // T0: An (card) and Bình (pass) come in
        Api.Answer an = checkIn(card(AN, "Nguyễn Văn An", "17051990", "Nam"), "IN");
        assertEquals(201, an.status(), an.text());
        JsonNode anIn = an.json();
        assertEquals("ALLOW", anIn.get("advice").asText());
        assertEquals("Nguyễn Văn An", anIn.get("holder").get("fullName").asText());
        assertFalse(anIn.toString().contains(AN), "the venue sees a masked id only");
        JsonNode again = checkIn(card(AN, "Nguyễn Văn An", "17051990", "Nam"), "IN").json();
        assertEquals(anIn.get("checkInId"), again.get("checkInId"), "an IN while inside changes nothing");
        assertEquals(201, checkIn(binhPass, "IN").status());
        JsonNode inside = api.get("/v1/venues/COOP-Q1/inside", operator).json();
        assertEquals(2, inside.get("items").size(), inside.toString());

        // T0+10: Bình leaves; Dũng comes in and never checks out (±30 min)
        advance("PT10M");
        assertEquals(201, checkIn(binhPass, "OUT").status());
        Api.Answer outAgain = checkIn(binhPass, "OUT");
        assertEquals(200, outAgain.status(), "an OUT while outside changes nothing");
        assertTrue(outAgain.json().get("checkInId").isNull());
        assertEquals(201, checkIn(card(DUNG, "Phạm Thị Dung", "04042003", "Nữ"), "IN").status());
        // T0+20: An leaves
        advance("PT10M");
        assertEquals(201, checkIn(card(AN, "Nguyễn Văn An", "17051990", "Nam"), "OUT").status());
        // T0+55: Đức comes (his ±30 min starts at T0+25, after An left); T0+2h30: Em
        advance("PT35M");
        assertEquals(201, checkIn(card(DUC, "Đặng Văn Đức", "06061988", "Nam"), "IN").status());
        advance("PT95M");
        assertEquals(201, checkIn(card(EM, "Hoàng Văn Em", "01011990", "Nam"), "IN").status());

        JsonNode report = api.get("/v1/reports/daily?date=" + api.today() + "&unit=ward:" + WARD, police).json();
        assertEquals(5, report.get("checkIns").get("SUPERMARKET").asLong(), report.toString());
        var recount = Recount.of(api, api.today());
        for (String unit : List.of("ward:26734", "district:760", "province:79", "national")) {
            assertEquals(recount.get(unit), Recount.reported(api, api.today(), unit, api.admin()), unit);
        }
    }

    @Test
    @Order(3)
    void aCitizenChecksInByScanningThePosterAndAForgedPosterRecordsNothing() {
        String poster = QrText.poster(api, "PHARMA-HN");
        Api.Answer self = api.post("/v1/check-ins", Map.of("passId", binhPassId, "venueCode", poster, "direction", "IN"), null);
        assertEquals(201, self.status(), self.text());
        assertEquals("PHARMA-HN", self.json().get("venueId").asText());
        assertEquals("ALLOW", self.json().get("advice").asText());

        var before = api.tableCounts();
        // one character changed in the signature, and a poster signed by a key that is not ours
        char last = poster.charAt(poster.length() - 1);
        String forged = poster.substring(0, poster.length() - 1) + (last == '0' ? '1' : '0');
        Api.Answer refused = api.post("/v1/check-ins", Map.of("passId", binhPassId, "venueCode", forged, "direction", "IN"), null);
        assertEquals(400, refused.status(), refused.text());
        String foreign = new VenueTokenCodec(PassKeys.generate(new java.security.SecureRandom())).sign("PHARMA-HN");
        assertEquals(400, api.post("/v1/check-ins", Map.of("passId", binhPassId, "venueCode", foreign, "direction", "IN"),
                null).status());
        assertEquals(404, api.post("/v1/check-ins", Map.of("passId", "AAAAAAAAAAAAAAAAAAAAAA", "venueCode", poster,
                "direction", "IN"), null).status());
        assertEquals(before, api.tableCounts(), "refused check-ins record nothing");
        assertEquals(201, api.post("/v1/check-ins", Map.of("passId", binhPassId, "venueCode", poster, "direction", "OUT"),
                null).status());
    }

    @Test
    @Order(4)
    void aCaseFindsTheOverlappingStaysAndTellsEachContactOnce() {
        advance("PT1H");
        String caseId = world.open(AN, api.now());
        JsonNode done = world.awaitComplete(caseId, Duration.ofSeconds(120));
        Map<String, String> contacts = new TreeMap<>();
        for (JsonNode c : done.get("contacts")) {
            JsonNode e = c.get("evidence");
            contacts.put(c.get("citizenId").asText(), c.get("level").asText() + " " + e.get("kind").asText() + " "
                    + e.get("venueId").asText());
        }
        // Bình (IN to OUT overlaps An's stay) and Dũng (±30 min around her IN); Đức's ±30 min (from T0+25) misses An
        // but meets Dũng's (to T0+40): F2; Em came long after
        assertEquals(Map.of(BINH, "F1 SAME_VENUE COOP-Q1", DUNG, "F1 SAME_VENUE COOP-Q1", DUC, "F2 SAME_VENUE COOP-Q1"),
                contacts);
        assertTrue(api.runtime.awaitQueuesIdle(Duration.ofSeconds(60)));

        // Bình's phone is her declaration's, Dũng's her vaccination booking's: one SMS each, in Vietnamese, naming no one
        List<JsonNode> sms = new ArrayList<>();
        api.get("/dev/outbox").json().get("items").forEach(sms::add);
        assertEquals(2, sms.size(), sms.toString());
        assertEquals(Set.of("+84901234567", "+84907654321"), Set.of(sms.get(0).get("to").asText(), sms.get(1).get("to").asText()));
        for (JsonNode one : sms) {
            String text = one.get("text").asText();
            assertTrue(text.contains("cách ly"), text);
            assertFalse(text.contains("An") || text.contains("Co.opmart") || text.contains(AN), "names no one, nowhere: " + text);
        }

        // a second case on the same person's venue: the same contacts are told again (one notice per case)
        String second = world.open(AN, api.now());
        world.awaitComplete(second, Duration.ofSeconds(120));
        assertTrue(api.runtime.awaitQueuesIdle(Duration.ofSeconds(60)));
        assertEquals(4, api.get("/dev/outbox").json().get("items").size());
    }

    @Test
    @Order(5)
    void aRedPersonIsAdvisedToTurnBackAndTheirInIsStillRecorded() {
        // An is the F0 of the cases above: isolating
        JsonNode red = checkIn(card(AN, "Nguyễn Văn An", "17051990", "Nam"), "IN").json();
        assertEquals("TURN_BACK", red.get("advice").asText(), red.toString());
        assertTrue(red.get("health").get("caseId").isNull(), "a venue sees no case id");
        assertFalse(red.get("checkInId").isNull(), "every IN is recorded, whatever the advice");
    }

    @Test
    @Order(6)
    void onlyTheVenuesOwnPhoneChecksInThere() {
        String other = api.token("VENUE_OPERATOR", "pharma-phone", "venueId", "PHARMA-HN");
        assertEquals(403, api.post("/v1/venues/COOP-Q1/check-ins", Map.of("code", binhPass, "direction", "IN"), other).status());
        assertEquals(403, api.get("/v1/venues/COOP-Q1/inside", other).status());
        String otherPolice = api.token("WARD_POLICE", "police-00001", "wardCode", "00001");
        assertEquals(403, api.get("/v1/venues/COOP-Q1/inside", otherPolice).status());
        assertEquals(200, api.get("/v1/venues/COOP-Q1/inside", police).status());
    }
}

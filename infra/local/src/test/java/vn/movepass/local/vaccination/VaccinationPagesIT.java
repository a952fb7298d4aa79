package vn.movepass.local.vaccination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import vn.movepass.local.testkit.Browser;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Pages;
import vn.movepass.local.testkit.Site;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.json.Json;

/**
 * The vaccination pages in a real headless Chromium at 412 px, as a citizen and a site's vaccinator use them: the
 * citizen fills the form from the chip-ID card's QR, chooses province → site → day → a slot with its free places, and
 * lands on the appointment with its QR (MPA1:…, read back from the pixels); cancelling gives the place back. The
 * server's refusals read as sentences (registry mismatch, SLOT_FULL, ALREADY_BOOKED, TOO_EARLY, the 429 limit). The
 * vaccinator signs in, types the appointment's QR text, sees the person and records the dose: the appointment is
 * COMPLETED; the citizen then gets the VC1 certificate's QR. Axe on every screen; no horizontal scroll.
 * Skipped where Chromium is not installed.
 */
@FreshRuntime("Site serves web/ from a runtime of its own, with its own residents and sites, for the browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VaccinationPagesIT {
    @RegisterExtension
    static final Pages PAGES = new Pages();
    private static final int PHONE = 412;
    private static final String AN_CARD = Site.AN + "||Nguyễn Văn An|17051990|Nam|12 Lê Lợi, Phường Bến Nghé, Quận 1, "
            + "Thành phố Hồ Chí Minh|01072021";
    private Site site;
    private Browser browser;
    private LocalDate tomorrow;
    private String anAppointment;

    @BeforeEach
    void freshVisitor() {
        site = PAGES.site(); // Pages cleared the storage
        browser = PAGES.browser();
        browser.width(PHONE);
        if (tomorrow == null) {
            tomorrow = LocalDate.parse(site.today()).plusDays(1);
            String health = site.token("HEALTH_OFFICIAL", "health-79", "provinceCode", "79");
            site.send("POST", "/v1/vaccination-sites", "application/json", Json.write(site("VX-WEB", "Trạm y tế phường Bến Nghé", 2)),
                    health);
            site.send("POST", "/v1/vaccination-sites", "application/json", Json.write(site("VX-WEB-1", "Trạm y tế phường Đa Kao", 1)),
                    health);
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode site(String id, String name, int capacity) {
        return Json.object().put("siteId", id).put("name", name).put("wardCode", "26734").put("address", "4 Lê Lợi, Quận 1")
                .put("slotMinutes", 30).put("capacityPerSlot", capacity).put("opens", "07:30").put("closes", "17:00");
    }

    private Instant slot(String hhmm) {
        return tomorrow.atTime(LocalTime.parse(hhmm)).atZone(Times.VIETNAM).toInstant();
    }

    private JsonNode slotOf(String siteId, Instant start) {
        for (JsonNode s : site.get("/v1/vaccination-sites/" + siteId + "/slots?date=" + tomorrow).get("items")) {
            if (Instant.parse(s.get("slotStart").asText()).equals(start)) {
                return s;
            }
        }
        throw new AssertionError("no slot " + start);
    }

    private void noHorizontalScroll(String screen) {
        assertEquals(Boolean.TRUE, browser.js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                screen + " scrolls sideways at " + PHONE + " px");
    }

    /** The form filled from An's card and the phone, then province 79, the site and tomorrow; the slots shown. */
    private void fillAsAn(String siteId) {
        browser.driver.get(site.url("/vaccination/"));
        browser.until(d -> (Boolean) browser.js("return typeof window.movepassCardScanned === 'function'"));
        browser.js("return window.movepassCardScanned(arguments[0])", AN_CARD);
        assertEquals("Nguyễn Văn An", browser.find("#b-fullName").getAttribute("value"));
        assertTrue(browser.find("#b-gender-MALE").isSelected());
        assertEquals("b-phone", browser.driver.switchTo().activeElement().getAttribute("id"), "the phone is asked next");
        browser.driver.switchTo().activeElement().sendKeys("0901234567");
        new Select(browser.find("#b-priorityGroup")).selectByValue("OTHER");
        browser.until(d -> !d.findElements(By.cssSelector("#b-province option[value='79']")).isEmpty());
        new Select(browser.find("#b-province")).selectByValue("79");
        browser.until(d -> !d.findElements(By.cssSelector("#b-siteId option[value='" + siteId + "']")).isEmpty());
        new Select(browser.find("#b-siteId")).selectByValue(siteId);
        browser.setValue("#b-date", tomorrow.toString());
        browser.until(d -> d.findElements(By.cssSelector("#b-slots input[name=slotStart]")).size() == 19);
    }

    private void choose(Instant start) {
        browser.find("#b-slots input[value='" + Times.iso(start) + "']").click();
    }

    private String problem() {
        browser.until(d -> browser.find("#vx-problem").isDisplayed());
        return browser.find("#vx-problem").getText();
    }

    @Test
    @Order(1)
    void aCitizenBooksFromTheirCardSeesTheAppointmentQrAndCancellingGivesThePlaceBack() {
        fillAsAn("VX-WEB");
        Instant eight = slot("08:00");
        String label = browser.find("label[for='" + browser.find("#b-slots input[value='" + Times.iso(eight) + "']")
                .getAttribute("id") + "']").getText();
        assertEquals("08:00 · còn 2/2 chỗ", label);
        browser.assertAccessible("the booking form with a day's slots");
        noHorizontalScroll("the booking form");
        browser.screenshots("vaccination-01-booking");

        choose(eight);
        browser.find("#b-submit").click();
        browser.until(d -> browser.find("#appointment").isDisplayed()
                && "BOOKED".equals(browser.find("#appointment").getAttribute("data-status")));
        String id = ((String) browser.js("return decodeURIComponent(location.hash.slice(1))"));
        assertEquals("ĐÃ ĐẶT LỊCH", browser.find("#appt-status").getText());
        assertEquals("Trạm y tế phường Bến Nghé", browser.find("#appt-site").getText());
        assertEquals("Mũi 1", browser.find("#appt-dose").getText());
        assertTrue(browser.find("#appt-slot").getText().contains("08:00"), browser.find("#appt-slot").getText());
        browser.until(d -> (Boolean) browser.js("const i = document.getElementById('appt-qr'); return i.complete && i.naturalWidth > 0;"));
        assertEquals("MPA1:" + id, browser.decodeQr(browser.find("#appt-qr")));
        assertEquals(1, slotOf("VX-WEB", eight).get("booked").asInt(), "the place is taken");
        browser.assertAccessible("the appointment");
        noHorizontalScroll("the appointment");
        browser.screenshots("vaccination-02-appointment");

        browser.find("#appt-cancel").click();
        browser.until(d -> "CANCELLED".equals(browser.find("#appointment").getAttribute("data-status")));
        assertEquals("ĐÃ HỦY", browser.find("#appt-status").getText());
        assertTrue(browser.find("#appt-message").getText().startsWith("Đã hủy lịch hẹn"));
        assertFalse(browser.find("#appt-cancel").isDisplayed());
        assertFalse(browser.find("#appt-qr").isDisplayed(), "a cancelled appointment shows no QR");
        assertEquals(0, slotOf("VX-WEB", eight).get("booked").asInt(), "cancelling gave the place back");
        assertEquals(2, slotOf("VX-WEB", eight).get("free").asInt());
        browser.find("#lang-switch").click();
        assertEquals("CANCELLED", browser.find("#appt-status").getText());
        assertEquals("Dose 1", browser.find("#appt-dose").getText());
        browser.find("#lang-switch").click();

        // the page keeps its appointments: back on the form, a link to this one
        browser.find("#appt-new").click();
        browser.until(d -> browser.find("#my-appointments").isDisplayed());
        assertTrue(browser.find("#my-appointments a").getAttribute("href").endsWith("#" + id));
    }

    @Test
    @Order(2)
    void theServersRefusalsReadAsSentencesAndAFullSlotIsShownFull() {
        fillAsAn("VX-WEB-1");
        // the registry disagrees with the typed name: REJECTED, the reason in words, the field marked
        browser.find("#b-fullName").clear();
        browser.find("#b-fullName").sendKeys("Nguyễn Văn Bảo");
        Instant eight = slot("08:00");
        choose(eight);
        browser.find("#b-submit").click();
        assertTrue(problem().contains("Họ tên không khớp"), problem());
        assertEquals("true", browser.find("#b-fullName").getAttribute("aria-invalid"));
        browser.assertAccessible("a rejected booking");
        browser.find("#b-fullName").clear();
        browser.find("#b-fullName").sendKeys("Nguyễn Văn An");

        // Bình takes the last place of 08:00 while An's form still shows it free: SLOT_FULL, and the slots are read again
        site.send("POST", "/v1/vaccination-appointments", "application/json", Json.write(Json.object().put("citizenId", Site.BINH)
                .put("fullName", "Trần Thị Bình").put("dateOfBirth", "1995-02-01").put("gender", "FEMALE").put("phone", "0901234568")
                .put("priorityGroup", "OTHER").put("siteId", "VX-WEB-1").put("slotStart", Times.iso(eight))), null);
        browser.find("#b-submit").click();
        browser.until(d -> "SLOT_FULL".equals(browser.find("#vx-problem").getAttribute("data-code")));
        assertTrue(problem().contains("Giờ này vừa hết chỗ"), problem());
        browser.until(d -> !browser.find("#b-slots input[value='" + Times.iso(eight) + "']").isEnabled());
        assertTrue(browser.find("#b-slots").getText().contains("08:00 · hết chỗ"), browser.find("#b-slots").getText());
        noHorizontalScroll("the booking form with a refusal");
        browser.screenshots("vaccination-03-slot-full");

        choose(slot("08:30"));
        browser.find("#b-submit").click();
        browser.until(d -> "BOOKED".equals(browser.find("#appointment").getAttribute("data-status")));
        anAppointment = (String) browser.js("return decodeURIComponent(location.hash.slice(1))");

        // a second booking while this one is active
        fillAsAn("VX-WEB");
        choose(slot("09:00"));
        browser.find("#b-submit").click();
        browser.until(d -> "ALREADY_BOOKED".equals(browser.find("#vx-problem").getAttribute("data-code")));
        assertTrue(problem().startsWith("Chưa đặt được lịch"), problem());
        assertTrue(problem().contains("đang có một lịch hẹn"), problem());
        browser.find("#lang-switch").click();
        assertTrue(problem().contains("You already have an appointment"), problem());
        browser.find("#lang-switch").click();
    }

    @Test
    @Order(3)
    void theVaccinatorChecksTheAppointmentInAndRecordsTheDoseWhichCompletesIt() {
        browser.driver.get(site.url("/vaccinator/"));
        browser.visible("#cp-token").sendKeys(site.officer("CP-A"));
        browser.find("#signin-paste button[type=submit]").click();
        assertTrue(browser.visible("#signin-error").getText().contains("VACCINATOR"), "a checkpoint officer's token is refused");
        browser.find("#cp-token").clear();
        browser.find("#cp-token").sendKeys(site.token("VACCINATOR", "vaccinator-web", "siteId", "VX-WEB-1"));
        browser.find("#signin-paste button[type=submit]").click();
        browser.visible("#scan-code");
        assertEquals("Điểm tiêm VX-WEB-1", browser.find("#cp-heading").getText());
        browser.assertAccessible("the vaccinator's page");

        browser.find("#scan-code").sendKeys("MPA1:" + anAppointment);
        browser.find("#scan-submit").click();
        browser.until(d -> browser.find("#person").isDisplayed());
        assertEquals("Nguyễn Văn An", browser.find("#person-name").getText());
        assertEquals("Có lịch hẹn tại điểm này: mũi 1.", browser.find("#person-appointment").getText());
        String facts = browser.find("#person-facts").getText();
        assertTrue(facts.contains(Site.AN) && facts.contains("17/05/1990") && facts.contains("Số mũi đã tiêm"), facts);
        assertEquals("Mũi thứ 1", browser.find("#dose-number").getText());
        browser.assertAccessible("the vaccinator's page, a person checked in");
        noHorizontalScroll("the vaccinator's page");
        browser.screenshots("vaccination-04-vaccinator-person");

        browser.find("#dose-submit").click();
        browser.until(d -> browser.find("#dose-error").isDisplayed());
        assertEquals("Hãy chọn vắc xin.", browser.find("#dose-error").getText());
        new Select(browser.find("#dose-product")).selectByValue("AZ");
        browser.find("#dose-lot").sendKeys("AZ-4471");
        browser.find("#dose-submit").click();
        browser.until(d -> browser.find("#done").isDisplayed());
        assertEquals("Nguyễn Văn An: mũi 1, AstraZeneca (Vaxzevria), lô AZ-4471.", browser.find("#done-text").getText());
        assertEquals("COMPLETED", site.get("/v1/vaccination-appointments/" + anAppointment).get("status").asText());
        browser.assertAccessible("the vaccinator's page, a dose recorded");
        browser.screenshots("vaccination-05-vaccinator-done");

        // the same card again: no appointment now, one dose
        browser.find("#done-next").click();
        browser.find("#scan-code").sendKeys(AN_CARD);
        browser.find("#scan-submit").click();
        browser.until(d -> browser.find("#person").isDisplayed());
        assertEquals("Không có lịch hẹn tại điểm này (tiêm không hẹn trước).", browser.find("#person-appointment").getText());
        assertTrue(browser.find("#person-facts").getText().contains("AstraZeneca"), browser.find("#person-facts").getText());
        assertEquals("Mũi thứ 2", browser.find("#dose-number").getText());
    }

    @Test
    @Order(4)
    void afterTheDoseTheCitizenSeesTheAppointmentDoneIsTooEarlyForTheNextAndGetsTheCertificate() {
        browser.driver.get(site.url("/vaccination/#" + anAppointment));
        browser.until(d -> "COMPLETED".equals(browser.find("#appointment").getAttribute("data-status")));
        assertEquals("ĐÃ TIÊM", browser.find("#appt-status").getText());

        fillAsAn("VX-WEB");
        choose(slot("09:00"));
        browser.find("#b-submit").click();
        String tooEarly = problem();
        String from = LocalDate.parse(site.today()).plusDays(28).toString();
        String ddmmyyyy = from.substring(8) + "/" + from.substring(5, 7) + "/" + from.substring(0, 4);
        assertTrue(tooEarly.contains("Chưa đến lúc tiêm mũi tiếp theo") && tooEarly.contains(ddmmyyyy), tooEarly);

        browser.find("#certificate summary").click();
        browser.until(d -> Site.AN.equals(browser.find("#c-citizenId").getAttribute("value"))); // prefilled from the booking form
        browser.find("#c-submit").click();
        browser.until(d -> browser.find("#cert-result").isDisplayed());
        browser.until(d -> (Boolean) browser.js("const i = document.getElementById('cert-qr'); return i.complete && i.naturalWidth > 0;"));
        assertTrue(browser.decodeQr(browser.find("#cert-qr")).startsWith("VC1:"));
        browser.assertAccessible("the certificate");
        noHorizontalScroll("the certificate");
        browser.screenshots("vaccination-06-certificate");
    }

    @Test
    @Order(5)
    void theLimitOnRejectionsIsSaidPlainly() {
        for (int i = 0; i < 5; i++) {
            site.send("POST", "/v1/vaccination-appointments", "application/json", Json.write(Json.object().put("citizenId", Site.BINH)
                    .put("fullName", "Trần Thị Cúc").put("dateOfBirth", "1995-02-01").put("gender", "FEMALE").put("phone", "0901234568")
                    .put("priorityGroup", "OTHER").put("siteId", "VX-WEB").put("slotStart", Times.iso(slot("10:00")))), null);
        }
        fillAsAn("VX-WEB");
        browser.find("#b-citizenId").clear();
        browser.find("#b-citizenId").sendKeys(Site.BINH);
        browser.find("#b-fullName").clear();
        browser.find("#b-fullName").sendKeys("Trần Thị Bình");
        browser.setValue("#b-dateOfBirth", "1995-02-01");
        browser.find("label[for='b-gender-FEMALE']").click();
        choose(slot("10:00"));
        browser.find("#b-submit").click();
        browser.until(d -> "429".equals(browser.find("#vx-problem").getAttribute("data-code")));
        assertTrue(problem().contains("quá nhiều lần đăng ký không khớp"), problem());
    }
}

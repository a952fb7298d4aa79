package vn.movepass.local.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import vn.movepass.local.testkit.Browser;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Pages;
import vn.movepass.local.testkit.Site;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.domain.Times;

/**
 * The venue pages in a real headless Chromium, as a supermarket and its customers use them: the shop's phone signs in
 * as VENUE_OPERATOR and checks people in by typed short code and by the card's QR text, the advice in the checkpoint's
 * colours and words, who is inside now; the printable poster with the venue's name and its MPV1: QR; and the citizen
 * checking in and out from the pass page by a photo of the poster (as the checkpoint tests fake the camera).
 * Skipped where Chromium is not installed.
 */
@FreshRuntime("Site serves web/ from a runtime of its own, with its own residents, for the browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VenuePagesIT {
    @RegisterExtension
    static final Pages PAGES = new Pages();
    private static final String BINH_CARD = Site.BINH + "||Trần Thị Bình|01021995|Nữ|3 Hai Bà Trưng|01072021";
    private Site site;
    private Browser browser;
    private JsonNode anPass;

    @BeforeEach
    void freshVisitor() {
        site = PAGES.site();
        browser = PAGES.browser();
        if (anPass == null) {
            String admin = site.token("ADMIN", "admin-web", null, null);
            venue(admin, "COOP-Q1", "Co.opmart Lý Tự Trọng", "SUPERMARKET");
            venue(admin, "PHARMA-Q1", "Nhà thuốc Long Châu", "PHARMACY");
            anPass = site.declare(Site.AN, "Nguyễn Văn An", "1990-05-17", "MALE").get("pass");
        }
    }

    private void venue(String admin, String id, String name, String type) {
        site.send("POST", "/v1/admin/venues", "application/json", Json.write(Json.object().put("venueId", id).put("name", name)
                .put("type", type).put("wardCode", "26734").put("address", "2 Lý Tự Trọng, Quận 1")), admin);
    }

    private WebElement checkIn(String code, String advice) {
        browser.find("#scan-code").clear();
        browser.find("#scan-code").sendKeys(code);
        String before = browser.find("#recorded").getText();
        browser.find("#scan-submit").click();
        browser.until(d -> browser.find("#verdict").isDisplayed() && advice.equals(browser.find("#verdict").getAttribute("data-advice"))
                && browser.find("#scan-code").getAttribute("value").isEmpty());
        return browser.find("#verdict");
    }

    private void insideCount(int n) {
        browser.until(d -> browser.find("#inside-list").findElements(By.tagName("li")).size() == n
                && browser.find("#inside-count").getText().startsWith(n + " "));
    }

    @Test
    @Order(1)
    void theShopsPhoneChecksPeopleInByShortCodeAndCardAndSeesWhoIsInside() {
        browser.driver.get(site.url("/venue/"));
        browser.visible("#cp-token").sendKeys(site.officer("CP-A"));
        browser.find("#signin-paste button[type=submit]").click();
        assertTrue(browser.visible("#signin-error").getText().contains("VENUE_OPERATOR"), "a checkpoint officer's token is refused");
        browser.find("#cp-token").clear();
        browser.find("#cp-token").sendKeys(site.token("VENUE_OPERATOR", "coop-phone", "venueId", "COOP-Q1"));
        browser.find("#signin-paste button[type=submit]").click();
        browser.visible("#scan-code");
        browser.until(d -> browser.find("#cp-heading").getText().startsWith("Co.opmart Lý Tự Trọng"));
        insideCount(0);
        browser.assertAccessible("the venue page");

        WebElement green = checkIn(anPass.get("shortCode").asText().replace("-", "").toLowerCase(), "ALLOW");
        assertTrue(green.getAttribute("class").contains("valid"), green.getAttribute("class"));
        assertEquals("CHO VÀO", browser.find("#verdict-word").getText());
        assertEquals("Đã ghi nhận: vào.", browser.find("#recorded").getText());
        assertTrue(browser.find("#verdict-facts").getText().contains("Nguyễn Văn An"));
        insideCount(1);
        browser.screenshots("venue-01-allow");

        checkIn(BINH_CARD, "ALLOW");
        insideCount(2);
        assertTrue(browser.find("#inside-list").getText().contains("Trần Thị Bình"), browser.find("#inside-list").getText());
        assertTrue(browser.find("#inside-list").getText().contains("Nguyễn Văn An"));

        // Bình becomes a case: the same card now says QUAY LẠI in the checkpoint's red, with the reason
        String health = site.token("HEALTH_OFFICIAL", "health-national", null, null);
        site.send("POST", "/v1/cases", "application/json", Json.write(Json.object().put("citizenId", Site.BINH)
                .put("classification", "F0").put("detectedAt", Times.iso(site.runtime.clock().instant().minusSeconds(3600)))), health);
        WebElement red = checkIn(BINH_CARD, "TURN_BACK");
        assertTrue(red.getAttribute("class").contains("red"), red.getAttribute("class"));
        assertEquals("RED", red.getAttribute("data-colour"));
        assertEquals("QUAY LẠI", browser.find("#verdict-word").getText());
        assertTrue(browser.find("#health-advice").getText().startsWith("F0 đang cách ly"), browser.find("#health-advice").getText());
        browser.screenshots("venue-02-turn-back");
        browser.assertAccessible("the venue page, a RED answer");

        browser.find("#lang-switch").click();
        assertEquals("TURN BACK", browser.find("#verdict-word").getText());
        assertEquals("Inside now", browser.find("#inside-title").getText());
        browser.find("#lang-switch").click();

        // An leaves: OUT by the same short code; the list is read again
        browser.find("#dir-out").findElement(By.xpath("following-sibling::label")).click();
        checkIn(anPass.get("shortCode").asText(), "ALLOW");
        assertEquals("Đã ghi nhận: ra.", browser.find("#recorded").getText());
        insideCount(1);
        assertTrue(browser.find("#inside-list").getText().contains("Trần Thị Bình"));

        // a code that names nobody records nothing, in the checkpoint's words
        browser.find("#scan-code").sendKeys("AAAA-BBBB-CCC");
        browser.find("#scan-submit").click();
        browser.until(d -> "INVALID".equals(browser.find("#verdict").getAttribute("data-verdict")));
        assertEquals("KHÔNG HỢP LỆ", browser.find("#verdict-word").getText());
        assertTrue(browser.find("#recorded").getText().startsWith("Không ghi nhận gì"));
        browser.screenshots("venue-03-inside");
    }

    @Test
    @Order(2)
    void thePosterShowsTheVenueAndItsSignedQr() {
        browser.driver.get(site.url("/venue/poster.html?venueId=COOP-Q1"));
        assertEquals("Co.opmart Lý Tự Trọng", browser.visible("#poster-name").getText());
        assertTrue(browser.find("#poster-address").getText().startsWith("2 Lý Tự Trọng, Quận 1"));
        assertEquals("Quét mã để khai báo vào/ra", browser.find("#poster-scan").getText());
        browser.until(d -> (Boolean) browser.js("const i = document.getElementById('poster-qr');"
                + " return i.complete && i.naturalWidth > 0;"));
        assertTrue(browser.decodeQr(browser.find("#poster-qr")).startsWith("MPV1:"));
        browser.assertAccessible("the venue poster");
        browser.screenshots("venue-04-poster");

        browser.driver.get(site.url("/venue/poster.html?venueId=NOPE"));
        browser.until(d -> "Không tìm thấy địa điểm này.".equals(browser.find("#poster-message").getText()));
    }

    @Test
    @Order(3)
    void theCitizenChecksInAndOutFromThePassPageByThePoster() throws Exception {
        browser.driver.get(site.url("/pass.html#" + anPass.get("passId").asText()));
        assertEquals("Quét mã tại cửa hàng", browser.visible("#checkin-title").getText());

        // the pass's own QR is not a poster: refused on the phone, nothing sent
        Path photo = Files.createTempFile("poster-", ".png");
        Files.write(photo, site.bytes(anPass.get("qrPng").asText() + "?size=400"));
        browser.find("#checkin-photo").sendKeys(photo.toAbsolutePath().toString());
        browser.until(d -> browser.find("#checkin-error").isDisplayed());
        assertTrue(browser.find("#checkin-error").getText().contains("không phải áp phích"));

        Files.write(photo, site.bytes("/v1/venues/PHARMA-Q1/poster.png?size=400"));
        browser.find("#checkin-photo").sendKeys(photo.toAbsolutePath().toString());
        browser.until(d -> browser.find("#checkin-result").isDisplayed());
        WebElement result = browser.find("#checkin-result");
        assertEquals("ALLOW", result.getAttribute("data-advice"));
        assertTrue(result.getAttribute("class").contains("valid"));
        assertEquals("CHO VÀO", browser.find("#checkin-word").getText());
        assertEquals("Đã khai báo vào: Nhà thuốc Long Châu", browser.find("#checkin-venue").getText());
        assertTrue(browser.find("#checkin-out").isDisplayed(), "an OUT button afterwards");
        browser.screenshots("venue-05-pass-checked-in");
        browser.assertAccessible("the pass page checked in at a venue");
        String operator = site.token("VENUE_OPERATOR", "pharma-phone", "venueId", "PHARMA-Q1");
        assertEquals(1, site.send("GET", "/v1/venues/PHARMA-Q1/inside", null, null, operator).get("items").size());

        browser.find("#checkin-out").click();
        browser.until(d -> "Đã khai báo ra: Nhà thuốc Long Châu".equals(browser.find("#checkin-venue").getText()));
        browser.until(d -> !browser.find("#checkin-out").isDisplayed());
        assertEquals(0, site.send("GET", "/v1/venues/PHARMA-Q1/inside", null, null, operator).get("items").size());
        Files.delete(photo);
    }
}

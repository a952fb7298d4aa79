package vn.movepass.local.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.movepass.local.testkit.Browser;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Pages;
import vn.movepass.local.testkit.Site;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;

/**
 * The one-minute declaration in a real headless Chromium: the citizen's own chip-ID card fills the form (the text
 * its QR decodes to, fed through the path the camera's decoder takes), a returning traveller starts from what this
 * device kept, and the taps and typed characters from an empty page to an accepted pass are counted and printed.
 * A tap is a click or a choice in a list; typed characters are what the keyboard sends.
 */
@FreshRuntime("Site serves web/ from a runtime of its own, with its own residents, for the browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneMinuteDeclarationIT {
    /** An's card: his registry entry (Site.CSV) with the address as the card prints it. */
    private static final String AN_CARD = "079090123456|025123456|Nguyễn Văn An|17051990|Nam"
            + "|12 Lê Lợi, Phường Tân Định, Quận 1, Thành phố Hồ Chí Minh|15082021";
    private static final String DESTINATION = "26740"; // Phường Bến Nghé, Quận 1 (the same province)

    @RegisterExtension
    static final Pages PAGES = new Pages();
    private Site site;
    private Browser browser;
    private int taps;
    private int typed;



    @BeforeEach
    void emptyDevice() {
        site = PAGES.site(); // Pages cleared the device's storage
        browser = PAGES.browser();
        browser.width(412); // the issue's phone
        openForm();
        taps = 0;
        typed = 0;
    }

    private void openForm() {
        browser.driver.get(site.url("/"));
        browser.until(d -> d.findElement(By.id("d-residence-province")).isEnabled());
    }

    private void tap(String css) {
        browser.find(css).click();
        taps++;
    }

    private void choose(String css, String value) {
        new Select(browser.find(css)).selectByValue(value);
        taps++;
    }

    private void typeIntoFocused(String text) {
        browser.driver.switchTo().activeElement().sendKeys(text);
        typed += text.length();
    }

    /** What the camera's decoder would hand over, by the same function. */
    private Object scanned(String text) {
        return ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.movepassCardScanned(arguments[0]).then(done, e => done(String(e)));",
                text);
    }

    private String value(String id) {
        return browser.find("#" + id).getAttribute("value");
    }

    /** From the empty form to an accepted pass by card scan; the taps and typed characters counted from here. */
    private void declareByCard(boolean remember) {
        taps = 0;
        typed = 0;
        tap("#card-scan");
        browser.visible("#card-camera video"); // Chromium's stand-in camera: the test hands over what it would decode
        assertEquals(Boolean.TRUE, scanned(AN_CARD));
        assertEquals(Site.AN, value("d-citizenId"));
        assertEquals("Nguyễn Văn An", value("d-fullName"));
        assertEquals("1990-05-17", value("d-dateOfBirth"));
        assertTrue(browser.find("#d-gender-MALE").isSelected());
        assertEquals("26734", value("d-residence-wardCode"), "the ward found from the card's address");
        assertEquals("12 Lê Lợi", value("d-residence-address"), "the street, without the units");
        assertEquals("79", value("d-destination-province"), "the destination starts in the residence's province");
        assertTrue(browser.find("#card-camera").getAttribute("hidden") != null, "the camera is closed once read");
        assertEquals("d-phone", browser.js("return document.activeElement.id"), "the phone is asked next");
        if (!remember) {
            browser.screenshots("21-citizen-card-scanned");
            browser.assertAccessible("the citizen form after a card scan");
        }
        typeIntoFocused("0901234567");
        Ward to = AdministrativeUnits.get().ward(DESTINATION).orElseThrow();
        choose("#d-destination-district", to.districtCode());
        choose("#d-destination-wardCode", DESTINATION);
        choose("#d-purpose", "WORK");
        choose("#d-vehicle-type", "BICYCLE");
        if (remember) {
            tap("label[for='d-remember']");
        }
        tap("#d-form button[type=submit]");
        assertEquals("CÒN HIỆU LỰC", browser.visible("#pass-status").getText());
        System.out.printf("one-minute declaration by card scan%s: %d taps, %d typed characters%n",
                remember ? ", ticking 'remember on this device'" : "", taps, typed);
        assertEquals(10, typed, "only the phone number is typed");
    }

    @Test
    void aCardScanFillsTheFormAndAPassTakesSixTapsAndOnlyThePhoneNumber() {
        System.out.printf("the citizen page at 412 px: %s px tall%n", browser.js("return document.documentElement.scrollHeight"));
        declareByCard(false);
        assertTrue(taps <= 6, taps + " taps");
        assertNull(browser.js("return localStorage.getItem('movepass.profile')"), "nothing kept without consent");

        openForm();
        assertEquals("", value("d-citizenId"));
        declareByCard(true);
        assertTrue(taps <= 7, taps + " taps");
        Ward to = AdministrativeUnits.get().ward(DESTINATION).orElseThrow();

        // the next trip on this device: only the route, the date and the health answers
        taps = 0;
        typed = 0;
        openForm();
        browser.until(d -> !browser.find("#remember-status").getText().isEmpty());
        assertEquals(Site.AN, value("d-citizenId"));
        assertEquals("0901234567", value("d-phone"));
        assertEquals("BICYCLE", value("d-vehicle-type"));
        assertTrue(browser.find("#d-remember").isSelected());
        assertFalse(browser.find("#d-health-symptoms-FEVER").isSelected(), "health answers are never kept");
        String kept = (String) browser.js("return localStorage.getItem('movepass.profile')");
        assertFalse(kept.contains("health") || kept.contains("purpose") || kept.contains("destination"), kept);
        choose("#d-destination-district", to.districtCode());
        choose("#d-destination-wardCode", DESTINATION);
        choose("#d-purpose", "MEDICAL");
        tap("#d-form button[type=submit]");
        assertEquals("CÒN HIỆU LỰC", browser.visible("#pass-status").getText());
        System.out.printf("one-minute declaration, returning traveller: %d taps, %d typed characters%n", taps, typed);
        assertTrue(taps <= 4, taps + " taps");
        assertEquals(0, typed);

        // forgetting
        openForm();
        browser.until(d -> browser.find("#forget").isDisplayed());
        browser.find("#forget").click();
        assertNull(browser.js("return localStorage.getItem('movepass.profile')"));
        assertEquals("", value("d-citizenId"));
        assertFalse(browser.find("#d-remember").isSelected());
        browser.driver.navigate().refresh();
        browser.until(d -> d.findElement(By.id("d-residence-province")).isEnabled());
        assertEquals("", value("d-citizenId"), "nothing comes back");
    }

    @Test
    void addressesAreMatchedToWardsWhateverTheirAccentsAndPrefixes() {
        Map<String, String> expected = Map.of(
                "12 Lê Lợi, Bến Nghé, Quận 1, TP Hồ Chí Minh", "26740",
                "Số 5, ngõ 3, P. Phúc Xá, Q. Ba Đình, Hà Nội", "00001",
                "Thôn 2, Xã Ea Kao, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk", "24169",
                "phuong 12, quan 10, tp.hcm", "27172",
                "7 Trần Phú, Phường 4, Thành phố Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu, Việt Nam", "26515",
                "1 Hai Bà Trưng, PHƯỜNG TÂN ĐỊNH, TP. HỒ CHÍ MINH", "26734");
        for (var e : expected.entrySet()) {
            assertEquals(Boolean.TRUE, scanned("079090123456||Nguyễn Văn An|17051990|Nam|" + e.getKey() + "|"), e.getKey());
            assertEquals(e.getValue(), value("d-residence-wardCode"), e.getKey());
        }
        // an address naming no known ward fills the rest and leaves the residence to choose
        openForm();
        assertEquals(Boolean.TRUE, scanned("079090123456||Nguyễn Văn An|17051990|Nam|Thôn Nowhere, Xã Không Có, Tỉnh Hoà Bình|"));
        assertEquals("", value("d-residence-wardCode"));
        assertTrue(browser.find("#card-status").getText().contains("không nhận ra phường/xã"), browser.find("#card-status").getText());
        // not a card
        assertEquals(Boolean.FALSE, scanned("https://example.com/"));
        assertEquals("Đây không phải mã QR của thẻ căn cước gắn chip. Quét lại mã ở mặt trước thẻ.",
                browser.find("#card-status").getText());
        // "Nữ" on Bình's card
        assertEquals(Boolean.TRUE, scanned("079195000111|123456789|Trần Thị Bình|01021995|Nữ|3 Hai Bà Trưng, Phường Tân Định, "
                + "Quận 1, Thành phố Hồ Chí Minh|01012022"));
        assertTrue(browser.find("#d-gender-FEMALE").isSelected());
        assertEquals("1995-02-01", value("d-dateOfBirth"));
        // the pasted text takes the same path
        browser.find("#card-paste summary").click();
        browser.find("#card-text").sendKeys(AN_CARD);
        browser.find("#card-use").click();
        browser.until(d -> "26734".equals(value("d-residence-wardCode")));
    }

    @Test
    void errorSummariesNameTheSectionAndNeverRepeatALine() {
        browser.find("#d-form button[type=submit]").click();
        WebElement summary = browser.visible("#d-form .notice.error");
        List<String> lines = summary.findElements(By.cssSelector("li")).stream().map(WebElement::getText).toList();
        assertTrue(lines.contains("Nơi cư trú — Phường / Xã: Vui lòng chọn."), lines.toString());
        assertTrue(lines.contains("Nơi đến — Phường / Xã: Vui lòng chọn."), lines.toString());
        assertEquals(lines.size(), lines.stream().distinct().count(), "no line twice: " + lines);
        browser.screenshots("22-citizen-form-sections");
        browser.assertAccessible("the citizen form with errors");
        browser.find("#lang-switch").click();
        List<String> english = summary.findElements(By.cssSelector("li")).stream().map(WebElement::getText).toList();
        assertTrue(english.stream().anyMatch(l -> l.equals("To — Ward / Commune: Please choose one.")), english.toString());
        browser.find("#lang-switch").click();
    }

    @Test
    void everyPageHasAFaviconAndAppIcons() {
        byte[] ico = site.bytes("/favicon.ico");
        assertEquals(List.of(0, 0, 1, 0), List.of((int) ico[0], (int) ico[1], (int) ico[2], (int) ico[3]), "an ICO file");
        for (String icon : List.of("/icons/icon.svg", "/icons/icon-192.png", "/icons/icon-512.png", "/icons/apple-touch-icon.png",
                "/manifest.webmanifest")) {
            assertTrue(site.bytes(icon).length > 0, icon);
        }
        for (String page : List.of("/", "/pass.html", "/checkpoint/")) {
            browser.driver.get(site.url(page));
            Object icons = browser.js("return [...document.head.querySelectorAll('link[rel=icon], link[rel=apple-touch-icon]')]"
                    + ".map(l => l.getAttribute('href')).join(' ')");
            assertEquals("/favicon.ico /icons/icon.svg /icons/apple-touch-icon.png", icons, page);
        }
    }
}

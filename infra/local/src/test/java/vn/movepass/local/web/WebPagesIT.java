package vn.movepass.local.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import vn.movepass.local.testkit.Browser;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Pages;
import vn.movepass.local.testkit.Site;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.geo.Ward;

/**
 * The citizen form and the checkpoint page in a real headless Chromium against the embedded runtime:
 * what a citizen and an officer see and do, with screenshots under target/screenshots/ and an axe-core check
 * of every screen. Skipped (with the reason) where Chromium is not installed; .ci/run installs it.
 */
@FreshRuntime("Site serves web/ from a runtime of its own, with its own residents, for the browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesIT {
    @RegisterExtension
    static final Pages PAGES = new Pages();
    private Site site;
    private Browser browser;
    private final List<String> accessibility = new ArrayList<>();



    @BeforeEach
    void freshVisitor() {
        site = PAGES.site(); // a fresh visitor: Pages cleared the storage, a phone's width
        browser = PAGES.browser();
    }

    // ---------------------------------------------------------------- helpers
    private void checkAccessibility(String screen) {
        List<String> problems = browser.accessibilityProblems();
        assertEquals(List.of(), problems, "serious accessibility problems on " + screen);
    }

    private void openForm() {
        browser.driver.get(site.url("/"));
        browser.until(d -> d.findElement(By.id("d-residence-province")).isEnabled());
    }

    private void type(String id, String text) {
        WebElement e = browser.find("#" + id);
        e.clear();
        e.sendKeys(text);
    }

    private void choosePlace(String prefix, String wardCode) {
        Ward ward = AdministrativeUnits.get().ward(wardCode).orElseThrow();
        new Select(browser.find("#" + prefix + "-province")).selectByValue(ward.provinceCode());
        new Select(browser.find("#" + prefix + "-district")).selectByValue(ward.districtCode());
        new Select(browser.find("#" + prefix + "-wardCode")).selectByValue(wardCode);
    }

    /** Fills the declaration form with idPrefix p ("d" for citizens, "p" for the officer's paper form). */
    private void fill(String p, String citizenId, String name, String dob, String gender) {
        type(p + "-citizenId", citizenId);
        type(p + "-fullName", name);
        browser.setValue("#" + p + "-dateOfBirth", dob);
        browser.find("label[for='" + p + "-gender-" + gender + "']").click();
        type(p + "-phone", "0901234567");
        choosePlace(p + "-residence", "26734");
        type(p + "-residence-address", "12 Lê Lợi");
        choosePlace(p + "-destination", "00001");
        type(p + "-destination-address", "5 Phúc Xá");
        new Select(browser.find("#" + p + "-purpose")).selectByValue("WORK");
        new Select(browser.find("#" + p + "-vehicle-type")).selectByValue("CAR");
        type(p + "-vehicle-plate", "51A-123.45");
        WebElement consent = browser.find("#" + p + "-consent");
        if (!consent.isSelected() && browser.find("label[for='" + p + "-consent']").isDisplayed()) { // the citizen's button attests
            browser.find("label[for='" + p + "-consent']").click();
        }
    }

    private int passages(String decision) {
        String table = site.runtime.provisioned().tableName("PassagesTable");
        int n = 0;
        for (Map<String, AttributeValue> item : site.runtime.dynamo().scan(ScanRequest.builder().tableName(table).build()).items()) {
            if (decision.equals(item.getOrDefault("decision", AttributeValue.fromS("")).s())) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- citizens
    @Test
    void aCitizenDeclaresAndGetsAQrThatDecodesToThePassToken() throws IOException {
        openForm();
        assertEquals("vi", browser.js("return document.documentElement.lang"));
        assertEquals("Khai báo di chuyển", browser.find("h1").getText());
        browser.screenshots("01-citizen-form");
        checkAccessibility("the citizen form");

        fill("d", Site.AN, "Nguyễn Văn An", "1990-05-17", "MALE");
        browser.screenshots("02-citizen-form-filled");
        browser.find("#d-form button[type=submit]").click();

        WebElement status = browser.visible("#pass-status");
        assertTrue(browser.driver.getCurrentUrl().contains("/pass.html#"), browser.driver.getCurrentUrl());
        String passId = browser.driver.getCurrentUrl().substring(browser.driver.getCurrentUrl().indexOf('#') + 1);
        assertEquals("CÒN HIỆU LỰC", status.getText());
        assertEquals("Nguyễn Văn An", browser.find("#pass-holder").getText());
        assertEquals("079******456", browser.find("#pass-id").getText());
        JsonNode pass = site.get("/v1/passes/" + passId);
        assertEquals(pass.get("shortCode").asText(), browser.find("#pass-code").getText());
        assertTrue(browser.find("#pass-countdown").getText().matches("Còn lại 7[12] giờ \\d+ phút \\d+ giây"),
                browser.find("#pass-countdown").getText());
        browser.until(d -> browser.find("#pass-destination").getText().contains("Phường Phúc Xá"));
        assertEquals("5 Phúc Xá, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội", browser.find("#pass-destination").getText());

        WebElement qr = browser.find("#pass-qr");
        browser.until(d -> (Boolean) browser.js("const i = arguments[0]; return i.complete && i.naturalWidth > 0", qr));
        assertTrue(qr.getSize().getWidth() >= 300, "the QR is large on a 360 px screen: " + qr.getSize());
        assertEquals(pass.get("token").asText(), browser.decodeQr(qr), "the QR on screen is the pass token");

        String save = browser.find("#pass-save").getAttribute("href");
        assertTrue(save.endsWith("/v1/passes/" + passId + "/qr.png?size=1024"), save);
        assertTrue(browser.find("#pass-save").getAttribute("download").endsWith(".png"));
        byte[] png = site.bytes(save.substring(save.indexOf("/v1/")));
        assertEquals(pass.get("token").asText(), Browser.decodeQr(ImageIO.read(new ByteArrayInputStream(png))), "the saved image");
        browser.screenshots("03-pass");
        checkAccessibility("the pass");

        String link = browser.find("#pass-link").getText();
        assertEquals(site.url("/pass.html#" + passId), link);

        // later: the link reopens it, and the form lists it
        browser.driver.get(site.url("/"));
        WebElement mine = browser.visible("#my-passes a");
        assertTrue(mine.getText().contains(pass.get("shortCode").asText()), mine.getText());
        browser.driver.get(link);
        browser.driver.navigate().refresh();
        assertEquals("CÒN HIỆU LỰC", browser.visible("#pass-status").getText());
        assertEquals(pass.get("token").asText(), browser.decodeQr(browser.visible("#pass-qr")));
    }

    @Test
    void aMismatchedNameIsExplainedWithWhatToCorrect() {
        openForm();
        fill("d", Site.AN, "Nguyễn Văn Bình", "1990-05-17", "MALE");
        browser.find("#d-form button[type=submit]").click();
        WebElement rejection = browser.visible("#rejection");
        assertEquals("Tờ khai chưa được chấp nhận", rejection.findElement(By.tagName("h2")).getText());
        assertEquals("Họ tên không khớp với số định danh. Nhập đầy đủ họ tên như trên thẻ căn cước.",
                rejection.findElement(By.cssSelector("li[data-reason=NAME_MISMATCH]")).getText());
        assertEquals("true", browser.find("#d-fullName").getAttribute("aria-invalid"));
        assertEquals("rejection", browser.js("return document.activeElement.id"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/"), "no pass: still on the form");
        browser.screenshots("04-citizen-rejected");
        checkAccessibility("a rejection");

        type("d-fullName", "NGUYEN VAN AN");
        browser.find("#d-form button[type=submit]").click();
        assertEquals("CÒN HIỆU LỰC", browser.visible("#pass-status").getText(), "corrected, accepted");
    }

    @Test
    void theFormChecksFieldsLikeTheServerAndSaysWhereBeforeSending() {
        openForm();
        type("d-citizenId", "07909012345");
        type("d-phone", "12345");
        browser.find("#d-form button[type=submit]").click();
        WebElement summary = browser.visible("#d-form .notice.error");
        assertEquals(summary, browser.driver.switchTo().activeElement(), "focus moves to the list of corrections");
        assertEquals("Số định danh phải gồm đúng 12 chữ số.", browser.find("#d-citizenId-error").getText());
        assertEquals("Số điện thoại Việt Nam, ví dụ 0901234567.", browser.find("#d-phone-error").getText());
        assertEquals("", browser.find("#d-consent-error").getText(), "the citizen attests by the submit button itself");
        assertEquals("Cam kết và gửi tờ khai", browser.find("#d-form button[type=submit]").getText());
        assertTrue(browser.find("#d-citizenId").getAttribute("aria-describedby").contains("d-citizenId-error"));
        browser.screenshots("05-citizen-form-errors");
        checkAccessibility("the form with errors");

        summary.findElement(By.cssSelector("a[href='#d-citizenId']")).click();
        assertEquals("d-citizenId", browser.js("return document.activeElement.id"), "a correction link focuses its field");

        browser.find("#lang-switch").click();
        assertEquals("The identification number must be exactly 12 digits.", browser.find("#d-citizenId-error").getText());
        browser.find("#lang-switch").click();
    }

    @Test
    void theEnglishSwitchTranslatesThePageAndIsRemembered() {
        openForm();
        WebElement toggle = browser.find("#lang-switch");
        assertEquals("English", toggle.getText());
        assertEquals("en", toggle.getAttribute("lang"));
        toggle.click();
        assertEquals("en", browser.js("return document.documentElement.lang"));
        assertEquals("Travel declaration", browser.find("h1").getText());
        assertEquals("Full name", browser.find("label[for='d-fullName'] span").getText());
        assertEquals("Tiếng Việt", browser.find("#lang-switch").getText());
        assertEquals("Work", new Select(browser.find("#d-purpose")).getOptions().get(1).getText());
        assertTrue(browser.driver.getTitle().startsWith("Travel declaration"), browser.driver.getTitle());
        browser.screenshots("06-citizen-form-en");
        checkAccessibility("the English form");

        browser.driver.navigate().refresh();
        browser.until(d -> d.findElement(By.id("d-residence-province")).isEnabled());
        assertEquals("Travel declaration", browser.find("h1").getText(), "the choice is remembered");
        browser.find("#lang-switch").click();
        assertEquals("Khai báo di chuyển", browser.find("h1").getText());
        assertEquals("vi", browser.js("return document.documentElement.lang"));
    }

    // ---------------------------------------------------------------- checkpoint officers
    private void signIn(String checkpointId) {
        browser.driver.get(site.url("/checkpoint/"));
        browser.visible("#cp-token").sendKeys(site.officer(checkpointId));
        browser.find("#signin-paste button[type=submit]").click();
        browser.visible("#scan-code");
    }

    @Test
    void anOfficerChecksAPassAndRecordsThePassage() throws IOException {
        JsonNode declared = site.declare(Site.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE");
        JsonNode pass = declared.get("pass");
        browser.driver.get(site.url("/checkpoint/"));
        browser.visible("#cp-token");
        browser.screenshots("07-checkpoint-signin");
        checkAccessibility("the checkpoint sign-in");

        browser.find("#cp-token").sendKeys("not-a-token");
        browser.find("#signin-paste button[type=submit]").click();
        assertEquals("Mã truy cập không hợp lệ hoặc đã hết hạn.", browser.visible("#signin-error").getText());

        browser.find("#cp-token").clear();
        signIn("CP-A");
        // the heading names the checkpoint (fetched once signed in, kept for the days without network)
        browser.until(d -> "Chốt kiểm dịch CP-A (CP-A)".equals(d.findElement(By.id("cp-heading")).getText()));

        // the typed token (what a scanner gun or a pasted QR text gives)
        int allowedBefore = passages("ALLOWED");
        browser.find("#scan-code").sendKeys(pass.get("token").asText());
        browser.find("#scan-submit").click();
        WebElement verdict = browser.visible("#verdict");
        assertEquals("VALID", verdict.getAttribute("data-verdict"));
        assertEquals("HỢP LỆ", browser.find("#verdict-word").getText());
        assertTrue(verdict.getAttribute("class").contains("valid"));
        String facts = browser.find("#verdict-facts").getText();
        for (String expected : List.of("Trần Thị Bình", "01/02/1995", "Nữ", "079******111", "Phường Phúc Xá", "59X1-234.56")) {
            assertTrue(facts.contains(expected), expected + " in " + facts);
        }
        assertEquals("#0a6b2e", Color.fromString(verdict.getCssValue("background-color")).asHex(), "green for VALID");
        browser.screenshots("08-checkpoint-valid");
        checkAccessibility("a VALID verdict");

        browser.find("#allow").click();
        assertEquals("Đã ghi nhận: cho qua.", browser.visible("#recorded").getText());
        assertEquals(allowedBefore + 1, passages("ALLOWED"), "the passage is recorded");
        browser.screenshots("09-checkpoint-recorded");
        browser.find("#next").click();
        assertTrue(browser.find("#verdict").getAttribute("hidden") != null);

        // the typed fallback code, lower case without hyphens, and the officer turns the holder back
        int turnedBefore = passages("TURNED_BACK");
        browser.find("#dir-out").findElement(By.xpath("following-sibling::label")).click();
        browser.find("#scan-code").sendKeys(pass.get("shortCode").asText().replace("-", "").toLowerCase());
        browser.find("#scan-submit").click();
        browser.until(d -> "VALID".equals(browser.find("#verdict").getAttribute("data-verdict"))
                && browser.find("#verdict").isDisplayed() && browser.find("#decide").isDisplayed());
        browser.find("#turn-back").click();
        assertEquals("Đã ghi nhận: yêu cầu quay lại.", browser.visible("#recorded").getText());
        assertEquals(turnedBefore + 1, passages("TURNED_BACK"));

        // a photo of the QR, decoded in the page (BarcodeDetector or the bundled jsQR)
        browser.find("#next").click();
        Path photo = Files.createTempFile("pass-qr-", ".png");
        Files.write(photo, site.bytes(pass.get("qrPng").asText() + "?size=400"));
        browser.find("#photo-input").sendKeys(photo.toAbsolutePath().toString());
        browser.until(d -> browser.find("#verdict").isDisplayed() && browser.find("#decide").isDisplayed());
        assertEquals("VALID", browser.find("#verdict").getAttribute("data-verdict"), "decoded from the photo");
        Files.delete(photo);

        // anything else is red (the officer may scan the next code without deciding)
        browser.find("#scan-code").sendKeys("AAAA-BBBB-CCC");
        browser.find("#scan-submit").click();
        browser.until(d -> browser.find("#verdict").isDisplayed() && !"VALID".equals(browser.find("#verdict")
                .getAttribute("data-verdict")));
        assertFalse(browser.find("#allow").isDisplayed(), "only a VALID pass can be allowed");
        assertEquals("Mã không phải giấy đi đường MovePass hợp lệ (hoặc đọc sai). Quét lại hoặc nhập mã dự phòng.",
                browser.find("#verdict-hint").getText());
        assertEquals("#b3001b", Color.fromString(browser.find("#verdict").getCssValue("background-color")).asHex(), "red otherwise");
        browser.screenshots("10-checkpoint-invalid");
        checkAccessibility("an INVALID verdict");
    }

    @Test
    void anOfficerTypesInAPaperDeclarationAndChecksItsPass() {
        signIn("CP-B");
        browser.find("#paper summary").click();
        browser.until(d -> d.findElement(By.id("p-residence-province")).isEnabled());
        fill("p", Site.AN, "Nguyễn Văn An", "1990-05-17", "MALE");
        browser.find("#p-form button[type=submit]").click();
        WebElement result = browser.visible("#paper-result");
        assertTrue(result.getText().startsWith("Đã chấp nhận. Mã dự phòng: "), result.getText());
        browser.screenshots("11-checkpoint-paper");
        checkAccessibility("the paper declaration form");
        result.findElement(By.tagName("button")).click();
        browser.until(d -> "VALID".equals(browser.find("#verdict").getAttribute("data-verdict")) && browser.find("#verdict").isDisplayed());
        assertTrue(browser.find("#verdict-facts").getText().contains("Nguyễn Văn An"));

        browser.find("#lang-switch").click();
        assertEquals("VALID", browser.find("#verdict-word").getText());
        assertEquals("Chốt kiểm dịch CP-B (CP-B)", browser.find("#cp-heading").getText(), "the name as registered");
        browser.screenshots("12-checkpoint-en");
        browser.find("#lang-switch").click();
    }
}

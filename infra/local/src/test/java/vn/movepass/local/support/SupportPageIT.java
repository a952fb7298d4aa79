package vn.movepass.local.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.movepass.local.testkit.Browser;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Pages;
import vn.movepass.local.testkit.Site;

/**
 * The commune officials' page (/support/) in a real headless Chromium at 412 px: sign in, add a case (the registry's
 * answer shown: a mismatch explained, then the match with the amount), import a CSV (progress, a rejected line with its
 * number), record a payment, switch to English; an axe-core check of the screens.
 */
@FreshRuntime("Site serves web/ from a runtime of its own, with its own residents, for the browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupportPageIT {
    @RegisterExtension
    static final Pages PAGES = new Pages();
    private Site site;
    private Browser browser;

    @BeforeEach
    void freshVisitor() {
        site = PAGES.site();
        browser = PAGES.browser();
    }

    private void add(String citizenId, String name, String dob, String gender, String policy) {
        browser.find("#add-citizenId").clear();
        browser.find("#add-citizenId").sendKeys(citizenId);
        browser.find("#add-fullName").clear();
        browser.find("#add-fullName").sendKeys(name);
        browser.setValue("#add-dateOfBirth", dob);
        new Select(browser.find("#add-gender")).selectByValue(gender);
        new Select(browser.find("#add-policy")).selectByValue(policy);
        new Select(browser.find("#add-residence")).selectByValue("PERMANENT");
        browser.find("#add-form button[type=submit]").click();
    }

    @Test
    void aCommuneOfficialAddsImportsAndPays() throws Exception {
        String commune = site.token("COMMUNE_OFFICIAL", "commune-26734", "wardCode", "26734");
        browser.driver.get(site.url("/support/"));
        browser.width(412);
        browser.visible("#sp-token").sendKeys(commune);
        browser.find("#signin-paste button[type=submit]").click();
        browser.until(d -> browser.find("#add-policy").findElements(By.tagName("option")).size() >= 10);
        assertEquals("Phường 26734: hỗ trợ theo Nghị quyết 68", browser.find("#sp-heading").getText());
        assertEquals(List.of(), browser.accessibilityProblems(), "the page, signed in");

        add(Site.AN, "Nguyễn Văn Sai", "1990-05-17", "MALE", "TOUR_GUIDE");
        browser.until(d -> browser.find("#add-result").getText().contains("Họ tên không khớp"));
        add(Site.AN, "Nguyễn Văn An", "1990-05-17", "MALE", "TOUR_GUIDE");
        browser.until(d -> browser.find("#add-result").getText().startsWith("Khớp với cơ sở dữ liệu dân cư"));
        assertTrue(browser.find("#add-result").getText().contains("Nguyễn Văn An"), browser.find("#add-result").getText());
        browser.until(d -> browser.find("#sp-list").getText().contains("Nguyễn Văn An"));
        assertTrue(browser.find("#sp-list").getText().contains("Chưa chi trả"), browser.find("#sp-list").getText());
        browser.screenshots("support-01-added");

        Path csv = Files.createTempFile("support", ".csv");
        Files.writeString(csv, "citizen_id,full_name,date_of_birth,gender,policy_id,residence,days,months,note\n"
                + Site.BINH + ",Trần Thị Bình,1995-02-01,FEMALE,HOUSEHOLD_BUSINESS,PERMANENT,,,\n"
                + Site.BINH + ",Trần Thị Bình,1995-02-01,FEMALE,HOUSEHOLD_BUSINESS,NOWHERE,,,\n", StandardCharsets.UTF_8);
        browser.find("#import-file").sendKeys(csv.toString());
        browser.find("#import-form button[type=submit]").click();
        browser.until(d -> browser.find("#import-result").getText().startsWith("Đã thêm"));
        assertEquals("Đã thêm 1, không đổi 0, bị từ chối 1 dòng.", browser.find("#import-result").getText());
        assertTrue(browser.find("#import-rejected").getText().startsWith("Dòng 3:"), browser.find("#import-rejected").getText());
        assertEquals("100", browser.find("#import-progress").getAttribute("value"));
        Files.delete(csv);
        browser.screenshots("support-02-imported");

        browser.until(d -> browser.find("#sp-list").getText().contains("Trần Thị Bình"));
        WebElement an = browser.until(d -> d.findElements(By.cssSelector("#sp-list li")).stream()
                .filter(li -> li.getText().contains("Nguyễn Văn An")).findFirst().orElse(null));
        an.findElement(By.tagName("button")).click();
        browser.visible("#pay");
        new Select(browser.find("#pay-method")).selectByValue("CASH");
        browser.find("#pay-form button[type=submit]").click();
        browser.until(d -> "Đã ghi nhận chi trả.".equals(browser.find("#pay-result").getText()));
        browser.until(d -> browser.find("#sp-list").getText().contains("Đã chi trả"));
        browser.screenshots("support-03-paid");
        assertEquals(List.of(), browser.accessibilityProblems(), "the page after a payment");

        browser.find("#lang-switch").click();
        assertEquals("Ward 26734: support under Resolution 68", browser.find("#sp-heading").getText());
        browser.until(d -> browser.find("#sp-list").getText().contains("Paid"));
    }
}

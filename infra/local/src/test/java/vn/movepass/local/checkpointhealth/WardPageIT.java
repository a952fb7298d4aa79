package vn.movepass.local.checkpointhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import vn.movepass.local.testkit.Browser;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Pages;
import vn.movepass.local.testkit.Site;

/**
 * The ward police page in a real headless Chromium at 412 px: sign in, the ward's current list with days left, a
 * resident's health and history, recording an F1 classification. It needs the health events API and the ward's list
 * (GET /v1/wards/{ward}/health); where they are not served it is skipped with that reason.
 */
@FreshRuntime("Site serves web/ from a runtime of its own, with its own residents, for the browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WardPageIT {
    @RegisterExtension
    static final Pages PAGES = new Pages();
    private Site site;
    private Browser browser;

    @BeforeEach
    void freshVisitor() {
        site = PAGES.site(); // a fresh visitor: Pages cleared the storage, a phone's width
        browser = PAGES.browser();
    }


    @Test
    void wardPoliceSeeTheirListAndRecordAClassification() {
        String police = site.token("WARD_POLICE", "police-26734", "wardCode", "26734");
        JsonNode recorded = site.send("POST", "/v1/citizens/" + Site.BINH + "/health-events", "application/json",
                "{\"type\":\"CLASSIFIED\",\"level\":\"F2\",\"at\":\"" + java.time.Instant.now().minusSeconds(3600)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}", police);
        assertTrue(recorded.has("eventId"), recorded.toString());

        browser.driver.get(site.url("/ward/"));
        browser.width(412);
        browser.visible("#ward-token").sendKeys(police);
        browser.find("#signin-paste button[type=submit]").click();
        browser.until(d -> browser.find("#ward-list").getText().contains("Trần Thị Bình"));
        String list = browser.find("#ward-list").getText();
        assertTrue(list.contains("F2 · Theo dõi sức khỏe") && list.contains("còn"), list);
        browser.screenshots("health-07-ward-list");

        browser.find("#ward-list button").click();
        browser.visible("#resident");
        assertTrue(browser.find("#resident-history").getText().contains("Xác định F1–F3"), browser.find("#resident-history").getText());

        new org.openqa.selenium.support.ui.Select(browser.find("#event-type")).selectByValue("CLASSIFIED");
        new org.openqa.selenium.support.ui.Select(browser.find("#event-level")).selectByValue("F1");
        browser.find("#event-form button[type=submit]").click();
        browser.until(d -> "Đã lưu.".equals(browser.find("#event-result").getText()));
        browser.until(d -> browser.find("#resident-health").getText().startsWith("F1"));
        assertEquals("F1", browser.find("#resident-health").getText().substring(0, 2));
        browser.screenshots("health-08-ward-resident");
    }
}

package vn.movepass.local.checkpointhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import vn.movepass.local.testkit.Browser;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Pages;
import vn.movepass.local.testkit.Site;
import vn.movepass.shared.health.HealthSnapshot;
import vn.movepass.shared.health.HealthState;
import vn.movepass.shared.health.Phase;
import vn.movepass.shared.store.PassTableKeys;

/**
 * The checkpoint page with health in a real headless Chromium: RED fills the screen with "QUAY LẠI" and the reason,
 * letting the holder through is a second step with a reason; AMBER says what to check; GREEN looks as VALID; the
 * card as the pass; and the citizen's pass page shows their colour. Skipped where Chromium is not installed.
 */
@FreshRuntime("Site serves web/ from a runtime of its own, with its own residents, for the browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointHealthPagesIT {
    @RegisterExtension
    static final Pages PAGES = new Pages();
    private Site site;
    private Browser browser;



    @BeforeEach
    void freshVisitor() {
        site = PAGES.site(); // a fresh visitor: Pages cleared the storage, a phone's width
        browser = PAGES.browser();
    }

    private void copyOntoPass(JsonNode pass, HealthSnapshot snapshot) {
        site.runtime.dynamo().updateItem(UpdateItemRequest.builder()
                .tableName(site.runtime.provisioned().tableName("PassesTable"))
                .key(Map.of("pk", AttributeValue.fromS(PassTableKeys.pass(pass.get("passId").asText()))))
                .updateExpression("SET health = :h")
                .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(snapshot.encode())))
                .build());
    }

    private void signIn(String checkpointId) {
        browser.driver.get(site.url("/checkpoint/"));
        browser.visible("#cp-token").sendKeys(site.officer(checkpointId));
        browser.find("#signin-paste button[type=submit]").click();
        browser.visible("#scan-code");
    }

    private WebElement check(String code, String colour) {
        if (browser.find("#next").isDisplayed()) {
            browser.find("#next").click();
        }
        browser.find("#scan-code").clear();
        browser.find("#scan-code").sendKeys(code);
        browser.find("#scan-submit").click();
        browser.until(d -> browser.find("#verdict").isDisplayed() && colour.equals(browser.find("#verdict").getAttribute("data-colour")));
        return browser.find("#verdict");
    }

    private List<String> overrideReasons() {
        return site.runtime.dynamo().scan(ScanRequest.builder().tableName(site.runtime.provisioned().tableName("PassagesTable")).build())
                .items().stream().filter(i -> i.containsKey("overrideReason")).map(i -> i.get("overrideReason").s()).toList();
    }

    @Test
    void redTurnsBackAmberSaysWhatToCheckGreenLooksValid() {
        JsonNode pass = site.declare(Site.AN, "Nguyễn Văn An", "1990-05-17", "MALE").get("pass");
        Instant now = Instant.now();
        copyOntoPass(pass, new HealthSnapshot(List.of(new Phase("F0", HealthState.ISOLATING, now.minus(Duration.ofDays(2)), null,
                null, java.time.LocalDate.parse("2030-01-10"))), "case-1", null));
        signIn("CP-A");

        WebElement red = check(pass.get("token").asText(), "RED");
        assertTrue(red.getAttribute("class").contains("red"));
        assertEquals("QUAY LẠI", browser.find("#verdict-word").getText());
        assertEquals("F0 đang cách ly đến 10/01/2030", browser.find("#health-advice").getText());
        assertTrue(red.getSize().getHeight() >= browser.driver.manage().window().getSize().getHeight() * 0.7,
                "RED fills the screen");
        assertEquals("Vẫn cho qua (ghi lý do)", browser.find("#allow").getText());
        browser.screenshots("health-01-checkpoint-red");

        browser.find("#allow").click();
        browser.visible("#override-reason");
        assertEquals(List.of(), overrideReasons(), "the first click only asks for the reason");
        browser.find("#override-confirm").click();
        assertEquals("Hãy ghi lý do trước khi cho qua.", browser.visible("#recorded").getText());
        browser.find("#override-reason").sendKeys("Đưa người nhà đi cấp cứu");
        browser.find("#override-confirm").click();
        browser.until(d -> "Đã ghi nhận: cho qua.".equals(browser.find("#recorded").getText()));
        assertEquals(List.of("Đưa người nhà đi cấp cứu"), overrideReasons());
        browser.screenshots("health-02-checkpoint-red-overridden");

        browser.find("#lang-switch").click();
        browser.find("#next").click();
        check(pass.get("token").asText(), "RED");
        assertEquals("TURN BACK", browser.find("#verdict-word").getText());
        assertEquals("F0 isolating until 10/01/2030", browser.find("#health-advice").getText());
        browser.find("#lang-switch").click();

        copyOntoPass(pass, new HealthSnapshot(List.of(new Phase("F2", HealthState.MONITORING, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(6)))), null, null));
        WebElement amber = check(pass.get("token").asText(), "AMBER");
        assertTrue(amber.getAttribute("class").contains("amber"));
        assertEquals("HỢP LỆ", browser.find("#verdict-word").getText());
        assertEquals("KIỂM TRA THÊM", browser.find("#health-advice").getText());
        assertTrue(browser.find("#health-reasons").getText().startsWith("F2 đang theo dõi sức khỏe đến"),
                browser.find("#health-reasons").getText());
        browser.screenshots("health-03-checkpoint-amber");

        copyOntoPass(pass, HealthSnapshot.EMPTY);
        WebElement green = check(pass.get("token").asText(), "GREEN");
        assertTrue(green.getAttribute("class").contains("valid"));
        assertFalse(browser.find("#health").isDisplayed(), "GREEN looks as VALID does");
        assertEquals("Cho qua", browser.find("#allow").getText());
        browser.screenshots("health-04-checkpoint-green");
    }

    @Test
    void theCardIsThePassWhereTheProvinceSaysSo() {
        String admin = site.token("ADMIN", "admin-web", null, null);
        site.send("PUT", "/v1/admin/provinces/79/policy", "application/json", "{\"cardOnly\":true,\"requireCompleteVaccination\":false}",
                admin);
        // a resident of her own, without a pass (the other tests declare for An and Bình)
        site.send("POST", "/v1/admin/residents", "text/csv", Site.CSV.lines().findFirst().orElseThrow()
                + "\n079303000333,Phạm Thị Dung,2003-04-04,FEMALE,26734,9 Pasteur,26734,9 Pasteur,\n", admin);
        signIn("CP-A");
        check("079303000333||Pham Thi Dung|04042003|Nữ|9 Pasteur|01072021", "GREEN");
        assertEquals("CARD_ONLY", browser.find("#verdict").getAttribute("data-verdict"));
        assertEquals("DÙNG CĂN CƯỚC", browser.find("#verdict-word").getText());
        assertTrue(browser.find("#verdict-facts").getText().contains("Phạm Thị Dung"), "the registry's spelling");
        assertTrue(browser.find("#allow").isDisplayed());
        browser.screenshots("health-05-checkpoint-card-only");
        browser.find("#allow").click();
        browser.until(d -> "Đã ghi nhận: cho qua.".equals(browser.find("#recorded").getText()));
        site.send("PUT", "/v1/admin/provinces/79/policy", "application/json", "{\"cardOnly\":false,\"requireCompleteVaccination\":false}",
                admin);
    }

    @Test
    void theCitizensPassPageShowsTheirColourAndWhy() {
        JsonNode pass = site.declare(Site.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE").get("pass");
        copyOntoPass(pass, new HealthSnapshot(List.of(new Phase("F1", HealthState.QUARANTINED, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(13)))), "case-9", null));
        browser.driver.get(site.url("/pass.html#" + pass.get("passId").asText()));
        WebElement health = browser.visible("#pass-health");
        assertEquals("RED", health.getAttribute("data-colour"));
        assertTrue(health.getText().contains("ĐỎ"), health.getText());
        assertTrue(health.getText().contains("F1 đang cách ly đến"), health.getText());
        assertFalse(health.getText().contains("case-9"), "never the case id");
        browser.screenshots("health-06-pass-red");
    }
}

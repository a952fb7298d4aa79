package vn.movepass.local.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WindowType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import vn.movepass.local.testkit.Browser;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Pages;
import vn.movepass.local.testkit.Site;
import vn.movepass.shared.json.Json;

/**
 * The checkpoint page with the network cut (DevTools protocol, as a phone at a rural checkpoint without signal): once
 * opened online it is installed (its service worker keeps the page, the JWKS and the revocation list), reopens with no
 * network, checks a pass's QR on the phone and says it did so offline, turns back a revoked pass, keeps the officer's
 * confirmation and sends it when the network is back: exactly one passage, at the instant the officer confirmed.
 */
@FreshRuntime("Site serves web/ from a runtime of its own, with its own residents, for the browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineCheckpointIT {
    @RegisterExtension
    static final Pages PAGES = new Pages();
    private Site site;
    private Browser browser;

    @BeforeEach
    void freshVisitor() {
        site = PAGES.site();
        browser = PAGES.browser();
    }

    /**
     * Cuts or restores the network, as DevTools' "Offline" does: the page's, and the service worker's (a target of its
     * own, reached through the page's DevTools session), so that neither reaches the server.
     */
    private void network(boolean online) {
        Map<String, Object> conditions = Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1);
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.emulateNetworkConditions", conditions);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) browser.driver.executeCdpCommand("Target.getTargets", Map.of())
                .get("targetInfos");
        int workers = 0;
        for (Map<String, Object> target : targets) {
            if (!"service_worker".equals(target.get("type"))) {
                continue;
            }
            String session = (String) browser.driver.executeCdpCommand("Target.attachToTarget",
                    Map.of("targetId", target.get("targetId"), "flatten", false)).get("sessionId");
            int id = 1;
            for (String method : List.of("Network.enable", "Network.emulateNetworkConditions")) {
                String message = Json.write(Map.of("id", id++, "method", method,
                        "params", method.endsWith("enable") ? Map.of() : conditions));
                browser.driver.executeCdpCommand("Target.sendMessageToTarget", Map.of("sessionId", session, "message", message));
            }
            workers++;
        }
        assertEquals(1, workers, "the checkpoint page's service worker runs: " + targets);
    }

    /** The passages stored for a citizen: {at, decision, checkpointId}. */
    private List<Map<String, AttributeValue>> passagesOf(String citizenId) {
        String table = site.runtime.provisioned().tableName("PassagesTable");
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : site.runtime.dynamo().scan(ScanRequest.builder().tableName(table).build()).items()) {
            if (item.containsKey("decision") && citizenId.equals(item.getOrDefault("citizenId", AttributeValue.fromS("")).s())) {
                found.add(item);
            }
        }
        return found;
    }

    /** When the service worker's copy of a path was fetched (x-fetched-at), asked from the page. */
    private String fetchedAt(String path) {
        return (String) browser.executeAsync("fetch(arguments[0]).then(r => r.headers.get('x-fetched-at'), e => 'failed: ' + e)", path);
    }

    private String text(String css) {
        return browser.find(css).getText();
    }

    private void scan(String code) {
        browser.js("const e = document.getElementById('scan-code'); e.value = arguments[0];", code);
        browser.find("#scan-submit").click();
    }

    @Test
    void anOfficerChecksAPassWithNoNetworkAndItsConfirmationIsStoredOnceWhenTheNetworkIsBack() {
        String an = site.declare(Site.AN, "Nguyễn Văn An", "1990-05-17", "MALE").get("pass").get("token").asText();
        var binh = site.declare(Site.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE").get("pass");
        site.send("POST", "/v1/passes/" + binh.get("passId").asText() + "/revoke", "application/json",
                Json.write(Map.of("reason", "F0")), site.token("ADMIN", "admin-offline", null, null));

        // online: sign in; the page installs its service worker and keeps what an offline check needs
        browser.driver.get(site.url("/checkpoint/"));
        browser.visible("#cp-token").sendKeys(site.officer("CP-A"));
        browser.find("#signin-paste button[type=submit]").click();
        browser.visible("#scan-code");
        assertEquals("/checkpoint/manifest.webmanifest",
                browser.js("return new URL(document.querySelector('link[rel=manifest]').href).pathname"));
        browser.until(d -> Boolean.TRUE.equals(browser.js("return !!navigator.serviceWorker.controller")));
        browser.driver.navigate().refresh(); // the signed-in tab reloads: now through the service worker, which keeps the data
        browser.until(d -> text("#data-age").contains("1 giấy bị thu hồi"));
        assertTrue(text("#data-age").contains("vừa xong"), text("#data-age"));
        assertEquals("Có mạng: kiểm tra trực tuyến.", text("#net-state"));
        assertEquals("Xác nhận chờ gửi: 0", text("#queue-length"));
        String keptAt = fetchedAt("/.well-known/jwks.json");

        // the network is cut; the page reopens from the phone
        network(false);
        browser.driver.navigate().refresh();
        browser.until(d -> text("#net-state").startsWith("MẤT MẠNG"));
        browser.until(d -> text("#data-age").contains("1 giấy bị thu hồi"));
        assertEquals(keptAt, fetchedAt("/.well-known/jwks.json"), "the keys come from the phone's copy");
        assertEquals("no network", browser.executeAsync("fetch('/health').then(() => 'network', () => 'no network')"),
                "what the page does not keep needs the network, which is cut");
        browser.screenshots("21-checkpoint-offline");
        browser.assertAccessible("the checkpoint page offline");

        // a valid pass: checked on the phone, and the verdict says so
        scan(an);
        browser.until(d -> browser.find("#verdict").isDisplayed() && browser.find("#decide").isDisplayed());
        assertEquals("VALID", browser.find("#verdict").getAttribute("data-verdict"));
        assertEquals("HỢP LỆ", text("#verdict-word"));
        assertTrue(text("#verdict-offline").startsWith("KIỂM TRA NGOẠI TUYẾN (không có mạng)"), text("#verdict-offline"));
        String facts = text("#verdict-facts");
        for (String expected : List.of("Nguyễn Văn An", "17/05/1990", "079******456")) {
            assertTrue(facts.contains(expected), expected + " in " + facts);
        }
        browser.screenshots("22-checkpoint-offline-valid");
        browser.assertAccessible("a verdict checked offline");
        browser.find("#lang-switch").click();
        assertTrue(text("#verdict-offline").startsWith("CHECKED OFFLINE (no network)"), text("#verdict-offline"));
        assertEquals("OFFLINE: passes are checked on this phone.", text("#net-state"));
        browser.find("#lang-switch").click();
        Instant before = Instant.now();
        browser.find("#allow").click();
        browser.until(d -> browser.find("#recorded").isDisplayed());
        Instant after = Instant.now();
        assertEquals("Đã ghi nhận: cho qua. Đã lưu trên máy, sẽ tự gửi khi có mạng.", text("#recorded"));
        browser.until(d -> "Xác nhận chờ gửi: 1".equals(text("#queue-length")));
        assertEquals(List.of(), passagesOf(Site.AN), "nothing reaches the server while offline");

        // where the browser lacks WebCrypto's Ed25519, the bundled @noble/ed25519 gives the same answers
        assertEquals("true false", browser.executeAsync("""
                Promise.all([import('/js/checkpoint/pass-token.js'), import('/js/base64url.js'),
                    import('/vendor/noble-ed25519/index.js'), fetch('/.well-known/jwks.json').then(r => r.json())])
                .then(async ([pt, b64, noble, jwks]) => {
                  const claims = pt.decodeToken(arguments[0]);
                  const key = b64.fromBase64url(jwks.keys.find(k => k.kid === claims.kid).x);
                  const forged = Uint8Array.from(claims.payload); forged[forged.length - 1] ^= 1;
                  return [await noble.verifyAsync(claims.signature, claims.payload, key, {zip215: false}),
                          await noble.verifyAsync(claims.signature, forged, key, {zip215: false})].join(' ');
                })""", an));

        // a revoked pass is turned back by the cached list; a forged one is invalid
        browser.find("#next").click();
        scan(binh.get("token").asText());
        browser.until(d -> "REVOKED".equals(browser.find("#verdict").getAttribute("data-verdict")));
        assertEquals("ĐÃ THU HỒI", text("#verdict-word"));
        assertFalse(browser.find("#allow").isDisplayed(), "a revoked pass cannot be allowed");
        String forged = an.substring(0, an.length() - 4) + (an.endsWith("AAAA") ? "BBBB" : "AAAA");
        scan(forged);
        browser.until(d -> "INVALID".equals(browser.find("#verdict").getAttribute("data-verdict")));
        assertTrue(text("#verdict-offline").startsWith("KIỂM TRA NGOẠI TUYẾN"));

        // the network is back: the confirmation is sent, once, with the instant the officer confirmed
        network(true);
        browser.until(d -> "Xác nhận chờ gửi: 0".equals(text("#queue-length")));
        browser.until(d -> "Có mạng: kiểm tra trực tuyến.".equals(text("#net-state")));
        browser.js("window.dispatchEvent(new Event('online'))"); // a second 'online' sends nothing again
        browser.driver.navigate().refresh();
        browser.until(d -> text("#data-age").contains("giấy bị thu hồi"));
        List<Map<String, AttributeValue>> stored = passagesOf(Site.AN);
        assertEquals(1, stored.size(), "exactly one passage: " + stored);
        Instant at = Instant.parse(stored.get(0).get("at").s());
        assertFalse(at.isBefore(before.minusSeconds(1)) || at.isAfter(after.plusSeconds(1)),
                "stored at " + at + ", confirmed between " + before + " and " + after);
        assertEquals("ALLOWED", stored.get(0).get("decision").s());
        assertEquals("CP-A", stored.get(0).get("checkpointId").s());

        // the app opened again (a new tab: nothing of this one's session) is still signed in
        String first = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        try {
            browser.driver.get(site.url("/checkpoint/"));
            browser.visible("#scan-code");
            assertEquals("Chốt kiểm dịch CP-A (CP-A)", text("#cp-heading"), "the name kept on the phone");
        } finally {
            browser.driver.close();
            browser.driver.switchTo().window(first);
        }
    }
}

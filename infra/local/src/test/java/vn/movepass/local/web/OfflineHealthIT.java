package vn.movepass.local.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.movepass.local.testkit.Browser;
import vn.movepass.local.testkit.FreshRuntime;
import vn.movepass.local.testkit.Pages;
import vn.movepass.local.testkit.Site;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.offline.GolombRiceSet;

/**
 * The offline health list on the checkpoint page, in Chromium: the page's decoder (web/js/checkpoint/health-list.js)
 * reads what the server's encoder (GolombRiceSet) writes, and with the network cut (DevTools protocol) a quarantined
 * holder's valid pass is turned back ("QUAY LẠI", from the list of the time it was fetched) while a well holder's passes.
 */
@FreshRuntime("Site serves web/ from a runtime of its own, with its own residents, for the browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineHealthIT {
    @RegisterExtension
    static final Pages PAGES = new Pages();
    private Site site;
    private Browser browser;

    @BeforeEach
    void freshVisitor() {
        site = PAGES.site();
        browser = PAGES.browser();
    }

    /** Cuts or restores the network of the page and of its service worker, as DevTools' "Offline" does. */
    private void network(boolean online) {
        Map<String, Object> conditions = Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1);
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.emulateNetworkConditions", conditions);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) browser.driver.executeCdpCommand("Target.getTargets", Map.of())
                .get("targetInfos");
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
        }
    }

    private String text(String css) {
        return browser.find(css).getText();
    }

    private void scan(String code) {
        browser.js("const e = document.getElementById('scan-code'); e.value = arguments[0];", code);
        browser.find("#scan-submit").click();
    }

    /** How often a health list holding Bình's pass was served (her audit trail's HEALTH_LIST entries). */
    private int healthListLookups(String admin) {
        int n = 0;
        for (var entry : site.send("GET", "/v1/admin/audit?citizenId=" + Site.BINH, null, null, admin).get("items")) {
            n += "HEALTH_LIST".equals(entry.get("action").asText()) ? 1 : 0;
        }
        return n;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void theJavaEncoderAndThePagesDecoderAgree() {
        browser.driver.get(site.url("/checkpoint/"));
        Random random = new Random(21);
        byte[] key = new byte[32];
        random.nextBytes(key);
        List<byte[]> members = new ArrayList<>();
        List<String> memberIds = new ArrayList<>();
        List<String> strangerIds = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            if (i < 300) {
                members.add(id);
                memberIds.add(b64(id));
            } else {
                strangerIds.add(b64(id));
            }
        }
        byte[] coded = GolombRiceSet.encode(key, members, GolombRiceSet.P);
        long[] values = GolombRiceSet.decode(coded, members.size(), GolombRiceSet.P);
        String list = Json.write(Map.of("keyId", "79-test", "builtAt", "2026-12-05T00:00:00Z", "key", b64(key), "p", GolombRiceSet.P,
                "red", Map.of("n", members.size(), "data", b64(coded)), "amber", Map.of("n", 0, "data", "")));
        Object answer = browser.executeAsync("""
                Promise.all([import('/js/checkpoint/health-list.js'), import('/js/base64url.js')]).then(async ([hl, b64]) => {
                  const json = JSON.parse(arguments[0]);
                  const decoded = Array.from(hl.decodeSet(b64.fromBase64url(json.red.data), json.red.n, json.p)).join(',');
                  const list = await hl.prepareList(json);
                  const colours = async (ids) => Promise.all(ids.map((id) => hl.colourOf(list, b64.fromBase64url(id))));
                  const members = await colours(arguments[1]);
                  const strangers = await colours(arguments[2]);
                  return [decoded, members.filter((c) => c === 'RED').length, strangers.filter((c) => c !== null).length].join('|');
                })""", list, memberIds, strangerIds);
        StringBuilder expected = new StringBuilder();
        for (long v : values) {
            expected.append(expected.length() == 0 ? "" : ",").append(v);
        }
        assertEquals(expected + "|300|0", answer, "the page decodes the Java set value for value and finds every member");
    }

    @Test
    void aQuarantinedHoldersPassIsTurnedBackWithNoNetwork() {
        String an = site.declare(Site.AN, "Nguyễn Văn An", "1990-05-17", "MALE").get("pass").get("token").asText();
        String binh = site.declare(Site.BINH, "Trần Thị Bình", "1995-02-01", "FEMALE").get("pass").get("token").asText();
        String police = site.token("WARD_POLICE", "police-offline-health", "wardCode", "26734");
        String at = site.runtime.clock().instant().minusSeconds(600).toString();
        site.send("POST", "/v1/citizens/" + Site.BINH + "/health-events", "application/json",
                Json.write(Map.of("type", "CLASSIFIED", "at", at, "level", "F1")), police);

        // online: sign in; the page keeps the province's health list with the rest
        browser.driver.get(site.url("/checkpoint/"));
        browser.visible("#cp-token").sendKeys(site.officer("CP-A"));
        browser.find("#signin-paste button[type=submit]").click();
        browser.visible("#scan-code");
        browser.until(d -> Boolean.TRUE.equals(browser.js("return !!navigator.serviceWorker.controller")));
        browser.driver.navigate().refresh();
        browser.until(d -> text("#health-age").startsWith("Danh sách sức khỏe ngoại tuyến cập nhật lúc"));
        assertTrue(text("#health-age").contains("vừa xong"), text("#health-age"));
        // asked again, the service worker sends the ETag of its copy: the server answers 304 (nothing served, nothing
        // audited) and the copy is re-stamped as current
        String admin = site.token("ADMIN", "admin-offline-health", null, null);
        int audited = healthListLookups(admin);
        assertTrue(audited >= 1, "the lists served so far are audited");
        assertEquals("200 200 true 79-", browser.executeAsync("""
                (async () => {
                  const h = { Authorization: 'Bearer ' + localStorage.getItem('movepass.officerToken') };
                  const a = await fetch('/v1/provinces/79/health-list', { headers: h });
                  await new Promise((r) => setTimeout(r, 20));
                  const b = await fetch('/v1/provinces/79/health-list', { headers: h });
                  const later = a.headers.get('x-fetched-at') < b.headers.get('x-fetched-at');
                  return [a.status, b.status, later, (await b.json()).keyId.slice(0, 3)].join(' ');
                })()"""));
        assertEquals(audited, healthListLookups(admin), "a current copy is not served again");

        // the network is cut; the page reopens from the phone, with the list it kept
        network(false);
        browser.driver.navigate().refresh();
        browser.until(d -> text("#net-state").startsWith("MẤT MẠNG"));
        browser.until(d -> text("#health-age").startsWith("Danh sách sức khỏe ngoại tuyến cập nhật lúc"));

        // the quarantined holder's valid pass: turned back, from the list
        scan(binh);
        browser.until(d -> browser.find("#verdict").isDisplayed() && "RED".equals(browser.find("#verdict").getAttribute("data-colour")));
        assertEquals("VALID", browser.find("#verdict").getAttribute("data-verdict"));
        assertEquals("QUAY LẠI", text("#verdict-word"));
        assertTrue(text("#health-advice").contains("theo danh sách sức khỏe ngoại tuyến lúc"), text("#health-advice"));
        assertTrue(text("#verdict-offline").startsWith("KIỂM TRA NGOẠI TUYẾN (không có mạng)"), text("#verdict-offline"));
        browser.screenshots("23-checkpoint-offline-red");
        browser.assertAccessible("a RED verdict from the offline health list");
        browser.find("#lang-switch").click();
        assertEquals("TURN BACK", text("#verdict-word"));
        assertTrue(text("#health-advice").contains("according to the offline health list of"), text("#health-advice"));
        browser.find("#lang-switch").click();
        browser.find("#turn-back").click();
        browser.until(d -> browser.find("#recorded").isDisplayed());
        browser.until(d -> "Xác nhận chờ gửi: 1".equals(text("#queue-length")));

        // a well holder's pass is valid as before, and the verdict says the list does not hold them
        browser.find("#next").click();
        scan(an);
        browser.until(d -> browser.find("#verdict").isDisplayed() && "VALID".equals(browser.find("#verdict").getAttribute("data-verdict"))
                && browser.find("#decide").isDisplayed());
        assertEquals("", browser.find("#verdict").getAttribute("data-colour"));
        assertEquals("HỢP LỆ", text("#verdict-word"));
        assertTrue(text("#verdict-offline").contains("Không có trong danh sách sức khỏe ngoại tuyến"), text("#verdict-offline"));
        network(true);
    }
}

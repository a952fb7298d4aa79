package vn.movepass.local.web;

import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/**
 * Page-load figures of the citizen form and the checkpoint page (not a test) in headless Chromium with the
 * network throttled as Chrome's presets do, cache disabled. Run from infra/local after test-compile:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) vn.movepass.local.web.WebLoadTimesMain}.
 * The local runtime does not compress; CloudFront does (units.json 490 KB → 83 KB), so these are upper bounds.
 */
public final class WebLoadTimesMain {
    private static final String WAIT = """
            const [css, enabled, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
            const check = () => {
              const e = document.querySelector(css);
              if (e && (!enabled || !e.disabled)) done(performance.now()); else setTimeout(check, 5);
            };
            check();
            """;

    public static void main(String[] args) {
        String missing = Browser.missing();
        if (missing != null) {
            System.out.println("skipped: " + missing);
            return;
        }
        record Profile(String name, int latencyMs, long downKbps, long upKbps) {
        }
        var profiles = new Profile[] {new Profile("loopback", 0, 0, 0), new Profile("fast 3G (150 ms, 1.6 Mb/s)", 150, 1600, 750),
                new Profile("slow 3G (400 ms, 400 kb/s)", 400, 400, 400)};
        try (Site site = Site.start(); Browser browser = Browser.start()) {
            browser.driver.executeCdpCommand("Network.enable", Map.of());
            browser.driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            browser.driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
            browser.driver.get(site.url("/")); // warm the server
            System.out.printf("%-30s %14s %14s %14s%n", "network", "form shown", "units loaded", "checkpoint");
            for (Profile p : profiles) {
                var conditions = new ChromiumNetworkConditions();
                conditions.setLatency(Duration.ofMillis(p.latencyMs()));
                conditions.setDownloadThroughput(p.downKbps() == 0 ? -1 : (int) (p.downKbps() * 1000 / 8));
                conditions.setUploadThroughput(p.upKbps() == 0 ? -1 : (int) (p.upKbps() * 1000 / 8));
                if (p.latencyMs() == 0) {
                    browser.driver.deleteNetworkConditions();
                } else {
                    browser.driver.setNetworkConditions(conditions);
                }
                browser.driver.get(site.url("/"));
                JavascriptExecutor js = browser.driver;
                double form = ((Number) js.executeAsyncScript(WAIT, "#d-form button[type=submit]", false)).doubleValue();
                double units = ((Number) js.executeAsyncScript(WAIT, "#d-residence-province", true)).doubleValue();
                browser.driver.get(site.url("/checkpoint/"));
                double checkpoint = ((Number) js.executeAsyncScript(WAIT, "#signin:not([hidden]) #cp-token", false)).doubleValue();
                System.out.printf("%-30s %11.0f ms %11.0f ms %11.0f ms%n", p.name(), form, units, checkpoint);
            }
        }
    }
}

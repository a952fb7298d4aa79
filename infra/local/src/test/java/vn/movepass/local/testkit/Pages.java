package vn.movepass.local.testkit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The site and the Chromium of a class of page tests ({@code @RegisterExtension static final Pages PAGES = new Pages();}):
 * started once for the class and skipped, with a note, where Chromium or chromedriver is missing; before each test a
 * fresh visitor (the site's page, storage cleared, {@link Browser#PHONE_WIDTH}).
 */
public final class Pages implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private Site site;
    private Browser browser;

    public Site site() {
        return site;
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String missing = Browser.missing();
        if (missing != null) {
            System.err.println("note: web end-to-end tests skipped: " + missing);
        }
        Assumptions.assumeTrue(missing == null, () -> "web end-to-end tests skipped: " + missing);
        site = Site.start();
        browser = Browser.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser.driver.get(site.url("/"));
        browser.js("localStorage.clear(); sessionStorage.clear();");
        browser.width(Browser.PHONE_WIDTH);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (site != null) {
            site.close();
        }
    }
}

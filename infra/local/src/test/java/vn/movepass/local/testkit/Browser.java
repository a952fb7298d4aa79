package vn.movepass.local.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.movepass.shared.json.Json;

/**
 * A real headless Chromium driven through chromedriver (Debian's {@code chromium} and {@code chromium-driver},
 * or {@code MOVEPASS_CHROMIUM} / {@code MOVEPASS_CHROMEDRIVER}); Selenium Manager never downloads anything.
 */
public final class Browser implements AutoCloseable {
    public static final int PHONE_WIDTH = 360;
    public static final int DESKTOP_WIDTH = 1280;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    public final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why the browser cannot run here, or null when it can. */
    public static String missing() {
        if (!Files.isExecutable(chromium())) {
            return "no Chromium at " + chromium() + " (apt-get install chromium chromium-driver, or set MOVEPASS_CHROMIUM)";
        }
        if (!Files.isExecutable(chromedriver())) {
            return "no chromedriver at " + chromedriver() + " (apt-get install chromium-driver, or set MOVEPASS_CHROMEDRIVER)";
        }
        return null;
    }

    private static Path chromium() {
        return Path.of(System.getenv().getOrDefault("MOVEPASS_CHROMIUM", "/usr/bin/chromium"));
    }

    private static Path chromedriver() {
        return Path.of(System.getenv().getOrDefault("MOVEPASS_CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    public static Browser start() {
        try {
            Path profile = Files.createTempDirectory("movepass-chromium-");
            System.setProperty("webdriver.chrome.driver", chromedriver().toString());
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium().toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + PHONE_WIDTH + ",800",
                    "--lang=vi-VN", "--force-device-scale-factor=1",
                    // a camera that opens without asking (a test pattern: the tests feed what it would decode)
                    "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver().toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void width(int width) {
        driver.manage().window().setSize(new Dimension(width, 800));
    }

    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition);
    }

    public WebElement visible(String css) {
        return until(d -> {
            for (WebElement e : d.findElements(By.cssSelector(css))) {
                if (e.isDisplayed()) {
                    return e;
                }
            }
            return null;
        });
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The value of a promise-valued script expression (it may use arguments[0..]), or "error: …" when it rejects. */
    public Object executeAsync(String promise, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.resolve().then(() => " + promise + ").then(done, e => done('error: ' + e));", args);
    }

    /** Sets a date or datetime input as its picker would (typing into them depends on the browser's locale). */
    public void setValue(String css, String value) {
        js("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));", css,
                        value);
    }

    /** Writes target/screenshots/{name}-{width}.png of the whole page at that width. */
    public Path screenshot(String name, int width) {
        try {
            Files.createDirectories(SCREENSHOTS);
            driver.manage().window().setSize(new Dimension(width, 800));
            long height = ((Number) js("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")).longValue();
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 800), 8000)));
            js("window.scrollTo(0, 0)");
            Path file = SCREENSHOTS.resolve(name + "-" + width + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new Dimension(PHONE_WIDTH, 800));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void screenshots(String name) {
        screenshot(name, PHONE_WIDTH);
        screenshot(name, DESKTOP_WIDTH);
    }

    /** The text of the QR code shown by an element, read from the pixels the browser painted. */
    public String decodeQr(WebElement element) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
            return decodeQr(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String decodeQr(BufferedImage image) {
        try {
            var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no readable QR code in the image: " + e, e);
        }
    }

    /** Serious or critical axe-core violations on the current page, one line each (empty when none). */
    public List<String> accessibilityProblems() {
        try {
            String axe = Files.readString(Site.webRoot().resolve("vendor/axe-core/axe.min.js"), StandardCharsets.UTF_8);
            js(axe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object raw = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => n.target.join(' '))})))))
                  .catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));
                """);
        List<String> problems = new ArrayList<>();
        for (JsonNode v : Json.readTree((String) raw)) {
            String impact = v.path("impact").asText();
            if ("serious".equals(impact) || "critical".equals(impact)) {
                problems.add(impact + " " + v.path("id").asText() + ": " + v.path("help").asText() + " at " + v.path("nodes"));
            }
        }
        return problems;
    }

    /** Fails, naming the screen and each problem, when axe-core finds a serious or critical violation on the page. */
    public void assertAccessible(String screen) {
        List<String> problems = accessibilityProblems();
        if (!problems.isEmpty()) {
            throw new AssertionError("serious accessibility problems on " + screen + ": " + problems);
        }
    }

    public File file(Path path) {
        return path.toAbsolutePath().toFile();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp profile left behind is harmless
            }
        }
    }
}

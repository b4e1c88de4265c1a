package io.envmon.ingest.it;

import io.envmon.testkit.RequiredTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}, installed by {@code ./envmon test}). Missing, they fail the browser tests, unless
 * ENVMON_TEST_WITHOUT names {@code chromium}: then those tests are reported as skipped (docs/console.md).
 */
final class ConsoleBrowser implements AutoCloseable {

    /** Where the screenshots are kept as test output. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String WHAT = "the web console in a real browser (ConsoleBrowserIT)";

    final ChromeDriver driver;

    private ConsoleBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a headless chromium, or skips (opted out) or fails (missing) the calling test. */
    static ConsoleBrowser start() {
        Path chromium = RequiredTools.require("chromium", "ENVMON_CHROMIUM_BIN", "chromium", WHAT);
        Optional<Path> driverBinary = RequiredTools.find("chromedriver", "ENVMON_CHROMEDRIVER_BIN");
        if (driverBinary.isEmpty()) {
            // "chromium" in ENVMON_TEST_WITHOUT stands for its driver too
            Assumptions.assumeFalse(RequiredTools.optedOut("chromium"), "chromedriver is not installed and "
                    + RequiredTools.OPT_OUT_ENV + " opts out of chromium: " + WHAT + " NOT checked");
        }
        Path chromedriver = driverBinary.orElseGet(() -> RequiredTools.require("chromedriver",
                "ENVMON_CHROMEDRIVER_BIN", "chromium-driver", WHAT));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // root in a container has no user namespace for the sandbox; /dev/shm may be small
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1900", "--lang=zh-CN", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(20));
        return new ConsoleBrowser(driver);
    }

    /** Saves the page as {@code target/screenshots/NAME.png}; returns the file. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            driver.executeScript("window.scrollTo(0, 0)");
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fetch from the page with the signed-in token, as the console makes it: {@code "STATUS BODY"}. */
    String fetchFromPage(String path) {
        Object answer = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {headers: {Authorization: "Bearer " + sessionStorage.getItem("envmon.token")}})
                    .then(r => r.text().then(t => done(r.status + " " + t)))
                    .catch(e => done("error " + e));
                """, path);
        return String.valueOf(answer);
    }

    @Override
    public void close() {
        driver.quit();
    }
}

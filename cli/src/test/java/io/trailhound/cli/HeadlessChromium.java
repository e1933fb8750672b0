package io.trailhound.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver}
 * (or {@code CHROME_BIN} / {@code CHROMEDRIVER}). Where they are absent the tests are skipped with
 * a message; nothing is downloaded (Selenium Manager is never asked, the paths are given).
 */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /** Skips the calling test class unless a browser and its driver are installed. */
    static ChromeDriver start() {
        Path browser = find("CHROME_BIN", List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
        Path driver = find("CHROMEDRIVER", List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"));
        if (browser == null || driver == null) {
            String why = "browser tests skipped: no chromium and chromedriver found (apt-get install chromium chromium-driver, "
                    + "or set CHROME_BIN and CHROMEDRIVER)";
            // Surefire does not print a class-level assumption's message: say it on stderr too.
            System.err.println(why);
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--disable-default-apps", "--disable-component-update");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return d;
    }

    private static Path find(String env, List<String> candidates) {
        String given = System.getenv(env);
        if (given != null && !given.isBlank()) {
            return Files.isExecutable(Path.of(given)) ? Path.of(given) : null;
        }
        for (String c : candidates) {
            File f = new File(c);
            if (f.canExecute()) {
                return f.toPath();
            }
        }
        return null;
    }
}

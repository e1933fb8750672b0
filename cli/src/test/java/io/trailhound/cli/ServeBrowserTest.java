package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.web.WebServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code serve} in headless Chromium, over a generated organisation scanned into a store plus one
 * event whose user name and user agent are markup: alerts → alert (rule, chain graph) → timeline →
 * who; filters change the list; hostile fields show as text and run nothing; the posture page shows
 * the planted violations. One server and one browser for the class; a screenshot of every page
 * goes to {@code target/screenshots/} for a reviewer. Skipped where no chromium is installed.
 */
class ServeBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMG = "<img src=x onerror=alert(2)>";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String HOSTILE_KEY = "AKIAHOSTILE000000001";
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path tmp;
    static ChromeDriver browser;
    static WebServer server;
    static String base;
    static Path org;

    @BeforeAll
    static void storeServerAndBrowser() throws Exception {
        browser = HeadlessChromium.start();
        org = tmp.resolve("org");
        CliRun gen = CliRun.of("generate", "--out", org.toString(), "--events", "3000", "--accounts", "3", "--users", "6",
                "--days", "1", "--format", "json");
        assertThat(gen.exit()).as(gen.err()).isZero();
        String db = tmp.resolve("th.duckdb").toString();
        CliRun scan = CliRun.of("scan", org.resolve("logs").toString(), "--db", db, "--no-progress", "--format", "json");
        assertThat(scan.exit()).as(scan.err()).isZero();
        // An attacker who named an IAM user and set a user agent to markup, then stopped the trail.
        Path hostile = CloudTrailFiles.jsonLines(tmp.resolve("hostile.jsonl"), CloudTrailRecord.event("StopLogging")
                .source("cloudtrail.amazonaws.com").at("2026-10-31T12:00:00Z").account("111122223333")
                .iamUser(IMG, HOSTILE_KEY).userAgent(SCRIPT).request("name", "<svg onload=alert(3)>"));
        CliRun scan2 = CliRun.of("scan", hostile.toString(), "--db", db, "--no-progress", "--format", "json");
        assertThat(scan2.exit()).as(scan2.err()).isZero();
        server = WebServer.start(new WebServer.Options(db, "127.0.0.1", 0, null, org.resolve("posture"),
                RuleFormats.builtin().rules(), 0), msg -> System.err.println("serve: " + msg));
        base = server.url(null);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void alertThenChainThenTimelineThenWho() throws Exception {
        // an alert whose origin came through at least one role
        JsonNode page = api("alerts?limit=100");
        String id = null;
        JsonNode alert = null;
        for (int i = 0; i < page.get("alerts").size(); i++) {
            JsonNode a = page.get("alerts").get(i);
            if (a.path("origin").path("via").size() > 0) {
                id = page.get("ids").get(i).asText();
                alert = a;
                break;
            }
        }
        assertThat(id).as("an alert through an assumed role").isNotNull();
        String origin = alert.path("origin").has("arn") ? alert.path("origin").path("arn").asText()
                : alert.path("origin").path("name").asText();

        open("#/alerts", "alerts");
        assertThat(browser.findElements(By.cssSelector("tr.alert-row"))).hasSize(page.get("total").asInt());
        shot("alerts");
        click(By.cssSelector("tr.alert-row[data-id='" + id.replace("'", "\\'") + "']"), "alert");
        assertThat(text(By.tagName("h1"))).isEqualTo(alert.get("rule").asText());
        assertThat(text(By.id("rule-description"))).isNotBlank().isNotEqualTo("\u2014");
        assertThat(text(By.id("mitre"))).contains("T1");
        assertThat(browser.findElement(By.id("rule-file")).getText()).startsWith("builtin:aws_cloudtrail_builtin.yaml:");
        assertThat(browser.findElements(By.cssSelector("#chain g.chain-origin"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#chain g.chain-hop"))).hasSizeGreaterThanOrEqualTo(1);
        assertThat(browser.findElements(By.cssSelector("#chain g.chain-action"))).hasSize(1);
        assertThat(text(By.id("chain"))).contains("origin: " + origin).contains("confidence: " + alert.path("origin").path("confidence").asText())
                .contains("role ");
        browser.findElement(By.cssSelector("#event-json summary")).click();
        assertThat(text(By.cssSelector("#event-json pre"))).contains(alert.get("eventID").asText());
        shot("alert");

        click(By.linkText("Timeline of " + origin), "timeline");
        assertThat(text(By.id("timeline-summary"))).contains("events by " + origin);
        assertThat(browser.findElements(By.cssSelector("#activity rect.bar"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#activity path.alert"))).as("the alert marked on the chart").isNotEmpty();
        shot("timeline");

        WebElement key = browser.findElement(By.cssSelector("a[href^='#/who?q=ASIA']"));
        String keyId = key.getText();
        click(key, "who");
        assertThat(browser.findElement(By.id("who-q")).getAttribute("value")).isEqualTo(keyId);
        assertThat(text(By.id("who-origin"))).isEqualTo(origin);
        assertThat(browser.findElements(By.cssSelector("#chain g.chain-hop"))).isNotEmpty();
        shot("who");
    }

    @Test
    void filtersChangeTheList() throws Exception {
        open("#/alerts", "alerts");
        int all = browser.findElements(By.cssSelector("tr.alert-row")).size();
        long critical = api("alerts?severity=critical").get("total").asLong();
        assertThat(critical).isPositive().isLessThan(all);

        browser.findElement(By.cssSelector("#f-severity input[value='critical']")).click();
        click(By.id("f-apply"), "alerts");
        List<WebElement> rows = browser.findElements(By.cssSelector("tr.alert-row"));
        assertThat(rows).hasSize((int) critical);
        for (WebElement r : rows) {
            assertThat(r.findElement(By.cssSelector("span.sev")).getText()).isEqualTo("critical");
        }
        assertThat(browser.getCurrentUrl()).contains("severity=critical");
        shot("alerts-critical");

        // a rule from the counts, then free text that matches only the hostile event's alert
        open("#/alerts", "alerts");
        WebElement rule = browser.findElement(By.cssSelector("#by-rule li a"));
        String name = rule.getText();
        click(rule, "alerts");
        for (WebElement r : browser.findElements(By.cssSelector("tr.alert-row"))) {
            assertThat(r.findElements(By.tagName("td")).get(2).getText()).isEqualTo(name);
        }
        open("#/alerts", "alerts");
        browser.findElement(By.id("f-q")).sendKeys("onerror");
        click(By.id("f-apply"), "alerts");
        assertThat(browser.findElements(By.cssSelector("tr.alert-row"))).hasSize(1);
        assertThat(text(By.id("alert-total"))).isEqualTo("1\u20131 of 1 alerts");
    }

    @Test
    void markupInLogFieldsIsShownAsTextAndRunsNothing() throws Exception {
        open("#/alerts?q=onerror", "alerts");
        WebElement row = browser.findElement(By.cssSelector("tr.alert-row"));
        assertThat(row.getText()).contains("arn:aws:iam::111122223333:user/" + IMG);
        assertNothingRan();
        click(row, "alert");
        assertThat(text(By.id("alert-output"))).contains("user/" + IMG);
        assertThat(text(By.id("chain"))).contains(IMG);
        browser.findElement(By.cssSelector("#event-json summary")).click();
        assertThat(text(By.cssSelector("#event-json pre"))).contains(SCRIPT).contains("<svg onload=alert(3)>");
        assertNothingRan();
        shot("hostile-alert");

        open("#/timeline?origin=" + URLEncoder.encode("arn:aws:iam::111122223333:user/" + IMG, StandardCharsets.UTF_8), "timeline");
        assertThat(text(By.cssSelector("td.ua"))).isEqualTo(SCRIPT);
        assertNothingRan();
        shot("hostile-timeline");

        open("#/who?q=" + HOSTILE_KEY, "who");
        assertThat(text(By.id("who-origin"))).isEqualTo("arn:aws:iam::111122223333:user/" + IMG);
        assertNothingRan();
    }

    @Test
    void postureShowsThePlantedViolations() throws Exception {
        Map<String, String> auditId = Map.of("console-user-without-mfa", "console-without-mfa",
                "access-key-created-with-user", "key-at-user-creation", "two-active-access-keys", "two-active-keys",
                "access-key-not-rotated-90d", "key-not-rotated", "credentials-unused-90d", "credentials-unused",
                "root-access-key-present", "root-access-key",
                "role-trust-without-session-name-or-source-identity", "role-session-name-not-pinned",
                "weak-password-policy", "password-policy-weak");
        open("#/posture", "posture");
        Set<String> shown = new HashSet<>();
        for (WebElement r : browser.findElements(By.cssSelector("tr[data-finding]"))) {
            List<WebElement> td = r.findElements(By.tagName("td"));
            shown.add(td.get(0).getText() + " " + td.get(1).getText());
        }
        JsonNode truth = JSON.readTree(org.resolve("ground-truth.json").toFile());
        assertThat(truth.path("posture").size()).isPositive();
        for (JsonNode planted : truth.path("posture")) {
            String check = auditId.get(planted.path("check").asText());
            assertThat(check).as(planted.path("check").asText()).isNotNull();
            assertThat(shown).as("planted " + planted).contains(check + " " + planted.path("account").asText());
            WebElement summary = browser.findElement(By.cssSelector("tr[data-check='" + check + "']"));
            assertThat(Long.parseLong(summary.findElements(By.tagName("td")).get(2).getText().replace(",", ""))).isPositive();
        }
        shot("posture");
        open("#/rules", "rules");
        assertThat(browser.findElements(By.cssSelector("tr[data-rule]"))).hasSize(RuleFormats.builtin().rules().size());
        shot("rules");
        open("#/ingest", "ingest");
        assertThat(text(By.id("last-run"))).contains("1 files, 1 records");
        shot("ingest");
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode api(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "api/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Goes to {@code hash} and waits for {@code page} to finish rendering. */
    private static void open(String hash, String page) {
        browser.get(base + hash);
        browser.navigate().refresh();
        waitFor(page);
    }

    private static void click(By by, String page) {
        click(browser.findElement(by), page);
    }

    private static void click(WebElement e, String page) {
        browser.executeScript("document.getElementById('main').setAttribute('data-ready', 'stale')");
        e.click();
        waitFor(page);
    }

    private static void waitFor(String page) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            WebElement main = d.findElement(By.id("main"));
            return page.equals(main.getAttribute("data-page")) && "true".equals(main.getAttribute("data-ready"));
        });
        assertThat(browser.findElements(By.cssSelector("#main > p.error"))).as("no error on " + page).isEmpty();
    }

    private static String text(By by) {
        return browser.findElement(by).getText();
    }

    /** No dialog opened, no element the payloads would make, and only the UI's own two scripts. */
    private static void assertNothingRan() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("a dialog opened: a payload ran");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        assertThat(browser.findElements(By.cssSelector("main img, main script, main iframe, svg script, main svg svg"))).isEmpty();
        assertThat(browser.findElements(By.tagName("script"))).hasSize(2);
        assertThat(browser.executeScript("return document.querySelectorAll('[onerror],[onload]').length")).isEqualTo(0L);
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}

package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser (Debian's chromium, headless) against the real jar: a release
 * manager starts a gated run and watches it reach the gate without reloading, is offered no
 * approve button on her own run (four eyes), an approver approves from a second browser, and
 * her page shows the run finish. Screenshots of each stage go to target/screenshots.
 */
class WebUiIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern SERVING = Pattern.compile("runway: serving on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Duration LIVE = Duration.ofSeconds(30);
    private static final String RUNBOOK = """
            ---
            approvals:
              production: { roles: [approver], count: 1, not_initiator: true }
            ---
            # Web release

            ## Build

            ### Build

            ```bash
            echo compiling
            sleep 2
            echo built
            ```

            ## Production

            ### Approve

            ```runway
            gate: production
            ```

            ### Deploy

            ```bash
            echo deployed
            ```
            """;

    @TempDir Path dir;
    RunwayProcess.Background server;
    final List<WebDriver> browsers = new ArrayList<>();
    final List<ChromeDriverService> services = new ArrayList<>();
    Path screenshots;

    @BeforeAll
    static void browserIsInstalled() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("WebUiIT needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver (.ci/run installs them)")
                .isTrue();
    }

    @AfterEach
    void tearDown() {
        browsers.forEach(WebDriver::quit);
        services.forEach(ChromeDriverService::stop);
        if (server != null) server.kill();
    }

    private WebDriver browser(String name) throws Exception {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        services.add(service);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + Files.createDirectories(dir.resolve("chrome-" + name)));
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    private void screenshot(WebDriver browser, String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void signIn(WebDriver browser, String base, String name, String password) {
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/ui/sign-in");
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector(".sign-in button[type=submit]")).click();
        new WebDriverWait(browser, LIVE).until(ExpectedConditions.urlToBe(base + "/"));
    }

    private static WebDriverWait waiting(WebDriver browser) {
        return new WebDriverWait(browser, LIVE);
    }

    @Test
    void a_gated_run_started_in_one_browser_is_approved_in_another_and_both_pages_follow_it_live() throws Exception {
        screenshots = Files.createDirectories(Path.of(System.getProperty("runway.repo", "."), "target", "screenshots"));
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve("web-release.md"), RUNBOOK);
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        for (String[] user : new String[][] {{"alice", "release-manager"}, {"bob", "approver"}}) {
            RunwayProcess.Result added = runway.runWithInput(user[0] + "-password\n", "user", "add", user[0], "--role", user[1], "--password-stdin");
            assertThat(added.exit()).as(added.toString()).isZero();
        }
        server = runway.start("serve", "--port", "0", "--runbooks", runbooks.toString());
        String[] base = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Matcher m = SERVING.matcher(server.stdoutSoFar());
            assertThat(server.isAlive()).as("serve runs; stderr: " + server.stderrSoFar()).isTrue();
            if (m.find()) base[0] = m.group(1);
            return base[0] != null;
        });

        WebDriver alice = browser("alice");
        signIn(alice, base[0], "alice", "alice-password");
        screenshot(alice, "01-alice-runs");
        alice.findElement(By.id("start-button")).click();
        waiting(alice).until(ExpectedConditions.urlMatches("/ui/runs/[0-9]{8}-[0-9]{6}-[a-z0-9]{6}$"));
        String runUrl = alice.getCurrentUrl();
        // Set once on this page load: still there at the end means the page never reloaded.
        ((JavascriptExecutor) alice).executeScript("window.sameLoad = true;");
        waiting(alice).until(ExpectedConditions.textToBe(By.cssSelector("#steps tr[data-step=build] .badge"), "running"));
        screenshot(alice, "02-alice-building");

        waiting(alice).until(ExpectedConditions.textToBe(By.id("attention-title"), "Waiting for approval"));
        assertThat(alice.findElement(By.id("run-status")).getText()).isEqualTo("waiting");
        assertThat(alice.findElements(By.cssSelector("button[data-action=approve]"))).as("four eyes: no approve button for the initiator").isEmpty();
        assertThat(alice.findElement(By.id("attention-why")).getText())
                .isEqualTo("alice started this run and gate \"production\" needs someone else to approve (four eyes)");
        assertThat(alice.findElements(By.cssSelector("button[data-action=reject]"))).as("she may withdraw it").hasSize(1);
        assertThat(alice.findElement(By.id("output")).getText()).contains("built");
        screenshot(alice, "03-alice-at-the-gate");

        WebDriver bob = browser("bob");
        signIn(bob, base[0], "bob", "bob-password");
        assertThat(bob.findElements(By.id("start-form"))).as("an approver starts no runs").isEmpty();
        bob.get(runUrl);
        WebElement approve = waiting(bob).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-action=approve]")));
        bob.findElement(By.id("comment")).sendKeys("ship it");
        screenshot(bob, "04-bob-at-the-gate");
        approve.click();

        waiting(alice).until(ExpectedConditions.textToBe(By.id("run-status"), "succeeded"));
        waiting(alice).until(ExpectedConditions.textToBe(By.id("live"), "finished"));
        assertThat(((JavascriptExecutor) alice).executeScript("return window.sameLoad === true")).as("followed live, never reloaded").isEqualTo(true);
        assertThat(alice.findElement(By.cssSelector("#steps tr[data-step=approve]")).getText()).contains("approved by bob");
        assertThat(alice.findElement(By.id("attention")).isDisplayed()).isFalse();
        screenshot(alice, "05-alice-finished");
        waiting(bob).until(ExpectedConditions.textToBe(By.id("run-status"), "succeeded"));
        screenshot(bob, "06-bob-finished");

        alice.findElement(By.linkText("Executed runbook")).click();
        waiting(alice).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.report")));
        assertThat(alice.findElement(By.cssSelector("article.report")).getText()).contains("Web release").contains("bob");
        screenshot(alice, "07-alice-report");
    }
}

package io.khabar.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.RawArticle;
import io.khabar.testpipeline.LocalPipeline;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web view in a real browser (Debian's headless Chromium through its chromedriver) over a real pipeline: an
 * embedded broker, khabar's enrich app and the serve app, fed with the seed article, some real articles (when
 * ../shared/real-news is there) and articles whose titles carry markup. Screenshots go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final int REAL_ARTICLES = 40;

    LocalPipeline pipeline;
    ServeApp serve;
    ChromeDriver browser;
    Path stateDir;
    Path profile;
    String base;
    EnrichedArticle seed;
    /** Imran Khan's entity key, as the record gives it. */
    String imran;

    EnrichedArticle scripted;
    EnrichedArticle imageTitle;
    final List<EnrichedArticle> all = new ArrayList<>();
    boolean realNews;

    @BeforeAll
    void start() throws Exception {
        boolean browserThere = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browserThere) {
            System.out.println("ServeBrowserIT skipped: no " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        Assumptions.assumeTrue(browserThere, "no headless Chromium at " + CHROMIUM + " with " + CHROMEDRIVER);
        pipeline = LocalPipeline.start();
        stateDir = Files.createTempDirectory("khabar-serve-it-");
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        serve = ServeApp.start(
                ServeApp.streamsConfig(pipeline.bootstrapServers(), overrides),
                new InetSocketAddress("127.0.0.1", 0),
                null,
                4,
                1000);
        assertThat(serve.awaitRunning(Duration.ofMinutes(2))).isTrue();
        base = serve.url();

        Path seedFile;
        try (Stream<Path> s = Files.list(Path.of("../seeds"))) {
            seedFile = s.filter(p -> p.toString().endsWith(".txt"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        seed = publish(seedFile, "https://www.dawnnews.tv/news/seed", Instant.parse("2021-09-14T09:00:00Z"));
        imran = seed.entities().stream()
                .filter(e -> "Q193625".equals(e.wikidataId()))
                .findFirst()
                .orElseThrow()
                .key();
        scripted = enrich(RawArticle.of(
                "test:script",
                "https://evil.example/a",
                "<script>window.__khabarPwned = 1; alert(1)</script> عمران خان کا بیان",
                "وزیر اعظم عمران خان نے کہا <script>window.__khabarPwned = 2</script> کہ بات چیت جاری ہے۔",
                "ur",
                Instant.parse("2021-09-14T10:00:00Z"),
                Instant.now(),
                Map.of()));
        imageTitle = enrich(RawArticle.of(
                "test:img",
                "https://evil.example/b",
                "<img src=x onerror=\"window.__khabarPwned = 3\"> لاہور میں بارش \"><svg onload=alert(4)>",
                "لاہور میں بارش ہوئی۔ <a href=\"javascript:alert(5)\">link</a> <style>body{display:none}</style>",
                "ur",
                Instant.parse("2021-09-14T11:00:00Z"),
                Instant.now(),
                Map.of()));
        Path real = Path.of("/work/shared/real-news/articles");
        if (!Files.isDirectory(real)) {
            real = Path.of("../../shared/real-news/articles");
        }
        realNews = Files.isDirectory(real);
        if (realNews) {
            List<Path> files;
            try (Stream<Path> s = Files.list(real)) {
                files = s.filter(p -> p.toString().endsWith(".txt"))
                        .sorted()
                        .limit(REAL_ARTICLES)
                        .toList();
            }
            int i = 0;
            for (Path f : files) {
                publish(f, null, Instant.parse("2021-09-01T00:00:00Z").plus(Duration.ofHours(7L * i++)));
            }
        } else {
            System.out.println(
                    "ServeBrowserIT: ../shared/real-news/articles is absent; only the seed and the markup articles are used");
        }
        ViewQueries q = serve.queries();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> all.stream().allMatch(a -> q.article(a.id()).isPresent())
                        && q.entity(imran).map(e -> e.articles()).orElse(0L)
                                == all.stream()
                                        .filter(a -> mentions(a, "Q193625"))
                                        .count());

        profile = Files.createTempDirectory("khabar-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1100,900",
                "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (serve != null) {
            serve.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        for (Path dir : new Path[] {stateDir, profile}) {
            if (dir != null) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(java.util.Comparator.reverseOrder())
                            .map(Path::toFile)
                            .forEach(File::delete);
                }
            }
        }
    }

    private EnrichedArticle publish(Path file, String url, Instant published) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8)
                .replace("\r\n", "\n")
                .strip();
        int cut = text.indexOf("\n\n");
        String title = cut < 0 ? text : text.substring(0, cut).strip();
        String body = cut < 0 ? "" : text.substring(cut + 2).strip();
        return enrich(RawArticle.of(
                "file:" + file.getFileName(),
                url,
                title,
                body,
                "ur",
                published,
                Instant.now(),
                Map.of(),
                url == null ? "real-news sample" : null));
    }

    private EnrichedArticle enrich(RawArticle raw) {
        pipeline.publish(raw);
        EnrichedArticle e = pipeline.awaitEnriched(raw);
        all.add(e);
        return e;
    }

    private static boolean mentions(EnrichedArticle a, String wikidataId) {
        return a.entities().stream().anyMatch(e -> wikidataId.equals(e.wikidataId()));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void open(String pathAndQuery) {
        browser.get(base + pathAndQuery.substring(1));
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** For each highlight in the element: field, DOM text offset, length, text, title and link. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> highlights(String elementId) {
        return (List<Map<String, Object>>) js("""
                const root = document.getElementById(arguments[0]);
                return Array.from(root.querySelectorAll('a.ent')).map(a => {
                  const r = document.createRange();
                  r.setStart(root, 0);
                  r.setEndBefore(a);
                  return {start: r.toString().length, length: a.textContent.length, text: a.textContent,
                          title: a.title, href: a.getAttribute('href'), cls: a.className,
                          dataStart: Number(a.dataset.start)};
                });""", elementId);
    }

    @Test
    void articlePageShowsEveryEntityHighlightedWhereTheRecordPutsIt() throws IOException {
        open("/article?id=" + Html.param(seed.id()));
        assertThat(browser.findElement(By.id("body")).getAttribute("textContent"))
                .isEqualTo(seed.body());
        assertThat(browser.findElement(By.id("title")).getAttribute("textContent"))
                .isEqualTo(seed.title());
        WebElement article = browser.findElement(By.tagName("article"));
        assertThat(article.getAttribute("dir")).isEqualTo("rtl");
        assertThat(article.getAttribute("lang")).isEqualTo("ur");
        assertThat(article.getCssValue("direction")).isEqualTo("rtl");

        for (String field : List.of(Entity.BODY, Entity.TITLE)) {
            List<Map<String, Object>> shown = highlights(Entity.BODY.equals(field) ? "body" : "title");
            List<Entity> expected = seed.mentions().stream()
                    .filter(e -> field.equals(e.field()))
                    .toList();
            assertThat(shown).as("highlights in the %s", field).isNotEmpty();
            // every highlight stands at a record mention's offsets, and shows that mention's text
            for (Map<String, Object> h : shown) {
                int start = ((Number) h.get("start")).intValue();
                int length = ((Number) h.get("length")).intValue();
                Entity e = expected.stream()
                        .filter(m -> m.start() == start && m.end() == start + length)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(
                                "highlight '" + h.get("text") + "' at " + start + " matches no mention of the record"));
                assertThat(h.get("text")).isEqualTo(e.text());
                assertThat(((Number) h.get("dataStart")).intValue()).isEqualTo(start);
                assertThat((String) h.get("cls"))
                        .contains("t-" + e.type().name().toLowerCase());
                if (e.canonicalName() != null) {
                    assertThat((String) h.get("title")).startsWith(e.canonicalName());
                }
            }
            // and every record mention is highlighted (none overlap in the seed)
            assertThat(shown).hasSameSizeAs(expected);
        }
        Map<String, Object> imranShown = highlights("body").stream()
                .filter(h -> h.get("href").equals("/entity?key=" + Html.param(imran)))
                .findFirst()
                .orElseThrow();
        assertThat((String) imranShown.get("title")).startsWith("Imran Khan");
        assertThat(browser.findElement(By.cssSelector("ul.legend")).getText()).contains("person", "location");
        // the page's Urdu font: Nastaliq when installed, else the stack's next face
        assertThat(article.getCssValue("font-family")).contains("Noto Nastaliq Urdu");
        screenshot("article");
    }

    @Test
    void entityPageListsTheArticlesThatMentionIt() throws IOException {
        open("/entity?key=" + Html.param(imran));
        Set<String> expected = all.stream()
                .filter(a -> mentions(a, "Q193625"))
                .map(EnrichedArticle::id)
                .collect(Collectors.toSet());
        assertThat(expected).contains(seed.id(), scripted.id());
        List<String> listed = browser.findElements(By.cssSelector("#entity-articles li")).stream()
                .map(li -> li.getAttribute("data-id"))
                .toList();
        assertThat(listed)
                .containsExactlyInAnyOrderElementsOf(
                        expected.size() <= Pages.ENTITY_PAGE
                                ? expected
                                : listed.stream().filter(expected::contains).toList());
        assertThat(browser.findElement(By.cssSelector("h1 .canonical")).getText())
                .isEqualTo("Imran Khan");
        assertThat(browser.findElement(By.cssSelector("a[href='https://www.wikidata.org/wiki/Q193625']")))
                .isNotNull();
        assertThat(browser.findElements(By.cssSelector(".chart svg rect.bar"))).hasSize(30);
        screenshot("entity");

        browser.findElement(By.cssSelector("#entity-articles li[data-id='" + seed.id() + "'] a.headline"))
                .click();
        assertThat(browser.getCurrentUrl()).contains("/article?id=");
        assertThat(browser.findElement(By.id("title")).getAttribute("textContent"))
                .isEqualTo(seed.title());
    }

    @Test
    void markupInTitlesAndBodiesIsShownAsTextAndNeverRuns() throws IOException {
        for (String page : List.of(
                "/",
                "/article?id=" + Html.param(scripted.id()),
                "/article?id=" + Html.param(imageTitle.id()),
                "/entity?key=" + Html.param(imran),
                "/search?q=" + Html.param("<script>alert(1)</script>"))) {
            open(page);
            assertThat(js("return typeof window.__khabarPwned")).as(page).isEqualTo("undefined");
            assertThat(browser.findElements(By.cssSelector("main img, main script, main svg[onload], main style")))
                    .as(page)
                    .isEmpty();
            assertThat(alertShown()).as(page).isFalse();
        }
        open("/article?id=" + Html.param(scripted.id()));
        assertThat(browser.findElement(By.id("title")).getAttribute("textContent"))
                .isEqualTo(scripted.title())
                .contains("<script>");
        open("/article?id=" + Html.param(imageTitle.id()));
        assertThat(browser.findElement(By.id("title")).getAttribute("textContent"))
                .isEqualTo(imageTitle.title());
        assertThat(browser.findElements(By.cssSelector("a[href^='javascript']")))
                .isEmpty();
        assertThat(browser.findElement(By.tagName("body")).isDisplayed()).isTrue();
        screenshot("markup");
    }

    @Test
    void responsesCarryARestrictiveContentSecurityPolicy() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(ServeHttpServer.CSP);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(ServeHttpServer.CSP).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
    }

    @Test
    void latestPageUpdatesItselfWhenAnArticleArrives() throws IOException {
        open("/");
        assertThat(browser.findElements(By.cssSelector("#latest li"))).hasSizeGreaterThanOrEqualTo(3);
        screenshot("latest");
        EnrichedArticle fresh = enrich(RawArticle.of(
                "test:live",
                null,
                "کراچی میں نئی خبر",
                "کراچی میں آج بارش ہوئی۔",
                "ur",
                Instant.parse("2021-09-15T12:00:00Z"),
                Instant.now(),
                Map.of(),
                "live test"));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !browser.findElements(By.cssSelector("#latest li[data-id='" + fresh.id() + "']"))
                        .isEmpty());
        WebElement li = browser.findElement(By.cssSelector("#latest li[data-id='" + fresh.id() + "']"));
        assertThat(li.findElement(By.cssSelector("a.headline")).getText()).isEqualTo("کراچی میں نئی خبر");
        assertThat(li.findElement(By.cssSelector(".outlet")).getText()).isEqualTo("live test");
    }

    @Test
    void searchFindsAnEntityByItsUrduOrLatinNameAndTrendingListsIt() throws IOException {
        open("/search?q=" + Html.param("عمران"));
        assertThat(browser.findElements(By.cssSelector("#results a.ent")).stream()
                        .map(a -> a.getAttribute("href")))
                .anyMatch(h -> h.endsWith("/entity?key=" + Html.param(imran)));
        open("/search?q=imran");
        assertThat(browser.findElements(By.cssSelector("#results a.ent")).stream()
                        .map(a -> a.getAttribute("href")))
                .anyMatch(h -> h.endsWith("/entity?key=" + Html.param(imran)));
        open("/trending?period=" + Html.param("30 days"));
        assertThat(browser.findElements(By.cssSelector(".trends a.ent")).stream()
                        .map(a -> a.getAttribute("href")))
                .anyMatch(h -> h.endsWith("/entity?key=" + Html.param(imran)));
        screenshot("trending");
    }

    private boolean alertShown() {
        try {
            browser.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }
}

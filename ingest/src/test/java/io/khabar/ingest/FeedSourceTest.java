package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.RawArticle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeds from a local web server: mapping, pages, 304, time-outs, errors, malformed feeds, robots.txt. */
class FeedSourceTest {

    private final TestWebServer web;
    private final CollectingListener listener = new CollectingListener();
    private final Clock clock = Clock.fixed(Instant.parse("2021-09-21T13:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    FeedSourceTest() throws Exception {
        web = new TestWebServer();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private HttpFetcher fetcher(Duration timeout) {
        return new HttpFetcher(
                Duration.ofSeconds(2), timeout, Duration.ZERO, 1 << 20, true); // the test server is on loopback
    }

    private FeedSource feeds(HttpFetcher http, String... feeds) {
        return new FeedSource(List.of(feeds), http, Duration.ZERO, false, 16 << 20, clock);
    }

    @Test
    void shouldMapUrduItemsFetchPagesWithoutTextAndHonourRobots() {
        String base = web.url("");
        web.text("/feed.xml", "application/rss+xml", WebFixtures.urduRss(base))
                .text("/news/3", "text/html; charset=utf-8", WebFixtures.urduPage(base))
                .text("/private/4", "text/html", WebFixtures.urduPage(base))
                .text("/robots.txt", "text/plain", WebFixtures.ROBOTS);

        feeds(fetcher(Duration.ofSeconds(5)), web.url("/feed.xml")).readAll(listener);

        String source = "rss:" + web.url("/feed.xml");
        assertThat(listener.articles)
                .containsExactly(
                        RawArticle.of(
                                source,
                                base + "/news/1",
                                "کراچی میں بارش",
                                "شہر میں تیز بارش ہوئی۔\n\nسڑکیں زیر آب آ گئیں۔",
                                "ur",
                                Instant.parse("2021-09-21T10:00:00Z"),
                                clock.instant(),
                                Map.of(
                                        "guid",
                                        "khabar-1",
                                        "author",
                                        "نامہ نگار",
                                        "categories",
                                        List.of("موسم"),
                                        "feedTitle",
                                        "خبریں")),
                        RawArticle.of(
                                source,
                                base + "/news/2",
                                "لاہور میں جلسہ",
                                "مینار پاکستان پر جلسہ ہوا۔",
                                "ur",
                                Instant.parse("2021-09-21T11:00:00Z"),
                                clock.instant(),
                                Map.of("feedTitle", "خبریں")),
                        RawArticle.of(
                                source,
                                base + "/news/3",
                                "اسلام آباد کی خبر",
                                "وفاقی کابینہ کا اجلاس ہوا۔\n\nاجلاس میں اہم فیصلے کیے گئے۔",
                                "ur",
                                Instant.parse("2021-09-21T07:00:00Z"),
                                clock.instant(),
                                Map.of("feedTitle", "خبریں")));
        assertThat(listener.rejections).containsExactly(base + "/private/4:robots-disallowed");
        assertThat(web.requests).doesNotContain("/private/4").contains("/robots.txt", "/news/3");
    }

    @Test
    void shouldMapAtomEntriesFromAFile() throws Exception {
        Path file = dir.resolve("atom.xml");
        Files.writeString(file, WebFixtures.urduAtom());

        feeds(fetcher(Duration.ofSeconds(5)), file.toString()).readAll(listener);

        assertThat(listener.articles)
                .singleElement()
                .isEqualTo(RawArticle.of(
                        "atom:" + file,
                        null, // a relative link in a file feed is no web address (#13)
                        "پشاور میں زلزلہ",
                        "زلزلے کے جھٹکے محسوس کیے گئے۔",
                        "ur",
                        Instant.parse("2021-09-21T09:00:00Z"),
                        clock.instant(),
                        Map.of("guid", "urn:khabar:atom:1", "author", "ادارہ", "feedTitle", "اٹم خبریں")));
    }

    @Test
    void shouldAskConditionallyAndPublishNothingOn304() {
        String base = web.url("");
        web.route("/feed.xml", ex -> {
                    if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                        ex.sendResponseHeaders(304, -1);
                        return;
                    }
                    ex.getResponseHeaders().set("ETag", "\"v1\"");
                    TestWebServer.send(ex, 200, "application/rss+xml", WebFixtures.urduRss(base));
                })
                .text("/robots.txt", "text/plain", WebFixtures.ROBOTS)
                .text("/news/3", "text/html", WebFixtures.urduPage(base));
        FeedSource source = feeds(fetcher(Duration.ofSeconds(5)), web.url("/feed.xml"));

        source.readAll(listener);
        source.readAll(listener);

        assertThat(listener.articles).hasSize(3);
        assertThat(web.requests)
                .filteredOn(r -> r.startsWith("/feed.xml"))
                .containsExactly("/feed.xml", "/feed.xml If-None-Match=\"v1\"");
    }

    @Test
    void shouldPollUntilStopped() throws Exception {
        String base = web.url("");
        web.route("/feed.xml", ex -> {
                    if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                        ex.sendResponseHeaders(304, -1);
                        return;
                    }
                    ex.getResponseHeaders().set("ETag", "\"v1\"");
                    TestWebServer.send(ex, 200, "application/rss+xml", WebFixtures.urduRss(base));
                })
                .text("/robots.txt", "text/plain", WebFixtures.ROBOTS)
                .text("/news/3", "text/html", WebFixtures.urduPage(base));
        FeedSource source = new FeedSource(
                List.of(web.url("/feed.xml")),
                fetcher(Duration.ofSeconds(5)),
                Duration.ofMillis(50),
                false,
                16 << 20,
                clock);
        Thread poller = new Thread(() -> source.readAll(listener));
        poller.start();

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> web.requests.stream()
                                .filter(r -> r.startsWith("/feed.xml If-None-Match"))
                                .count()
                        >= 2);
        source.stop();
        poller.join(10_000);

        assertThat(poller.isAlive()).isFalse();
        assertThat(listener.articles).hasSize(3);
        assertThat(listener.rejections).containsExactly(base + "/private/4:robots-disallowed");
    }

    @Test
    void shouldFetchNoPageFromASiteWhoseRobotsTxtFails() {
        web.route("/robots.txt", ex -> TestWebServer.send(ex, 503, "text/plain", "busy"))
                .text("/news/3", "text/html", WebFixtures.urduPage(web.url("")));

        new PageSource(List.of(web.url("/news/3")), new ArticlePages(fetcher(Duration.ofSeconds(5))), clock)
                .readAll(listener);

        assertThat(listener.rejections).containsExactly(web.url("/news/3") + ":fetch-failed");
        assertThat(listener.messages.get(0)).contains("robots.txt answered HTTP 503");
        assertThat(web.requests).containsExactly("/robots.txt");
    }

    @Test
    void shouldRejectASlowServerA500AndAMalformedFeedByUrl() {
        web.route("/slow.xml", ex -> {
                    try {
                        Thread.sleep(15_000); // far past the fetcher's time-out below
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    TestWebServer.send(ex, 200, "application/rss+xml", WebFixtures.urduRss(""));
                })
                .text("/broken.xml", "application/rss+xml", "<rss><channel><title>ٹوٹی</title><item>")
                .route("/error.xml", ex -> TestWebServer.send(ex, 500, "text/plain", "oops"));

        // 2 s, not less: the fast answers (the 500, the broken feed) must not time out on a slow, loaded CI machine
        feeds(fetcher(Duration.ofSeconds(2)), web.url("/slow.xml"), web.url("/error.xml"), web.url("/broken.xml"))
                .readAll(listener);

        assertThat(listener.articles).isEmpty();
        assertThat(listener.rejections)
                .containsExactly(
                        web.url("/slow.xml") + ":fetch-failed",
                        web.url("/error.xml") + ":fetch-failed",
                        web.url("/broken.xml") + ":unparseable");
        assertThat(listener.messages.get(0)).contains("timed out");
        assertThat(listener.messages.get(1)).contains("HTTP 500");
    }
}

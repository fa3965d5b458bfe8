package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.RawArticle;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile-input suite, feeds and pages over a local HTTP server (issue #13): schemes other than http(s), SSRF to
 * loopback, private, link-local, metadata and other non-public addresses (IPv4 and IPv6, names resolving to them),
 * checked after DNS resolution and on every redirect, redirect loops, a page claiming another site's URL. Each bad
 * item or URL is refused with its reason; the good ones around it still arrive; nothing throws out of ingest.
 */
class HostileFeedsTest {

    private final TestWebServer web;
    private final CollectingListener listener = new CollectingListener();
    private final Clock clock = Clock.fixed(Instant.parse("2021-09-21T13:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    HostileFeedsTest() throws Exception {
        web = new TestWebServer();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    /** The default policy, except that the test server's own address (127.0.0.1) counts as public. */
    private static HttpFetcher serverIsPublic() {
        return new HttpFetcher(
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ZERO,
                1 << 20,
                false,
                a -> a.getHostAddress().equals("127.0.0.1") ? null : AddressPolicy.blockedReason(a));
    }

    private static HttpFetcher defaults() {
        return new HttpFetcher(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ZERO, 1 << 20);
    }

    private static String item(String link, String description) {
        return "<item><title>سرخی</title><link>" + link.replace("&", "&amp;") + "</link>"
                + (description == null ? "" : "<description>" + description + "</description>") + "</item>";
    }

    private static String rss(String... items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>خبریں</title>"
                + String.join("", items) + "</channel></rss>";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/",
                "http://127.1.2.3:8080/x",
                "http://localhost/",
                "http://10.0.0.1/",
                "http://172.16.5.4/",
                "http://192.168.1.1/",
                "http://100.64.0.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://169.254.1.1/",
                "http://0.0.0.0/",
                "http://224.0.0.1/",
                "http://255.255.255.255/",
                "http://240.0.0.1/",
                "http://192.0.0.192/",
                "http://198.18.0.1/",
                "http://2130706433/",
                "http://[::1]/",
                "http://[::]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:10.0.0.1]/",
                "http://[::127.0.0.1]/",
                "http://[64:ff9b::a9fe:a9fe]/",
                "http://[2002:c0a8:0101::1]/",
                "http://[fc00::1]/",
                "http://[fd00:ec2::254]/",
                "http://[fe80::1]/",
                "http://[fec0::1]/",
                "http://[ff02::1]/",
                "http://[2001:db8::1]/",
                "http://[2001::1]/"
            })
    void shouldRefuseNonPublicTargetsAfterResolution(String url) throws Exception {
        HttpFetcher.FetchException e = org.junit.jupiter.api.Assertions.assertThrows(
                HttpFetcher.FetchException.class, () -> defaults().checkTarget(new java.net.URI(url)));
        assertThat(e.reason()).as(url).isEqualTo("blocked-address");
        assertThat(e.getMessage()).contains("--allow-private-addresses");
    }

    @Test
    void shouldAllowPublicAddresses() throws Exception {
        for (String a : new String[] {"93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946", "1.1.1.1"}) {
            assertThat(AddressPolicy.blockedReason(InetAddress.getByName(a)))
                    .as(a)
                    .isNull();
        }
    }

    @Test
    void feedItemsWithBadSchemesOrPrivateLinksAreRefusedOneByOne() throws Exception {
        Path feed = dir.resolve("feed.xml");
        Files.writeString(
                feed,
                rss(
                        item("https://example.org/1", "<p>پہلی خبر کا متن۔</p>"),
                        item("javascript:alert(document.cookie)", "<p>متن۔</p>"),
                        item("data:text/html;base64,PHNjcmlwdD4=", "<p>متن۔</p>"),
                        item("httpx://example.org/3", "<p>متن۔</p>"),
                        item("https://example.org/2", "<p>دوسری خبر کا متن۔</p>"),
                        item("http://169.254.169.254/latest/meta-data/", null),
                        item("http://localhost:9464/metrics", null),
                        item("file:///etc/passwd", null),
                        item("https://example.org/4", "<p>تیسری خبر کا متن۔</p>")));

        new FeedSource(List.of(feed.toString()), defaults(), Duration.ZERO, false, 16 << 20, clock).readAll(listener);

        assertThat(listener.articles)
                .extracting(RawArticle::url)
                .containsExactly("https://example.org/1", "https://example.org/2", "https://example.org/4");
        assertThat(listener.rejections)
                .containsExactly(
                        "javascript:alert(document.cookie):invalid-url",
                        "data:text/html;base64,PHNjcmlwdD4=:invalid-url",
                        "httpx://example.org/3:invalid-url",
                        "http://169.254.169.254/latest/meta-data/:blocked-address",
                        "http://localhost:9464/metrics:blocked-address",
                        "file:///etc/passwd:invalid-url");
    }

    @Test
    void everyRedirectIsCheckedAndLoopsEnd() {
        String metadata = "http://169.254.169.254/latest/meta-data/iam";
        web.route("/to-metadata", ex -> {
                    ex.getResponseHeaders().set("Location", metadata);
                    ex.sendResponseHeaders(302, -1);
                })
                .route("/to-loopback-alias", ex -> {
                    ex.getResponseHeaders()
                            .set(
                                    "Location",
                                    "http://127.0.0.2:" + ex.getLocalAddress().getPort() + "/secret");
                    ex.sendResponseHeaders(301, -1);
                })
                .route("/chain", ex -> {
                    ex.getResponseHeaders().set("Location", "/chain2");
                    ex.sendResponseHeaders(307, -1);
                })
                .route("/chain2", ex -> {
                    ex.getResponseHeaders()
                            .set(
                                    "Location",
                                    "http://[::1]:" + ex.getLocalAddress().getPort() + "/secret");
                    ex.sendResponseHeaders(308, -1);
                })
                .route("/to-js", ex -> {
                    ex.getResponseHeaders().set("Location", "javascript:alert(1)");
                    ex.sendResponseHeaders(302, -1);
                })
                .route("/loop", ex -> {
                    ex.getResponseHeaders().set("Location", "/loop");
                    ex.sendResponseHeaders(302, -1);
                })
                .route("/moved", ex -> {
                    ex.getResponseHeaders().set("Location", "/news/1");
                    ex.sendResponseHeaders(301, -1);
                })
                .text(
                        "/news/1",
                        "text/html; charset=utf-8",
                        "<html lang=ur><body><article><h1>سرخی</h1><p>خبر کا متن۔</p>" + "</article></body></html>")
                .text("/secret", "text/plain", "SECRET");
        List<String> urls = new ArrayList<>();
        for (String path : new String[] {"/to-metadata", "/to-loopback-alias", "/chain", "/to-js", "/loop", "/moved"}) {
            urls.add(web.url(path));
        }

        new PageSource(urls, new ArticlePages(serverIsPublic()), clock).readAll(listener);

        assertThat(listener.rejections)
                .containsExactly(
                        web.url("/to-metadata") + ":blocked-address",
                        web.url("/to-loopback-alias") + ":blocked-address",
                        web.url("/chain") + ":blocked-address",
                        web.url("/to-js") + ":invalid-url",
                        web.url("/loop") + ":fetch-failed");
        assertThat(listener.messages.get(4)).contains("redirects");
        assertThat(listener.articles)
                .singleElement()
                .satisfies(a -> assertThat(a.url()).isEqualTo(web.url("/news/1")));
        assertThat(web.requests).doesNotContain("/secret");
    }

    @Test
    void urlListWithBadSchemesNeverStopsIngestAndTheRobotsCheckNeverThrows() {
        web.text(
                "/news/1",
                "text/html; charset=utf-8",
                "<html><body><article><p>خبر کا متن۔</p></article></body></html>");
        List<String> urls = List.of(
                "httpx://example.org/a",
                web.url("/news/1"),
                "javascript:alert(1)",
                "data:,hello",
                "ftp://example.org/",
                "http://",
                "not a url at all",
                "http://user:pass@example.org/",
                web.url("/news/1"));

        new PageSource(urls, new ArticlePages(serverIsPublic()), clock).readAll(listener);

        assertThat(listener.articles).hasSize(2);
        assertThat(listener.rejections).hasSize(7).allSatisfy(r -> assertThat(r).endsWith(":invalid-url"));
    }

    @Test
    void loopbackServerIsRefusedByDefaultAndReachedWithTheOptIn() {
        web.text("/feed.xml", "application/rss+xml", rss(item("https://example.org/1", "<p>متن۔</p>")));

        new FeedSource(List.of(web.url("/feed.xml")), defaults(), Duration.ZERO, false, 16 << 20, clock)
                .readAll(listener);
        assertThat(listener.rejections).containsExactly(web.url("/feed.xml") + ":blocked-address");
        assertThat(web.requests).isEmpty();

        HttpFetcher optIn = new HttpFetcher(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ZERO, 1 << 20, true);
        new FeedSource(List.of(web.url("/feed.xml")), optIn, Duration.ZERO, false, 16 << 20, clock).readAll(listener);
        assertThat(listener.articles).hasSize(1);
    }

    @Test
    void aPageCannotClaimAnotherSitesUrlOrAScriptUrl() {
        web.text(
                        "/a",
                        "text/html; charset=utf-8",
                        "<html><head><link rel=canonical href='https://victim.example/news/1'>"
                                + "</head><body><article><p>جعلی خبر۔</p></article></body></html>")
                .text(
                        "/b",
                        "text/html; charset=utf-8",
                        "<html><head><link rel=canonical href='javascript:alert(1)'>"
                                + "<meta property='og:url' content='data:x'></head><body><article><p>خبر۔</p></article></body></html>")
                .text(
                        "/c",
                        "text/html; charset=utf-8",
                        "<html><head><link rel=canonical href='/c?canonical=1'>"
                                + "</head><body><article><p>اپنی خبر۔</p></article></body></html>");

        new PageSource(List.of(web.url("/a"), web.url("/b"), web.url("/c")), new ArticlePages(serverIsPublic()), clock)
                .readAll(listener);

        assertThat(listener.articles)
                .extracting(RawArticle::url)
                .containsExactly(web.url("/a"), web.url("/b"), web.url("/c?canonical=1"));
    }
}

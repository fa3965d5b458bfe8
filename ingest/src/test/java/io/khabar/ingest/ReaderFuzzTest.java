package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.ArticleRules;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.RawArticle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Hostile-input suite, property-based fuzzing of every reader (issue #13): random bytes and random JSON into the
 * text, JSON, JSON Lines, feed and page readers. No exception escapes; every input is delivered or rejected with a
 * known reason; every delivered article is valid by {@link ArticleRules}; with JSON Lines and JSON arrays, each
 * line or element is accounted for exactly once.
 */
class ReaderFuzzTest {

    private static final Instant T = Instant.parse("2021-09-21T10:00:00Z");
    private static final String[] NAMES = {
        "title",
        "body",
        "url",
        "publishedAt",
        "lang",
        "languageHint",
        "source",
        "text",
        "extra",
        "id",
        "headline",
        "link",
        "published",
        "x",
        "",
        "\u0000",
        "تاریخ"
    };

    /** Counts outcomes and checks each one. */
    private static final class Checked implements SourceListener {
        final List<RawArticle> articles = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        @Override
        public void onArticle(RawArticle a) {
            assertThat(ArticleRules.check(a.title(), a.body(), a.url(), a.publishedAt(), Long.MAX_VALUE))
                    .as("delivered article is valid")
                    .isNull();
            if (a.languageHint() != null) {
                assertThat(ArticleRules.isLanguageTag(a.languageHint())).isTrue();
            }
            articles.add(a);
        }

        @Override
        public void onRejected(String location, String reason, String message, byte[] content) {
            assertThat(DeadLetterReasons.ALL).as("known reason").contains(reason);
            assertThat(message).isNotBlank();
            assertThat(location).isNotNull();
            reasons.add(reason);
        }

        int outcomes() {
            return articles.size() + reasons.size();
        }
    }

    @Property(tries = 300)
    void jsonLinesOfRandomBytesAreEachDeliveredOrRejected(@ForAll @Size(max = 3000) byte[] bytes) throws IOException {
        Checked c = new Checked();
        JsonArticles.readLines("f.jsonl", new ByteArrayInputStream(bytes), "file:f.jsonl", 1000, T, c);
        assertThat(c.outcomes()).isEqualTo(nonBlankLines(bytes));
    }

    @Property(tries = 300)
    void jsonLinesOfRandomJsonAreEachDeliveredOrRejected(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        int lines = 1 + r.nextInt(8);
        for (int i = 0; i < lines; i++) {
            sb.append(randomArticleJson(r)).append(r.nextBoolean() ? "\n" : "\r\n");
        }
        Checked c = new Checked();
        JsonArticles.readLines(
                "f.jsonl",
                new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)),
                "file:f.jsonl",
                1 << 20,
                T,
                c);
        assertThat(c.outcomes()).isEqualTo(lines);
    }

    @Property(tries = 300)
    void jsonArraysOfRandomJsonAccountForEveryElement(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        List<String> elements = new ArrayList<>();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            String e;
            do { // well-formed elements: a bracket that is never closed would run to the end of any array
                e = r.nextInt(10) == 0 ? randomValue(r, 0) : randomArticleJson(r);
            } while (e.chars().filter(ch -> ch == '[').count()
                    != e.chars().filter(ch -> ch == ']').count());
            elements.add(e);
        }
        Checked c = new Checked();
        byte[] doc =
                ("[" + String.join(r.nextBoolean() ? "," : " ,\n ", elements) + "]").getBytes(StandardCharsets.UTF_8);
        JsonArticles.readDocument("f.json", new ByteArrayInputStream(doc), "file:f.json", 1 << 20, T, c);
        assertThat(c.outcomes()).isEqualTo(n);
    }

    @Property(tries = 300)
    void jsonDocumentsOfRandomBytesNeverThrow(@ForAll @Size(max = 3000) byte[] bytes) throws IOException {
        Checked c = new Checked();
        JsonArticles.readDocument("f.json", new ByteArrayInputStream(bytes), "file:f.json", 1000, T, c);
        String text = new String(bytes, StandardCharsets.ISO_8859_1).strip();
        if (!text.matches("(?s)\\[\\s*]")) {
            assertThat(c.outcomes()).isPositive();
        }
    }

    @Property(tries = 300)
    void seedTextOfRandomBytesIsOneArticleOrOneRejection(@ForAll @Size(max = 3000) byte[] bytes) {
        Checked c = new Checked();
        FileTreeSource.read(Path.of("random.txt"), bytes, 1 << 20, T, c);
        assertThat(c.outcomes()).isEqualTo(1);
    }

    @Property(tries = 60)
    void feedsOfRandomBytesOrXmlNeverThrow(@ForAll @Size(max = 3000) byte[] bytes, @ForAll long seed) {
        Random r = new Random(seed);
        HttpFetcher http = new HttpFetcher(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ZERO, 1 << 16);
        FeedSource feeds =
                new FeedSource(List.of("f.xml"), http, Duration.ZERO, false, 1 << 20, java.time.Clock.systemUTC());
        Checked c = new Checked();
        feeds.readFeedBytes("f.xml", bytes, URI.create("file:///f.xml"), c);
        feeds.readFeedBytes(
                "f.xml", randomFeed(r).getBytes(StandardCharsets.UTF_8), URI.create("https://192.0.2.1/f.xml"), c);
        assertThat(c.outcomes()).isPositive();
    }

    @Property(tries = 150)
    void pageExtractionOfRandomBytesIsAPageOrARejection(@ForAll @Size(max = 3000) byte[] bytes, @ForAll long seed) {
        Random r = new Random(seed);
        for (byte[] html : new byte[][] {bytes, randomHtml(r).getBytes(StandardCharsets.UTF_8)}) {
            try {
                PageExtractor.Page p = ArticlePages.confined(
                        PageExtractor.extract(html, null, URI.create("https://example.org/a")),
                        URI.create("https://example.org/a"));
                assertThat(ArticleRules.isAcceptableUrl(p.canonicalUrl())).isTrue();
                if (p.publishedAt() != null) {
                    assertThat(ArticleRules.checkTime("publishedAt", p.publishedAt()))
                            .isNull();
                }
            } catch (Rejection e) {
                assertThat(DeadLetterReasons.ALL).contains(e.reason());
            }
        }
    }

    // ---- generators ----

    private static int nonBlankLines(byte[] bytes) {
        int count = 0;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int from = start;
                int to = i;
                if (to > from && bytes[to - 1] == '\r') {
                    to--;
                }
                if (start == 0
                        && to - from >= 3
                        && (bytes[0] & 0xFF) == 0xEF
                        && (bytes[1] & 0xFF) == 0xBB
                        && (bytes[2] & 0xFF) == 0xBF) {
                    from += 3;
                }
                for (int k = from; k < to; k++) {
                    byte b = bytes[k];
                    if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                        count++;
                        break;
                    }
                }
                start = i + 1;
            }
        }
        return count;
    }

    private static String randomArticleJson(Random r) {
        StringBuilder sb = new StringBuilder("{");
        int fields = r.nextInt(6);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(NAMES[r.nextInt(NAMES.length)])).append(':').append(randomValue(r, 0));
        }
        return sb.append('}').toString();
    }

    private static String randomValue(Random r, int depth) {
        switch (depth > 4 ? r.nextInt(6) : r.nextInt(9)) {
            case 0:
                return "null";
            case 1:
                return r.nextBoolean() ? "true" : "false";
            case 2:
                return String.valueOf(r.nextLong());
            case 3:
                String[] nums = {
                    "1e999999999",
                    "-1e400",
                    "0.5",
                    "1632218400",
                    "99999999999999999999999999",
                    "-0",
                    "1632218400000",
                    "253402300800",
                    "-62135596801",
                    "1E308",
                    "4.9e-324"
                };
                return nums[r.nextInt(nums.length)];
            case 4:
            case 5:
                String[] strs = {
                    "سرخی",
                    "متن۔ وزیر اعظم نے کہا",
                    "javascript:alert(1)",
                    "https://example.org/a",
                    "http://user:pw@example.org/",
                    "2021-09-21T10:00:00Z",
                    "+999999999-12-31T23:59:59Z",
                    "ur",
                    "ur\nPK",
                    "\u0000",
                    "\\ud800",
                    "\u202Eabc",
                    " ",
                    "",
                    "data:,x",
                    "httpx://a/b",
                    "12 34",
                    "1e999999999"
                };
                String s = strs[r.nextInt(strs.length)];
                return s.equals("\\ud800") ? "\"\\ud800\"" : quote(s);
            case 6: {
                StringBuilder sb = new StringBuilder("[");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append(randomValue(r, depth + 1));
                }
                return sb.append(']').toString();
            }
            case 7: {
                StringBuilder sb = new StringBuilder("{");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "")
                            .append(quote(NAMES[r.nextInt(NAMES.length)]))
                            .append(':')
                            .append(randomValue(r, depth + 1));
                }
                return sb.append('}').toString();
            }
            default:
                return "[".repeat(r.nextInt(200)) + "]".repeat(0); // unbalanced or deep: the line is malformed
        }
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String randomFeed(Random r) {
        // literal addresses only: a page fetch for an item without text is refused (documentation range) without DNS
        String[] links = {
            "https://192.0.2.1/a",
            "javascript:alert(1)",
            "data:,x",
            "/relative",
            "httpx://a/b",
            "",
            "http://[::1]/",
            "file:///etc/passwd",
            "https://exa mple.org/",
            "http://10.0.0.1/x"
        };
        String[] dates = {"Tue, 21 Sep 2021 10:00:00 GMT", "Fri, 31 Dec 292278994 23:59:59 GMT", "kal", ""};
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>");
        if (r.nextBoolean()) {
            sb.append("<language>").append(r.nextBoolean() ? "ur" : "ur PK<x").append("</language>");
        }
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            sb.append("<item><title>").append(r.nextBoolean() ? "سرخی" : "").append("</title>");
            sb.append("<link>")
                    .append(links[r.nextInt(links.length)].replace("<", "&lt;"))
                    .append("</link>");
            sb.append("<pubDate>").append(dates[r.nextInt(dates.length)]).append("</pubDate>");
            if (r.nextBoolean()) {
                sb.append("<description>")
                        .append(r.nextBoolean() ? "&lt;p&gt;متن۔&lt;/p&gt;" : "12")
                        .append("</description>");
            }
            sb.append("</item>");
        }
        return sb.append(r.nextInt(5) == 0 ? "" : "</channel></rss>").toString();
    }

    private static String randomHtml(Random r) {
        String[] canon = {"https://example.org/b", "https://other.example/x", "javascript:alert(1)", "data:,x", "/c", ""
        };
        String[] times = {"2021-09-21T10:00:00Z", "+999999999-12-31T23:59:59Z", "kal", "-5000-01-01T00:00:00Z"};
        return "<html lang='" + (r.nextBoolean() ? "ur" : "ur PK\"x") + "'><head><link rel=canonical href='"
                + canon[r.nextInt(canon.length)] + "'><meta property='article:published_time' content='"
                + times[r.nextInt(times.length)] + "'></head><body>" + (r.nextBoolean() ? "<article>" : "<div>")
                + "<p>" + (r.nextBoolean() ? "متن۔" : "") + "</p>" + "<p>".repeat(r.nextInt(50)) + "</body></html>";
    }
}

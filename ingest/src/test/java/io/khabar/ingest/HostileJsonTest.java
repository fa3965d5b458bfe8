package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.RawArticle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile-input suite, JSON and JSON Lines (issue #13): values out of range, wrong types, non-finite numbers,
 * unsafe URLs, title-only articles, deep nesting, huge strings, invalid UTF-8, BOMs, NUL bytes, endless lines.
 * Each bad item rejects only itself, with its reason and location; the good items around it still arrive.
 */
class HostileJsonTest {

    private static final String GOOD = "{\"title\": \"سرخی\", \"body\": \"متن۔\"}";

    @TempDir
    Path dir;

    private final CollectingListener listener = new CollectingListener();
    private final Clock clock = Clock.fixed(Instant.parse("2021-09-21T10:00:00Z"), ZoneOffset.UTC);

    /** Writes GOOD, each bad line, GOOD after each; reads; returns the reasons by line. */
    private List<String> readLinesBetweenGoodOnes(long maxBytes, String... bad) throws IOException {
        StringBuilder sb = new StringBuilder(GOOD).append('\n');
        for (String b : bad) {
            sb.append(b).append('\n').append(GOOD).append('\n');
        }
        Path f = dir.resolve("hostile.jsonl");
        Files.writeString(f, sb);
        new FileTreeSource(List.of(f), maxBytes, clock).readAll(listener);
        assertThat(listener.articles).as("every good line arrives").hasSize(bad.length + 1);
        List<String> reasons = new ArrayList<>();
        for (String r : listener.rejections) {
            reasons.add(r.substring(f.toString().length() + 1));
        }
        return reasons;
    }

    private static String withPublished(String value) {
        return "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"publishedAt\": " + value + "}";
    }

    @Test
    void shouldNeverPublishMojibakeFromUtf16Files() throws IOException {
        String text = "سرخی یو ٹی ایف\n\nیہ متن یو ٹی ایف سولہ میں لکھا گیا ہے۔";
        byte[] le = text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[le.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, withBom, 2, le.length);
        Path txt = dir.resolve("utf16.txt");
        Files.write(txt, withBom);
        Path jsonl = dir.resolve("utf16.jsonl");
        Files.write(jsonl, (GOOD + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_16));
        Path good = dir.resolve("good.txt");
        Files.writeString(good, "اچھی سرخی\n\nاچھا متن۔");

        new FileTreeSource(List.of(txt, jsonl, good), 1 << 20, clock).readAll(listener);

        // either read as the text it is, or refused by name; never published as something else
        for (RawArticle a : listener.articles) {
            assertThat(a.title() + a.body()).doesNotContain("\u0000").doesNotContain("\uFFFD");
            assertThat(List.of("سرخی یو ٹی ایف", "سرخی", "اچھی سرخی")).contains(a.title());
        }
        // refused by name, saying what it is and what to do
        assertThat(listener.rejections).containsExactly(txt + ":invalid-utf8", jsonl + ":1:invalid-utf8");
        assertThat(listener.messages)
                .allSatisfy(m -> assertThat(m)
                        .contains("UTF-16")
                        .contains("byte order mark")
                        .contains("save it as UTF-8"));
        assertThat(listener.articles).extracting(RawArticle::title).contains("اچھی سرخی");
        assertThat(listener.articles.size() + listener.rejections.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldRejectAKeyGivenTwiceAnywhereInTheItem() throws IOException {
        List<String> reasons = readLinesBetweenGoodOnes(
                1 << 20,
                // the last one would win in Jackson, the first in other readers of the raw bytes
                "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"url\": \"https://example.pk/a\","
                        + " \"url\": \"https://example.pk/b\"}",
                "{\"title\": \"سرخی\", \"body\": \"پہلا\", \"body\": \"دوسرا\"}",
                "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"extra\": {\"a\": 1, \"a\": 2}}");

        assertThat(reasons).hasSize(3);
        assertThat(listener.messages).allSatisfy(m -> assertThat(m).containsIgnoringCase("duplicate"));
        assertThat(listener.articles).extracting(RawArticle::url).containsOnlyNulls();
    }

    @Test
    void shouldRejectPublishedAtOutOfRangeOrOfTheWrongType() throws IOException {
        List<String> reasons = readLinesBetweenGoodOnes(
                1 << 20,
                withPublished("1e999999999"),
                withPublished("99999999999999999999999999"),
                withPublished(String.valueOf(Long.MAX_VALUE)),
                withPublished(String.valueOf(Long.MIN_VALUE)),
                withPublished("-62135596801"),
                withPublished("1632218400000000"),
                withPublished("\"+999999999-12-31T23:59:59Z\""),
                withPublished("\"-5000-01-01T00:00:00Z\""),
                withPublished("1.5"),
                withPublished("true"),
                withPublished("{}"),
                withPublished("[1]"),
                withPublished("-0.0e-999999999"));

        assertThat(reasons)
                .containsExactly(
                        "2:invalid-field",
                        "4:invalid-field",
                        "6:invalid-field",
                        "8:invalid-field",
                        "10:invalid-field",
                        "12:invalid-field",
                        "14:invalid-field",
                        "16:invalid-field",
                        "18:invalid-field",
                        "20:invalid-field",
                        "22:invalid-field",
                        "24:invalid-field",
                        "26:invalid-field");
        assertThat(listener.messages.get(5)).contains("1632218400000000", "years 1 to 9999");
        assertThat(listener.articles).extracting(RawArticle::publishedAt).containsOnlyNulls();
    }

    @Test
    void shouldRejectNonFiniteNumbersNulsAndWrongTypesAnywhere() throws IOException {
        List<String> reasons = readLinesBetweenGoodOnes(
                1 << 20,
                "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"views\": 1e999999999}",
                "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"deep\": {\"a\": [1, -1e400]}}",
                "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"views\": NaN}",
                "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"views\": Infinity}",
                "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"n\": 1" + "0".repeat(5000) + "}",
                "{\"title\": \"سر\\u0000خی\", \"body\": \"متن۔\"}",
                "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"x\": \"a\\u0000b\"}",
                "{\"title\": \"سرخی\", \"body\": \"متن\\ud800۔\"}",
                "{\"title\": 5, \"body\": \"متن۔\"}",
                "{\"title\": \"سرخی\", \"body\": [\"متن\"]}",
                "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"lang\": \"ur\\nPK\"}",
                "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"source\": {}}",
                "[" + GOOD + "]",
                "\"just a string\"",
                "42",
                "null");

        assertThat(reasons)
                .containsExactly(
                        "2:invalid-field",
                        "4:invalid-field",
                        "6:unparseable",
                        "8:unparseable",
                        "10:unparseable",
                        "12:not-text",
                        "14:invalid-field",
                        "16:not-text",
                        "18:invalid-field",
                        "20:invalid-field",
                        "22:invalid-field",
                        "24:invalid-field",
                        "26:unparseable",
                        "28:unparseable",
                        "30:unparseable",
                        "32:unparseable");
    }

    @Test
    void shouldRejectTitleOnlyArticlesAsEnrichWould() throws IOException {
        List<String> reasons = readLinesBetweenGoodOnes(
                1 << 20,
                "{\"title\": \"صرف سرخی\"}",
                "{\"title\": \"صرف سرخی\", \"body\": \"   \"}",
                "{\"title\": \"سرخی\", \"body\": \"12 34\"}",
                "{}");

        assertThat(reasons).containsExactly("2:empty-body", "4:empty-body", "6:not-text", "8:empty");
    }

    @Test
    void shouldRefuseUrlsThatAreNotHttp() throws IOException {
        String[] urls = {
            "javascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "httpx://example.org/a",
            "file:///etc/passwd",
            "ftp://example.org/a",
            "//example.org/a",
            "https://user:pw@example.org/a",
            "JaVaScRiPt:alert(1)",
            "http://exa mple.org/",
            "vbscript:msgbox",
            "http:///nohost"
        };
        String[] lines = new String[urls.length];
        for (int i = 0; i < urls.length; i++) {
            lines[i] = "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"url\": \"" + urls[i] + "\"}";
        }

        List<String> reasons = readLinesBetweenGoodOnes(1 << 20, lines);

        assertThat(reasons).hasSize(urls.length).allSatisfy(r -> assertThat(r).endsWith(":invalid-url"));
        assertThat(listener.articles).extracting(RawArticle::url).containsOnlyNulls();
    }

    @Test
    void shouldRejectDeepNestingHugeStringsAndBadBytesOneLineAtATime() throws IOException {
        String deep =
                "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        String huge = "{\"title\": \"سرخی\", \"body\": \"" + "ب".repeat(3000) + "\"}";
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(("\uFEFF" + GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        f.writeBytes((deep + "\n" + GOOD + "\n" + huge + "\r\n" + GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        f.writeBytes(
                new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}', '\n'
                });
        f.writeBytes((GOOD + "\n\uFEFF" + GOOD + "\n" + GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        f.writeBytes(
                ("{\"title\": \"سرخی\u0000\", \"body\": \"متن۔\"}\n" + GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        f.writeBytes(new byte[] {(byte) 0xC0, (byte) 0x80, '\n', 0, 0, 0, '\n'});
        f.writeBytes((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("bytes.jsonl");
        Files.write(file, f.toByteArray());

        new FileTreeSource(List.of(file), 4000, clock).readAll(listener);

        String p = file.toString();
        assertThat(listener.rejections)
                .containsExactly(
                        p + ":2:too-large",
                        p + ":4:too-large",
                        p + ":6:invalid-utf8",
                        p + ":8:unparseable",
                        p + ":10:unparseable",
                        p + ":12:invalid-utf8",
                        p + ":13:unparseable");
        assertThat(listener.articles).hasSize(7);
    }

    @Test
    void shouldReadArraysElementByElementPastBadElements() throws IOException {
        Path file = dir.resolve("array.json");
        Files.writeString(
                file,
                "\uFEFF [" + GOOD + ",\n {\"title\": \"a, ]} [{\\\"\", \"body\": tru},"
                        + " {\"title\": \"سرخی\", \"body\": \"" + "ب".repeat(3000) + "\"},"
                        + withPublished("1e999999999") + ", ,"
                        + " {\"title\": \"کاما, اور ] بریکٹ\", \"body\": \"متن [ } ۔\"}, " + GOOD + "]  \n");

        new FileTreeSource(List.of(file), 4000, clock).readAll(listener);

        String p = file.toString();
        assertThat(listener.rejections)
                .containsExactly(
                        p + "[1]:unparseable", p + "[2]:too-large", p + "[3]:invalid-field", p + "[4]:unparseable");
        assertThat(listener.articles)
                .extracting(RawArticle::title)
                .containsExactly("سرخی", "کاما, اور ] بریکٹ", "سرخی");
    }

    @Test
    void shouldReportAnUnclosedArrayAndTrailingTextAfterTheGoodElements() throws IOException {
        Files.writeString(dir.resolve("a-open.json"), "[" + GOOD + ", " + GOOD + ", {\"title\": ");
        Files.writeString(dir.resolve("b-trailing.json"), "[" + GOOD + "] [" + GOOD + "]");
        Files.writeString(dir.resolve("c-two.json"), GOOD + " " + GOOD);

        new FileTreeSource(List.of(dir), 4000, clock).readAll(listener);

        assertThat(listener.rejections)
                .containsExactly(
                        dir.resolve("a-open.json") + "[2]:unparseable",
                        dir.resolve("b-trailing.json") + ":unparseable",
                        dir.resolve("c-two.json") + ":unparseable");
        assertThat(listener.articles).hasSize(3);
    }

    @Test
    void shouldStreamAnEndlessLineWithoutHoldingIt() throws IOException {
        // 1 GB of a line with no end: would need gigabytes if held; streamed, it is cut after 64 x the limit
        InputStream endless = new InputStream() {
            long left = 1L << 30;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
        JsonArticles.readLines(
                "endless.jsonl",
                new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream((GOOD + "\n").getBytes(StandardCharsets.UTF_8)), endless),
                "file:endless.jsonl",
                1000,
                clock.instant(),
                listener);

        assertThat(listener.articles).hasSize(1);
        assertThat(listener.rejections).containsExactly("endless.jsonl:2:too-large");
        assertThat(listener.messages.get(0)).contains("not JSON Lines");
    }

    @Test
    void shouldStreamManyLinesInBoundedMemory() throws IOException {
        // 50,000 lines (~4 MB) generated on the fly: each line is parsed and dropped, nothing accumulates
        byte[] line = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
        int lines = 50_000;
        InputStream many = new InputStream() {
            long pos;
            final long total = (long) line.length * lines;

            @Override
            public int read() {
                return pos < total ? line[(int) (pos++ % line.length)] : -1;
            }
        };
        long[] counts = new long[2];
        JsonArticles.readLines(
                "many.jsonl",
                new java.io.BufferedInputStream(many, 1 << 16),
                "file:many.jsonl",
                1000,
                clock.instant(),
                new SourceListener() {
                    @Override
                    public void onArticle(RawArticle article) {
                        counts[0]++;
                    }

                    @Override
                    public void onRejected(String location, String reason, String message, byte[] content) {
                        counts[1]++;
                    }
                });

        assertThat(counts).containsExactly(lines, 0);
    }
}

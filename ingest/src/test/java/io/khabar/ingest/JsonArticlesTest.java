package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.RawArticle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonArticlesTest {

    @TempDir
    Path dir;

    private final CollectingListener listener = new CollectingListener();
    private final Clock clock = Clock.fixed(Instant.parse("2021-09-21T10:00:00Z"), ZoneOffset.UTC);

    private void read(long maxBytes) throws IOException {
        new FileTreeSource(List.of(dir), maxBytes, clock).readAll(listener);
    }

    @Test
    void shouldMapKnownFieldsAndKeepUnknownOnesInExtra() throws IOException {
        Files.writeString(dir.resolve("a.json"), """
                {"id": "dawn-123", "title": " کراچی میں بارش ", "body": "شہر میں تیز بارش ہوئی۔",
                 "url": "https://example.com/news/1", "lang": "ur", "publishedAt": "2021-09-21T15:00:00+05:00",
                 "author": "نامہ نگار", "tags": ["موسم", "کراچی"], "fetchedAt": "2000-01-01T00:00:00Z"}
                """);

        read(1 << 20);

        assertThat(listener.rejections).isEmpty();
        RawArticle a = listener.articles.get(0);
        assertThat(a)
                .isEqualTo(RawArticle.of(
                        "file:" + dir.resolve("a.json"),
                        "https://example.com/news/1",
                        "کراچی میں بارش",
                        "شہر میں تیز بارش ہوئی۔",
                        "ur",
                        Instant.parse("2021-09-21T10:00:00Z"),
                        clock.instant(),
                        Map.of("id", "dawn-123", "author", "نامہ نگار", "tags", List.of("موسم", "کراچی"))));
        assertThat(a.id()).startsWith("u-");
    }

    @Test
    void shouldReadArraysElementByElementAndRejectTheBadOnesByIndex() throws IOException {
        Files.writeString(dir.resolve("many.json"), """
                [{"title": "پہلی", "body": "متن", "source": "dawn", "languageHint": "ur"},
                 {"title": 5, "body": "متن"},
                 {"title": "", "body": " "},
                 "just a string",
                 {"title": "تاریخ", "body": "متن", "publishedAt": "kal"},
                 {"title": "آخری", "body": "متن", "publishedAt": "2021-09-21"}]
                """);

        read(1 << 20);

        assertThat(listener.messages).hasSize(4);
        assertThat(listener.articles).extracting(RawArticle::title).containsExactly("پہلی", "آخری");
        assertThat(listener.articles.get(0).outlet()).isEqualTo("dawn");
        assertThat(listener.articles.get(0).source()).isEqualTo("file:" + dir.resolve("many.json"));
        assertThat(listener.articles.get(1).publishedAt()).isEqualTo(Instant.parse("2021-09-21T00:00:00Z"));
        String f = dir.resolve("many.json").toString();
        assertThat(listener.rejections)
                .containsExactly(
                        f + "[1]:invalid-field", f + "[2]:empty", f + "[3]:unparseable", f + "[4]:invalid-field");
        assertThat(listener.messages.get(0)).contains("'title'").contains("string");
        assertThat(listener.messages.get(3)).contains("'publishedAt'").contains("kal");
    }

    @Test
    void shouldReadJsonLinesLineByLineWithLineNumbers() throws IOException {
        byte[] bad = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        String good = "{\"title\": \"سرخی\", \"body\": \"متن۔\", \"views\": 12}\n";
        byte[] file = concat(
                ("\uFEFF" + good + "\n{not json}\n").getBytes(StandardCharsets.UTF_8),
                bad,
                ("\r\n{\"title\": \"" + "ا".repeat(100) + "\"}\r\n" + good).getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("feed.jsonl"), file);

        read(150);

        String f = dir.resolve("feed.jsonl").toString();
        assertThat(listener.rejections)
                .containsExactly(f + ":3:unparseable", f + ":4:invalid-utf8", f + ":5:too-large");
        assertThat(listener.articles).hasSize(2).allSatisfy(a -> {
            assertThat(a.title()).isEqualTo("سرخی");
            assertThat(a.extra()).isEqualTo(Map.of("views", 12));
        });
    }

    @Test
    void shouldRejectABrokenDocumentAsAWhole() throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{\"title\": \"سرخی\", ");
        Files.writeString(dir.resolve("empty.json"), "  \n");
        Files.writeString(dir.resolve("big.json"), "{\"title\": \"" + "ب".repeat(100) + "\"}");

        read(100);

        assertThat(listener.rejections)
                .containsExactly(
                        dir.resolve("big.json") + ":too-large",
                        dir.resolve("broken.json") + ":unparseable",
                        dir.resolve("empty.json") + ":empty");
    }

    @Test
    void reingestingARawRecordGivesTheSameArticle() throws IOException {
        RawArticle original = RawArticle.of(
                "rss:https://example.com/feed",
                "https://example.com/a",
                "سرخی",
                "متن",
                "ur",
                Instant.parse("2021-09-20T00:00:00Z"),
                Instant.parse("2021-09-20T01:00:00Z"),
                Map.of("guid", "g1"));
        Files.write(
                dir.resolve("dump.jsonl"),
                io.khabar.model.JsonSerde.rawArticle().toBytes(original));

        read(1 << 20);

        assertThat(listener.articles).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(original.id());
            assertThat(a.extra()).containsEntry("guid", "g1").containsEntry("id", original.id());
            assertThat(a.source()).isEqualTo(original.source());
            assertThat(a.contentHash()).isEqualTo(original.contentHash());
        });
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}

package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.model.RawArticle;
import java.io.IOException;
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

class TextFileSourceTest {

    @TempDir
    Path dir;

    private final List<RawArticle> articles = new ArrayList<>();
    private final List<String> rejections = new ArrayList<>();
    private final SourceListener listener = new SourceListener() {
        @Override
        public void onArticle(RawArticle article) {
            articles.add(article);
        }

        @Override
        public void onRejected(String location, String reason, String message, byte[] content) {
            rejections.add(Path.of(location).getFileName() + ":" + reason);
        }
    };

    private final Clock clock = Clock.fixed(Instant.parse("2021-09-21T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldReadHeadlineAndParagraphs() throws IOException {
        Files.writeString(
                dir.resolve("a.txt"), "\uFEFFروس کے پیوٹن\r\n\r\nپہلا پیراگراف۔\r\n\r\n\r\nدوسرا\nپیراگراف۔\n");

        new TextFileSource(List.of(dir), TextFileSource.DEFAULT_MAX_BYTES, clock).readAll(listener);

        assertThat(articles).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("روس کے پیوٹن");
            assertThat(a.body()).isEqualTo("پہلا پیراگراف۔\n\nدوسرا\nپیراگراف۔");
            assertThat(a.source()).endsWith("a.txt").startsWith("file:");
            assertThat(a.id()).startsWith("c-");
            assertThat(a.fetchedAt()).isEqualTo(clock.instant());
        });
        assertThat(rejections).isEmpty();
    }

    @Test
    void shouldRejectInvalidUtf8EmptyAndOversizedFilesByNameAndKeepTheGoodOnes() throws IOException {
        Files.writeString(dir.resolve("1-good.txt"), "سرخی\n\nمتن۔");
        Files.write(dir.resolve("2-latin1.txt"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("3-empty.txt"), " \n\n \n");
        Files.writeString(dir.resolve("4-big.txt"), "سرخی\n\n" + "ا".repeat(600));
        Files.writeString(dir.resolve("5-good.txt"), "دوسری سرخی\n\nمتن۔");
        Files.writeString(dir.resolve("ignored.md"), "not an article");

        new TextFileSource(List.of(dir), 1000, clock).readAll(listener);

        assertThat(articles).extracting(RawArticle::title).containsExactly("سرخی", "دوسری سرخی");
        assertThat(rejections).containsExactly("2-latin1.txt:invalid-utf8", "3-empty.txt:empty", "4-big.txt:too-large");
    }

    @Test
    void sameContentGivesTheSameId() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "سرخی\n\nمتن۔");
        Files.writeString(dir.resolve("b.txt"), "سرخی\n\nمتن۔");

        new TextFileSource(List.of(dir)).readAll(listener);

        assertThat(articles).hasSize(2);
        assertThat(articles.get(0).id()).isEqualTo(articles.get(1).id());
        assertThat(articles.get(0).contentHash()).isEqualTo(articles.get(1).contentHash());
    }

    @Test
    void shouldFailClearlyOnAMissingPath() {
        assertThatThrownBy(() -> new TextFileSource(List.of(dir.resolve("nope"))).readAll(listener))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no such file or folder");
    }
}

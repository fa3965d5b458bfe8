package io.khabar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khabar.model.RawArticle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldMappingTest {

    @TempDir
    Path dir;

    private final CollectingListener listener = new CollectingListener();
    private final Clock clock = Clock.fixed(Instant.parse("2021-09-21T10:00:00Z"), ZoneOffset.UTC);

    private void read(FieldMapping mapping, Path... paths) throws IOException {
        new FileTreeSource(List.of(paths), 1 << 20, clock, mapping).readAll(listener);
    }

    @Test
    void shouldMapTheScrapersFieldsOfRealNews() throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), """
                {"id": "00002", "title": "سرخی", "text": "متن۔", "url": "https://urdu.geo.tv/latest/388090-", "published": "2016-11-04T15:01:32+05:00", "source": "Geo News Urdu", "category": "pakistan"}
                {"id": "00003", "title": "دوسری", "text": "متن دو۔", "url": null, "published": "2025-12-19", "source": "BBC Urdu", "category": "world"}
                """);
        FieldMapping mapping = FieldMapping.DEFAULT.copy();

        read(mapping, dir);

        assertThat(listener.rejections).isEmpty();
        RawArticle a = listener.articles.get(0);
        assertThat(a.body()).isEqualTo("متن۔");
        assertThat(a.url()).isEqualTo("https://urdu.geo.tv/latest/388090-");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2016-11-04T10:01:32Z"));
        assertThat(a.outlet()).isEqualTo("Geo News Urdu");
        assertThat(a.source()).isEqualTo("file:" + dir.resolve("a.jsonl"));
        assertThat(a.extra()).isEqualTo(Map.of("id", "00002", "category", "pakistan"));
        assertThat(listener.articles.get(1).publishedAt()).isEqualTo(Instant.parse("2025-12-19T00:00:00Z"));
        assertThat(mapping.report())
                .containsExactly(
                        "fields: 1 record(s) mapped title <- title, body <- text, publishedAt <- published, outlet <- source",
                        "fields: 1 record(s) mapped title <- title, body <- text, url <- url, publishedAt <- published, outlet <- source",
                        "fields kept in extra (no article field for them): category (2), id (2)");
    }

    @Test
    void shouldRejectARecordWithoutBodyNamingTheFieldsItHad() throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), """
                {"headline": "سرخی", "story": "متن۔", "link": "https://example.com/1"}
                """);

        read(FieldMapping.DEFAULT, dir);

        assertThat(listener.rejections).containsExactly(dir.resolve("a.jsonl") + ":1:empty-body");
        assertThat(listener.messages.get(0)).contains("headline, story, link").contains("--field body=NAME");
    }

    @Test
    void shouldUseFieldOptionsAndTheRunsOutletAndLanguage() throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), """
                {"headline": "سرخی", "story": "متن۔", "created": "2021-09-20 08:30", "link": "https://example.com/1"}
                """);

        read(FieldMapping.of(List.of("body=story", "publishedAt=created"), "Daily Example", "ur"), dir);

        assertThat(listener.articles).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("سرخی");
            assertThat(a.body()).isEqualTo("متن۔");
            assertThat(a.url()).isEqualTo("https://example.com/1");
            assertThat(a.publishedAt()).isEqualTo(Instant.parse("2021-09-20T08:30:00Z"));
            assertThat(a.outlet()).isEqualTo("Daily Example");
            assertThat(a.languageHint()).isEqualTo("ur");
            assertThat(a.extra()).isEmpty();
        });
    }

    @Test
    void shouldRefuseAFieldOptionForAnUnknownArticleField() {
        assertThatThrownBy(() -> FieldMapping.of(List.of("bodyy=text"), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bodyy=text")
                .hasMessageContaining("publishedAt");
        assertThatThrownBy(() -> FieldMapping.of(List.of("body="), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDeriveTheOutletFromTheUrlWhenNoneIsNamed() throws IOException {
        Files.writeString(dir.resolve("a.json"), """
                {"title": "سرخی", "content": "متن۔", "link": "https://www.express.pk/story/2734977/x/"}
                """);

        read(FieldMapping.DEFAULT, dir);

        assertThat(listener.articles)
                .singleElement()
                .satisfies(a -> assertThat(a.outlet()).isEqualTo("express.pk"));
    }

    @Test
    void shouldReadATextFilesHeaderAndSidecar() throws IOException {
        Files.writeString(dir.resolve("a.txt"), """
                outlet: Geo News Urdu
                url: https://urdu.geo.tv/latest/1
                published: 2021-09-21T09:00:00+05:00
                reporter: نامہ نگار
                ---
                کراچی میں بارش

                شہر میں تیز بارش ہوئی۔
                """);
        Files.writeString(dir.resolve("b.txt"), "لاہور کی خبر\n\nمتن۔\n");
        Files.writeString(
                dir.resolve("b.meta.json"),
                "{\"source\": \"Daily Jang\", \"date\": \"2021-09-22\", \"language\": \"ur\"}");
        Files.writeString(dir.resolve("c.txt"), "title: not a header without the dashes\n\nمتن۔\n");

        read(FieldMapping.DEFAULT, dir);

        assertThat(listener.rejections).isEmpty();
        assertThat(listener.articles).hasSize(3);
        RawArticle a = listener.articles.get(0);
        assertThat(a.title()).isEqualTo("کراچی میں بارش");
        assertThat(a.body()).isEqualTo("شہر میں تیز بارش ہوئی۔");
        assertThat(a.outlet()).isEqualTo("Geo News Urdu");
        assertThat(a.url()).isEqualTo("https://urdu.geo.tv/latest/1");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2021-09-21T04:00:00Z"));
        assertThat(a.extra()).isEqualTo(Map.of("reporter", "نامہ نگار"));
        RawArticle b = listener.articles.get(1);
        assertThat(b.outlet()).isEqualTo("Daily Jang");
        assertThat(b.languageHint()).isEqualTo("ur");
        assertThat(b.publishedAt()).isEqualTo(Instant.parse("2021-09-22T00:00:00Z"));
        assertThat(b.source()).isEqualTo("file:" + dir.resolve("b.txt"));
        assertThat(listener.articles.get(2).title()).isEqualTo("title: not a header without the dashes");
    }

    @Test
    void shouldRejectATextFileWhoseHeaderHasABadDate() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "date: kal\n---\nسرخی\n\nمتن۔\n");

        read(FieldMapping.DEFAULT, dir);

        assertThat(listener.rejections).containsExactly(dir.resolve("a.txt") + ":invalid-field");
        assertThat(listener.messages.get(0)).contains("'date'").contains("kal");
    }

    @Test
    void shouldIngestEveryRealNewsRecordWithItsDateUrlAndOutlet() throws IOException {
        Path real = realNews();
        assumeTrue(Files.exists(real), "skipped: ../shared/real-news/articles.jsonl is not here");
        FieldMapping mapping = FieldMapping.DEFAULT.copy();

        read(mapping, real);

        assertThat(listener.rejections).isEmpty();
        assertThat(listener.articles).hasSize(2485).allSatisfy(a -> {
            assertThat(a.body()).isNotBlank();
            assertThat(a.outlet()).isNotBlank();
            assertThat(a.extra()).containsKey("id");
        });
        assertThat(listener.articles.stream()
                        .filter(a -> a.publishedAt() != null)
                        .count())
                .isEqualTo(1226);
        assertThat(listener.articles.stream().filter(a -> a.url() != null).count())
                .isEqualTo(1393);
        assertThat(listener.articles.stream().map(RawArticle::outlet).distinct())
                .hasSize(7);
    }

    /** ../shared/real-news/articles.jsonl beside the checkout (CI) or beside the worktree folder. */
    static Path realNews() {
        Path d = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && d != null; i++, d = d.getParent()) {
            Path f = d.resolve("shared/real-news/articles.jsonl");
            if (Files.exists(f)) {
                return f;
            }
        }
        return Path.of("../../shared/real-news/articles.jsonl");
    }
}

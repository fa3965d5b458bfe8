package io.khabar.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khabar.model.ArticleIds;
import io.khabar.model.RawArticle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealNewsCorpusTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path tmp;

    private Path threeArticles() throws Exception {
        Path f = tmp.resolve("articles.jsonl");
        Files.write(
                f,
                List.of(
                        "{\"id\": \"1\", \"title\": \"پہلی خبر\", \"text\": \"لاہور میں بارش ہوئی۔\\n\\nشہر میں"
                                + " پانی کھڑا ہے۔\", \"url\": \"https://www.express.pk/story/1/\", \"published\":"
                                + " null, \"source\": \"Express News\", \"category\": \"pakistan\"}",
                        "not json at all",
                        "{\"id\": \"2\", \"title\": \"دوسری خبر\", \"text\": \"کراچی میں گرمی ہے۔\", \"url\":"
                                + " null, \"published\": \"2019-05-02\", \"source\": \"BBC Urdu\"}",
                        "{\"id\": \"3\", \"title\": \"تیسری خبر\", \"text\": \"اسلام آباد میں اجلاس ہوا۔\","
                                + " \"source\": \"VOA Urdu\"}"),
                StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void readsTheArticlesAsIngestWouldAndSkipsLinesThatAreNone() throws Exception {
        RealNewsCorpus corpus = RealNewsCorpus.fromJsonl(threeArticles(), 1);

        assertThat(corpus.size()).isEqualTo(3);
        assertThat(corpus.description()).contains("3 articles").contains("1 lines skipped");
        Set<String> outlets = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            RawArticle a = corpus.next(i, T);
            outlets.add(a.outlet());
            assertThat(a.id()).isEqualTo("bench:" + i);
            assertThat(a.fetchedAt()).isEqualTo(T);
            assertThat(a.body()).doesNotContain("خبر نمبر");
            assertThat(a.contentHash()).isEqualTo(ArticleIds.contentHash(a.title(), a.body()));
        }
        assertThat(outlets).containsExactlyInAnyOrder("Express News", "BBC Urdu", "VOA Urdu");
    }

    @Test
    void repeatsTheFileAPassApartWithDistinctIdsAndContent() throws Exception {
        RealNewsCorpus corpus = RealNewsCorpus.fromJsonl(threeArticles(), 1);
        Set<String> hashes = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            RawArticle a = corpus.next(i, T);
            hashes.add(a.contentHash());
            ids.add(a.id());
        }
        assertThat(hashes).hasSize(9);
        assertThat(ids).hasSize(9);
        RawArticle first = corpus.next(1, T);
        RawArticle again = corpus.next(1 + 3, T);
        assertThat(again.title()).isEqualTo(first.title());
        assertThat(again.body()).isEqualTo(first.body() + "\n\nخبر نمبر 4");
        // deterministic: a second reader gives the same order
        assertThat(RealNewsCorpus.fromJsonl(threeArticles(), 1).next(2, T)).isEqualTo(corpus.next(2, T));
    }

    @Test
    void sentenceCorpusHasTheSizesOfRealNewsAndNoEntityTags() throws Exception {
        Path uner = tmp.resolve("uner.txt");
        Files.writeString(
                uner,
                "<LOCATION>برطانیہ</LOCATION> کے سابق فوجی سربراہ کا کہنا ہے کہ جنگ کا غلط اندازہ لگایا گیا۔\n"
                        + "<DESIGNATION>جنرل</DESIGNATION> <PERSON>سر پیٹر وال</PERSON> کا کہنا تھا کہ فوج تیار نہیں تھی۔\n",
                StandardCharsets.UTF_8);
        CorpusGenerator g = CorpusGenerator.fromSentences(uner, Path.of("..", "seeds"), 3);
        long[] sizes = new long[400];
        for (int i = 0; i < sizes.length; i++) {
            RawArticle a = g.next(i, T);
            assertThat(a.body()).doesNotContain("<PERSON>", "</LOCATION>");
            sizes[i] = a.body().getBytes(StandardCharsets.UTF_8).length;
        }
        java.util.Arrays.sort(sizes);
        assertThat(sizes[sizes.length / 2]).isBetween(2000L, 3200L);
        assertThat(sizes[0]).isLessThan(1500);
        assertThat(sizes[sizes.length - 1]).isGreaterThan(6000);
        assertThat(g.description()).contains("2 of").contains("median of 2500 bytes");
    }

    @Test
    void theSharedRealNewsGivesAllItsArticles() throws Exception {
        Path shared = RealNewsCorpus.find(Path.of(""));
        assumeTrue(shared != null, "skipped: shared/real-news/articles.jsonl is not beside the checkout");
        RealNewsCorpus corpus = RealNewsCorpus.fromJsonl(shared, 42);
        assertThat(corpus.size()).isGreaterThan(2000);
        assertThat(corpus.description()).doesNotContain("skipped");
    }
}

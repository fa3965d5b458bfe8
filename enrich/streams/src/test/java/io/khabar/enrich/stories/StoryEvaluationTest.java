package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.model.Json;
import io.khabar.text.UrduNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the story grouping on the labelled pairs of real news (docs/stories.md). Reads
 * ../shared/real-news/articles.jsonl (skipped when absent), groups all 2,485 articles the way the topology does
 * (candidates are articles sharing an LSH band with estimated similarity at or above the threshold; the story is
 * the earliest of them, by publication time, else file order), and compares with the labels.
 */
class StoryEvaluationTest {

    record Article(String id, long order, int[] sig) {}

    record Result(double precision, double recall, int truePositives, int predicted, int positives) {}

    static Path realNews() {
        Path d = Path.of("").toAbsolutePath();
        for (int i = 0; i < 5 && d != null; i++, d = d.getParent()) {
            Path f = d.resolve("shared/real-news/articles.jsonl");
            if (Files.exists(f)) {
                return f;
            }
        }
        return null;
    }

    static List<Article> read(Path file, MinHash minHash) throws IOException {
        UrduNormalizer normalizer = new UrduNormalizer();
        List<Article> out = new ArrayList<>();
        int line = 0;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (l.isBlank()) {
                continue;
            }
            JsonNode o = Json.mapper().readTree(l);
            long order = published(o.path("published").asText(null), line++);
            out.add(new Article(
                    o.get("id").asText(),
                    order,
                    minHash.signature(
                            normalizer.normalize(o.path("title").asText("")).text(),
                            normalizer.normalize(o.path("text").asText("")).text())));
        }
        return out;
    }

    private static long published(String s, int line) {
        if (s == null) {
            return Instant.parse("2030-01-01T00:00:00Z").toEpochMilli() + line; // undated: fetched in file order
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
    }

    /** Story id of every article: the earliest LSH candidate with similarity at or above the threshold. */
    static Map<String, String> stories(List<Article> articles, MinHash minHash, double threshold) {
        Map<String, List<Article>> buckets = new HashMap<>();
        Map<String, Article> story = new HashMap<>();
        for (Article a : articles) {
            story.put(a.id(), a);
            if (a.sig() == null) {
                continue;
            }
            for (String band : minHash.bandKeys(a.sig())) {
                buckets.computeIfAbsent(band, k -> new ArrayList<>()).add(a);
            }
        }
        for (List<Article> bucket : buckets.values()) {
            for (Article a : bucket) {
                for (Article b : bucket) {
                    if (a == b || MinHash.similarity(a.sig(), b.sig()) < threshold) {
                        continue;
                    }
                    Article s = story.get(a.id());
                    if (StoryMessage.before(b.order(), b.id(), s.order(), s.id())) {
                        story.put(a.id(), b);
                    }
                }
            }
        }
        Map<String, String> ids = new HashMap<>();
        story.forEach((k, v) -> ids.put(k, v.id()));
        return ids;
    }

    static List<String[]> labels() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = StoryEvaluationTest.class.getResourceAsStream("/stories/real-news-pairs.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (!l.startsWith("#") && !l.startsWith("id_a")) {
                    rows.add(l.split("\t"));
                }
            }
        }
        return rows;
    }

    static Result evaluate(Map<String, String> story, List<String[]> labels) {
        int tp = 0;
        int predicted = 0;
        int positives = 0;
        for (String[] p : labels) {
            boolean same = p[2].equals("same");
            boolean together = story.get(p[0]).equals(story.get(p[1]));
            positives += same ? 1 : 0;
            predicted += together ? 1 : 0;
            tp += same && together ? 1 : 0;
        }
        return new Result(
                predicted == 0 ? 0 : (double) tp / predicted, (double) tp / positives, tp, predicted, positives);
    }

    @Test
    void shouldGroupTheLabelledRealNewsPairsWithMeasuredPrecisionAndRecall() throws IOException {
        Path file = realNews();
        assumeTrue(file != null, "skipped: ../shared/real-news/articles.jsonl is not here");
        List<String[]> labels = labels();
        assertThat(labels).hasSize(159);
        StorySettings defaults = StorySettings.defaults();
        Result atDefault = null;
        for (int[] br : new int[][] {{36, 2}, {24, 3}, {18, 4}}) {
            MinHash minHash = new MinHash(defaults.shingle(), br[0], br[1]);
            List<Article> articles = read(file, minHash);
            for (double t : new double[] {0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6}) {
                Result r = evaluate(stories(articles, minHash, t), labels);
                System.out.printf(
                        Locale.ROOT,
                        "stories: bands=%d rows=%d threshold=%.2f precision=%.3f recall=%.3f "
                                + "(%d of %d predicted pairs correct, %d of %d same-story pairs found)%n",
                        br[0],
                        br[1],
                        t,
                        r.precision(),
                        r.recall(),
                        r.truePositives(),
                        r.predicted(),
                        r.truePositives(),
                        r.positives());
                if (br[0] == defaults.bands() && br[1] == defaults.rows() && t == defaults.threshold()) {
                    atDefault = r;
                }
            }
        }
        assertThat(atDefault).isNotNull();
        // Regression guard at the defaults; the measured figures are in docs/stories.md.
        assertThat(atDefault.recall()).isGreaterThanOrEqualTo(0.5);
        assertThat(atDefault.precision()).isGreaterThanOrEqualTo(0.3);
    }
}

package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.enrich.ArticleEnricher;
import io.khabar.enrich.EnrichApp;
import io.khabar.enrich.EnrichMetrics;
import io.khabar.enrich.EnrichSettings;
import io.khabar.enrich.EnrichTopology;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Json;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Precision and recall of the stories the enrich topology itself gives (real enricher, content dedup, the story
 * stage with its bucket and correction bounds) on the labelled real-news pairs, with the articles arriving in file
 * order and in a shuffled order; and how many articles get the same story as {@link StoryEvaluationTest}'s model of
 * the grouping. With {@code -Dkhabar.stories.eval.out=FILE} it also writes every article's story id and
 * similarity, one line per article and arrival order (sorted), so two versions of the code can be compared line by
 * line. Reads ../shared/real-news/articles.jsonl (skipped when absent); prints its figures
 * (docs/stories.md, "Cost per article"). About two minutes on a loaded 2-core machine, so it runs only with
 * {@code -Dkhabar.stories.eval=true}.
 */
class StoryPipelineEvaluationTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldGroupTheLabelledPairsInTheTopologyAsTheModelDoesInAnyArrivalOrder() throws IOException {
        assumeTrue(
                Boolean.getBoolean("khabar.stories.eval"), "skipped: runs with -Dkhabar.stories.eval=true (minutes)");
        Path file = StoryEvaluationTest.realNews();
        assumeTrue(file != null, "skipped: ../shared/real-news/articles.jsonl is not here");
        List<String[]> labels = StoryEvaluationTest.labels();
        List<RawArticle> articles = new ArrayList<>();
        Map<String, String> fileIdToRaw = new HashMap<>();
        int line = 0;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (l.isBlank()) {
                continue;
            }
            JsonNode o = Json.mapper().readTree(l);
            String published = o.path("published").asText(null);
            Instant at = published == null ? null : Instant.ofEpochMilli(parse(published));
            Instant fetched = Instant.parse("2030-01-01T00:00:00Z").plusMillis(line++); // undated: in file order
            RawArticle a = RawArticle.of(
                    "json:real-news",
                    o.path("url").isTextual() ? o.get("url").asText() : null,
                    o.path("title").asText(""),
                    o.path("text").asText(""),
                    "ur",
                    at,
                    fetched,
                    Map.of(),
                    o.path("source").asText());
            articles.add(a);
            fileIdToRaw.put(o.get("id").asText(), a.id());
        }
        StorySettings settings = StorySettings.on();
        MinHash minHash = settings.minHash();
        Map<String, String> model =
                StoryEvaluationTest.stories(StoryEvaluationTest.read(file, minHash), minHash, settings.threshold());
        List<RawArticle> shuffled = new ArrayList<>(articles);
        Collections.shuffle(shuffled, new Random(16));
        StoryEvaluationTest.Result inFileOrder = null;
        List<String> dump = new ArrayList<>();
        for (String order : List.of("file order", "shuffled")) {
            Map<String, String> byRawId = run(order.equals("file order") ? articles : shuffled, settings, order);
            Map<String, String> rawIdToFile = new HashMap<>();
            fileIdToRaw.forEach((f, r) -> rawIdToFile.put(r, f));
            byRawId.forEach((raw, s) -> dump.add(order + "\t" + rawIdToFile.getOrDefault(raw, raw) + "\t"
                    + rawIdToFile.getOrDefault(s, s) + "\t" + similarity.get(raw)));
            Map<String, String> story = new HashMap<>();
            int agree = 0;
            int missing = 0;
            Map<String, String> rawToFile = new HashMap<>();
            fileIdToRaw.forEach((f, r) -> rawToFile.put(r, f));
            for (Map.Entry<String, String> e : fileIdToRaw.entrySet()) {
                String s = byRawId.get(e.getValue());
                if (s == null) {
                    missing++; // an exact copy under another id, dropped by content dedup
                    story.put(e.getKey(), e.getKey());
                    continue;
                }
                String asFileId = rawToFile.getOrDefault(s, s);
                story.put(e.getKey(), asFileId);
                if (asFileId.equals(model.get(e.getKey()))) {
                    agree++;
                }
            }
            StoryEvaluationTest.Result r = StoryEvaluationTest.evaluate(story, labels);
            System.out.printf(
                    Locale.ROOT,
                    "stories in the topology (%s): precision=%.3f recall=%.3f (%d of %d predicted pairs correct, %d of"
                            + " %d same-story pairs found); %d of %d articles with the model's story, %d dropped as"
                            + " exact copies%n",
                    order,
                    r.precision(),
                    r.recall(),
                    r.truePositives(),
                    r.predicted(),
                    r.truePositives(),
                    r.positives(),
                    agree,
                    fileIdToRaw.size(),
                    missing);
            if (inFileOrder == null) {
                inFileOrder = r;
            } else {
                assertThat(r)
                        .as("the stories do not depend on the arrival order")
                        .isEqualTo(inFileOrder);
            }
        }
        String out = System.getProperty("khabar.stories.eval.out");
        if (out != null && !out.isBlank()) {
            Collections.sort(dump);
            Files.write(Path.of(out), dump, StandardCharsets.UTF_8);
        }
        assertThat(inFileOrder.recall()).isGreaterThanOrEqualTo(0.5);
        assertThat(inFileOrder.precision()).isGreaterThanOrEqualTo(0.3);
    }

    /** Every article's latest story id, by raw id, from the topology. */
    private Map<String, String> run(List<RawArticle> articles, StorySettings settings, String name) {
        Properties overrides = new Properties();
        overrides.put(
                StreamsConfig.STATE_DIR_CONFIG,
                stateDir.resolve(name.replace(' ', '-')).toString());
        overrides.put(EnrichSettings.METRICS_CONFIG, EnrichMetrics.inMemory());
        Properties config = EnrichApp.streamsConfig("unused:9092", overrides);
        Map<String, String> story = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                EnrichTopology.build(
                        ArticleEnricher.withDefaults(), EnrichSettings.defaults(), EnrichMetrics.inMemory(), settings),
                config)) {
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(
                    Topics.RAW,
                    new StringSerializer(),
                    new ByteArraySerializer(),
                    Instant.parse("2026-12-01T00:00:00Z"),
                    Duration.ofMillis(10));
            TestOutputTopic<String, EnrichedArticle> out = driver.createOutputTopic(
                    Topics.ENRICHED,
                    new StringDeserializer(),
                    JsonSerde.enrichedArticle().deserializer());
            int n = 0;
            for (RawArticle a : articles) {
                raw.pipeInput(a.id(), JsonSerde.rawArticle().toBytes(a));
                if (++n % 200 == 0) {
                    drain(out, story);
                }
            }
            drain(out, story);
        }
        return story;
    }

    /** The latest story similarity of each article, by raw id (for the dump). */
    private final Map<String, Double> similarity = new HashMap<>();

    private void drain(TestOutputTopic<String, EnrichedArticle> out, Map<String, String> story) {
        for (TestRecord<String, EnrichedArticle> r : out.readRecordsToList()) {
            story.put(r.key(), r.value().storyId());
            similarity.put(r.key(), r.value().storySimilarity());
        }
    }

    private static long parse(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
    }
}

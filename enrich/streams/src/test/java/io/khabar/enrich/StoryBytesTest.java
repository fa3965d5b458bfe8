package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.enrich.stories.StorySettings;
import io.khabar.model.Json;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes per article that the story stage writes to its changelogs and repartition topics, on real news
 * (../shared/real-news/articles.jsonl, the first {@value #DEFAULT_LIMIT} articles, or {@code -Dkhabar.stories.bytes.limit=N},
 * 0 for all) with the real enricher on TopologyTestDriver, which records every internal topic as a broker would get
 * it (uncompressed). Prints the table of docs/stories.md, "Bytes per article"; skipped when the data is absent.
 * {@code -Dkhabar.stories.bytes.published=true} gives the articles the file's publication dates (half of them have
 * one, 2016–2026, as in {@code khabar bench}; the others keep their fetch time), so the trending windows drop the old
 * ones; {@code -Dkhabar.enrich.trending.skip.closed=false} sends those counts to the repartition anyway (the
 * behaviour before that setting).
 */
class StoryBytesTest {

    private static final Path REAL_NEWS = Files.isRegularFile(Path.of("../../../shared/real-news/articles.jsonl"))
            ? Path.of("../../../shared/real-news/articles.jsonl")
            : Path.of("/work/shared/real-news/articles.jsonl");

    static final int DEFAULT_LIMIT = 300;

    @TempDir
    Path stateDir;

    @Test
    void shouldWriteTheArticleOnceAndOnlySmallRecordsInTheStoryStage() throws Exception {
        Path file = REAL_NEWS.toAbsolutePath().normalize();
        assumeTrue(
                Files.isRegularFile(file),
                "skipped: " + file + " is absent (the real-news corpus is not in the repository)");
        int limit = Integer.getInteger("khabar.stories.bytes.limit", DEFAULT_LIMIT);
        boolean published = Boolean.getBoolean("khabar.stories.bytes.published");
        StorySettings stories = StorySettings.on()
                .withTrendingSkipClosed(
                        Boolean.parseBoolean(System.getProperty(StorySettings.SKIP_CLOSED_CONFIG, "true")));
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(EnrichSettings.METRICS_CONFIG, EnrichMetrics.inMemory());
        Properties config = EnrichApp.streamsConfig("unused:9092", overrides);
        Map<String, long[]> perTopic = new TreeMap<>(); // topic → {records, bytes, largest record}
        int n = 0;
        try (TopologyTestDriver driver = new TopologyTestDriver(
                        EnrichTopology.build(
                                ArticleEnricher.withDefaults(),
                                EnrichSettings.defaults(),
                                EnrichMetrics.inMemory(),
                                stories),
                        config);
                BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(
                    Topics.RAW,
                    new StringSerializer(),
                    new ByteArraySerializer(),
                    Instant.parse("2026-12-01T00:00:00Z"),
                    Duration.ofSeconds(1));
            for (String line = in.readLine(); line != null && (limit == 0 || n < limit); line = in.readLine()) {
                JsonNode j = Json.mapper().readTree(line);
                RawArticle a = RawArticle.of(
                        "json:real-news",
                        j.path("url").isTextual() ? j.get("url").asText() : null,
                        j.path("title").asText(),
                        j.path("text").asText(),
                        "ur",
                        published && j.path("published").isTextual()
                                ? java.time.LocalDate.parse(
                                                j.get("published").asText().substring(0, 10))
                                        .atStartOfDay(java.time.ZoneOffset.UTC)
                                        .toInstant()
                                : null,
                        Instant.parse("2026-11-30T00:00:00Z").plusSeconds(n),
                        Map.of(),
                        j.path("source").asText());
                raw.pipeInput(a.id(), JsonSerde.rawArticle().toBytes(a));
                n++;
                if (n % 100 == 0) {
                    drain(driver, perTopic);
                }
            }
            drain(driver, perTopic);
        }
        int articlesIn = n;
        long enriched = perTopic.get(Topics.ENRICHED)[1];
        System.out.printf(
                "story stage bytes, %d real articles (key + value + headers, uncompressed)%s, %s %s:%n",
                n,
                published ? ", with the file's publication dates" : "",
                StorySettings.SKIP_CLOSED_CONFIG,
                stories.trendingSkipClosed());
        System.out.printf(
                "| topic | records per article | bytes per article | largest record |%n|---|---:|---:|---:|%n");
        perTopic.forEach((t, v) -> System.out.printf(
                "| %s | %.1f | %,.0f | %,d |%n",
                t.replace(EnrichApp.DEFAULT_APPLICATION_ID + "-", ""),
                (double) v[0] / articlesIn,
                (double) v[1] / articlesIn,
                v[2]));
        long story = perTopic.entrySet().stream()
                .filter(e -> e.getKey().contains("story-"))
                .mapToLong(e -> e.getValue()[1])
                .sum();
        System.out.printf(
                "story stage total %,.0f bytes per article; enriched topic %,.0f bytes per article%n",
                (double) story / n, (double) enriched / n);
        long[] trending = new long[2];
        perTopic.forEach((t, v) -> {
            if (t.contains("trending-") || t.equals(Topics.TRENDING)) {
                trending[0] += v[0];
                trending[1] += v[1];
            }
        });
        System.out.printf(
                "trending stage total %.1f records, %,.0f bytes per article%n",
                (double) trending[0] / n, (double) trending[1] / n);
        assertThat(n).isPositive();
        perTopic.forEach((t, v) -> {
            if (t.contains("story-") && t.endsWith("-repartition")) {
                assertThat(v[2]).as("largest record on " + t).isLessThan(1024);
            }
        });
        long[] byBand = perTopic.get(EnrichApp.DEFAULT_APPLICATION_ID + "-story-by-band-repartition");
        assertThat(byBand[2])
                .as("largest ENTRIES record on the band repartition: binary, the 72 signature values as 288 bytes, the"
                        + " article id as key and the partition count header (as JSON with the signature in base64 an"
                        + " ENTRY was 519 bytes or more)")
                .isLessThan(470);
        assertThat(byBand[0])
                .as("ENTRIES records: one per article and band partition (one partition on the driver), not one per"
                        + " band")
                .isLessThanOrEqualTo(articlesIn);
        long[] replies = perTopic.get(EnrichApp.DEFAULT_APPLICATION_ID + "-story-by-article-repartition");
        assertThat(replies[0])
                .as("REPLY records (and the corrections, none in real news): one per article and band partition")
                .isLessThanOrEqualTo(articlesIn + articlesIn / 10);
        assertThat(replies[2])
                .as("largest REPLY or CORRECTION record: binary (StoryReplySerde; as JSON it was 302 bytes)")
                .isLessThan(150);
        assertThat((double) replies[1] / articlesIn)
                .as("story-by-article repartition bytes per article (84 binary on all articles, 207 as JSON)")
                .isLessThan(110);
        long[] state = perTopic.get(EnrichApp.DEFAULT_APPLICATION_ID + "-story-state-changelog");
        assertThat(state[2])
                .as("largest story-state record: binary (StoryStateSerde; as JSON it was 268 bytes), never the article")
                .isLessThan(140);
        assertThat((double) state[1] / articlesIn)
                .as("story-state changelog bytes per article (189 binary on all articles, 500 as JSON)")
                .isLessThan(240);
        long[] bands = perTopic.get(EnrichApp.DEFAULT_APPLICATION_ID + "-story-bands-changelog");
        assertThat((double) bands[1] / articlesIn)
                .as("story-bands changelog bytes per article: 24 references and the signature once (with the"
                        + " signature in each of the 24 members it was 9,685)")
                .isLessThan(24 * 4 * 72);
        long[] articles = perTopic.get(EnrichApp.DEFAULT_APPLICATION_ID + "-story-articles-changelog");
        assertThat(articles).as("story-articles changelog").isNotNull();
        assertThat((double) (story - articles[1]) / articlesIn)
                .as("story stage bytes per article besides the stored article (its size follows the articles'):"
                        + " 3,820 on all articles with binary replies and state, 4,254 with them as JSON")
                .isLessThan(4_000);
        assertThat((double) articles[1])
                .as("story-articles changelog bytes: each article once, as on the enriched topic")
                .isLessThan(1.2 * enriched);
    }

    private static void drain(TopologyTestDriver driver, Map<String, long[]> perTopic) {
        for (String topic : driver.producedTopicNames()) {
            TestOutputTopic<byte[], byte[]> out =
                    driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (TestRecord<byte[], byte[]> r : out.readRecordsToList()) {
                long bytes = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                for (Header h : r.headers()) {
                    bytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
                }
                long[] v = perTopic.computeIfAbsent(topic, k -> new long[3]);
                v[0]++;
                v[1] += bytes;
                v[2] = Math.max(v[2], bytes);
            }
        }
    }
}

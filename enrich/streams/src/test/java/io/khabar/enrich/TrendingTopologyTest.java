package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.enrich.stories.StorySettings;
import io.khabar.enrich.stories.TrendRecord;
import io.khabar.model.ArticleEntities;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trending stage on TopologyTestDriver: entity counts whose hour and day windows have closed are dropped before
 * the repartition (docs/stories.md, "Trending"), and the trending topic gets the same records as when every count is
 * sent and the windows drop the late ones.
 */
class TrendingTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:05:00Z");
    private static final String REPARTITION = EnrichApp.DEFAULT_APPLICATION_ID + "-trending-by-entity-repartition";

    @TempDir
    Path stateDir;

    /** Tags the words {@code e0}…{@code e99} of the body as PERSON entities with the key {@code Q<n>}. */
    static EnrichedArticle enrich(RawArticle raw) {
        List<Entity> entities = new ArrayList<>();
        String body = raw.body();
        for (int i = body.indexOf('e'); i >= 0; i = body.indexOf('e', i + 1)) {
            int end = i + 1;
            while (end < body.length() && Character.isDigit(body.charAt(end))) {
                end++;
            }
            if (end > i + 1) {
                String n = body.substring(i + 1, end);
                entities.add(new Entity(
                        EntityType.PERSON,
                        body.substring(i, end),
                        Entity.BODY,
                        i,
                        end,
                        i,
                        end,
                        "Person " + n,
                        "Q" + n,
                        Entity.Method.GAZETTEER));
            }
        }
        return new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                raw.id(),
                raw.contentHash(),
                raw,
                raw.title(),
                raw.body(),
                "ur",
                1.0,
                1,
                raw.body().split(" ").length,
                ArticleEntities.group(entities, ArticleEntities.FALLBACK_KEYS),
                "test",
                Instant.EPOCH);
    }

    /** What one run wrote: every trending record in order, the repartition's record count, the metric. */
    record Run(List<KeyValue<String, TrendRecord>> trending, int repartitioned, double skipped) {}

    private Run run(StorySettings stories, List<RawArticle> articles, String dir) {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(dir).toString());
        overrides.put(EnrichSettings.METRICS_CONFIG, EnrichMetrics.inMemory());
        Properties config = EnrichApp.streamsConfig("unused:9092", overrides);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                EnrichTopology.build(
                        TrendingTopologyTest::enrich, EnrichSettings.defaults(), EnrichMetrics.inMemory(), stories),
                config)) {
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(
                    Topics.RAW, new StringSerializer(), new ByteArraySerializer(), T0, Duration.ofSeconds(1));
            for (RawArticle a : articles) {
                raw.pipeInput(a.id(), json(a));
            }
            List<KeyValue<String, TrendRecord>> trending = driver.createOutputTopic(
                            Topics.TRENDING,
                            new StringDeserializer(),
                            JsonSerde.of(TrendRecord.class).deserializer())
                    .readKeyValuesToList();
            int repartitioned = driver.producedTopicNames().contains(REPARTITION)
                    ? driver.createOutputTopic(REPARTITION, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                            .readRecordsToList()
                            .size()
                    : 0;
            double skipped = driver.metrics().entrySet().stream()
                    .filter(e -> e.getKey().group().equals("stream-khabar-trending-metrics")
                            && e.getKey().name().equals("dropped-records-total"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                    .sum();
            return new Run(trending, repartitioned, skipped);
        }
    }

    private static RawArticle article(int i, String published, String... people) {
        return RawArticle.of(
                "test",
                "https://t.example/" + i,
                "خبر " + i,
                "خبر نمبر " + i + " " + String.join(" ", people),
                "ur",
                Instant.parse(published),
                T0,
                Map.of(),
                "T");
    }

    @Test
    void shouldNotRepartitionACountWhoseWindowsHaveClosedAndCountIt() {
        StorySettings stories = StorySettings.on().withGrace(Duration.ofHours(1), Duration.ofHours(1));
        List<RawArticle> articles = List.of(
                article(1, "2026-11-01T08:00:00Z", "e1", "e2"),
                article(2, "2026-11-03T12:00:00Z", "e1"), // stream time 11-03 12:00
                article(3, "2026-11-01T08:10:00Z", "e1", "e2", "e3"), // day 11-01 closed at 11-02 01:00
                article(4, "2026-11-03T10:30:00Z", "e2")); // hour closed, day open: sent, counted by the day
        Run skipping = run(stories, articles, "skip");
        Run sendingAll = run(stories.withTrendingSkipClosed(false), articles, "all");

        assertThat(sendingAll.repartitioned()).isEqualTo(7); // the old behaviour: every count crosses
        assertThat(sendingAll.skipped()).isZero();
        assertThat(skipping.repartitioned()).isEqualTo(4); // article 3's three counts stay home
        assertThat(skipping.skipped()).isEqualTo(3.0);
        assertThat(skipping.trending()).isEqualTo(sendingAll.trending());
        assertThat(skipping.trending())
                .extracting(kv -> kv.key)
                .contains("Q2|day|2026-11-03T00:00:00Z")
                .doesNotContain("Q2|hour|2026-11-03T10:00:00Z", "Q3|day|2026-11-01T00:00:00Z");
    }

    @Test
    void shouldWriteTheSameTrendingRecordsAsWhenEveryCountIsSentOnAShuffledArchive() {
        // 240 articles over 8 days, many at the edges of the windows' close times, in time order but a third of them
        // swapped with one up to 30 places later (late by up to 30 hours)
        Random r = new Random(14);
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        List<RawArticle> articles = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            long at = r.nextInt(8 * 24) * 3_600_000L + (r.nextBoolean() ? r.nextInt(3_600_000) : r.nextInt(3) - 1);
            List<String> people = new ArrayList<>();
            for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
                people.add("e" + r.nextInt(30));
            }
            articles.add(article(i, base.plusMillis(Math.max(0, at)).toString(), people.toArray(String[]::new)));
        }
        articles.sort(java.util.Comparator.comparing(a -> a.publishedAt()));
        for (int i = 0; i < 80; i++) {
            int a = r.nextInt(articles.size() - 30);
            Collections.swap(articles, a, a + 1 + r.nextInt(30));
        }
        StorySettings stories = StorySettings.on().withGrace(Duration.ofHours(1), Duration.ofHours(20));
        Run skipping = run(stories, articles, "skip");
        Run sendingAll = run(stories.withTrendingSkipClosed(false), articles, "all");

        System.out.printf(
                "shuffled archive: %d trending records; repartitioned %d of %d counts, %.0f skipped%n",
                skipping.trending().size(), skipping.repartitioned(), sendingAll.repartitioned(), skipping.skipped());
        assertThat(skipping.trending()).hasSizeGreaterThan(200).isEqualTo(sendingAll.trending());
        assertThat(skipping.skipped()).isGreaterThan(20);
        assertThat((double) skipping.repartitioned()).isEqualTo(sendingAll.repartitioned() - skipping.skipped());
    }
}

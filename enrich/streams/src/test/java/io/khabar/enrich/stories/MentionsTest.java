package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.ArticleEntities;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.model.RawArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * {@link StoryProcessors.Mentions} skips a count only when the partition it goes to has been sent a later one by this
 * task: the window processors of that partition then have a stream time that closes its windows. Another partition
 * may not have seen that time, so a count for it is sent.
 */
class MentionsTest {

    private static final int PARTITIONS = 3;
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

    private static EnrichedArticle article(String published, String... keys) {
        RawArticle raw = RawArticle.of(
                "test", null, "t", "b " + String.join(" ", keys), "ur", Instant.parse(published), NOW, Map.of(), "T");
        List<Entity> entities = java.util.Arrays.stream(keys)
                .map(k -> new Entity(
                        EntityType.PERSON, k, Entity.BODY, 0, 1, 0, 1, "Person " + k, k, Entity.Method.GAZETTEER))
                .toList();
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
                1,
                ArticleEntities.group(entities, ArticleEntities.FALLBACK_KEYS),
                "test",
                NOW);
    }

    /** Two entity keys (Wikidata-like ids) that Kafka's default partitioning sends to different partitions. */
    private static String[] keysOnTwoPartitions() {
        String a = "Q1";
        int pa = TrendPartitioner.partition(a, PARTITIONS);
        String b = IntStream.range(2, 100)
                .mapToObj(i -> "Q" + i)
                .filter(k -> TrendPartitioner.partition(k, PARTITIONS) != pa)
                .findFirst()
                .orElseThrow();
        return new String[] {a, b};
    }

    @Test
    void shouldSkipOnlyCountsForAPartitionThatWasSentALaterTime() {
        StorySettings settings = StorySettings.on().withGrace(Duration.ofHours(1), Duration.ofHours(1));
        TrendPartitioner partitioner = new TrendPartitioner();
        StoryProcessors.Mentions mentions = new StoryProcessors.Mentions(TrendWindows.of(settings), partitioner);
        MockProcessorContext<String, TrendCount> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(NOW.toEpochMilli());
        mentions.init(context);
        String[] k = keysOnTwoPartitions();
        // a sink would call the partitioner with the topic's partition count when the first count is sent
        partitioner.partitions("t", k[0], null, null, PARTITIONS);

        mentions.process(new Record<>("1", article("2026-11-03T12:00:00Z", k[0]), 0L));
        mentions.process(new Record<>("2", article("2026-11-01T08:00:00Z", k[0], k[1]), 0L));

        assertThat(context.forwarded())
                .extracting(f ->
                        f.record().key() + "@" + Instant.ofEpochMilli(f.record().timestamp()))
                .containsExactly(
                        k[0] + "@2026-11-03T12:00:00Z",
                        // k[0] at 11-01 08:00 is skipped: its partition was sent 11-03 12:00, so its day window
                        // (closing at 11-02 01:00) is closed there; k[1]'s partition has seen nothing yet
                        k[1] + "@2026-11-01T08:00:00Z");
        assertThat(dropped(context)).isEqualTo(1.0);

        // a new init (a revived task) forgets what was sent: nothing is skipped until it has sent again
        context.resetForwards();
        mentions.init(context);
        mentions.process(new Record<>("3", article("2026-11-01T08:00:00Z", k[0]), 0L));
        assertThat(context.forwarded()).hasSize(1);
    }

    @Test
    void shouldSendEverythingWhenNotSkipping() {
        StoryProcessors.Mentions mentions = new StoryProcessors.Mentions();
        MockProcessorContext<String, TrendCount> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(NOW.toEpochMilli());
        mentions.init(context);
        mentions.process(new Record<>("1", article("2026-11-03T12:00:00Z", "Q1"), 0L));
        mentions.process(new Record<>("2", article("2026-11-01T08:00:00Z", "Q1"), 0L));
        assertThat(context.forwarded()).hasSize(2);
    }

    private static double dropped(MockProcessorContext<?, ?> context) {
        return context.metrics().metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-khabar-trending-metrics")
                        && e.getKey().name().equals("dropped-records-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    @Test
    void shouldCloseAWindowExactlyWhenKafkaStreamsDoes() {
        // KStreamWindowAggregate drops a record when window end <= observed stream time - grace
        TrendWindows w = TrendWindows.of(StorySettings.on().withGrace(Duration.ofHours(1), Duration.ofHours(1)));
        long t = Instant.parse("2026-11-01T08:10:00Z").toEpochMilli();
        long dayClose = Instant.parse("2026-11-02T01:00:00Z").toEpochMilli(); // day end 11-02 00:00 + 1 h
        assertThat(w.closed(t, dayClose)).isTrue();
        assertThat(w.closed(t, dayClose - 1)).isFalse();
        assertThat(w.closed(t, -1)).isFalse();
        // the hour window (08:00-09:00, closing at 10:00) closes first; both must be closed
        TrendWindows hourLonger =
                TrendWindows.of(StorySettings.on().withGrace(Duration.ofDays(3), Duration.ofHours(1)));
        assertThat(hourLonger.closed(t, dayClose)).isFalse();
        assertThat(hourLonger.closed(t, Instant.parse("2026-11-04T09:00:00Z").toEpochMilli()))
                .isTrue();
    }
}

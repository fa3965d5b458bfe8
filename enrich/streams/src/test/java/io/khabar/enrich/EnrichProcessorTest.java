package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.article;
import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The last step alone, fed the out-of-order arrivals that the content-hash repartition can cause (which a
 * single-partition TopologyTestDriver never produces).
 */
class EnrichProcessorTest {

    private MockProcessorContext<String, EnrichedArticle> context;
    private EnrichProcessors.Enrich processor;
    private EnrichMetrics metrics;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(System.currentTimeMillis()); // the processor caps record times at the wall clock
        WindowStore<String, String> store = Stores.windowStoreBuilder(
                        Stores.inMemoryWindowStore(
                                EnrichTopology.VERSION_STORE, Duration.ofDays(1), Duration.ofMillis(1), false),
                        Serdes.String(),
                        Serdes.String())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        metrics = EnrichMetrics.inMemory();
        processor = new EnrichProcessors.Enrich(
                EnrichTopology.VERSION_STORE, Duration.ofDays(1), TestArticles::fakeEnrich, metrics);
        processor.init(context);
    }

    private void arrive(RawArticle a, int rawPartition, long rawOffset) {
        RecordHeaders h = new RecordHeaders();
        h.add(DeadLetterRecords.RAW_TOPIC, Topics.RAW.getBytes(StandardCharsets.UTF_8));
        h.add(DeadLetterRecords.RAW_PARTITION, String.valueOf(rawPartition).getBytes(StandardCharsets.UTF_8));
        h.add(DeadLetterRecords.RAW_OFFSET, String.valueOf(rawOffset).getBytes(StandardCharsets.UTF_8));
        processor.process(new Record<>(a.id(), new RawRecord(json(a), a), 1_000L + rawOffset, h));
    }

    @Test
    void shouldDropAnOlderVersionThatArrivesAfterANewerOne() {
        RawArticle v1 = article("https://example.pk/x", "خبر", "پہلا متن۔");
        RawArticle v2 = article("https://example.pk/x", "خبر", "دوسرا متن۔");
        arrive(v2, 0, 11);
        arrive(v1, 0, 10);

        assertThat(context.forwarded())
                .extracting(f -> f.record().value().contentHash())
                .containsExactly(v2.contentHash());
        assertThat(metrics.duplicateCount(EnrichMetrics.SUPERSEDED)).isEqualTo(1);
    }

    @Test
    void shouldEnrichVersionsInOffsetOrderAndARevertAsNewest() {
        RawArticle v1 = article("https://example.pk/x", "خبر", "پہلا متن۔");
        RawArticle v2 = article("https://example.pk/x", "خبر", "دوسرا متن۔");
        arrive(v1, 0, 10);
        arrive(v2, 0, 11);
        arrive(v1, 0, 12);
        arrive(v1, 0, 13);

        assertThat(context.forwarded())
                .extracting(f -> f.record().value().contentHash())
                .containsExactly(v1.contentHash(), v2.contentHash(), v1.contentHash());
        assertThat(metrics.duplicateCount(EnrichMetrics.SAME_ID)).isEqualTo(1);
        assertThat(context.forwarded()
                        .get(2)
                        .record()
                        .headers()
                        .lastHeader(DeadLetterRecords.RAW_OFFSET)
                        .value())
                .isEqualTo("12".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldTreatAVersionFromAnotherPartitionAsNewAfterTheRawTopicWasResized() {
        RawArticle v1 = article("https://example.pk/x", "خبر", "پہلا متن۔");
        RawArticle v2 = article("https://example.pk/x", "خبر", "دوسرا متن۔");
        arrive(v1, 0, 500);
        arrive(v2, 3, 7);

        assertThat(context.forwarded()).hasSize(2);
    }
}

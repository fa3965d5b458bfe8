package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.article;
import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code khabar.enrich.dedup.content=false} on a real broker: exactly-once output keyed by id, same-id duplicates
 * dropped, the same text under another id enriched, and no internal repartition topic created.
 */
class EnrichWithoutContentDedupIT {

    private static final String APP_ID = "enrich-no-content-dedup";

    @TempDir
    Path state;

    @Test
    void shouldEnrichOnTheRawPartitionsWithoutRepartitionTopics() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String bootstrap = broker.bootstrapServers();
            broker.createTopics(KafkaTestSupport.topicsKeepingEveryVersion(3));
            EnrichMetrics metrics = EnrichMetrics.inMemory();
            Properties o = new Properties();
            o.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
            o.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
            o.put(EnrichSettings.METRICS_CONFIG, metrics);
            o.put(EnrichSettings.DEDUP_CONTENT_CONFIG, "false");
            // stories and trends add their own repartitions; this test is about the content-dedup ones
            o.put(io.khabar.enrich.stories.StorySettings.ENABLED_CONFIG, "false");
            List<RawArticle> articles = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                articles.add(article(i));
            }
            List<RawArticle> sameText = articles.subList(0, 20).stream()
                    .map(r -> article(null, r.title(), r.body()))
                    .toList();
            try (EnrichApp app = EnrichApp.start(TestArticles::fakeEnrich, EnrichApp.streamsConfig(bootstrap, o));
                    KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                    Admin admin = Admin.create(KafkaTestSupport.client(bootstrap))) {
                for (RawArticle r : articles) {
                    producer.send(new ProducerRecord<>(Topics.RAW, r.id().getBytes(StandardCharsets.UTF_8), json(r)));
                }
                for (RawArticle r : articles.subList(0, 50)) { // ingested twice
                    producer.send(new ProducerRecord<>(Topics.RAW, r.id().getBytes(StandardCharsets.UTF_8), json(r)));
                }
                for (RawArticle r : sameText) {
                    producer.send(new ProducerRecord<>(Topics.RAW, r.id().getBytes(StandardCharsets.UTF_8), json(r)));
                }
                producer.flush();
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> app.isReady() && EnrichApp.caughtUp(admin, APP_ID));

                List<ConsumerRecord<byte[], byte[]>> enriched =
                        KafkaTestSupport.readAll(bootstrap, Topics.ENRICHED, IsolationLevel.READ_COMMITTED);
                Map<String, Long> perId = enriched.stream()
                        .collect(Collectors.groupingBy(
                                r -> new String(r.key(), StandardCharsets.UTF_8), Collectors.counting()));
                assertThat(perId).hasSize(320);
                assertThat(perId.values()).containsOnly(1L);
                assertThat(perId.keySet())
                        .containsAll(sameText.stream().map(RawArticle::id).toList());
                assertThat(metrics.duplicateCount(EnrichMetrics.SAME_ID)).isEqualTo(50);
                assertThat(metrics.duplicateCount(EnrichMetrics.SAME_CONTENT)).isZero();
                assertThat(admin.listTopics().names().get())
                        .filteredOn(t -> t.startsWith(APP_ID))
                        .isNotEmpty()
                        .noneMatch(t -> t.endsWith("-repartition"));
            }
        }
    }
}

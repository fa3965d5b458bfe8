package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.enrich.stories.StorySettings;
import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story stage on a real broker with three partitions: near-copies of one article, spread over the raw topic's
 * partitions and each earlier than the copies before it, all end up with the earliest copy as their story. Their
 * band buckets are spread over the three partitions of the band repartition, and each article's one ENTRIES record
 * is delivered to each of them by the partitioner (docs/stories.md, "One record per band partition"): a band handled
 * by no partition leaves the article waiting, a band handled by a partition that does not hold its bucket misses
 * the copies in it.
 */
class StoryPartitionsIT {

    private static final String APP = "enrich-story-partitions";
    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(KafkaTestSupport.topicsKeepingEveryVersion(3));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldGiveEveryCopyTheEarliestCopyAsItsStoryAcrossThreeBandPartitions() throws Exception {
        String bootstrap = broker.bootstrapServers();
        java.util.Properties overrides = new java.util.Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(EnrichSettings.METRICS_CONFIG, EnrichMetrics.inMemory());
        overrides.put(StorySettings.ENABLED_CONFIG, "true");
        // 9 copies: when the earliest comes last, the 8 before it are told (max.corrections is 8 per band)
        int copies = 9;
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                Admin admin = Admin.create(KafkaTestSupport.client(bootstrap));
                EnrichApp app =
                        EnrichApp.start(TestArticles::fakeEnrich, EnrichApp.streamsConfig(bootstrap, overrides))) {
            for (int i = 0; i < copies; i++) {
                RawArticle a = StoryCostTest.copy(i, StoryCostTest.Dating.EACH_EARLIER); // each earlier than the last
                KafkaTestSupport.send(
                        producer,
                        new ProducerRecord<>(Topics.RAW, i % 3, a.id().getBytes(StandardCharsets.UTF_8), json(a)));
            }
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() ->
                            EnrichApp.caughtUp(admin, APP) && latest(bootstrap).size() == copies);
            assertThat(admin.describeTopics(List.of(APP + "-story-by-band-repartition"))
                            .allTopicNames()
                            .get()
                            .get(APP + "-story-by-band-repartition")
                            .partitions())
                    .as("band partitions")
                    .hasSize(3);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(latest(bootstrap).values())
                            .extracting(EnrichedArticle::storyId)
                            .as("the latest story of each copy")
                            .containsOnly("bench:" + (copies - 1)));
            assertThat(latest(bootstrap).get("bench:0").storySimilarity()).isGreaterThan(0.9);
            assertThat(app.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        }
    }

    /** The latest version of each article on the enriched topic (a correction comes after the first emission). */
    private static Map<String, EnrichedArticle> latest(String bootstrap) {
        Map<String, EnrichedArticle> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaTestSupport.readAll(bootstrap, Topics.ENRICHED, IsolationLevel.READ_COMMITTED)) {
            out.put(
                    new String(r.key(), StandardCharsets.UTF_8),
                    JsonSerde.enrichedArticle().deserializer().deserialize(Topics.ENRICHED, r.value()));
        }
        return out;
    }
}

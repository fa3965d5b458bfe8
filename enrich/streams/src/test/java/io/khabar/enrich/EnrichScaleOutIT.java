package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.article;
import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scale-out: two instances with the same application id share the partitions of a four-partition raw topic; one
 * is stopped mid-stream, the other takes over its partitions, and every article is enriched exactly once.
 */
class EnrichScaleOutIT {

    private static final Logger log = LoggerFactory.getLogger(EnrichScaleOutIT.class);
    private static final String APP_ID = "enrich-scale-out";
    private static final int ARTICLES = 1200;

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka =
            EmbeddedKafkaExtension.perClass().withTopics(KafkaTestSupport.topicsKeepingEveryVersion(4));

    @TempDir
    Path stateA;

    @TempDir
    Path stateB;

    private Properties config(Path stateDir, EnrichMetrics metrics) {
        Properties o = new Properties();
        o.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        o.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        o.put(EnrichSettings.METRICS_CONFIG, metrics);
        // stories on as by default (-Dkhabar.it.stories=false runs without): the story stage fails over too
        o.put(io.khabar.enrich.stories.StorySettings.ENABLED_CONFIG, System.getProperty("khabar.it.stories", "true"));
        return EnrichApp.streamsConfig(kafka.bootstrapServers(), o);
    }

    private static int activeTasks(EnrichApp app) {
        return app.streams().metadataForLocalThreads().stream()
                .mapToInt((ThreadMetadata t) -> t.activeTasks().size())
                .sum();
    }

    @Test
    void shouldShareThePartitionsAndEnrichEveryArticleOnceWhenOneInstanceStopsMidStream() throws Exception {
        String bootstrap = kafka.bootstrapServers();
        EnrichMetrics metricsA = EnrichMetrics.inMemory();
        EnrichMetrics metricsB = EnrichMetrics.inMemory();
        List<RawArticle> articles = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            articles.add(article(i));
        }
        EnrichApp a = EnrichApp.start(new SlowEnricher(2000), config(stateA, metricsA));
        try (EnrichApp b = EnrichApp.start(new SlowEnricher(2000), config(stateB, metricsB));
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap);
                Admin admin = Admin.create(KafkaTestSupport.client(bootstrap))) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> a.isReady() && b.isReady() && activeTasks(a) > 0 && activeTasks(b) > 0);
            log.info("tasks before the stop: A {} B {}", activeTasks(a), activeTasks(b));

            for (RawArticle r : articles) {
                producer.send(new ProducerRecord<>(Topics.RAW, r.id().getBytes(StandardCharsets.UTF_8), json(r)));
            }
            // the same articles again, and the first 100 again under another id (no URL): all duplicates
            for (RawArticle r : articles.subList(0, 200)) {
                producer.send(new ProducerRecord<>(Topics.RAW, r.id().getBytes(StandardCharsets.UTF_8), json(r)));
            }
            Map<String, String> sameContentIds = new java.util.HashMap<>(); // original id → id of the copy
            for (RawArticle r : articles.subList(0, 100)) {
                RawArticle sameContent = article(null, r.title(), r.body());
                sameContentIds.put(r.id(), sameContent.id());
                producer.send(new ProducerRecord<>(
                        Topics.RAW, sameContent.id().getBytes(StandardCharsets.UTF_8), json(sameContent)));
            }
            producer.flush();

            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> metricsA.enrichedCount() > 0
                            && metricsB.enrichedCount() > 0
                            && metricsA.enrichedCount() + metricsB.enrichedCount() >= ARTICLES / 4);
            double aBefore = metricsA.enrichedCount();
            double bBefore = metricsB.enrichedCount();
            assertThat(a.close(Duration.ofSeconds(30))).isTrue();
            log.info("stopped A after A {} and B {} enrichments of {}", aBefore, bBefore, ARTICLES);

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> EnrichApp.caughtUp(admin, APP_ID));
            assertThat(activeTasks(b)).isGreaterThan(0);
            // the verdicts come back to the raw partition the article waits on: both internal topics of content
            // dedup have the raw topic's partition count, and no article is left waiting once caught up
            int rawPartitions = admin.describeTopics(List.of(Topics.RAW))
                    .allTopicNames()
                    .get()
                    .get(Topics.RAW)
                    .partitions()
                    .size();
            for (String step : List.of(EnrichTopology.CONTENT_CLAIMS, EnrichTopology.CONTENT_VERDICTS)) {
                String topic = APP_ID + "-" + step + "-repartition";
                assertThat(admin.describeTopics(List.of(topic))
                                .allTopicNames()
                                .get()
                                .get(topic)
                                .partitions())
                        .as(topic)
                        .hasSize(rawPartitions);
            }
            try (org.apache.kafka.streams.state.KeyValueIterator<String, PendingArticle> waiting = b.streams()
                    .store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                            EnrichTopology.PENDING_STORE,
                            org.apache.kafka.streams.state.QueryableStoreTypes.<String, PendingArticle>keyValueStore()))
                    .all()) {
                assertThat(waiting.hasNext())
                        .as("articles still waiting for a verdict")
                        .isFalse();
            }

            List<ConsumerRecord<byte[], byte[]>> enriched =
                    KafkaTestSupport.readAll(bootstrap, Topics.ENRICHED, IsolationLevel.READ_COMMITTED);
            // a story correction re-emits an article with an earlier story (header khabar.story.correction): that is
            // a new version of its story, not a second enrichment
            Map<String, Long> perId = enriched.stream()
                    .filter(r -> r.headers().lastHeader("khabar.story.correction") == null)
                    .collect(Collectors.groupingBy(
                            r -> new String(r.key(), StandardCharsets.UTF_8), Collectors.counting()));
            logMissing(b, articles, perId, sameContentIds);
            // Of an article and its copy under another id, the one the content-hash partition sees first is
            // enriched. The copy was sent later, but on another raw partition, and the two instances move their
            // partitions on at their own pace (no order holds across partitions), so either may win; exactly one
            // of the two is enriched. Every other article is enriched, and nothing else.
            for (Map.Entry<String, String> pair : sameContentIds.entrySet()) {
                assertThat(Stream.of(pair.getKey(), pair.getValue()).filter(perId::containsKey))
                        .as("enriched of the article %s and its copy %s", pair.getKey(), pair.getValue())
                        .hasSize(1);
            }
            Set<String> expected = new HashSet<>();
            for (RawArticle r : articles) {
                String copy = sameContentIds.get(r.id());
                expected.add(copy != null && perId.containsKey(copy) ? copy : r.id());
            }
            assertThat(perId.keySet()).isEqualTo(expected);
            assertThat(perId.values()).containsOnly(1L);
            assertThat(metricsA.enrichedCount()).isGreaterThan(0);
            assertThat(metricsB.enrichedCount()).isGreaterThan(bBefore);
            log.info(
                    "A enriched {}, B enriched {}; duplicates dropped: same-id {}, same-content {}",
                    metricsA.enrichedCount(),
                    metricsB.enrichedCount(),
                    metricsA.duplicateCount(EnrichMetrics.SAME_ID) + metricsB.duplicateCount(EnrichMetrics.SAME_ID),
                    metricsA.duplicateCount(EnrichMetrics.SAME_CONTENT)
                            + metricsB.duplicateCount(EnrichMetrics.SAME_CONTENT));
        } finally {
            a.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Names the articles missing from the enriched topic and, with stories on, what the surviving instance's
     * {@code story-state} holds for each (replies received of expected, emitted), so a failure says where they wait.
     */
    private static void logMissing(
            EnrichApp app, List<RawArticle> articles, Map<String, Long> perId, Map<String, String> sameContentIds) {
        List<String> missing = articles.stream()
                .map(RawArticle::id)
                .filter(i -> !perId.containsKey(i) && !perId.containsKey(sameContentIds.getOrDefault(i, "")))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        log.warn("{} articles missing from the enriched topic: {}", missing.size(), missing);
        try {
            org.apache.kafka.streams.state.ReadOnlyWindowStore<String, io.khabar.enrich.stories.StoryState> states =
                    app.streams()
                            .store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                                    io.khabar.enrich.stories.StoryTopology.STATE_STORE,
                                    org.apache.kafka.streams.state.QueryableStoreTypes.windowStore()));
            for (String id : missing) {
                try (var it = states.fetch(id, java.time.Instant.EPOCH, java.time.Instant.now())) {
                    if (!it.hasNext()) {
                        log.warn("  {}: no story state", id);
                    }
                    while (it.hasNext()) {
                        io.khabar.enrich.stories.StoryState st = it.next().value;
                        log.warn(
                                "  {}: story state at {} replies {}/{} emitted {}",
                                id,
                                st.at(),
                                st.replies(),
                                st.expected(),
                                st.emitted());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("  story state not readable: {}", e.toString());
        }
    }
}

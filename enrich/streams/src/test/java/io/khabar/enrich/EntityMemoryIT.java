package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.article;
import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import io.khabar.ner.EntityTagger;
import io.khabar.ner.Keys;
import io.khabar.ner.LearnedName;
import io.khabar.ner.NameMemory;
import io.khabar.text.UrduNormalizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the name memory end to end on a real broker. Instance A learns a name from the context of one article
 * and publishes it to the memory topic; instance B, a fresh process state with an empty memory of its own, reads the
 * topic as a global store and recognises the name in an article only it processes. A bad memory record is skipped.
 */
class EntityMemoryIT {
    private static final String APP_ID = "enrich-entity-memory";
    private static final EntityTagger TAGGER = EntityTagger.withDefaultGazetteers();

    @TempDir
    Path stateA;

    @TempDir
    Path stateB;

    private static Properties config(String bootstrap, Path state) {
        Properties o = new Properties();
        o.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        o.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        o.put(EnrichSettings.METRICS_CONFIG, EnrichMetrics.inMemory());
        o.put(EnrichSettings.DEDUP_CONTENT_CONFIG, "false");
        return EnrichApp.streamsConfig(bootstrap, o);
    }

    private static ArticleEnricher enricher(EntityMemory memory) {
        return new ArticleEnricher(new UrduNormalizer(), TAGGER, Clock.systemUTC(), memory);
    }

    @Test
    void shouldRecogniseInInstanceBANameThatInstanceALearned() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String bootstrap = broker.bootstrapServers();
            List<org.apache.kafka.clients.admin.NewTopic> topics =
                    new ArrayList<>(KafkaTestSupport.topicsKeepingEveryVersion(2));
            topics.add(EntityMemory.topic(1, (short) 1));
            broker.createTopics(topics);
            String key = Keys.of("زرتاشہ گلبدین");
            RawArticle teaching = article(
                    "https://example.pk/a",
                    "بیان",
                    "اجلاس کے بعد پارٹی کی ترجمان زرتاشہ گلبدین نے کہا کہ مذاکرات جاری رہیں گے۔");
            RawArticle later = article("https://example.pk/b", "خبر", "کل رات زرتاشہ گلبدین ٹی وی پر آئیں۔");
            // without the memory, the tagger alone does not know the name in the later article
            assertThat(TAGGER.tagArticle(null, new UrduNormalizer().normalize(later.body()), null))
                    .noneMatch(e -> e.text().equals("زرتاشہ گلبدین"));

            EntityMemory memoryA = new EntityMemory(new NameMemory());
            try (EnrichApp a = EnrichApp.start(enricher(memoryA), config(bootstrap, stateA));
                    KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
                producer.send(new ProducerRecord<>(
                        Topics.RAW, teaching.id().getBytes(StandardCharsets.UTF_8), json(teaching)));
                // a record no instance can read must not stop the memory
                producer.send(new ProducerRecord<>(
                        EntityMemory.TOPIC,
                        "bad".getBytes(StandardCharsets.UTF_8),
                        "PERSON\tnot six fields".getBytes(StandardCharsets.UTF_8)));
                producer.flush();
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> a.isReady()
                                && KafkaTestSupport.readAll(
                                                bootstrap, EntityMemory.TOPIC, IsolationLevel.READ_COMMITTED)
                                        .stream()
                                        .anyMatch(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key)));
            }
            ConsumerRecord<byte[], byte[]> published =
                    KafkaTestSupport.readAll(bootstrap, EntityMemory.TOPIC, IsolationLevel.READ_COMMITTED).stream()
                            .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key))
                            .findFirst()
                            .orElseThrow();
            LearnedName learned = LearnedName.parse(key, new String(published.value(), StandardCharsets.UTF_8));
            assertThat(learned.type()).isEqualTo(EntityType.PERSON);
            assertThat(learned.has(NameMemory.Evidence.DESIGNATION)).isTrue();

            EntityMemory memoryB = new EntityMemory(new NameMemory());
            try (EnrichApp b = EnrichApp.start(enricher(memoryB), config(bootstrap, stateB));
                    KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> b.isReady()
                                && memoryB.names().all().stream()
                                        .anyMatch(n -> n.key().equals(key)));
                producer.send(
                        new ProducerRecord<>(Topics.RAW, later.id().getBytes(StandardCharsets.UTF_8), json(later)));
                producer.flush();
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() ->
                                KafkaTestSupport.readAll(bootstrap, Topics.ENRICHED, IsolationLevel.READ_COMMITTED)
                                        .stream()
                                        .anyMatch(r -> new String(r.key(), StandardCharsets.UTF_8).equals(later.id())));
            }
            EnrichedArticle enriched =
                    KafkaTestSupport.readAll(bootstrap, Topics.ENRICHED, IsolationLevel.READ_COMMITTED).stream()
                            .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(later.id()))
                            .map(r -> new EnrichedSerde(8 << 20).deserializer().deserialize(Topics.ENRICHED, r.value()))
                            .findFirst()
                            .orElseThrow();
            assertThat(enriched.mentions())
                    .extracting(Entity::type, Entity::text, Entity::method)
                    .contains(org.assertj.core.groups.Tuple.tuple(
                            EntityType.PERSON, "زرتاشہ گلبدین", Entity.Method.MEMORY));
            assertThat(memoryB.names().all()).noneMatch(n -> n.key().equals("bad"));
        }
    }
}

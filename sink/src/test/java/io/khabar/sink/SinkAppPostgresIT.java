package io.khabar.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.DeadLetters;
import io.khabar.model.EnrichedArticle;
import io.khabar.sink.jdbc.ArticleQueries;
import io.khabar.sink.jdbc.PostgresSupport;
import io.khabar.sink.jdbc.PostgresTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole sink with the PostgreSQL target against a real broker and a real database. */
class SinkAppPostgresIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.perClass();

    @Test
    void shouldWriteArticlesAndDeadLetterTheRowsPostgresRefuses() throws Exception {
        String topic = KafkaTestSupport.uniqueTopic("enriched");
        String dlq = topic + "-dlq";
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 2, topic);
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 1, dlq);
        List<EnrichedArticle> articles = new ArrayList<>(
                IntStream.range(0, 200).mapToObj(TestArticles::numbered).toList());
        EnrichedArticle a = TestArticles.numbered(500);
        EnrichedArticle poison = new EnrichedArticle(
                a.schemaVersion(),
                a.id(),
                a.contentHash(),
                a.article(),
                "سرخی\u0000",
                a.body(),
                a.language(),
                a.languageConfidence(),
                a.sentenceCount(),
                a.tokenCount(),
                a.entities(),
                a.enricherVersion(),
                a.enrichedAt());
        articles.add(100, poison);
        articles.add(TestArticles.seed());
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            KafkaTestSupport.produce(producer, topic, articles);
        }
        PostgresSupport.Database db = PostgresSupport.newDatabase();
        SinkConfig config = SinkConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topic(topic)
                .deadLetterTopic(dlq)
                .groupId("pg-" + topic)
                .batchSize(64)
                .jdbc(db.url(), db.user(), db.password())
                .build();
        Map<TopicPartition, Long> end = KafkaTestSupport.endOffsets(kafka.bootstrapServers(), topic);
        try (SinkApp sink = SinkApp.start(config)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.hasReached(end));
            assertThat(sink.written()).isEqualTo(201);
            assertThat(sink.deadLettered()).isEqualTo(1);
        }

        try (PostgresTarget reader = new PostgresTarget(db.url(), db.user(), db.password(), 2)) {
            reader.open(topic, "pg-" + topic);
            assertThat(reader.storedPositions()).isEqualTo(end);
            ArticleQueries q = new ArticleQueries(reader.dataSource());
            assertThat(q.count()).isEqualTo(201);
            assertThat(q.find(poison.id())).isEmpty();
            assertThat(q.find(TestArticles.seed().id())).contains(TestArticles.seed());
            assertThat(q.mentioning("Imran Khan", io.khabar.model.EntityType.PERSON, 1000))
                    .hasSize(201);
        }
        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestSupport.readAll(kafka.bootstrapServers(), dlq, 1);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("constraint-violation");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.ERROR_MESSAGE))
                    .contains(poison.id());
            assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC))
                    .isEqualTo(topic);
            assertThat(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(poison.id());
        });
    }
}

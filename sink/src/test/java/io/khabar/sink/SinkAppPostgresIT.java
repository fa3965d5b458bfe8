package io.khabar.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.model.DeadLetters;
import io.khabar.model.EnrichedArticle;
import io.khabar.sink.jdbc.ArticleQueries;
import io.khabar.sink.jdbc.PostgresSupport;
import io.khabar.sink.jdbc.PostgresTarget;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's contract ({@link SinkContractIT}) with the PostgreSQL target (a fresh schema per test on the server
 * of {@link PostgresSupport}: embedded PostgreSQL binaries unless configured otherwise), and what only a database
 * does: rows it refuses are dead-lettered.
 */
class SinkAppPostgresIT extends SinkContractIT {

    private PostgresSupport.Database db;

    @BeforeEach
    void newDatabase() {
        db = PostgresSupport.newDatabase();
    }

    @Override
    protected SinkConfig.Builder withTarget(SinkConfig.Builder builder) {
        return builder.jdbc(db.url(), db.user(), db.password());
    }

    @Override
    protected PostgresTarget newTarget() {
        return new PostgresTarget(db.url(), db.user(), db.password(), 2);
    }

    /** Every row of {@code articles}, read back through {@link ArticleQueries} as {@code khabar query} does. */
    @Override
    protected List<EnrichedArticle> stored() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM articles")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return List.of(); // the sink never opened the target: no table, nothing stored
            }
            throw e;
        }
        try (PostgresTarget reader = newTarget()) {
            reader.open("unused", "reader");
            ArticleQueries q = new ArticleQueries(reader.dataSource());
            List<EnrichedArticle> result = new ArrayList<>();
            for (String id : ids) {
                result.add(q.find(id).orElseThrow());
            }
            return result;
        }
    }

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
        SinkConfig config =
                config(topic, dlq).groupId("pg-" + topic).batchSize(64).build();
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

package io.khabar.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.DeadLetters;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import java.nio.charset.StandardCharsets;
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

/**
 * The sink's contract, the same for every target, run against a real (embedded) broker: each article stored
 * exactly once across restarts, poison records dead-lettered while the partition moves on, retriable target
 * failures retried without duplicates, a permanent one stopping the sink with its reason, and the topic end
 * reached past transaction markers. One subclass per target ({@link SinkAppJsonlIT}, {@link SinkAppPostgresIT})
 * says how to configure it and how to read back what it stored, as Debezium runs one connector test suite per
 * database; a new target gets the whole contract by adding a subclass.
 */
abstract class SinkContractIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.perClass();

    /** Sets the target under test on the builder (a fresh, empty store for each test). */
    protected abstract SinkConfig.Builder withTarget(SinkConfig.Builder builder);

    /** A new instance of the target {@link #withTarget} configures, writing to the same store. */
    protected abstract SinkTarget newTarget();

    /** Every article in the store, checked the way a reader of the store would (any order). */
    protected abstract List<EnrichedArticle> stored() throws Exception;

    protected SinkConfig.Builder config(String topic, String dlq) {
        return withTarget(SinkConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topic(topic)
                .deadLetterTopic(dlq)
                .groupId("sink-" + topic)
                .batchSize(50)
                .flushInterval(Duration.ofMillis(200)));
    }

    @Test
    void shouldWriteEveryArticleOnceAndResumeWhereItStopped() throws Exception {
        String topic = KafkaTestSupport.uniqueTopic("enriched");
        String dlq = KafkaTestSupport.uniqueTopic("dlq");
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 3, topic);
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 1, dlq);
        List<EnrichedArticle> first =
                IntStream.range(0, 300).mapToObj(TestArticles::numbered).toList();
        List<EnrichedArticle> second =
                IntStream.range(300, 420).mapToObj(TestArticles::numbered).toList();
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            KafkaTestSupport.produce(producer, topic, first);
            try (SinkApp sink = SinkApp.start(config(topic, dlq).build())) {
                Map<TopicPartition, Long> end = KafkaTestSupport.endOffsets(kafka.bootstrapServers(), topic);
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.hasReached(end));
                assertThat(sink.written()).isEqualTo(300);
                assertThat(sink.positions()).isEqualTo(end);
            }
            KafkaTestSupport.produce(producer, topic, second);
            try (SinkApp sink = SinkApp.start(config(topic, dlq).build())) {
                Map<TopicPartition, Long> end = KafkaTestSupport.endOffsets(kafka.bootstrapServers(), topic);
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.hasReached(end));
                assertThat(sink.written()).as("only the new articles").isEqualTo(120);
            }
        }
        List<EnrichedArticle> written = stored();
        List<EnrichedArticle> expected = new ArrayList<>(first);
        expected.addAll(second);
        assertThat(written).hasSize(420).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldSendPoisonRecordsToTheDeadLetterTopicAndGoOn() throws Exception {
        String topic = KafkaTestSupport.uniqueTopic("enriched");
        String dlq = KafkaTestSupport.uniqueTopic("dlq");
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 1, topic, dlq);
        EnrichedArticle a = TestArticles.numbered(1);
        EnrichedArticle future = new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION + 1,
                "future-1",
                a.contentHash(),
                a.article(),
                a.title(),
                a.body(),
                a.language(),
                a.languageConfidence(),
                a.sentenceCount(),
                a.tokenCount(),
                a.entities(),
                a.enricherVersion(),
                a.enrichedAt());
        byte[] garbage = "{\"id\": \"broken".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            KafkaTestSupport.produce(producer, topic, List.of(a));
            KafkaTestSupport.produceRaw(producer, topic, "bad".getBytes(StandardCharsets.UTF_8), garbage); // offset 1
            KafkaTestSupport.produceRaw(
                    producer,
                    topic,
                    "future-1".getBytes(StandardCharsets.UTF_8),
                    JsonSerde.enrichedArticle().toBytes(future)); // offset 2
            KafkaTestSupport.produceRaw(producer, topic, "gone".getBytes(StandardCharsets.UTF_8), null); // tombstone, 3
            KafkaTestSupport.produce(producer, topic, List.of(TestArticles.numbered(2))); // offset 4
        }
        try (SinkApp sink = SinkApp.start(config(topic, dlq).build())) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> sink.positions().getOrDefault(new TopicPartition(topic, 0), 0L) == 5L);
            assertThat(sink.written()).isEqualTo(2);
            assertThat(sink.deadLettered()).isEqualTo(2);
        }
        assertThat(stored())
                .extracting(EnrichedArticle::id)
                .containsExactlyInAnyOrder(a.id(), TestArticles.numbered(2).id());

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestSupport.readAll(kafka.bootstrapServers(), dlq, 2);
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.REASON))
                .isEqualTo("deserialization");
        assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.STAGE)).isEqualTo("sink");
        assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.SOURCE_TOPIC))
                .isEqualTo(topic);
        assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.SOURCE_OFFSET))
                .isEqualTo("1");
        assertThat(DeadLetters.header(dead.get(1).headers(), DeadLetters.REASON))
                .isEqualTo("unsupported-schema");
        assertThat(DeadLetters.header(dead.get(1).headers(), DeadLetters.ERROR_MESSAGE))
                .contains("schemaVersion " + (EnrichedArticle.SCHEMA_VERSION + 1));
        assertThat(new String(dead.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("future-1");
    }

    @Test
    void shouldRetryARetriableTargetFailureAndWriteEachRecordOnce() throws Exception {
        String topic = KafkaTestSupport.uniqueTopic("enriched");
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 1, topic);
        List<EnrichedArticle> articles =
                IntStream.range(0, 30).mapToObj(TestArticles::numbered).toList();
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            KafkaTestSupport.produce(producer, topic, articles);
        }
        Failing failing = new Failing(newTarget(), 2, true);
        SinkConfig config = config(topic, topic + "-dlq")
                .retryBackoff(Duration.ofMillis(10))
                .target(() -> failing, "failing jsonl")
                .build();
        try (SinkApp sink = SinkApp.start(config)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> sink.positions().getOrDefault(new TopicPartition(topic, 0), 0L) == 30L);
            assertThat(sink.written()).isEqualTo(30);
        }
        assertThat(failing.failures).isEqualTo(2);
        assertThat(stored()).containsExactlyInAnyOrderElementsOf(articles);
    }

    @Test
    void shouldStopWithTheReasonWhenTheTargetFailsForGood() throws Exception {
        String topic = KafkaTestSupport.uniqueTopic("enriched");
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 1, topic);
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
            KafkaTestSupport.produce(producer, topic, List.of(TestArticles.numbered(1)));
        }
        Failing failing = new Failing(newTarget(), Integer.MAX_VALUE, false);
        SinkApp sink = SinkApp.start(
                config(topic, topic + "-dlq").target(() -> failing, "broken").build());
        assertThat(sink.awaitTermination(Duration.ofSeconds(60))).isTrue();
        assertThat(sink.failure()).get().asString().contains("failed").contains("disk on fire");
        assertThat(sink.positions()).isEmpty();
        sink.close();
        assertThat(stored()).isEmpty();
    }

    @Test
    void shouldReachTheTopicEndPastTransactionMarkers() throws Exception {
        String topic = KafkaTestSupport.uniqueTopic("enriched");
        KafkaTestSupport.createTopics(kafka.bootstrapServers(), 1, topic);
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("transactional.id", "tx-" + topic);
        try (KafkaProducer<byte[], byte[]> tx = new KafkaProducer<>(
                p,
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            tx.initTransactions();
            for (int t = 0; t < 3; t++) {
                tx.beginTransaction();
                KafkaTestSupport.produce(
                        tx, topic, List.of(TestArticles.numbered(2 * t), TestArticles.numbered(2 * t + 1)));
                tx.commitTransaction();
            }
        }
        Map<TopicPartition, Long> end = KafkaTestSupport.endOffsets(kafka.bootstrapServers(), topic);
        assertThat(end.get(new TopicPartition(topic, 0)))
                .as("6 records and 3 commit markers")
                .isEqualTo(9L);
        SinkConfig config = config(topic, topic + "-dlq").build();
        try (SinkApp sink = SinkApp.start(config);
                org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                        Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.hasReached(end));
            assertThat(sink.written()).isEqualTo(6);
            // the consumer group's lag reaches 0: its committed offset is past the last marker, not on it
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(admin.listConsumerGroupOffsets(config.groupId())
                                    .partitionsToOffsetAndMetadata()
                                    .get()
                                    .get(new TopicPartition(topic, 0)))
                            .isNotNull()
                            .extracting(o -> o.offset())
                            .isEqualTo(9L));
        }
        assertThat(stored()).hasSize(6);
    }

    /** Fails the first {@code failures} writes, then writes. */
    static final class Failing implements SinkTarget {
        private final SinkTarget delegate;
        private final int failFirst;
        private final boolean retriable;
        volatile int failures;

        Failing(SinkTarget delegate, int failFirst, boolean retriable) {
            this.delegate = delegate;
            this.failFirst = failFirst;
            this.retriable = retriable;
        }

        @Override
        public void open(String topic, String groupId) {
            delegate.open(topic, groupId);
        }

        @Override
        public Map<TopicPartition, Long> storedPositions() {
            return delegate.storedPositions();
        }

        @Override
        public int write(Batch batch, Rejects rejects) {
            if (failures < failFirst) {
                failures++;
                throw new SinkException("disk on fire", retriable);
            }
            return delegate.write(batch, rejects);
        }

        @Override
        public String describe() {
            return "failing";
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}

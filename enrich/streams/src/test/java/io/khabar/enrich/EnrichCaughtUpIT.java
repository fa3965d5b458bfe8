package io.khabar.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link EnrichApp#caughtUp(Admin, String)} on a real broker: an open transaction on a repartition topic holds its
 * last stable offset back, so the group's offsets can equal the visible ends while records are still to come (as
 * after a SIGKILL, until the transaction is fenced or times out). That is not caught up.
 */
class EnrichCaughtUpIT {

    private static final String APP = "caught-up-app";
    private static final String REPARTITION = APP + "-some-step-repartition";

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.perClass()
            .withTopics(List.of(new NewTopic(Topics.RAW, 1, (short) 1), new NewTopic(REPARTITION, 1, (short) 1)));

    @Test
    void shouldNotBeCaughtUpWhileATransactionIsOpenOnARepartitionTopic() throws Exception {
        try (Admin admin = Admin.create(KafkaTestSupport.client(kafka.bootstrapServers()));
                KafkaProducer<byte[], byte[]> plain = KafkaTestSupport.producer(kafka.bootstrapServers());
                KafkaProducer<byte[], byte[]> transactional = transactionalProducer()) {
            KafkaTestSupport.send(plain, new ProducerRecord<>(Topics.RAW, bytes("a1"), bytes("{}")));
            // the group has read the raw record and nothing else is visible: caught up
            admin.alterConsumerGroupOffsets(APP, Map.of(new TopicPartition(Topics.RAW, 0), new OffsetAndMetadata(1)))
                    .all()
                    .get();
            assertThat(EnrichApp.caughtUp(admin, APP)).isTrue();

            transactional.initTransactions();
            transactional.beginTransaction();
            transactional
                    .send(new ProducerRecord<>(REPARTITION, bytes("a1"), bytes("in flight")))
                    .get();
            assertThat(EnrichApp.caughtUp(admin, APP))
                    .as("a record in an open transaction on a repartition topic is still in flight")
                    .isFalse();

            transactional.commitTransaction();
            assertThat(EnrichApp.caughtUp(admin, APP))
                    .as("committed and not yet read by the group")
                    .isFalse();
            admin.alterConsumerGroupOffsets(
                            APP,
                            Map.of(new TopicPartition(REPARTITION, 0), new OffsetAndMetadata(2))) // record + marker
                    .all()
                    .get();
            // the commit markers are written after commitTransaction returns: the stable offset follows soon after
            await().atMost(Duration.ofSeconds(30)).until(() -> EnrichApp.caughtUp(admin, APP));
        }
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer() {
        Properties p = KafkaTestSupport.client(kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, APP + "-test-tx");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package io.khabar.ingest;

import io.khabar.kafka.embedded.junit.EmbeddedKafkaExtension;
import io.khabar.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The one embedded broker of this module's integration tests ({@link EmbeddedKafkaExtension#shared()}: each IT
 * registers {@link #KAFKA}), and a way to read exactly the records a test added to a topic.
 */
final class SharedBroker {

    /** Register in each IT: {@code @RegisterExtension static final EmbeddedKafkaExtension kafka = SharedBroker.KAFKA;}. */
    static final EmbeddedKafkaExtension KAFKA =
            EmbeddedKafkaExtension.shared().withTopics(Topics.definitions(3, (short) 1));

    private SharedBroker() {}

    static Properties client() {
        return KAFKA.clientProperties();
    }

    /** The current end offsets of a topic: pass them to {@link #readSince} to read what comes after. */
    static Map<TopicPartition, Long> mark(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo pi : c.partitionsFor(topic)) {
                tps.add(new TopicPartition(topic, pi.partition()));
            }
            return new HashMap<>(c.endOffsets(tps));
        }
    }

    /**
     * Reads the records added after the mark: waits (at most 30 s) for {@code expected} of them, then polls once
     * more so that any record beyond those expected shows up too.
     */
    static List<ConsumerRecord<byte[], byte[]>> readSince(Map<TopicPartition, Long> mark, int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            c.assign(mark.keySet());
            mark.forEach(c::seek);
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    /** How many records were added after the mark, now. */
    static long countSince(Map<TopicPartition, Long> mark) {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            Map<TopicPartition, Long> end = c.endOffsets(mark.keySet());
            return end.entrySet().stream()
                    .mapToLong(e -> e.getValue() - mark.get(e.getKey()))
                    .sum();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = client();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}

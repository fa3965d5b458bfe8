package io.khabar.ingest;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
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
 * One embedded broker for all integration tests of this module (started on first use, stopped when the JVM
 * exits), and a way to read exactly the records a test added to a topic.
 */
final class SharedBroker {

    private static EmbeddedKafkaBroker broker;

    private SharedBroker() {
    }

    static synchronized Properties client() {
        if (broker == null) {
            broker = EmbeddedKafkaBroker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            broker.createTopics(Topics.definitions(3, (short) 1));
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
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
            return end.entrySet().stream().mapToLong(e -> e.getValue() - mark.get(e.getKey())).sum();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = client();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}

package io.khabar.enrich;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producing, reading with read_committed, and waiting for the enrich app's consumer group to catch up. */
final class KafkaTestSupport {

    private KafkaTestSupport() {}

    /**
     * khabar's topics, with the enriched topic's segments kept open for the test: its records carry the article's
     * event time, and the test articles are a month old, so the broker rolled a segment on every append
     * ({@code segment.ms} counts from the first record's timestamp) and compacted it. A story correction then
     * removed the article's first emission, and a test that counts first emissions found the article missing.
     * Without rolls nothing is compacted while the test runs, and every version stays readable.
     */
    static List<org.apache.kafka.clients.admin.NewTopic> topicsKeepingEveryVersion(int partitions) {
        List<org.apache.kafka.clients.admin.NewTopic> out = new ArrayList<>();
        for (org.apache.kafka.clients.admin.NewTopic t : io.khabar.model.Topics.definitions(partitions, (short) 1)) {
            if (t.name().equals(io.khabar.model.Topics.ENRICHED)) {
                Map<String, String> configs = new java.util.HashMap<>(t.configs());
                configs.put(
                        org.apache.kafka.common.config.TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Long.MAX_VALUE));
                t = new org.apache.kafka.clients.admin.NewTopic(t.name(), t.numPartitions(), t.replicationFactor())
                        .configs(configs);
            }
            out.add(t);
        }
        return out;
    }

    static Properties client(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = client(bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Every record of a topic up to its current end, read with the given isolation level. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, IsolationLevel isolation) {
        Properties p = client(bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}

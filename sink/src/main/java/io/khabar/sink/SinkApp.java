package io.khabar.sink;

import io.khabar.model.BrokerWatch;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink: reads enriched articles and writes them to the configured target exactly once, on its own thread
 * until {@link #close()}. {@link #start} opens the target first (creating directories or migrating the schema),
 * so configuration and connection errors surface there.
 */
public final class SinkApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkApp.class);

    private final SinkConfig config;
    private final SinkTarget target;
    private final ConsumerLoop loop;
    private final Thread thread;
    private volatile Throwable failure;
    private final BrokerWatch broker;

    private SinkApp(SinkConfig config, SinkTarget target, ConsumerLoop loop) {
        this.config = config;
        Properties client = new Properties();
        client.putAll(config.kafkaProperties());
        client.put(SinkConfig.BOOTSTRAP_SERVERS, config.bootstrapServers());
        this.broker = BrokerWatch.start("sink", client); // says so within seconds when the broker does not answer
        this.target = target;
        this.loop = loop;
        this.thread = new Thread(this::runLoop, "khabar-sink-" + config.groupId());
    }

    /** Opens the target, connects to Kafka and starts the consumer loop on a new thread. */
    public static SinkApp start(SinkConfig config) {
        SinkTarget target = config.newTarget();
        KafkaConsumer<byte[], byte[]> consumer = null;
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            target.open(config.topic(), config.groupId());
            consumer = new KafkaConsumer<>(
                    consumerProperties(config), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            producer = new KafkaProducer<>(
                    producerProperties(config), new ByteArraySerializer(), new ByteArraySerializer());
            SinkApp app = new SinkApp(config, target, new ConsumerLoop(config, target, consumer, producer));
            LOG.info("sink starting: {}", config);
            app.thread.start();
            return app;
        } catch (RuntimeException e) {
            closeQuietly(producer);
            closeQuietly(consumer);
            closeQuietly(target);
            throw e;
        }
    }

    static Properties consumerProperties(SinkConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                config.groupId() + "-" + UUID.randomUUID().toString().substring(0, 8));
        // Articles are ~10 KB: fetch more per partition and round trip than the 1 MiB default (measured: x2
        // throughput).
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024));
        p.putAll(config.kafkaProperties());
        // These make exactly-once work; the user may not change them.
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(config.batchSize()));
        p.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        p.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return p;
    }

    static Properties producerProperties(SinkConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "-dead-letters");
        for (String key : config.kafkaProperties().stringPropertyNames()) {
            if (ProducerConfig.configNames().contains(key)) {
                p.put(key, config.kafkaProperties().getProperty(key));
            }
        }
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        p.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return p;
    }

    private void runLoop() {
        try {
            loop.run();
        } catch (Throwable e) {
            failure = e;
            LOG.error("sink stopped: {}", e.getMessage(), e);
        } finally {
            closeLeavingGroup(loop.consumer());
            closeQuietly(loop.deadLetterProducer());
            closeQuietly(target);
        }
    }

    /** Articles durably written so far (since this instance started). */
    public long written() {
        return loop.written.get();
    }

    /** Records sent to the dead-letter topic so far (since this instance started). */
    public long deadLettered() {
        return loop.deadLettered.get();
    }

    /** Positions durably written per partition: the next offset to read. For "has the sink caught up" checks. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(loop.positions);
    }

    /**
     * Whether the sink has durably written everything up to {@code ends} (e.g. the topic's ends when its input was
     * complete): every partition with records has a stored position at or past its end.
     */
    public boolean hasReached(Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> now = positions();
        return ends.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || now.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** Whether the consumer loop is still running (false after {@link #close()} or a failure). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** The error that stopped the sink, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Waits until the loop has stopped (after {@link #close()} or a failure); false on timeout. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /** The configuration this sink runs with. */
    public SinkConfig config() {
        return config;
    }

    /** Stops polling, writes what is buffered, stores and commits the positions, and closes everything. */
    @Override
    public void close() {
        loop.running = false;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        broker.close();
        LOG.info("sink closed: {} articles written, {} dead-lettered", written(), deadLettered());
    }

    /**
     * Closes the consumer and leaves the group even as a static member ({@code group.instance.id}), so that its
     * partitions move to the other sinks at once instead of after the session time-out.
     */
    private static void closeLeavingGroup(KafkaConsumer<byte[], byte[]> consumer) {
        try {
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        } catch (Exception e) {
            LOG.warn("error closing the consumer: {}", e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("error closing {}: {}", c.getClass().getSimpleName(), e.getMessage());
        }
    }
}

package io.khabar.enrich;

import io.khabar.model.BrokerWatch;
import io.khabar.model.Topics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich Kafka Streams application: runs {@link EnrichTopology} with exactly-once processing, dead letters
 * through its exception handlers, and metrics on an {@link EnrichMetrics} registry. More instances with the same
 * {@code application.id} share the raw topic's partitions.
 */
public final class EnrichApp implements AutoCloseable {

    /** Default {@code application.id}; also the consumer group id and the prefix of internal topics. */
    public static final String DEFAULT_APPLICATION_ID = "khabar-enrich";

    /**
     * Default {@code commit.interval.ms} (and {@code poll.ms}): 25 ms, four times Streams' exactly-once commit rate,
     * for an ingest -> sink latency within 300 ms at p99 across five Streams hops; docs/benchmarks.md has what it
     * costs per article at full load.
     */
    public static final long COMMIT_INTERVAL_MS_DEFAULT = 25;

    /** How many times a failed stream thread is replaced before the instance shuts down (and turns unhealthy). */
    static final int MAX_THREAD_REPLACEMENTS = 3;

    private static final Logger log = LoggerFactory.getLogger(EnrichApp.class);

    private final KafkaStreams streams;
    private final String applicationId;
    private final EnrichMetrics metrics;
    private final KafkaStreamsMetrics streamsMetrics;
    private final BrokerWatch broker;

    private EnrichApp(
            KafkaStreams streams,
            String applicationId,
            EnrichMetrics metrics,
            KafkaStreamsMetrics streamsMetrics,
            BrokerWatch broker) {
        this.broker = broker;
        this.streams = streams;
        this.applicationId = applicationId;
        this.metrics = metrics;
        this.streamsMetrics = streamsMetrics;
    }

    /**
     * Streams settings: exactly_once_v2 committing every {@value #COMMIT_INTERVAL_MS_DEFAULT} ms, earliest offsets, the dead-letter handlers and topic, explicit internal
     * names, 8 MiB records, and the given properties on top (which may override any of them, including security
     * settings passed straight to the clients, and the {@link EnrichSettings} keys).
     */
    @SuppressWarnings("deprecation") // processing.exception.handler.global.enabled: a bridge, always on from Kafka 5.0
    public static Properties streamsConfig(String bootstrapServers, Properties overrides) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Latency. Under exactly-once a hop's output is readable downstream only once its transaction commits, and
        // the next hop's input arrives just after that commit, so it waits a whole interval for the next one: each
        // Streams hop costs commit.interval.ms, not half of it. An article crosses 3 commits (claim, verdict, enriched)
        // and 5 with stories; Streams' EOS default of 100 ms gave p50 = 332 ms ingest -> sink with 3.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(COMMIT_INTERVAL_MS_DEFAULT));
        // The thread looks at the commit interval only between polls: an idle poll must not outlast the interval.
        p.put(StreamsConfig.POLL_MS_CONFIG, String.valueOf(COMMIT_INTERVAL_MS_DEFAULT));
        p.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), String.valueOf(8 * 1024 * 1024));
        // Articles are ~5-12 KB: the client's 16 KB default batch holds one or two, so every couple of records
        // paid for a new lz4 frame, a request and a log append. Same batching as the ingest producer.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), String.valueOf(256 * 1024));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        p.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), String.valueOf(8 * 1024 * 1024));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "-1");
        p.putAll(overrides);
        p.putIfAbsent(EnrichSettings.METRICS_CONFIG, EnrichMetrics.shared());
        return p;
    }

    /**
     * Starts the app with the given enricher; the topology takes its {@link EnrichSettings} and {@link EnrichMetrics}
     * from the properties (made by {@link #streamsConfig}). Returns at once; see {@link #awaitRunning(Duration)}.
     */
    public static EnrichApp start(Enricher enricher, Properties streamsConfig) {
        EnrichMetrics metrics = metricsOf(streamsConfig);
        return start(
                EnrichTopology.build(
                        enricher,
                        EnrichSettings.from(streamsConfig),
                        metrics,
                        io.khabar.enrich.stories.StorySettings.from(streamsConfig)),
                streamsConfig);
    }

    /** Starts the app with a ready topology and returns at once; use {@link #awaitRunning(Duration)} to wait for it. */
    public static EnrichApp start(Topology topology, Properties streamsConfig) {
        EnrichMetrics metrics = metricsOf(streamsConfig);
        String applicationId = streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        KafkaStreams streams = new KafkaStreams(topology, streamsConfig);
        AtomicInteger replaced = new AtomicInteger();
        streams.setUncaughtExceptionHandler(e -> {
            if (replaced.incrementAndGet() <= MAX_THREAD_REPLACEMENTS) {
                log.error(
                        "enrich stream thread failed; replacing it ({} of {})",
                        replaced.get(),
                        MAX_THREAD_REPLACEMENTS,
                        e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            log.error("enrich stream thread failed again; shutting this instance down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> log.info("enrich app {}: {} -> {}", applicationId, before, now));
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        streams.start();
        return new EnrichApp(
                streams, applicationId, metrics, streamsMetrics, BrokerWatch.start("enrich", streamsConfig));
    }

    private static EnrichMetrics metricsOf(Properties config) {
        return config.get(EnrichSettings.METRICS_CONFIG) instanceof EnrichMetrics m ? m : EnrichMetrics.shared();
    }

    /**
     * Whether the enrich application {@code applicationId} has processed every record of the raw topic that exists
     * now, including the records in flight in its repartition topics. See {@link #caughtUp(Admin, String, Map)}.
     */
    public static boolean caughtUp(Admin admin, String applicationId) {
        Map<TopicPartition, Long> committed = committedOffsets(admin, applicationId);
        Map<TopicPartition, Long> rawEnds;
        try {
            rawEnds = endOffsets(admin, Topics.RAW);
        } catch (ExecutionException e) {
            return false; // the raw topic does not exist yet
        }
        return caughtUp(admin, applicationId, committed, rawEnds);
    }

    /**
     * Whether the Kafka Streams application {@code applicationId} has processed everything up to
     * {@code inputEnds} (e.g. the raw topic's ends taken when the input was published): its committed offsets have
     * reached those ends, and also the ends of its own repartition topics (records in flight between
     * sub-topologies), whichever topology it runs, and no transaction is open on those repartition topics. The
     * group's offsets are read before the repartition ends, so a true answer means nothing is left in flight. Under exactly-once a committed offset means the outputs of its
     * records are committed too. False, never an exception, while topics or the group do not exist yet.
     */
    public static boolean caughtUp(Admin admin, String applicationId, Map<TopicPartition, Long> inputEnds) {
        return caughtUp(admin, applicationId, committedOffsets(admin, applicationId), inputEnds);
    }

    private static boolean caughtUp(
            Admin admin,
            String applicationId,
            Map<TopicPartition, Long> committed,
            Map<TopicPartition, Long> inputEnds) {
        if (!reached(committed, inputEnds)) {
            return false;
        }
        try {
            for (String topic : admin.listTopics().names().get()) {
                if (topic.startsWith(applicationId + "-") && topic.endsWith("-repartition")) {
                    Map<TopicPartition, Long> stable = endOffsets(admin, topic);
                    // An open transaction holds a partition's last stable offset back: records committed after it
                    // (e.g. by the instance that replaced a killed one) are invisible to both the consumer and
                    // these ends until it is resolved, so the offsets alone would say "caught up" too early.
                    if (!reached(committed, stable)
                            || !stable.equals(ends(admin, topic, IsolationLevel.READ_UNCOMMITTED))) {
                        return false;
                    }
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** True when every partition with records has a position at or past its end. */
    public static boolean reached(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** Last stable offsets (read_committed ends) of every partition of a topic. */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws ExecutionException {
        return ends(admin, topic, IsolationLevel.READ_COMMITTED);
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic, IsolationLevel isolation)
            throws ExecutionException {
        try {
            int n = admin.describeTopics(Set.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
            Map<TopicPartition, OffsetSpec> req = new HashMap<>();
            for (int p = 0; p < n; p++) {
                req.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(req, new ListOffsetsOptions(isolation))
                    .all()
                    .get()
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException("interrupted while listing the ends of " + topic, e);
        }
    }

    /** The committed offsets of a consumer group (empty when it has none yet or they cannot be read). */
    public static Map<TopicPartition, Long> committedOffsets(Admin admin, String groupId) {
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .forEach((tp, om) -> {
                        if (om != null) {
                            out.put(tp, om.offset());
                        }
                    });
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (ExecutionException e) {
            return Map.of();
        }
    }

    /** Waits until the application is RUNNING; false on timeout or if it failed. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || !isLive()) {
                return streams.state() == KafkaStreams.State.RUNNING;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return true;
    }

    /** Live: created, starting, rebalancing or running; not failed, not stopped. */
    public boolean isLive() {
        KafkaStreams.State s = streams.state();
        return s == KafkaStreams.State.CREATED || s.isRunningOrRebalancing();
    }

    /**
     * Ready: RUNNING, that is processing its assigned partitions, and the broker answers (Streams stays RUNNING
     * for a while after the broker went away; {@link BrokerWatch} notices within seconds).
     */
    public boolean isReady() {
        return streams.state() == KafkaStreams.State.RUNNING && broker.reachable();
    }

    /** Whether the broker answered the last check. */
    public boolean brokerReachable() {
        return broker.reachable();
    }

    /** The application id (= consumer group id on the raw topic). */
    public String applicationId() {
        return applicationId;
    }

    /** The current Streams state. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The underlying Streams instance, for metrics and state queries. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The app's counters (and, once started, the Kafka Streams metrics on the same registry). */
    public EnrichMetrics metrics() {
        return metrics;
    }

    /**
     * Stops cleanly within the timeout: each task commits its current transaction (or aborts it, and its input is
     * processed again after restart), and the instance leaves the group so its partitions move at once.
     *
     * @return true when everything stopped within the timeout
     */
    public boolean close(Duration timeout) {
        boolean clean =
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(timeout));
        streamsMetrics.close();
        broker.close();
        return clean;
    }

    /** {@link #close(Duration)} with 30 seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}

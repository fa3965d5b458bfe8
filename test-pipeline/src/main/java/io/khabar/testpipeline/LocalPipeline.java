package io.khabar.testpipeline;

import io.khabar.enrich.ArticleEnricher;
import io.khabar.enrich.EnrichApp;
import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A real khabar pipeline in this JVM: a single-node Kafka broker with the khabar topics, and khabar's enrich app
 * (the same code as {@code khabar enrich}, exactly once) turning raw articles into enriched ones. Publish raw
 * articles with {@link #publish publish} and {@link #awaitEnriched(RawArticle) wait} for their enriched versions
 * on {@value Topics#ENRICHED}.
 *
 * <pre>{@code
 * try (LocalPipeline khabar = LocalPipeline.start()) {
 *     RawArticle raw = khabar.publish("لاہور میں بارش", "لاہور میں صبح سے بارش جاری ہے۔");
 *     EnrichedArticle enriched = khabar.awaitEnriched(raw);
 * }
 * }</pre>
 *
 * <p>It puts khabar's class path (Kafka 4.4, Streams, the broker) on the caller's, so it is for khabar's own
 * modules. Apps use {@code khabar-test-support}, whose {@code KhabarPipeline} runs this class in a child JVM
 * ({@link PipelineServer}). Starting takes a few seconds (broker, then the enricher's gazetteers).
 */
public final class LocalPipeline implements AutoCloseable {

    /** How long {@code await…} methods wait by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafkaBroker broker;
    private final EnrichApp enrich;
    private final Path stateDir;
    private final KafkaProducer<String, byte[]> producer;
    private final Consumer<ConsumerRecord<String, byte[]>> listener;
    private final Map<String, EnrichedArticle> enriched = new ConcurrentHashMap<>();
    private final List<ConsumerRecord<String, byte[]>> deadLetters = Collections.synchronizedList(new ArrayList<>());
    private final Thread collector;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile RuntimeException collectorFailure;
    private final Object arrivals = new Object();

    private LocalPipeline(
            EmbeddedKafkaBroker broker,
            EnrichApp enrich,
            Path stateDir,
            Consumer<ConsumerRecord<String, byte[]>> listener) {
        this.broker = broker;
        this.listener = listener;
        this.enrich = enrich;
        this.stateDir = stateDir;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.collector = new Thread(this::collect, "khabar-test-collector");
        this.collector.setDaemon(true);
        this.collector.start();
    }

    /** Starts a broker, creates the khabar topics and starts the enrich app; returns once it is processing. */
    public static LocalPipeline start() {
        return start(r -> {});
    }

    /**
     * As {@link #start()}, and calls {@code listener} on the collector's thread with every record read from the
     * enriched and dead-letter topics (read_committed, as a downstream consumer sees them).
     */
    public static LocalPipeline start(Consumer<ConsumerRecord<String, byte[]>> listener) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        Path stateDir = null;
        try {
            broker.createTopics(Topics.definitions(Topics.DEFAULT_PARTITIONS, (short) 1));
            stateDir = Files.createTempDirectory("khabar-test-streams-");
            Properties overrides = new Properties();
            overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            // short transactions: enriched records become visible (read_committed) within a fraction of a second
            overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
            EnrichApp app = EnrichApp.start(
                    ArticleEnricher.withDefaults(), EnrichApp.streamsConfig(broker.bootstrapServers(), overrides));
            if (!app.awaitRunning(Duration.ofMinutes(2))) {
                app.close();
                throw new IllegalStateException("khabar's enrich app did not start: " + app.state());
            }
            return new LocalPipeline(broker, app, stateDir, listener);
        } catch (IOException e) {
            broker.close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.close();
            throw new IllegalStateException("interrupted while starting the khabar pipeline", e);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The broker's bootstrap servers, for the program under test. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Publishes an article (as {@code khabar ingest} would) keyed by its id, and returns it. */
    public RawArticle publish(RawArticle article) {
        publishBytes(article.id(), JsonSerde.rawArticle().toBytes(article));
        return article;
    }

    /** Publishes a new article with this headline and body (paragraphs separated by a blank line); returns it. */
    public RawArticle publish(String title, String body) {
        return publish(
                RawArticle.of("test:" + UUID.randomUUID(), null, title, body, "ur", null, Instant.now(), Map.of()));
    }

    /** Publishes raw bytes to the raw topic, e.g. to see how the pipeline treats a bad record. */
    public void publishBytes(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.RAW, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not publish " + key + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The enriched version of this article, waiting up to {@link #DEFAULT_TIMEOUT}. */
    public EnrichedArticle awaitEnriched(RawArticle article) {
        return awaitEnriched(article.id(), DEFAULT_TIMEOUT);
    }

    /**
     * The enriched article with this id (the latest version seen), waiting up to the timeout.
     *
     * @throws AssertionError when none arrived in time (the message says what did arrive)
     */
    public EnrichedArticle awaitEnriched(String id, Duration timeout) {
        return await(() -> enriched.get(id), timeout, "enriched article " + id);
    }

    /** Every enriched article seen so far (the latest version of each id). */
    public List<EnrichedArticle> enriched() {
        return List.copyOf(enriched.values());
    }

    /** Waits until some dead-letter record matches, e.g. {@code r -> "bad-1".equals(r.key())}, and returns it. */
    public ConsumerRecord<String, byte[]> awaitDeadLetter(
            Predicate<ConsumerRecord<String, byte[]>> match, Duration timeout) {
        return await(
                () -> {
                    synchronized (deadLetters) {
                        return deadLetters.stream().filter(match).findFirst().orElse(null);
                    }
                },
                timeout,
                "a matching dead-letter record");
    }

    /** The dead-letter records seen so far. */
    public List<ConsumerRecord<String, byte[]>> deadLetters() {
        synchronized (deadLetters) {
            return List.copyOf(deadLetters);
        }
    }

    /** The running enrich app, e.g. for its metrics. */
    public EnrichApp enrichApp() {
        return enrich;
    }

    private <T> T await(Supplier<T> probe, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (true) {
                T found = probe.get();
                if (found != null) {
                    return found;
                }
                if (collectorFailure != null) {
                    throw new IllegalStateException("the khabar test collector failed", collectorFailure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(new TimeoutException("no " + what + " within " + timeout + "; enrich app "
                            + enrich.state() + ", " + enriched.size() + " enriched and " + deadLetters.size()
                            + " dead-letter record(s) seen"));
                }
                try {
                    arrivals.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + what, e);
                }
            }
        }
    }

    /** Reads the enriched and dead-letter topics with read_committed, as a downstream consumer would. */
    private void collect() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "khabar-test-support-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        JsonSerde<EnrichedArticle> serde = JsonSerde.enrichedArticle();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ENRICHED, Topics.DEAD_LETTER));
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (Topics.ENRICHED.equals(r.topic()) && r.value() != null) {
                        enriched.put(r.key(), serde.fromBytes(r.value()));
                    } else if (Topics.DEAD_LETTER.equals(r.topic())) {
                        deadLetters.add(r);
                    }
                    listener.accept(r);
                }
                synchronized (arrivals) {
                    arrivals.notifyAll();
                }
            }
        } catch (InterruptException e) {
            // closing
        } catch (RuntimeException e) {
            if (running.get()) {
                collectorFailure = e;
            }
        }
    }

    /** Stops the enrich app, the collector and the broker, and deletes their files. */
    @Override
    public void close() {
        if (!running.getAndSet(false)) {
            return;
        }
        try {
            collector.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        enrich.close(Duration.ofSeconds(30));
        broker.close();
        deleteQuietly(stateDir);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // temporary files only
        }
    }

    @Override
    public String toString() {
        return "LocalPipeline[" + broker.bootstrapServers() + ", enrich " + enrich.state() + "]";
    }
}

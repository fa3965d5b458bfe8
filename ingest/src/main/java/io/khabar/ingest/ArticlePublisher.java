package io.khabar.ingest;

import io.khabar.model.DeadLetters;
import io.khabar.model.JsonSerde;
import io.khabar.model.OutsideText;
import io.khabar.model.RawArticle;
import io.khabar.model.Stage;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes articles to the raw topic and rejected inputs to the dead-letter topic. The producer is idempotent
 * with {@code acks=all}, so a retried send never duplicates; a send that still fails is counted and reported,
 * never dropped silently. The key is the article id.
 */
public final class ArticlePublisher implements SourceListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArticlePublisher.class);
    private static final JsonSerde<RawArticle> SERDE = JsonSerde.rawArticle();

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Clock clock;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private long failedAtCheckpoint;

    public ArticlePublisher(Producer<byte[], byte[]> producer, String topic, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /** A publisher with its own producer, configured for safety, on the given client properties. */
    public static ArticlePublisher create(Properties clientProperties) {
        return new ArticlePublisher(
                new KafkaProducer<>(producerConfig(clientProperties)), Topics.RAW, Clock.systemUTC());
    }

    /** Producer settings: the given client properties plus idempotence, acks=all, zstd, and modest batching. */
    public static Properties producerConfig(Properties clientProperties) {
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // zstd: raw Urdu news is 1.9x smaller with lz4 and 3.7x with zstd, for ~6 us more CPU per article to
        // compress and ~1 us per read (docs/benchmarks.md, "Compression"); the raw topic is kept for replays.
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.putAll(clientProperties);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    @Override
    public void onArticle(RawArticle article) {
        byte[] key = article.id().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, SERDE.toBytes(article)), (meta, error) -> {
            if (error == null) {
                published.incrementAndGet();
            } else {
                failed.incrementAndGet();
                String line = OutsideText.escape(article.source()) + ": not published: "
                        + OutsideText.escape(io.khabar.model.Redaction.scrub(String.valueOf(error)));
                problems.add(line);
                log.error(line);
            }
        });
    }

    /**
     * Counts the rejection and sends its dead letter. A dead letter that cannot be written makes the input a
     * failed one too (see {@link DeadLetters}: never counted as handled), so the run does not report success.
     */
    @Override
    public void onRejected(String location, String reason, String message, byte[] content) {
        rejected.incrementAndGet();
        String line = OutsideText.escape(location) + ": rejected (" + reason + "): " + OutsideText.escape(message);
        problems.add(line);
        log.warn(line);
        ProducerRecord<byte[], byte[]> dl = DeadLetters.builder(Stage.INGEST, reason)
                .message(message)
                .location(location)
                .key(location.getBytes(StandardCharsets.UTF_8))
                .value(content)
                .time(clock.instant())
                .build();
        producer.send(dl, (meta, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                String failure = OutsideText.escape(location) + ": could not write the dead-letter record to "
                        + dl.topic() + ": " + error;
                problems.add(failure);
                log.error(failure);
            }
        });
    }

    @Override
    public synchronized boolean awaitDelivered() {
        producer.flush();
        long f = failed.get();
        boolean ok = f == failedAtCheckpoint;
        failedAtCheckpoint = f;
        return ok;
    }

    /** Waits for every send to be acknowledged or to fail, and returns the counts so far. */
    public IngestSummary flush() {
        producer.flush();
        synchronized (problems) {
            return new IngestSummary(published.get(), rejected.get(), failed.get(), new ArrayList<>(problems));
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

package io.khabar.sink;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.DeadLetters;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop layer: polls, decodes, sends poison records to the dead-letter topic, asks the writer to
 * flush, retries retriable target failures with back-off, and commits the stored positions to the consumer
 * group (for lag monitoring only: on start the positions stored in the target win).
 */
final class ConsumerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final long MAX_POLL_MILLIS = 100;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int PARALLEL_DECODE_MIN = 32;
    /** Poll timeout while a batch is being written, so that its positions are reported soon after it is stored. */
    private static final long IN_FLIGHT_POLL_MILLIS = 5;

    private final SinkConfig config;
    private final SinkTarget target;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetterProducer;
    private final BatchingWriter writer;
    private final JsonSerde<EnrichedArticle> serde = JsonSerde.enrichedArticle();
    /** Records in the buffer, by partition and offset, so that a record a target rejects is dead-lettered as read. */
    private Map<TopicPartition, Map<Long, ConsumerRecord<byte[], byte[]>>> inBuffer = new HashMap<>();

    /** Offsets last committed to the consumer group, so that idle polls do not commit the same offsets again. */
    private final Map<TopicPartition, Long> committedToGroup = new HashMap<>();
    /** Commits past markers at most this often (the loop polls every 100 ms when idle). */
    private static final long MARKER_COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private long lastMarkerCommitNanos;

    final AtomicLong written = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    volatile boolean running = true;

    ConsumerLoop(
            SinkConfig config,
            SinkTarget target,
            KafkaConsumer<byte[], byte[]> consumer,
            KafkaProducer<byte[], byte[]> deadLetterProducer) {
        this.config = config;
        this.target = target;
        this.consumer = consumer;
        this.deadLetterProducer = deadLetterProducer;
        this.writer = new BatchingWriter(
                target, config.batchSize(), config.flushInterval().toNanos(), "khabar-sink-writer-" + config.groupId());
        target.storedPositions().forEach(positions::put);
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        return consumer;
    }

    KafkaProducer<byte[], byte[]> deadLetterProducer() {
        return deadLetterProducer;
    }

    /** Runs until {@link #running} is false, then writes what is buffered and commits. */
    void run() {
        try {
            consumer.subscribe(List.of(config.topic()), new Rebalance());
            while (running) {
                if (writer.inFlightDone()) {
                    completeInFlight();
                }
                long wait = Math.min(
                        writer.hasInFlight() ? IN_FLIGHT_POLL_MILLIS : MAX_POLL_MILLIS,
                        TimeUnit.NANOSECONDS.toMillis(writer.nanosUntilDue(System.nanoTime())));
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(Math.max(wait, 1)));
                List<ConsumerRecord<byte[], byte[]>> polled = new ArrayList<>(records.count());
                records.forEach(polled::add);
                Object[] decoded = decode(polled);
                for (int i = 0; i < polled.size(); i++) {
                    handle(polled.get(i), decoded[i]);
                    if (writer.full()) {
                        submit();
                    }
                }
                if (writer.due(System.nanoTime())) {
                    submit();
                }
                if (writer.isEmpty() && !writer.hasInFlight()) {
                    advancePastMarkers();
                }
            }
            flushAndCommit();
        } finally {
            writer.close();
        }
    }

    /**
     * Parses the values, in parallel when there are many (JSON parsing of Urdu text is the sink's main CPU cost).
     * Each element is the article, a {@link SerializationException}, or null for a tombstone.
     */
    private Object[] decode(List<ConsumerRecord<byte[], byte[]>> polled) {
        Object[] decoded = new Object[polled.size()];
        IntStream indexes = IntStream.range(0, polled.size());
        (polled.size() >= PARALLEL_DECODE_MIN ? indexes.parallel() : indexes).forEach(i -> {
            byte[] value = polled.get(i).value();
            try {
                decoded[i] = value == null ? null : serde.fromBytes(value);
            } catch (SerializationException e) {
                decoded[i] = e;
            }
        });
        return decoded;
    }

    private void handle(ConsumerRecord<byte[], byte[]> rec, Object decoded) {
        EnrichedArticle article = null;
        if (decoded instanceof SerializationException e) {
            deadLetter(rec, DeadLetterReasons.DESERIALIZATION, e.getMessage(), e);
        } else if (decoded instanceof EnrichedArticle a) {
            Problem problem = problem(a);
            if (problem != null) {
                deadLetter(rec, problem.reason(), problem.message(), null);
            } else {
                article = a;
            }
        }
        SinkRecord record = new SinkRecord(
                rec.topic(), rec.partition(), rec.offset(), article, article == null ? null : rec.value());
        if (article != null) {
            inBuffer.computeIfAbsent(record.topicPartition(), k -> new HashMap<>())
                    .put(rec.offset(), rec);
        }
        writer.add(record, System.nanoTime());
    }

    /** Why an article that parsed cannot be written. */
    private record Problem(String reason, String message) {}

    /** Why an article that parsed cannot be written, or null when it can. */
    private static Problem problem(EnrichedArticle a) {
        if (a.schemaVersion() > EnrichedArticle.SCHEMA_VERSION) {
            return new Problem(
                    DeadLetterReasons.UNSUPPORTED_SCHEMA,
                    "schemaVersion " + a.schemaVersion() + " is newer than " + EnrichedArticle.SCHEMA_VERSION
                            + ", the newest this sink understands; upgrade the sink");
        }
        if (a.id() == null || a.id().isBlank()) {
            return new Problem(DeadLetterReasons.MISSING_ID, "the article has no id");
        }
        return null;
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> rec, String reason, String message, Throwable error) {
        String where = rec.topic() + "/" + rec.partition() + "@" + rec.offset();
        LOG.warn("sending {} to the dead-letter topic {}: {}: {}", where, config.deadLetterTopic(), reason, message);
        ProducerRecord<byte[], byte[]> dl = DeadLetters.builder(Stage.SINK, reason)
                .topic(config.deadLetterTopic())
                .message(message)
                .error(error)
                .source(rec.topic(), rec.partition(), rec.offset())
                .key(rec.key())
                .value(rec.value())
                .headers(rec.headers())
                .build();
        try {
            deadLetterProducer.send(dl).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while sending " + where + " to the dead-letter topic", e, false);
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new SinkException(
                    "cannot send " + where + " to the dead-letter topic " + config.deadLetterTopic()
                            + " (" + SinkConfig.DEAD_LETTER_TOPIC + "): " + cause.getMessage()
                            + "; check that the topic exists and the sink may write to it",
                    cause,
                    false);
        }
        deadLettered.incrementAndGet();
    }

    /** Rejects of one batch: the target calls them on the writer thread, with the records of that batch. */
    private SinkTarget.Rejects rejectsFor(Map<TopicPartition, Map<Long, ConsumerRecord<byte[], byte[]>>> records) {
        return (record, reason, message, error) -> {
            Map<Long, ConsumerRecord<byte[], byte[]>> byOffset = records.get(record.topicPartition());
            ConsumerRecord<byte[], byte[]> rec = byOffset == null ? null : byOffset.get(record.offset());
            if (rec == null) {
                throw new IllegalStateException("target rejected " + record.where() + ", which is not in the batch");
            }
            deadLetter(rec, reason, message, error);
        };
    }

    /**
     * Hands the buffer to the writer thread, after the batch before it is stored. The loop then decodes the next
     * records while this batch is written.
     */
    private void submit() {
        completeInFlight();
        if (writer.isEmpty()) {
            return;
        }
        writer.submit(rejectsFor(inBuffer));
        inBuffer = new HashMap<>();
    }

    /**
     * With nothing buffered or in flight, everything before the consumer's position is written or had nothing
     * to write (transaction markers, dead letters): report that position, so that "has the sink caught up"
     * checks against the topic's end succeed, and commit it to the consumer group, so that its lag is 0 once
     * caught up (the last record of each transaction is followed by a marker the target never sees). The stored
     * positions are left as they are: on a restart, reading again from them only skips the markers.
     */
    private void advancePastMarkers() {
        Map<TopicPartition, Long> ahead = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            try {
                long pos = consumer.position(tp, Duration.ZERO);
                positions.merge(tp, pos, Math::max);
                Long done = committedToGroup.get(tp);
                if (done == null || pos > done) {
                    ahead.put(tp, pos);
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // position not known yet: nothing read from this partition so far
            }
        }
        if (!ahead.isEmpty() && System.nanoTime() - lastMarkerCommitNanos > MARKER_COMMIT_INTERVAL_NANOS) {
            lastMarkerCommitNanos = System.nanoTime();
            commitToGroup(ahead);
        }
    }

    /** Writes everything buffered and waits until it is stored (on revocation and close). */
    private void flushAndCommit() {
        submit();
        completeInFlight();
    }

    /**
     * Waits for the batch in flight, retrying retriable failures with back-off, then commits the stored positions
     * to the group. A {@link StalePositionException} drops the batch and the buffer and seeks to the stored
     * positions.
     */
    private void completeInFlight() {
        if (!writer.hasInFlight()) {
            return;
        }
        Duration backoff = config.retryBackoff();
        for (int attempt = 0; ; attempt++) {
            try {
                java.util.List<SinkRecord> batch = writer.inFlightRecords();
                written.addAndGet(writer.await());
                config.writeListener().accept(batch);
                break;
            } catch (StalePositionException e) {
                LOG.warn("{}; re-reading the stored positions", e.getMessage());
                writer.abandon();
                inBuffer = new HashMap<>();
                seekToStored(consumer.assignment());
                return;
            } catch (SinkException e) {
                if (!e.retriable() || attempt >= config.maxRetries()) {
                    int records = writer.inFlightSize();
                    writer.abandon();
                    throw new SinkException(
                            "writing " + records + " records to " + target.describe()
                                    + " failed"
                                    + (e.retriable()
                                            ? " after " + attempt + " retries (" + SinkConfig.MAX_RETRIES + ")"
                                            : "")
                                    + ": " + e.getMessage(),
                            e,
                            false);
                }
                LOG.warn(
                        "writing to {} failed (try {} of {}), trying again in {} ms: {}",
                        target.describe(),
                        attempt + 1,
                        config.maxRetries() + 1,
                        backoff.toMillis(),
                        e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                writer.retry();
            }
        }
        Map<TopicPartition, Long> stored = writer.stored();
        positions.putAll(stored);
        commitToGroup(stored);
    }

    /** Commits positions to the group, for monitoring (lag); remembers what it committed. */
    private void commitToGroup(Map<TopicPartition, Long> stored) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            Long pos = stored.get(tp);
            if (pos != null) {
                commit.put(tp, new OffsetAndMetadata(pos));
            }
        }
        if (commit.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commit);
            commit.forEach((tp, om) -> committedToGroup.merge(tp, om.offset(), Math::max));
        } catch (KafkaException e) {
            // Only for monitoring: the positions that count are stored in the target.
            LOG.warn(
                    "cannot commit positions to consumer group {} (the target holds them anyway): {}",
                    config.groupId(),
                    e.getMessage());
        }
    }

    private void seekToStored(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = target.storedPositions();
        for (TopicPartition tp : partitions) {
            Long pos = stored.get(tp);
            writer.setStored(tp, pos);
            if (pos != null) {
                consumer.seek(tp, pos);
                positions.put(tp, pos);
            } else {
                // Nothing stored in the target: start from the group's committed offset, else auto.offset.reset.
                OffsetAndMetadata committed =
                        consumer.committed(java.util.Set.of(tp)).get(tp);
                if (committed != null) {
                    consumer.seek(tp, committed);
                } else {
                    consumer.seekToBeginning(List.of(tp));
                }
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while waiting to retry", e, false);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            flushAndCommit();
            partitions.forEach(committedToGroup::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            completeInFlight();
            LOG.info("assigned {}; seeking to the positions stored in {}", partitions, target.describe());
            seekToStored(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            try {
                completeInFlight();
            } catch (SinkException e) {
                LOG.warn("write of a batch with lost partitions failed: {}", e.getMessage());
            }
            writer.drop(partitions);
            partitions.forEach(inBuffer::remove);
            partitions.forEach(positions::remove);
            partitions.forEach(committedToGroup::remove);
        }
    }
}

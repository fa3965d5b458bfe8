package io.khabar.sink;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the sink writes: one class per kind of store (files, a database). A target stores the data of a batch
 * and the Kafka positions after it <em>atomically</em>, and gives those positions back on start, so that a
 * sink restarted after a crash reads from exactly where the stored data ends: each record is stored exactly once.
 *
 * <p>Targets are used from one thread, the consumer loop's.
 */
public interface SinkTarget extends AutoCloseable {

    /**
     * Prepares the target for records of the topic read by the group: creates directories or migrates the
     * schema, and recovers from a crash (drops data written after the last stored positions).
     */
    void open(String topic, String groupId);

    /**
     * The positions stored with the data: the next offset to read per partition of the topic given to
     * {@link #open}. Partitions never written are absent. Read again on every partition assignment.
     */
    Map<TopicPartition, Long> storedPositions();

    /**
     * Writes the articles of the batch and stores {@link Batch#next()} in one atomic step. Records the target
     * cannot store (they break a constraint) are passed to {@code rejects}, which returns once they are safely in
     * the dead-letter topic; the others are written. When this method throws, nothing of the batch is stored.
     *
     * @return the number of articles written
     * @throws SinkException           on failure; {@link SinkException#retriable()} says whether to try again
     * @throws StalePositionException when the stored positions are not {@link Batch#expected()}
     */
    int write(Batch batch, Rejects rejects);

    /** A short description for logs, e.g. {@code jsonl:/data/khabar}; never contains a password. */
    String describe();

    @Override
    void close();

    /** Receives records a target cannot store. */
    @FunctionalInterface
    interface Rejects {
        /**
         * Sends the record to the dead-letter topic and returns once it is acknowledged.
         *
         * @param reason  short machine-readable reason, e.g. {@code constraint-violation}
         * @param message human-readable detail
         */
        void reject(SinkRecord record, String reason, String message, Throwable error);
    }
}

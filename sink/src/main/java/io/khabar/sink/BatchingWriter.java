package io.khabar.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The writer layer: buffers records until a batch is full or the flush interval has passed, then hands the batch
 * with its positions to the target, and keeps track of the positions stored there. Not thread-safe.
 */
final class BatchingWriter {

    private final SinkTarget target;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final List<SinkRecord> buffer = new ArrayList<>();
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private long firstBufferedAt;

    BatchingWriter(SinkTarget target, int batchSize, long flushIntervalNanos) {
        this.target = target;
        this.batchSize = batchSize;
        this.flushIntervalNanos = flushIntervalNanos;
    }

    void add(SinkRecord record, long nowNanos) {
        if (buffer.isEmpty()) {
            firstBufferedAt = nowNanos;
        }
        buffer.add(record);
    }

    boolean isEmpty() {
        return buffer.isEmpty();
    }

    int buffered() {
        return buffer.size();
    }

    boolean full() {
        return buffer.size() >= batchSize;
    }

    /** Whether the oldest buffered record has waited the flush interval. */
    boolean due(long nowNanos) {
        return !buffer.isEmpty() && nowNanos - firstBufferedAt >= flushIntervalNanos;
    }

    /** Nanoseconds until {@link #due} becomes true; Long.MAX_VALUE when the buffer is empty. */
    long nanosUntilDue(long nowNanos) {
        return buffer.isEmpty() ? Long.MAX_VALUE : Math.max(0, firstBufferedAt + flushIntervalNanos - nowNanos);
    }

    /**
     * Writes the buffer to the target. On success the buffer is empty and the stored positions advanced; when the
     * target throws, the buffer is kept so that the same batch can be tried again.
     *
     * @return articles written
     */
    int flush(SinkTarget.Rejects rejects) {
        if (buffer.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        for (SinkRecord r : buffer) {
            next.merge(r.topicPartition(), r.offset() + 1, Math::max);
        }
        Map<TopicPartition, Long> expected = new HashMap<>();
        for (TopicPartition tp : next.keySet()) {
            Long pos = stored.get(tp);
            if (pos != null) {
                expected.put(tp, pos);
            }
        }
        int written = target.write(new Batch(buffer, expected, next), rejects);
        stored.putAll(next);
        buffer.clear();
        return written;
    }

    /** Drops buffered records of partitions this sink no longer owns, and forgets their positions. */
    void drop(Collection<TopicPartition> partitions) {
        buffer.removeIf(r -> partitions.contains(r.topicPartition()));
        partitions.forEach(stored::remove);
    }

    /** Drops the whole buffer (after a {@link StalePositionException}). */
    void clear() {
        buffer.clear();
    }

    /** Records the position stored in the target for a partition (on assignment). */
    void setStored(TopicPartition tp, Long position) {
        if (position == null) {
            stored.remove(tp);
        } else {
            stored.put(tp, position);
        }
    }

    /** The positions stored in the target as far as this writer knows: next offset per partition. */
    Map<TopicPartition, Long> stored() {
        return Map.copyOf(stored);
    }
}

package io.khabar.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;

/**
 * The writer layer: buffers records until a batch is full or the flush interval has passed, then hands the batch
 * with its positions to the target on a writer thread, so that the consumer loop decodes the next batch while
 * this one is written. At most one batch is in flight; the positions advance only when its write succeeded.
 * Used from the consumer loop's thread only (the target runs on the writer thread, one batch at a time).
 */
final class BatchingWriter implements AutoCloseable {

    private final SinkTarget target;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final ExecutorService thread;
    private List<SinkRecord> buffer = new ArrayList<>();
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private long firstBufferedAt;

    private Batch inFlight;
    private SinkTarget.Rejects inFlightRejects;
    private Future<Integer> inFlightResult;

    BatchingWriter(SinkTarget target, int batchSize, long flushIntervalNanos, String threadName) {
        this.target = target;
        this.batchSize = batchSize;
        this.flushIntervalNanos = flushIntervalNanos;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
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

    boolean hasInFlight() {
        return inFlight != null;
    }

    /** Whether the batch in flight has finished (successfully or not), so that {@link #await} will not block. */
    boolean inFlightDone() {
        return inFlightResult != null && inFlightResult.isDone();
    }

    /** The records of the batch being written (empty when none is in flight). */
    java.util.List<SinkRecord> inFlightRecords() {
        return inFlight == null ? java.util.List.of() : inFlight.records();
    }

    /** Records in the batch being written. */
    int inFlightSize() {
        return inFlight == null ? 0 : inFlight.records().size();
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
     * Starts writing the buffer as one batch on the writer thread; the buffer is empty afterwards. Call only when
     * nothing is in flight ({@link #await} first).
     */
    void submit(SinkTarget.Rejects rejects) {
        if (inFlight != null) {
            throw new IllegalStateException("a batch is still in flight");
        }
        if (buffer.isEmpty()) {
            return;
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
        inFlight = new Batch(buffer, expected, next);
        inFlightRejects = rejects;
        buffer = new ArrayList<>();
        start();
    }

    private void start() {
        Batch batch = inFlight;
        SinkTarget.Rejects rejects = inFlightRejects;
        inFlightResult = thread.submit(() -> target.write(batch, rejects));
    }

    /** Writes the batch in flight again (after a retriable failure). */
    void retry() {
        if (inFlight == null) {
            throw new IllegalStateException("no batch to retry");
        }
        start();
    }

    /**
     * Waits for the batch in flight. On success the stored positions advance and nothing is in flight any more;
     * when the target threw, that exception is rethrown and the batch stays in flight for {@link #retry} or
     * {@link #abandon}.
     *
     * @return articles written by that batch (0 when nothing was in flight)
     */
    int await() {
        if (inFlight == null) {
            return 0;
        }
        try {
            int written = inFlightResult.get();
            stored.putAll(inFlight.next());
            inFlight = null;
            inFlightRejects = null;
            inFlightResult = null;
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while waiting for a write to " + target.describe(), e, false);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new SinkException("write to " + target.describe() + " failed: " + cause, cause, false);
        }
    }

    /** Forgets the batch in flight (after it failed for good, or was refused as stale) and the buffer. */
    void abandon() {
        inFlight = null;
        inFlightRejects = null;
        inFlightResult = null;
        buffer.clear();
    }

    /** Drops buffered records of partitions this sink no longer owns, and forgets their positions. */
    void drop(Collection<TopicPartition> partitions) {
        buffer.removeIf(r -> partitions.contains(r.topicPartition()));
        partitions.forEach(stored::remove);
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

    /** Stops the writer thread (after the last {@link #await}). */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}

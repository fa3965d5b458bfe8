package io.khabar.cli;

import io.khabar.enrich.EnrichApp;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Waiting for a stage: topic ends and a poll loop. The caught-up checks themselves are {@link EnrichApp#caughtUp}
 * (a Streams application) and {@code SinkApp.hasReached} (a sink).
 */
public final class Offsets {

    private Offsets() {}

    /** Last stable offsets (read_committed ends) of every partition of a topic; see {@link EnrichApp#endOffsets}. */
    public static Map<TopicPartition, Long> ends(Admin admin, String topic)
            throws ExecutionException, InterruptedException {
        return EnrichApp.endOffsets(admin, topic);
    }

    /** The committed offsets of a consumer group (empty when it has none yet); see {@link EnrichApp#committedOffsets}. */
    public static Map<TopicPartition, Long> committed(Admin admin, String groupId) {
        return EnrichApp.committedOffsets(admin, groupId);
    }

    /**
     * Polls {@code done} every {@code pollMillis} until it is true.
     *
     * @throws TimeoutException naming {@code what} when {@code deadlineNanos} (a {@link System#nanoTime()} value) passes
     */
    public static void awaitUntil(
            String what, long deadlineNanos, long pollMillis, java.util.function.BooleanSupplier done)
            throws TimeoutException, InterruptedException {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
                throw new TimeoutException("timed out waiting for " + what);
            }
            Thread.sleep(pollMillis);
        }
    }

    /** Sum of the offsets of a map. */
    public static long sum(Map<TopicPartition, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }
}

package io.khabar.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Topic ends and consumer group positions, for "has this stage caught up" checks. */
public final class Offsets {

    private Offsets() {
    }

    /** Last stable offsets (read_committed ends) of every partition of a topic. */
    public static Map<TopicPartition, Long> ends(Admin admin, String topic) throws ExecutionException, InterruptedException {
        int n = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        for (int p = 0; p < n; p++) {
            req.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(req, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The committed offsets of a consumer group (empty when it has none yet). */
    public static Map<TopicPartition, Long> committed(Admin admin, String groupId) {
        try {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> out = new HashMap<>();
            m.forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, om.offset());
                }
            });
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return Map.of();
        }
    }

    /** True when every partition with data has a position at or past its end. */
    public static boolean caughtUp(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /**
     * True when a Kafka Streams application has processed everything up to {@code inputEnds}: its committed
     * offsets have reached those ends, and also the ends of its own repartition topics (records in flight between
     * sub-topologies). With exactly-once, a committed offset means the outputs of those records are committed too.
     */
    public static boolean streamsCaughtUp(Admin admin, String applicationId, Map<TopicPartition, Long> inputEnds) {
        Map<TopicPartition, Long> committed = committed(admin, applicationId);
        if (!caughtUp(committed, inputEnds)) {
            return false;
        }
        try {
            for (String topic : admin.listTopics().names().get()) {
                if (topic.startsWith(applicationId + "-") && topic.endsWith("-repartition")
                        && !caughtUp(committed, ends(admin, topic))) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return false;
        }
    }

    /**
     * Polls {@code done} every {@code pollMillis} until it is true.
     *
     * @throws TimeoutException naming {@code what} when {@code deadlineNanos} (a {@link System#nanoTime()} value) passes
     */
    public static void awaitUntil(String what, long deadlineNanos, long pollMillis, java.util.function.BooleanSupplier done)
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

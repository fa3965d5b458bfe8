package io.khabar.enrich.stories;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions {@code trending-by-entity-repartition} exactly as Kafka's default does for a keyed record (murmur2 of the
 * UTF-8 key, as {@code StringSerializer} writes it, modulo the partition count), so records keep the partitions they
 * had without this class, and remembers the partition count it was last called with: {@link
 * StoryProcessors.Mentions} needs both to know which partition an entity count goes to before it sends it.
 */
final class TrendPartitioner implements StreamPartitioner<String, TrendCount> {

    private volatile int partitions;

    /** The partition of {@code key} among {@code n}, as Kafka's default partitioner computes it. */
    static int partition(String key, int n) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % n;
    }

    /** The partition count of the repartition topic, once a record has been sent to it; 0 before. */
    int partitionCount() {
        return partitions;
    }

    @Override
    public Optional<Set<Integer>> partitions(
            String topic, String key, TrendCount value, Headers headers, int numPartitions) {
        partitions = numPartitions;
        return Optional.of(Set.of(partition(key, numPartitions)));
    }

    @Override
    @SuppressWarnings("removal") // still abstract in 4.4; Streams calls the variant with headers
    public Optional<Set<Integer>> partitions(String topic, String key, TrendCount value, int numPartitions) {
        return partitions(topic, key, value, null, numPartitions);
    }
}

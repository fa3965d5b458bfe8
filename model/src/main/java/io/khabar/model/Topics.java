package io.khabar.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The pipeline's topics, their names and settings (data only: creating and checking them is the launcher's
 * {@code TopicAdmin}).
 *
 * <ul>
 *   <li>{@value #RAW}: raw articles keyed by id; kept 7 days so that enrich can be replayed.</li>
 *   <li>{@value #ENRICHED}: enriched articles keyed by id; compacted, so the latest version of each article stays.</li>
 *   <li>{@value #DEAD_LETTER}: records any stage rejected, original bytes plus {@link DeadLetters} headers; kept 30 days.</li>
 * </ul>
 */
public final class Topics {

    /** Raw articles, the output of ingest. */
    public static final String RAW = "khabar.articles.raw";
    /** Enriched articles, the output of enrich. */
    public static final String ENRICHED = "khabar.articles.enriched";
    /**
     * Trending entities: article counts per entity key in hourly and daily event-time windows, keyed by
     * {@code <entity key>|<hour|day>|<window start ISO-8601>}; compacted, so the latest count of each window stays.
     */
    public static final String TRENDING = "khabar.entities.trending";
    /** Rejected records from every stage. */
    public static final String DEAD_LETTER = "khabar.articles.dead-letter";

    /** Default partition count: lets up to this many enrich instances share the work. */
    public static final int DEFAULT_PARTITIONS = 3;

    /** Articles may be large (default ingest limit 1 MiB of text, more once enriched). */
    static final String MAX_MESSAGE_BYTES = String.valueOf(8 * 1024 * 1024);

    private Topics() {}

    /** Most replicas khabar asks for by default: three copies survive the loss of one broker with writes going on. */
    public static final int MAX_DEFAULT_REPLICATION_FACTOR = 3;

    /** The topic definitions with the given partition count and replication factor (-1: the broker's default). */
    public static List<NewTopic> definitions(int partitions, short replicationFactor) {
        return definitions(partitions, replicationFactor, 0);
    }

    /**
     * The topic definitions with the given partition count, replication factor (-1: the broker's default) and
     * {@code min.insync.replicas} (0: the broker's default).
     */
    public static List<NewTopic> definitions(int partitions, short replicationFactor, int minInsyncReplicas) {
        return List.of(
                new NewTopic(RAW, partitions, replicationFactor)
                        .configs(with(
                                minInsyncReplicas,
                                TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(7L * 24 * 3600 * 1000),
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                MAX_MESSAGE_BYTES)),
                new NewTopic(ENRICHED, partitions, replicationFactor)
                        .configs(with(
                                minInsyncReplicas,
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT,
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                MAX_MESSAGE_BYTES)),
                new NewTopic(TRENDING, partitions, replicationFactor)
                        .configs(with(
                                minInsyncReplicas,
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT,
                                TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(30L * 24 * 3600 * 1000))),
                new NewTopic(DEAD_LETTER, 1, replicationFactor)
                        .configs(with(
                                minInsyncReplicas,
                                TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(30L * 24 * 3600 * 1000),
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                MAX_MESSAGE_BYTES)));
    }

    /** The replication factor khabar uses by default on a cluster of this many brokers: min(3, brokers). */
    public static short defaultReplicationFactor(int brokers) {
        return (short) Math.max(1, Math.min(MAX_DEFAULT_REPLICATION_FACTOR, brokers));
    }

    /**
     * The {@code min.insync.replicas} khabar uses by default for a replication factor: 2 from 3 replicas on (an
     * acknowledged write is then on two brokers, and one broker may be down), else 0 (the broker's default; with
     * fewer than 3 replicas no setting gives both durability and availability when a broker is lost).
     */
    public static int defaultMinInsyncReplicas(int replicationFactor) {
        return replicationFactor >= 3 ? 2 : 0;
    }

    private static Map<String, String> with(int minInsyncReplicas, String k1, String v1, String k2, String v2) {
        Map<String, String> m = new HashMap<>(Map.of(k1, v1, k2, v2));
        if (minInsyncReplicas > 0) {
            m.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
        }
        return Map.copyOf(m);
    }
}

package io.khabar.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The pipeline's topics, their names and settings, and a helper that creates the missing ones.
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
    /** Rejected records from every stage. */
    public static final String DEAD_LETTER = "khabar.articles.dead-letter";

    /** Default partition count: lets up to this many enrich instances share the work. */
    public static final int DEFAULT_PARTITIONS = 3;

    /** Articles may be large (default ingest limit 1 MiB of text, more once enriched). */
    static final String MAX_MESSAGE_BYTES = String.valueOf(8 * 1024 * 1024);

    private Topics() {
    }

    /** The topic definitions with the given partition count and replication factor. */
    public static List<NewTopic> definitions(int partitions, short replicationFactor) {
        return List.of(
                new NewTopic(RAW, partitions, replicationFactor).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(7L * 24 * 3600 * 1000),
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES)),
                new NewTopic(ENRICHED, partitions, replicationFactor).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES)),
                new NewTopic(DEAD_LETTER, 1, replicationFactor).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(30L * 24 * 3600 * 1000),
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES)));
    }

    /**
     * Creates whichever of the pipeline's topics do not exist yet; existing ones are left as they are.
     *
     * @return the names of the topics created
     */
    public static Set<String> ensureExist(Admin admin, int partitions, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = definitions(partitions, replicationFactor).stream()
                    .filter(t -> !existing.contains(t.name()))
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return missing.stream().map(NewTopic::name).collect(Collectors.toUnmodifiableSet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the khabar topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}

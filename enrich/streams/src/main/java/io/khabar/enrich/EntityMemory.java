package io.khabar.enrich;

import io.khabar.ner.LearnedName;
import io.khabar.ner.NameMemory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The name memory of one enrich instance, shared with the other instances through the compacted topic
 * {@value #TOPIC}: the enricher learns from each article ({@link #learned}), the topology publishes what changed
 * ({@link #take}) and reads the topic back as a global store into {@link #names()}, so a name one instance learned
 * is recognised by all. Thread-safe. See docs/ner.md.
 */
public final class EntityMemory {
    /** The compacted topic of learned names: key the name's match key, value {@link LearnedName#toLine()}. */
    public static final String TOPIC = "khabar.entities.memory";
    /** The global store the topic is read into. */
    public static final String STORE = "entity-memory";
    /** Articles whose learned names were never taken (their record failed later) are dropped beyond this. */
    private static final int MAX_PENDING = 10_000;

    private final NameMemory names;
    private final Map<String, List<LearnedName>> pending = new ConcurrentHashMap<>();

    /** How often at most the tagger's view of the active names is rebuilt in the Streams app. */
    public static final java.time.Duration REFRESH = java.time.Duration.ofSeconds(1);

    /**
     * A memory over these names; sets their refresh period to {@link #REFRESH}, so that the cost of rebuilding the
     * view of active names stays bounded however large the memory grows (a name is recognised up to 1 s later).
     */
    public EntityMemory(NameMemory names) {
        this.names = names.refreshAtMostEvery(REFRESH);
    }

    /** The names this instance recognises. */
    public NameMemory names() {
        return names;
    }

    /** The topic's definition: compacted, one partition per the given count. */
    public static NewTopic topic(int partitions, short replicationFactor) {
        return new NewTopic(TOPIC, partitions, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /**
     * The topic's definition with these replicas and {@code min.insync.replicas} (0: the broker's default): one
     * partition (the names are few and every instance reads all of them), compacted.
     */
    public static NewTopic topic(short replicationFactor, int minInsyncReplicas) {
        Map<String, String> configs = new java.util.HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        if (minInsyncReplicas > 0) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
        }
        return new NewTopic(TOPIC, 1, replicationFactor).configs(configs);
    }

    /** Creates {@link #TOPIC} when missing (another instance creating it at the same time is fine). */
    public static void ensureTopic(Admin admin, short replicationFactor, int minInsyncReplicas)
            throws InterruptedException, ExecutionException {
        if (admin.listTopics().names().get().contains(TOPIC)) {
            return;
        }
        try {
            admin.createTopics(List.of(topic(replicationFactor, minInsyncReplicas)))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        // a just-created topic can still be without leaders in the broker's metadata; the global store's consumer
        // then fails with "no partitions available" (seen in RunCommandIT): wait until every partition has a leader
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                var d = admin.describeTopics(List.of(TOPIC))
                        .allTopicNames()
                        .get()
                        .get(TOPIC);
                if (d != null
                        && !d.partitions().isEmpty()
                        && d.partitions().stream()
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                // UnknownTopicOrPartition until the metadata arrives: ask again
            }
            Thread.sleep(100);
        }
    }

    /** Keeps what enriching one article changed, until the topology takes it. */
    void learned(String articleId, List<LearnedName> changed) {
        if (changed.isEmpty() || articleId == null) {
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            pending.clear();
        }
        pending.put(articleId, changed);
    }

    /** What enriching this article taught the memory (once; empty when nothing). */
    List<LearnedName> take(String articleId) {
        List<LearnedName> l = articleId == null ? null : pending.remove(articleId);
        return l == null ? List.of() : l;
    }
}

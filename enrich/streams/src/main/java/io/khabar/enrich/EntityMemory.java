package io.khabar.enrich;

import io.khabar.ner.LearnedName;
import io.khabar.ner.NameMemory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

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

    /** A memory over these names. */
    public EntityMemory(NameMemory names) {
        this.names = names;
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

package io.khabar.enrich.stories;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The articles of a task that {@link StoryProcessors.Sign} has just written to the article store and that {@link
 * StoryProcessors.Resolve} has not emitted yet, kept as objects so that the first emission does not read the article
 * back from the store and parse its JSON again (one JSON parse of the whole enriched article per article: about 5% of
 * the Streams thread with stories on, docs/benchmarks.md).
 *
 * <p>Only a shortcut: the store stays the record of truth. Sign and Resolve run in the same task (they share both
 * stores), so they share one map per task; a processor that closes drops its task's map, so a revived or moved task
 * starts empty and reads the store, as after a restart. An entry is keyed by article id and store slot and is used
 * only for the version (content hash) the article's state asks for, the checks a store read gets. At most {@value
 * #MAX_PER_TASK} articles per task are kept (the eldest go first); an article missing from the map is read from the
 * store.
 */
final class WaitingArticles {

    /** Articles kept per task at most; an article usually waits for its replies for one or two commit intervals. */
    static final int MAX_PER_TASK = 512;

    private final ConcurrentHashMap<TaskId, Map<Slot, StoryArticle>> byTask = new ConcurrentHashMap<>();

    /** The map of a task, created by the first of its processors that asks (a task runs on one thread at a time). */
    Map<Slot, StoryArticle> of(TaskId task) {
        return byTask.computeIfAbsent(task, t -> new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Slot, StoryArticle> eldest) {
                return size() > MAX_PER_TASK;
            }
        });
    }

    /** Drops a task's map when one of its processors closes (clean or dirty), unless another replaced it. */
    void close(TaskId task, Map<Slot, StoryArticle> map) {
        // by identity: remove(task, map) compares maps with equals, and two empty maps are equal
        byTask.computeIfPresent(task, (t, held) -> held == map ? null : held);
    }

    /** Number of tasks holding a map (for tests). */
    int tasks() {
        return byTask.size();
    }

    /** An article's place in the article store: its id and the slot (window start) it was written at. */
    record Slot(String id, long at) {}
}

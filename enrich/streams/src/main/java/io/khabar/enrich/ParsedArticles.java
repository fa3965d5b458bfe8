package io.khabar.enrich;

import io.khabar.model.RawArticle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The articles the claim step parsed, by raw partition and offset, kept in memory until their verdict so that the
 * enrich step does not parse the same bytes from the pending store a second time (a parse of a real news article
 * costs about 0.01 ms). Only a shortcut: the pending store stays the record of what waits, and an article missing
 * here (after a restart or a rebalance, or past {@link #MAX} waiting) is parsed from the pending store's bytes, which
 * are the bytes it was parsed from. Shared by the tasks of one app instance (each raw partition is one task's).
 */
final class ParsedArticles {
    /** At most this many articles are kept (about 8 KB of heap each on real news). */
    static final int MAX = 1_000;

    private record Parsed(String id, String hash, RawArticle article) {}

    private final ConcurrentHashMap<Long, Parsed> byPosition = new ConcurrentHashMap<>();

    private static long position(int partition, long offset) {
        return ((long) partition << 48) ^ offset;
    }

    /** Keeps the article read at raw partition/offset (unless {@link #MAX} are kept already). */
    void put(int partition, long offset, String id, String contentHash, RawArticle article) {
        if (partition >= 0 && offset >= 0 && byPosition.size() < MAX) {
            byPosition.put(position(partition, offset), new Parsed(id, contentHash, article));
        }
    }

    /**
     * Removes and returns the article read at raw partition/offset if it is {@code id} with this content hash
     * (always so while the raw topic is not recreated under the running app), else null.
     */
    RawArticle take(int partition, long offset, String id, String contentHash) {
        Parsed p = byPosition.remove(position(partition, offset));
        return p != null && p.id().equals(id) && p.hash().equals(contentHash) ? p.article() : null;
    }

    /** Forgets the articles of a raw partition (its task closed: another instance may handle its verdicts). */
    void forget(int partition) {
        byPosition.keySet().removeIf(k -> (int) (k >>> 48) == partition);
    }

    /** How many articles are kept. */
    int size() {
        return byPosition.size();
    }
}

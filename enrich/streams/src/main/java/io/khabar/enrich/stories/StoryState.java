package io.khabar.enrich.stories;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The resolver's small state of one article (store {@link StoryTopology#STATE_STORE}, by id), rewritten on each band
 * reply that changes it: which bands replied, the best story found so far, whether the article was emitted. The
 * article itself is in {@link StoryArticle}, written once.
 *
 * @param at         wall-clock time the state was created (its window-store timestamp, also the article's)
 * @param hash       story version being resolved (see {@link StoryMessage#version(String)})
 * @param order      the article's event time
 * @param expected   band replies expected (the number of bands, at most 64)
 * @param replied    bit {@code b} set when band {@code b} replied; a duplicate reply changes nothing
 * @param storyId    best story so far: the earliest similar article (the article itself at first)
 * @param storyOrder event time of {@code storyId}
 * @param similarity estimated similarity to {@code storyId}
 * @param emitted    whether the article was emitted
 */
public record StoryState(
        long at,
        String hash,
        long order,
        int expected,
        long replied,
        String storyId,
        long storyOrder,
        double similarity,
        boolean emitted) {

    /** The state of an article that has just arrived: no reply yet, its own story. */
    static StoryState waiting(long at, String id, String hash, long order, int bands) {
        return new StoryState(at, hash, order, bands, 0L, id, order, 1.0, false);
    }

    /** Band replies received (distinct bands). */
    @JsonIgnore
    public int replies() {
        return Long.bitCount(replied);
    }

    /** Whether every band has replied. */
    @JsonIgnore
    boolean complete() {
        return replies() >= expected;
    }

    /** Whether band {@code band} has replied already. */
    boolean hasReply(int band) {
        return band >= 0 && band < 64 && (replied & (1L << band)) != 0;
    }

    /**
     * Takes a candidate if it is earlier than the current story; returns this or the changed state. {@code self} is
     * the article's id (a candidate equal to it is ignored).
     */
    StoryState consider(String self, StoryMessage.Candidate c) {
        if (c.id().equals(self) || !StoryMessage.before(c.order(), c.id(), storyOrder, storyId)) {
            return this;
        }
        return new StoryState(at, hash, order, expected, replied, c.id(), c.order(), c.similarity(), emitted);
    }

    /**
     * Marks band {@code band} as replied. A reply without a band (written before replies named theirs) takes the
     * lowest band not yet marked.
     */
    StoryState withReply(Integer band) {
        int b = band != null && band >= 0 && band < 64 ? band : Long.numberOfTrailingZeros(~replied);
        if (b >= 64) {
            return this;
        }
        return new StoryState(at, hash, order, expected, replied | (1L << b), storyId, storyOrder, similarity, emitted);
    }

    /** Marks the bands of {@code mask} (bit {@code b} for band {@code b}) as replied; a band twice changes nothing. */
    StoryState withReplies(long mask) {
        if ((replied | mask) == replied) {
            return this;
        }
        return new StoryState(at, hash, order, expected, replied | mask, storyId, storyOrder, similarity, emitted);
    }

    StoryState withEmitted() {
        return new StoryState(at, hash, order, expected, replied, storyId, storyOrder, similarity, true);
    }

    /** The similarity written on the record: 1.0 when the article is its own story, else rounded to 3 places. */
    double recordSimilarity(String self) {
        return storyId.equals(self) ? 1.0 : round(similarity);
    }

    static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}

package io.khabar.enrich.stories;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.khabar.model.EnrichedArticle;
import java.util.Map;

/**
 * The resolver's state of one article (by id): its version, how many band replies arrived, the best story found so
 * far, and the article itself (kept until retention so a late correction can re-emit it).
 *
 * @param at       wall-clock time the state was created (its window-store timestamp)
 * @param hash     content hash of the version being resolved
 * @param order    the article's event time
 * @param expected band replies expected
 * @param replies  band replies received
 * @param storyId  best story so far: the earliest similar article (the article itself at first)
 * @param storyOrder event time of {@code storyId}
 * @param similarity estimated similarity to {@code storyId}
 * @param emitted  whether the article was emitted
 * @param article  the enriched article
 * @param headers  the lineage headers of the enriched record
 * @param timestamp the enriched record's timestamp (event time), given back to it on output; 0 when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoryState(
        long at,
        String hash,
        long order,
        int expected,
        int replies,
        String storyId,
        long storyOrder,
        double similarity,
        boolean emitted,
        EnrichedArticle article,
        Map<String, String> headers,
        long timestamp) {

    /** Takes a candidate if it is earlier than the current story; returns this or the changed state. */
    StoryState consider(StoryMessage.Candidate c) {
        if (c.id().equals(article.id()) || !StoryMessage.before(c.order(), c.id(), storyOrder, storyId)) {
            return this;
        }
        return new StoryState(
                at,
                hash,
                order,
                expected,
                replies,
                c.id(),
                c.order(),
                c.similarity(),
                emitted,
                article,
                headers,
                timestamp);
    }

    StoryState withReply() {
        return new StoryState(
                at,
                hash,
                order,
                expected,
                replies + 1,
                storyId,
                storyOrder,
                similarity,
                emitted,
                article,
                headers,
                timestamp);
    }

    StoryState withEmitted() {
        return new StoryState(
                at, hash, order, expected, replies, storyId, storyOrder, similarity, true, article, headers, timestamp);
    }

    /** The article with the story resolved so far. */
    EnrichedArticle resolved() {
        return article.withStory(storyId, storyId.equals(article.id()) ? 1.0 : round(similarity));
    }

    static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}

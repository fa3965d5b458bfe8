package io.khabar.enrich.stories;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.khabar.model.EnrichedArticle;
import java.util.List;

/**
 * What flows through the story topics (see {@link StoryTopology}).
 *
 * @param kind       what it is
 * @param id         the article the message is about: for ENTRY the new article, for REPLY and CORRECTION the
 *                   article that receives it
 * @param hash       content hash of that article's version, so replies for an older version are ignored
 * @param order      event time (epoch ms) of the article of {@code id}: publication time, else fetch time
 * @param sig        MinHash signature (ENTRY only)
 * @param candidates similar earlier-or-later articles found in one band (REPLY) or one earlier article (CORRECTION)
 * @param article    the finished enriched article (DONE only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoryMessage(
        Kind kind, String id, String hash, long order, int[] sig, List<Candidate> candidates, EnrichedArticle article) {

    /** Message kinds. */
    public enum Kind {
        /** An article's entry into one band bucket (keyed by band key). */
        ENTRY,
        /** A band's answer to an ENTRY: the similar members found (keyed by the new article's id). */
        REPLY,
        /** An earlier article found later than a member it resembles: tells the member (keyed by member id). */
        CORRECTION,
        /** An article that needs no band lookup (too short), finished at once. */
        DONE
    }

    /** A candidate story article and its estimated similarity to the article receiving it. */
    public record Candidate(String id, long order, double similarity) {}

    /** True when article (order a, id ia) is earlier than (order b, id ib): event time, then id. */
    public static boolean before(long a, String ia, long b, String ib) {
        return a < b || (a == b && ia.compareTo(ib) < 0);
    }
}

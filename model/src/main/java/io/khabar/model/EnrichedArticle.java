package io.khabar.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An article after enrichment: the value of the enriched topic, keyed by {@link #id()}.
 *
 * @param schemaVersion      version of this record's shape; {@link #SCHEMA_VERSION} for records written by this code
 * @param id                 the article id (same as {@code article.id})
 * @param contentHash        the content hash of the raw article this version was made from
 * @param article            the raw article exactly as ingested
 * @param title              normalised title
 * @param body               normalised body
 * @param language           detected language code ({@code ur}, {@code ar}, {@code fa}, {@code pnb}, {@code en}, {@code mixed}, {@code und})
 * @param languageConfidence confidence of the language guess, 0..1
 * @param sentenceCount      sentences in title and body
 * @param tokenCount         tokens in title and body
 * @param entities           entities found, in order of field (title first) and offset
 * @param enricherVersion    version of the enricher that made this record
 * @param enrichedAt         when it was enriched
 * @param outlet             the publisher, copied from {@code article.outlet} (named by the source, else the URL's host)
 * @param storyId            the story this article belongs to: the id of the earliest article it is a near-duplicate
 *                           of (its own id when it is the first); null when stories were not computed
 * @param storySimilarity    estimated Jaccard similarity (MinHash) of this article's word shingles to the story's
 *                           first article, 0..1 (1 for the first article itself); null without a story
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrichedArticle(
        int schemaVersion,
        String id,
        String contentHash,
        RawArticle article,
        String title,
        String body,
        String language,
        double languageConfidence,
        int sentenceCount,
        int tokenCount,
        List<Entity> entities,
        String enricherVersion,
        Instant enrichedAt,
        String outlet,
        String storyId,
        Double storySimilarity) {

    /** The schema version this code writes and fully understands. */
    public static final int SCHEMA_VERSION = 1;

    public EnrichedArticle {
        entities = entities == null ? List.of() : List.copyOf(entities);
        if (outlet == null && article != null) {
            outlet = article.outlet();
        }
    }

    /** An enriched article without a story (the shape before {@code outlet} and stories); outlet from the raw article. */
    public EnrichedArticle(int schemaVersion, String id, String contentHash, RawArticle article, String title,
                           String body, String language, double languageConfidence, int sentenceCount, int tokenCount,
                           List<Entity> entities, String enricherVersion, Instant enrichedAt) {
        this(schemaVersion, id, contentHash, article, title, body, language, languageConfidence, sentenceCount,
                tokenCount, entities, enricherVersion, enrichedAt, null, null, null);
    }

    /** This article assigned to a story, with its similarity to the story's first article. */
    public EnrichedArticle withStory(String newStoryId, Double similarity) {
        return new EnrichedArticle(schemaVersion, id, contentHash, article, title, body, language, languageConfidence,
                sentenceCount, tokenCount, entities, enricherVersion, enrichedAt, outlet, newStoryId, similarity);
    }
}

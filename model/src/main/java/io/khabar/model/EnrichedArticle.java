package io.khabar.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An article after enrichment: the value of the enriched topic, keyed by {@link #id()}. Schema version 3:
 * entities grouped by entity (see {@link ArticleEntity}) with compact mentions ({@link EntityMention}); the content
 * hash, the outlet, an entity's text and Wikidata id are written only where the record cannot give them otherwise
 * ({@code article.contentHash}, {@code article.outlet}, the text at the entity's first mention, the entity's key),
 * and filled in when read. Reading a version 1 record (entities as a flat list of
 * mentions, see {@link ArticleEntities#group}) or a version 2 one (six-value mentions) upgrades it to version 3.
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
 * @param entities           the distinct entities, in order of their first mention (title first, then body, by offset)
 * @param enricherVersion    version of the enricher that made this record
 * @param enrichedAt         when it was enriched
 * @param outlet             the publisher, copied from {@code article.outlet} (named by the source, else the URL's host)
 * @param storyId            the story this article belongs to: the id of the earliest article it is a near-duplicate
 *                           of (its own id when it is the first); null when stories were not computed
 * @param storySimilarity    estimated Jaccard similarity (MinHash) of this article's word shingles to the story's
 *                           first article, 0..1 (1 for the first article itself); null without a story
 */
@JsonSerialize(converter = EnrichedArticle.AsWritten.class)
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
        List<ArticleEntity> entities,
        String enricherVersion,
        Instant enrichedAt,
        String outlet,
        String storyId,
        Double storySimilarity) {

    /** The schema version this code writes and fully understands (1 and 2 are read and upgraded). */
    public static final int SCHEMA_VERSION = 3;

    public EnrichedArticle {
        entities = entities == null ? List.of() : List.copyOf(entities);
        if (outlet == null && article != null) {
            outlet = article.outlet();
        }
        if (contentHash == null && article != null) {
            contentHash = article.contentHash();
        }
    }

    /** An enriched article without a story (the shape before {@code outlet} and stories); outlet from the raw article. */
    public EnrichedArticle(
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
            List<ArticleEntity> entities,
            String enricherVersion,
            Instant enrichedAt) {
        this(
                schemaVersion,
                id,
                contentHash,
                article,
                title,
                body,
                language,
                languageConfidence,
                sentenceCount,
                tokenCount,
                entities,
                enricherVersion,
                enrichedAt,
                null,
                null,
                null);
    }

    /** This article assigned to a story, with its similarity to the story's first article. */
    public EnrichedArticle withStory(String newStoryId, Double similarity) {
        return new EnrichedArticle(
                schemaVersion,
                id,
                contentHash,
                article,
                title,
                body,
                language,
                languageConfidence,
                sentenceCount,
                tokenCount,
                entities,
                enricherVersion,
                enrichedAt,
                outlet,
                newStoryId,
                similarity);
    }

    /**
     * Reads every version: entities in the version 1 shape (objects with offsets, no {@code mentions}) are grouped
     * into entities; else they are read as entities with either mention form (versions 2 and 3). A missing entity
     * text is the text at its first mention, a missing Wikidata id the key when the key is one ({@code Q…}), a missing
     * content hash or outlet the article's; the record comes out as
     * version 3.
     */
    @JsonCreator
    static EnrichedArticle fromJson(
            @JsonProperty("schemaVersion") int schemaVersion,
            @JsonProperty("id") String id,
            @JsonProperty("contentHash") String contentHash,
            @JsonProperty("article") RawArticle article,
            @JsonProperty("title") String title,
            @JsonProperty("body") String body,
            @JsonProperty("language") String language,
            @JsonProperty("languageConfidence") double languageConfidence,
            @JsonProperty("sentenceCount") int sentenceCount,
            @JsonProperty("tokenCount") int tokenCount,
            @JsonProperty("entities") JsonNode entities,
            @JsonProperty("enricherVersion") String enricherVersion,
            @JsonProperty("enrichedAt") Instant enrichedAt,
            @JsonProperty("outlet") String outlet,
            @JsonProperty("storyId") String storyId,
            @JsonProperty("storySimilarity") Double storySimilarity) {
        if (ArticleEntities.isV1(entities)) {
            List<Entity> v1 = ArticleEntities.readV1(entities);
            return new EnrichedArticle(
                    SCHEMA_VERSION,
                    id,
                    contentHash,
                    article,
                    title,
                    body,
                    language,
                    languageConfidence,
                    sentenceCount,
                    tokenCount,
                    ArticleEntities.group(v1, ArticleEntities.FALLBACK_KEYS),
                    enricherVersion,
                    enrichedAt,
                    outlet,
                    storyId,
                    storySimilarity);
        }
        // a version 1 record without entities has the later shape already; version 2's mentions are read as such
        return new EnrichedArticle(
                schemaVersion == 1 || schemaVersion == 2 ? SCHEMA_VERSION : schemaVersion,
                id,
                contentHash,
                article,
                title,
                body,
                language,
                languageConfidence,
                sentenceCount,
                tokenCount,
                ArticleEntities.asRead(ArticleEntities.readV2(entities), title, body),
                enricherVersion,
                enrichedAt,
                outlet,
                storyId,
                storySimilarity);
    }

    /**
     * Every mention as a flat list in the version 1 shape (title first, then body, by offset), each with its
     * entity's type, names and its surface text taken from the normalised field.
     */
    @JsonIgnore
    public List<Entity> mentions() {
        return ArticleEntities.flatten(entities, title, body);
    }

    /**
     * What is written: the content hash, the outlet, an entity's {@code text} and {@code wikidataId} only where a
     * reader cannot fill them in (see {@link EnrichedArticle}).
     */
    static final class AsWritten extends StdConverter<EnrichedArticle, Written> {
        @Override
        public Written convert(EnrichedArticle a) {
            return new Written(
                    a.schemaVersion,
                    a.id,
                    a.article != null && Objects.equals(a.contentHash, a.article.contentHash()) ? null : a.contentHash,
                    a.article,
                    a.title,
                    a.body,
                    a.language,
                    a.languageConfidence,
                    a.sentenceCount,
                    a.tokenCount,
                    ArticleEntities.asWritten(a.entities, a.title, a.body),
                    a.enricherVersion,
                    a.enrichedAt,
                    a.article != null && Objects.equals(a.outlet, a.article.outlet()) ? null : a.outlet,
                    a.storyId,
                    a.storySimilarity);
        }
    }

    /** The written form of an {@link EnrichedArticle} (see {@link AsWritten}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "schemaVersion",
        "id",
        "contentHash",
        "article",
        "title",
        "body",
        "language",
        "languageConfidence",
        "sentenceCount",
        "tokenCount",
        "entities",
        "enricherVersion",
        "enrichedAt",
        "outlet",
        "storyId",
        "storySimilarity"
    })
    record Written(
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
            List<ArticleEntity> entities,
            String enricherVersion,
            Instant enrichedAt,
            String outlet,
            String storyId,
            Double storySimilarity) {}
}

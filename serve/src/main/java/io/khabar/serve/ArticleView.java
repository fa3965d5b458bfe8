package io.khabar.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What the web view keeps of an enriched article, whatever the record's schema version: made by
 * {@link EnrichedAdapter}, stored (as JSON) in the article store and rendered by {@link Pages}.
 *
 * @param id              article id
 * @param outlet          publisher name or domain, or null when unknown
 * @param url             the article's URL, or null
 * @param time            publication time when the source gave one, else when khabar fetched it
 * @param title           normalised headline (mention offsets point into it)
 * @param body            normalised body (mention offsets point into it)
 * @param language        detected language code
 * @param entities        the distinct entities of the article, each with its mentions
 * @param storyId         the story this article belongs to, when the record carries one
 * @param storySimilarity similarity to the story's first article, when the record carries one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArticleView(
        String id,
        String outlet,
        String url,
        Instant time,
        String title,
        String body,
        String language,
        List<Entity> entities,
        String storyId,
        Double storySimilarity) {

    public ArticleView {
        entities = entities == null ? List.of() : List.copyOf(entities);
        title = title == null ? "" : title;
        body = body == null ? "" : body;
    }

    /**
     * One distinct entity of an article.
     *
     * @param key           stable key across articles (the entity page's address)
     * @param type          {@code PERSON}, {@code LOCATION}, {@code ORGANIZATION}, {@code DATE}, {@code DESIGNATION} …
     * @param name          the name to show: the most frequent surface form in this article
     * @param canonicalName canonical (English) name, or null
     * @param romanized     romanised name, or null
     * @param wikidataId    Wikidata item id, or null
     * @param mentions      where it stands in the title and body
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entity(
            String key,
            String type,
            String name,
            String canonicalName,
            String romanized,
            String wikidataId,
            List<Mention> mentions) {
        public Entity {
            mentions = mentions == null ? List.of() : List.copyOf(mentions);
        }

        /** The Latin-script name to show on hover: canonical, else romanised, else null. */
        public String hoverName() {
            return canonicalName != null ? canonicalName : romanized;
        }
    }

    /**
     * A mention: UTF-16 offsets (end exclusive) into the normalised title or body.
     *
     * @param field {@code title} or {@code body}
     * @param start first char
     * @param end   one past the last char
     * @param text  the surface text
     */
    public record Mention(String field, int start, int end, String text) {}

    /** The line shown in lists. */
    public ArticleSummary summary(int mentions) {
        return new ArticleSummary(id, outlet, time, title, mentions, storyId, storySimilarity);
    }
}

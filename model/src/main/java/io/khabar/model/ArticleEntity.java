package io.khabar.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One distinct entity of an article (schema version 2), with all its mentions: each entity appears once per
 * article, coreference mentions included in the entity they refer to.
 *
 * @param key           stable key for aggregating the same entity across articles; present for every entity
 * @param type          what it is
 * @param text          the surface text of its first mention (as in the normalised text)
 * @param canonicalName canonical English name (e.g. {@code Imran Khan}); for dates the ISO-8601 date; null when unknown
 * @param wikidataId    Wikidata item id (e.g. {@code Q193625}) when known, else null
 * @param romanized     the name in Latin letters when known (filled by the entity identity code), else null
 * @param mentions      where it is mentioned, title first then body, by offset; never empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"key", "type", "text", "canonicalName", "wikidataId", "romanized", "mentions"})
public record ArticleEntity(
        String key,
        EntityType type,
        String text,
        String canonicalName,
        String wikidataId,
        String romanized,
        List<EntityMention> mentions) {

    public ArticleEntity {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** A copy with another key. */
    public ArticleEntity withKey(String newKey) {
        return new ArticleEntity(newKey, type, text, canonicalName, wikidataId, romanized, mentions);
    }

    /** A copy with another surface text (null to leave it out). */
    public ArticleEntity withText(String newText) {
        return new ArticleEntity(key, type, newText, canonicalName, wikidataId, romanized, mentions);
    }

    /** A copy with another Wikidata id (null to leave it out). */
    public ArticleEntity withWikidataId(String id) {
        return new ArticleEntity(key, type, text, canonicalName, id, romanized, mentions);
    }

    /** A copy with a romanised name. */
    public ArticleEntity withRomanized(String name) {
        return new ArticleEntity(key, type, text, canonicalName, wikidataId, name, mentions);
    }
}

package io.khabar.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One mention of a named entity as a tagger finds it, and the entity of a version 1 enriched record. Version 2
 * records group mentions by entity ({@link ArticleEntity}); {@link ArticleEntities} converts both ways.
 *
 * @param type          what it is
 * @param text          the surface text, as it stands in the normalised text
 * @param field         which text it is in: {@code title} or {@code body}
 * @param start         start offset (UTF-16 chars, inclusive) in the normalised field
 * @param end           end offset (exclusive) in the normalised field
 * @param originalStart start offset in the original (raw) field
 * @param originalEnd   end offset (exclusive) in the original field
 * @param canonicalName canonical English name (e.g. {@code Imran Khan}); for dates the ISO-8601 date when resolved
 * @param wikidataId    Wikidata item id (e.g. {@code Q193625}) when known, else null
 * @param method        how it was found
 * @param aliasOf       for an acronym introduced in parentheses after an organisation that has no canonical name or
 *                      Wikidata id ({@code کمپٹیشن کمیشن آف پاکستان (سی سی پی)}), and for the acronym's later mentions
 *                      linked to it: the organisation's surface text, so that {@link ArticleEntities#group} makes both
 *                      one entity with the organisation's key; else null (a gazetteer organisation's acronym shares
 *                      its canonical name instead)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entity(
        EntityType type,
        String text,
        String field,
        int start,
        int end,
        int originalStart,
        int originalEnd,
        String canonicalName,
        String wikidataId,
        Method method,
        String aliasOf) {

    /** A mention that is no acronym alias ({@code aliasOf} null). */
    public Entity(
            EntityType type,
            String text,
            String field,
            int start,
            int end,
            int originalStart,
            int originalEnd,
            String canonicalName,
            String wikidataId,
            Method method) {
        this(type, text, field, start, end, originalStart, originalEnd, canonicalName, wikidataId, method, null);
    }

    /** Field name for entities found in the title. */
    public static final String TITLE = "title";
    /** Field name for entities found in the body. */
    public static final String BODY = "body";

    /** How an entity was found. */
    public enum Method {
        /** Matched an entry of a gazetteer. */
        GAZETTEER,
        /** Found by a rule (a designation before a name, a date pattern, an acronym alias). */
        RULE,
        /** A partial mention linked to an earlier full mention in the same article. */
        COREFERENCE,
        /** A name the stream learned from earlier articles (the entity memory, docs/ner.md). */
        MEMORY
    }
}

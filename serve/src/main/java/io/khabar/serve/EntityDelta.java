package io.khabar.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A change to an entity's index: one article added ({@code sign = 1}) or taken back ({@code -1}, when a newer
 * version of the article or a tombstone replaced it). Small: this is what crosses the repartition topic to the
 * instance that holds the entity, never the whole article.
 *
 * @param key           entity key (the record key too)
 * @param type          entity type
 * @param canonicalName canonical name, or null
 * @param romanized     romanised name, or null
 * @param wikidataId    Wikidata item, or null
 * @param surfaces      surface forms in this article with their counts
 * @param article       the article as listed, its {@code mentions} the entity's mentions in it
 * @param sign          1 to add, -1 to take back
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityDelta(
        String key,
        String type,
        String canonicalName,
        String romanized,
        String wikidataId,
        Map<String, Long> surfaces,
        ArticleSummary article,
        int sign) {

    public EntityDelta {
        surfaces = surfaces == null ? Map.of() : Map.copyOf(surfaces);
    }

    /** The article's event time in epoch millis (0 when unknown). */
    long timeMillis() {
        Instant t = article.time();
        return t == null ? 0L : t.toEpochMilli();
    }
}

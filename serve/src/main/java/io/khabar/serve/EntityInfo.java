package io.khabar.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is known of one entity across all articles: the value of the entity store.
 *
 * @param key           stable entity key
 * @param type          entity type
 * @param canonicalName canonical name, or null
 * @param romanized     romanised name, or null
 * @param wikidataId    Wikidata item, or null
 * @param variants      surface forms with how often each was seen
 * @param articles      articles mentioning it
 * @param mentions      mentions in all articles
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityInfo(
        String key,
        String type,
        String canonicalName,
        String romanized,
        String wikidataId,
        Map<String, Long> variants,
        long articles,
        long mentions) {

    public EntityInfo {
        variants = variants == null ? Map.of() : Map.copyOf(variants);
    }

    /** The most frequent surface form (ties: the first in Unicode order), or the key when none is left. */
    public String name() {
        String best = null;
        long n = -1;
        for (Map.Entry<String, Long> e : new TreeMap<>(variants).entrySet()) {
            if (e.getValue() > n) {
                best = e.getKey();
                n = e.getValue();
            }
        }
        return best == null ? key : best;
    }
}

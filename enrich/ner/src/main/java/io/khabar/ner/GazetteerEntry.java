package io.khabar.ner;

import io.khabar.model.EntityType;
import java.util.List;

/**
 * One gazetteer entry: an entity with its Urdu surface forms.
 *
 * @param type          entity type; {@code null} for a phrase that is never an entity (file type {@code NONE}),
 *                      which blocks the defaults, e.g. a city name that is also a common word
 * @param canonicalName English canonical name, or null
 * @param wikidataId    Wikidata item id such as {@code Q1362}, or null
 * @param forms         Urdu surface forms, spelling variants included
 * @param source        where it came from (file name and line, or {@code cldr})
 */
public record GazetteerEntry(
        EntityType type, String canonicalName, String wikidataId, List<String> forms, String source) {
    /** Copies the forms. */
    public GazetteerEntry {
        forms = List.copyOf(forms);
    }
}

package io.khabar.model;

/** Computes an entity's stable {@link ArticleEntity#key() key} from its type and names. */
@FunctionalInterface
public interface EntityKeyFunction {

    /**
     * The key of an entity.
     *
     * @param type          its type
     * @param canonicalName canonical name, or null
     * @param wikidataId    Wikidata id, or null
     * @param text          surface text of its first mention (normalised)
     */
    String key(EntityType type, String canonicalName, String wikidataId, String text);
}

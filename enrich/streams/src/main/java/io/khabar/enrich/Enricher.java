package io.khabar.enrich;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.RawArticle;

/**
 * Turns one valid raw article into an enriched one. Called by the topology once per new article version; an
 * exception it throws sends the record to the dead-letter topic with reason {@code enrich-failed}.
 */
@FunctionalInterface
public interface Enricher {

    /** Enriches one article; must be thread-safe. */
    EnrichedArticle enrich(RawArticle raw);

    /**
     * Enriches one article whose content hash the caller has already computed from its title and body
     * ({@link io.khabar.model.ArticleIds#contentHash}, never the hash a record carries), so that it is not computed
     * twice per article. By default the hash is ignored and {@link #enrich(RawArticle)} is called.
     */
    default EnrichedArticle enrich(RawArticle raw, String contentHash) {
        return enrich(raw);
    }
}

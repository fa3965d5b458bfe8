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
}

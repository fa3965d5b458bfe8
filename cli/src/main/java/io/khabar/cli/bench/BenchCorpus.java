package io.khabar.cli.bench;

import io.khabar.model.RawArticle;
import java.time.Instant;

/**
 * Where the articles of {@code khabar bench} come from: real news ({@link RealNewsCorpus}, the default), articles
 * assembled from real sentences, or the seed-only corpus of earlier runs ({@link CorpusGenerator}). Deterministic:
 * the same index gives the same article (apart from {@code fetchedAt}); different indexes give articles with
 * different ids and content hashes, so dedup never drops a benchmark article.
 */
public interface BenchCorpus {

    /** The article number {@code index}, fetched at {@code fetchedAt}. */
    RawArticle next(int index, Instant fetchedAt);

    /** One line saying what the corpus is made of, for the report. */
    String description();
}

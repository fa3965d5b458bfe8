package io.khabar.enrich;

import io.khabar.model.ArticleIds;
import io.khabar.model.RawArticle;

/**
 * A raw-topic value as read: the original bytes and the article parsed from them. The bytes travel through the
 * app's repartition topics unchanged, so a record rejected at any step reaches the dead-letter topic byte for
 * byte as it was ingested.
 *
 * @param bytes   the value exactly as on the raw topic
 * @param article the article parsed from it
 */
public record RawRecord(byte[] bytes, RawArticle article) {

    /** The article's content hash, computed from title and body when the record carries none. */
    public String contentHash() {
        String h = article.contentHash();
        return h == null || h.isBlank() ? ArticleIds.contentHash(article.title(), article.body()) : h;
    }
}

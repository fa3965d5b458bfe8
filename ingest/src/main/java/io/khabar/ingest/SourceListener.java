package io.khabar.ingest;

import io.khabar.model.RawArticle;

/** Receives what an {@link ArticleSource} read. */
public interface SourceListener {

    /** A good article, ready to publish. */
    void onArticle(RawArticle article);

    /**
     * An input that cannot become an article.
     *
     * @param location the file or URL
     * @param reason   a short machine-readable reason, e.g. {@code invalid-utf8}, {@code empty}, {@code too-large}
     * @param message  a human-readable explanation
     * @param content  the bytes that were read (may be null or truncated), for the dead-letter record
     */
    void onRejected(String location, String reason, String message, byte[] content);

    /**
     * Waits until everything handed over so far has been durably published (or has failed), for sources that
     * record what they have published (the watched folder). Returns false when anything since the previous call
     * failed. Listeners that do not publish return true at once.
     */
    default boolean awaitDelivered() {
        return true;
    }
}

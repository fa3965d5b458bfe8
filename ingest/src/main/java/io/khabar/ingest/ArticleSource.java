package io.khabar.ingest;

import java.io.IOException;

/**
 * Somewhere articles come from: files, folders, feeds. A source reads its inputs and hands each one to the
 * {@link SourceListener}, either as an article or as a rejection with a reason; it never drops an input silently.
 */
public interface ArticleSource {

    /** A short description for logs and summaries, e.g. {@code files under seeds/}. */
    String describe();

    /** Reads every input once, reporting each as an article or a rejection. */
    void readAll(SourceListener listener) throws IOException;

    /** Asks a continuous source (watched folder, polled feed) to finish; one-shot sources ignore it. */
    default void stop() {}
}

package io.khabar.ingest;

import java.io.IOException;
import java.util.List;
import java.util.Properties;

/** Reads sources and publishes what they read: the one-shot ingest used by {@code khabar ingest} and {@code khabar run}. */
public final class Ingest {

    private Ingest() {
    }

    /** Reads every source once, publishes the articles, waits for the broker's acknowledgements. */
    public static IngestSummary run(List<? extends ArticleSource> sources, Properties clientProperties) throws IOException {
        try (ArticlePublisher publisher = ArticlePublisher.create(clientProperties)) {
            for (ArticleSource source : sources) {
                source.readAll(publisher);
            }
            return publisher.flush();
        }
    }
}

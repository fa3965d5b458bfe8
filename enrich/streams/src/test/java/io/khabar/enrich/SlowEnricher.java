package io.khabar.enrich;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.RawArticle;
import java.util.concurrent.locks.LockSupport;

/** The fake enricher, slowed down so that a batch is still in flight when a test stops or kills an instance. */
final class SlowEnricher implements Enricher {

    private final long nanosPerArticle;

    SlowEnricher(long micros) {
        this.nanosPerArticle = micros * 1000;
    }

    @Override
    public EnrichedArticle enrich(RawArticle raw) {
        LockSupport.parkNanos(nanosPerArticle);
        return TestArticles.fakeEnrich(raw);
    }
}

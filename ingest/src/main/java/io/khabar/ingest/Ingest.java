package io.khabar.ingest;

import io.khabar.model.BrokerWatch;
import java.io.IOException;
import java.util.List;
import java.util.Properties;

/** Reads sources and publishes what they read: the one-shot ingest used by {@code khabar ingest} and {@code khabar run}. */
public final class Ingest {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Ingest.class);

    private Ingest() {}

    /** Reads every source once, publishes the articles, waits for the broker's acknowledgements. */
    public static IngestSummary run(List<? extends ArticleSource> sources, Properties clientProperties)
            throws IOException {
        return run(sources, clientProperties, null);
    }

    /**
     * Reads every source (a watched folder or a polled feed until it is stopped), publishes the articles, waits
     * for the broker's acknowledgements; {@code progress}, when not null, counts what passes.
     */
    public static IngestSummary run(
            List<? extends ArticleSource> sources, Properties clientProperties, Progress progress) throws IOException {
        return run(sources, List.of(), clientProperties, progress);
    }

    /**
     * Reads the one-shot sources in turn, then runs the continuous ones (watched folders, polled feeds) side by
     * side, each on its own thread, until they are all stopped; one producer publishes for all.
     */
    public static IngestSummary run(
            List<? extends ArticleSource> oneShot,
            List<? extends ArticleSource> continuous,
            Properties clientProperties,
            Progress progress)
            throws IOException {
        return run(oneShot, continuous, clientProperties, progress, new IngestHealth());
    }

    /** The same, reporting liveness and readiness to {@code health} (the health endpoints). */
    @SuppressWarnings("try") // the broker watch only has to live as long as the publishing
    public static IngestSummary run(
            List<? extends ArticleSource> oneShot,
            List<? extends ArticleSource> continuous,
            Properties clientProperties,
            Progress progress,
            IngestHealth health)
            throws IOException {
        // the watch says within seconds, and every 30 s, when the broker does not answer (sends wait meanwhile)
        try (BrokerWatch watch = BrokerWatch.start("ingest", clientProperties);
                ArticlePublisher publisher = ArticlePublisher.create(clientProperties)) {
            health.reading(watch);
            SourceListener listener = progress == null ? publisher : progress.wrap(publisher);
            for (ArticleSource source : oneShot) {
                source.readAll(listener);
            }
            java.util.List<Thread> threads = new java.util.ArrayList<>();
            java.util.List<IOException> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (ArticleSource source : continuous) {
                Thread t = new Thread(
                        () -> {
                            try {
                                source.readAll(listener);
                            } catch (IOException | RuntimeException | Error e) {
                                // a reader never dies silently: the run fails, the others stop, the exit status says so
                                String what = io.khabar.model.OutsideText.escape(source.describe());
                                log.error("{} stopped: {}", what, e.toString(), e);
                                errors.add(new IOException(what + " stopped: " + e, e));
                                health.failed();
                                continuous.forEach(ArticleSource::stop);
                            }
                        },
                        "ingest-" + threads.size());
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!errors.isEmpty()) {
                health.failed();
                publisher.flush();
                throw errors.get(0);
            }
            return publisher.flush();
        } catch (IOException | RuntimeException | Error e) {
            health.failed();
            throw e;
        } finally {
            health.stopped();
            if (progress != null) {
                progress.close();
            }
        }
    }
}

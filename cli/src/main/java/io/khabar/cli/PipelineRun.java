package io.khabar.cli;

import io.khabar.enrich.ArticleEnricher;
import io.khabar.enrich.EnrichApp;
import io.khabar.enrich.EnrichMetrics;
import io.khabar.enrich.EnrichSettings;
import io.khabar.enrich.EnrichTopology;
import io.khabar.enrich.EntityMemory;
import io.khabar.ingest.ArticlePublisher;
import io.khabar.ingest.IngestSummary;
import io.khabar.ingest.SourceListener;
import io.khabar.ingest.Sources;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.DeadLetters;
import io.khabar.model.EntityType;
import io.khabar.model.OutsideText;
import io.khabar.model.RawArticle;
import io.khabar.model.Stage;
import io.khabar.model.Topics;
import io.khabar.sink.SinkApp;
import io.khabar.sink.SinkConfig;
import io.khabar.sink.SinkRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One pass of the whole pipeline on a broker: enrich app and sink started, files ingested, and a wait until
 * every article ingest published has been accounted for by enrich (enriched, dead-lettered or dropped as a
 * duplicate) and every enriched one by the sink (written or dead-lettered). The counts come from what the stages
 * report (ingest's publisher, enrich's counters, the sink's counters), never from topic offsets, which transaction
 * markers make larger than the records behind them. {@code --timeout} covers the whole run, reading included.
 * Used by {@code khabar run} and by tests.
 */
public final class PipelineRun {

    /**
     * One input refused by a stage after ingest: the article's source, the stage, its reason and message.
     */
    public record Refusal(String location, Stage stage, String reason, String message) {}

    /**
     * What a run did.
     *
     * @param ingest           what ingest published and rejected (ingest rejections name their inputs in it)
     * @param articlesOut      articles enrich emitted during the run
     * @param duplicates       articles enrich dropped as duplicates of ones already delivered
     * @param entitiesByType   entities in the articles the sink wrote, by type
     * @param deadLetters      dead letters written during the run by every stage (ingest rejections included)
     * @param sinkWritten      articles the sink wrote during the run
     * @param refused          inputs enrich or the sink refused, each with its stage and reason
     * @param seconds          wall-clock duration
     */
    public record Result(
            IngestSummary ingest,
            long articlesOut,
            long duplicates,
            Map<EntityType, Long> entitiesByType,
            long deadLetters,
            long sinkWritten,
            List<Refusal> refused,
            double seconds) {

        /** True when every input reached the sink (duplicates of delivered articles count as delivered). */
        public boolean allDelivered() {
            return ingest.rejected() == 0 && ingest.failed() == 0 && refused.isEmpty();
        }
    }

    /** What the stages have reported so far, for the progress line. */
    public interface Status {
        /** Articles handed to the producer so far. */
        long published();

        /** Articles enrich emitted. */
        long enriched();

        /** Articles the sink wrote. */
        long written();

        /** Articles the run waits for, or -1 while ingest is still reading. */
        long expected();
    }

    private final Properties client;
    private final String enrichApplicationId;
    private final int partitions;
    private Path stateDir;
    private boolean entityMemory = true;
    private java.util.function.Consumer<Status> progress = s -> {};

    /**
     * @param client              client properties including bootstrap.servers
     * @param enrichApplicationId the enrich app's application.id
     * @param partitions          partitions of topics created if missing
     */
    public PipelineRun(Properties client, String enrichApplicationId, int partitions) {
        this.client = client;
        this.enrichApplicationId = enrichApplicationId;
        this.partitions = partitions;
    }

    /** Keeps the enrich app's local state in this folder instead of Kafka Streams' default under /tmp. */
    public PipelineRun stateDir(Path dir) {
        this.stateDir = dir;
        return this;
    }

    /** Whether enrich runs with the name memory and its topic (default true, as {@code khabar enrich}). */
    public PipelineRun entityMemory(boolean on) {
        this.entityMemory = on;
        return this;
    }

    /** Registers a callback the run gives its status to, about five times a second while it waits. */
    public PipelineRun progress(java.util.function.Consumer<Status> listener) {
        this.progress = listener;
        return this;
    }

    private ArticleEnricher enricher() {
        return entityMemory
                ? new ArticleEnricher(
                        new io.khabar.text.UrduNormalizer(),
                        io.khabar.ner.EntityTagger.withDefaultGazetteers(),
                        java.time.Clock.systemUTC(),
                        new EntityMemory(new io.khabar.ner.NameMemory()))
                : ArticleEnricher.withDefaults();
    }

    /**
     * Runs ingest → enrich → JSONL sink over the given paths; throws {@link TimeoutException} naming the stage
     * that had not finished when the timeout (counted from the call) ran out.
     */
    public Result run(List<Path> inputs, long maxBytes, Path outDir, Duration timeout) throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        try (Admin admin = Admin.create(client)) {
            TopicAdmin.Layout layout = TopicAdmin.prepare(admin, partitions, null, enrichApplicationId);
            if (entityMemory) {
                EntityMemory.ensureTopic(admin, layout.replicationFactor(), layout.minInsyncReplicas());
            }
            Map<TopicPartition, Long> dlqStart = deadLetterEnds(admin, deadline);

            EnrichMetrics metrics = EnrichMetrics.inMemory();
            Properties streamsOverrides = new Properties();
            streamsOverrides.putAll(client);
            streamsOverrides.put("application.id", enrichApplicationId);
            streamsOverrides.remove("bootstrap.servers");
            streamsOverrides.put(EnrichSettings.METRICS_CONFIG, metrics);
            if (stateDir != null) {
                streamsOverrides.put("state.dir", stateDir.toString());
            }
            Map<EntityType, Long> byType = new ConcurrentHashMap<>();
            // article versions written: a story correction re-sends a version with its new story, counted once
            Set<String> versions = ConcurrentHashMap.newKeySet();
            Properties streamsConfig =
                    EnrichApp.streamsConfig(client.getProperty("bootstrap.servers"), streamsOverrides);
            try (EnrichApp enrich = EnrichApp.start(
                            EnrichTopology.build(
                                    enricher(),
                                    EnrichSettings.from(streamsConfig),
                                    metrics,
                                    io.khabar.enrich.stories.StorySettings.from(streamsConfig)),
                            streamsConfig);
                    SinkApp sink = SinkApp.start(SinkConfig.builder()
                            .bootstrapServers(client.getProperty("bootstrap.servers"))
                            .consumerProperties(client)
                            .jsonl(outDir)
                            .writeListener(batch -> countEntities(batch, versions, byType))
                            .build())) {
                Map<String, String> sourceOf = new ConcurrentHashMap<>();
                AtomicLong handedOver = new AtomicLong();
                AtomicLong expected = new AtomicLong(-1);
                Status status = new Status() {
                    public long published() {
                        return handedOver.get();
                    }

                    public long enriched() {
                        return (long) metrics.enrichedCount();
                    }

                    public long written() {
                        return versions.size();
                    }

                    public long expected() {
                        return expected.get();
                    }
                };
                IngestSummary ingest = ingest(inputs, maxBytes, deadline, sourceOf, handedOver, status);
                expected.set(ingest.published());

                // every published article: enriched, dead-lettered by enrich, or dropped as a duplicate
                await(
                        "enrich to account for every published article",
                        deadline,
                        status,
                        () -> metrics.enrichedCount() + inputDeadLetters(metrics) + metrics.duplicateTotal()
                                        >= ingest.published()
                                || !enrich.isLive(),
                        enrich,
                        sink);
                if (!enrich.isLive()) {
                    throw new IllegalStateException(
                            "the enrich app stopped (" + enrich.state() + "); see the log above");
                }
                // every enriched article that was sent: written or dead-lettered by the sink
                await(
                        "the sink to write every enriched article",
                        deadline,
                        status,
                        () -> versions.size() + sink.deadLettered()
                                        >= metrics.enrichedCount() - outputDeadLetters(metrics)
                                || !sink.isRunning(),
                        enrich,
                        sink);
                if (!sink.isRunning()) {
                    throw new IllegalStateException("the sink stopped: "
                            + sink.failure().map(Throwable::getMessage).orElse("see the log above"));
                }
                long stageDeadLetters =
                        (long) (inputDeadLetters(metrics) + outputDeadLetters(metrics)) + sink.deadLettered();
                List<Refusal> refused = refusals(dlqStart, stageDeadLetters, deadline, sourceOf);
                return new Result(
                        ingest,
                        (long) metrics.enrichedCount(),
                        (long) metrics.duplicateTotal(),
                        entityCounts(byType),
                        ingest.rejected() + stageDeadLetters,
                        versions.size(),
                        refused,
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }

    /**
     * Where the dead-letter topic ends now. Just after the topics were created the broker may not know their
     * partitions yet (UnknownTopicOrPartition, seen about 1 run in 60): asked again until it does or the run's deadline.
     */
    private static Map<TopicPartition, Long> deadLetterEnds(Admin admin, long deadline) throws Exception {
        while (true) {
            try {
                return Offsets.ends(admin, Topics.DEAD_LETTER);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    /** Reads every input on a thread of its own, so that a named pipe or a stalled read cannot outlast the deadline. */
    private IngestSummary ingest(
            List<Path> inputs,
            long maxBytes,
            long deadline,
            Map<String, String> sourceOf,
            AtomicLong handedOver,
            Status status)
            throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "khabar-run-ingest");
            t.setDaemon(true);
            return t;
        });
        ArticlePublisher publisher = ArticlePublisher.create(client);
        Future<IngestSummary> done = reader.submit(() -> {
            SourceListener tee = new SourceListener() {
                @Override
                public void onArticle(RawArticle article) {
                    sourceOf.put(article.id(), article.source());
                    handedOver.incrementAndGet();
                    publisher.onArticle(article);
                }

                @Override
                public void onRejected(String location, String reason, String message, byte[] content) {
                    publisher.onRejected(location, reason, message, content);
                }

                @Override
                public boolean awaitDelivered() {
                    return publisher.awaitDelivered();
                }
            };
            Sources.forPaths(inputs, maxBytes).readAll(tee);
            return publisher.flush();
        });
        try {
            while (true) {
                try {
                    IngestSummary s = done.get(200, TimeUnit.MILLISECONDS);
                    publisher.close();
                    return s;
                } catch (TimeoutException e) {
                    progress.accept(status);
                    if (System.nanoTime() > deadline) {
                        done.cancel(true);
                        publisher.close(); // what was read so far is sent; the reading thread may stay blocked
                        String names = inputs.stream()
                                        .limit(5)
                                        .map(p -> OutsideText.escape(p.toString(), 200))
                                        .collect(java.util.stream.Collectors.joining(", "))
                                + (inputs.size() > 5 ? ", …" : "");
                        throw new TimeoutException("ingest had not finished reading " + names + " (" + handedOver.get()
                                + " articles so far; a named pipe or a stalled file?)");
                    }
                }
            }
        } catch (ExecutionException e) {
            publisher.close();
            throw e.getCause() instanceof Exception x ? x : e;
        } finally {
            reader.shutdownNow();
        }
    }

    private void await(
            String what,
            long deadline,
            Status status,
            java.util.function.BooleanSupplier done,
            EnrichApp enrich,
            SinkApp sink)
            throws TimeoutException, InterruptedException {
        while (!done.getAsBoolean()) {
            progress.accept(status);
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("waited for " + what + ": " + status.published() + " published, "
                        + status.enriched() + " enriched, " + status.written() + " written"
                        + (enrich.brokerReachable() ? "" : "; the broker does not answer"));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        progress.accept(status);
    }

    /** Dead letters enrich wrote for output it could not send (the article was counted as enriched first). */
    private static double outputDeadLetters(EnrichMetrics m) {
        return m.deadLetterCount(DeadLetterReasons.OUTPUT_TOO_LARGE)
                + m.deadLetterCount(DeadLetterReasons.PRODUCTION_FAILED);
    }

    /** Dead letters enrich wrote for records it did not enrich. */
    private static double inputDeadLetters(EnrichMetrics m) {
        return m.deadLetterTotal() - outputDeadLetters(m);
    }

    private static Map<EntityType, Long> entityCounts(Map<EntityType, Long> counted) {
        Map<EntityType, Long> m = new EnumMap<>(EntityType.class);
        m.putAll(counted);
        return m;
    }

    private static void countEntities(List<SinkRecord> batch, Set<String> versions, Map<EntityType, Long> byType) {
        for (SinkRecord r : batch) {
            if (r.article() != null
                    && versions.add(r.article().id() + " " + r.article().contentHash())) {
                r.article().mentions().forEach(e -> byType.merge(e.type(), 1L, Long::sum));
            }
        }
    }

    /**
     * The dead letters enrich and the sink wrote during the run, read back from the dead-letter topic (records,
     * not offsets: markers are not counted), each named by the source of its article.
     */
    private List<Refusal> refusals(
            Map<TopicPartition, Long> from, long expected, long deadline, Map<String, String> sourceOf) {
        List<Refusal> refused = new ArrayList<>();
        if (expected == 0) {
            return refused;
        }
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>(from.keySet());
            consumer.assign(parts);
            parts.forEach(tp -> consumer.seek(tp, from.get(tp)));
            // the dead letters are committed with the stage's transaction, a moment after its counters moved
            while (refused.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Stage stage = Stage.of(DeadLetters.header(r.headers(), DeadLetters.STAGE));
                    if (stage != Stage.ENRICH && stage != Stage.SINK) {
                        continue; // ingest's rejections are in its summary already
                    }
                    String id = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    String location = id == null ? null : sourceOf.get(id);
                    refused.add(new Refusal(
                            location == null ? "record " + OutsideText.escape(String.valueOf(id), 80) : location,
                            stage,
                            DeadLetters.header(r.headers(), DeadLetters.REASON),
                            DeadLetters.header(r.headers(), DeadLetters.ERROR_MESSAGE)));
                }
            }
        }
        if (refused.size() < expected) {
            refused.add(new Refusal(
                    "(" + (expected - refused.size()) + " more)",
                    Stage.ENRICH,
                    DeadLetterReasons.PROCESSING_FAILED,
                    "dead letters counted by the stages but not yet readable from " + Topics.DEAD_LETTER));
        }
        return refused;
    }
}

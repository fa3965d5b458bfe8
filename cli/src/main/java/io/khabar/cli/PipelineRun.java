package io.khabar.cli;

import io.khabar.enrich.ArticleEnricher;
import io.khabar.enrich.EnrichApp;
import io.khabar.enrich.EnrichTopology;
import io.khabar.ingest.Ingest;
import io.khabar.ingest.IngestSummary;
import io.khabar.ingest.Sources;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.model.JsonSerde;
import io.khabar.model.Topics;
import io.khabar.sink.SinkApp;
import io.khabar.sink.SinkConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One pass of the whole pipeline on a broker: enrich app and sink started, files ingested, and a wait until
 * everything ingested has been enriched and written by the sink. Used by {@code khabar run} and by tests.
 */
public final class PipelineRun {

    /**
     * What a run did.
     *
     * @param ingest           what ingest published and rejected
     * @param articlesOut      enriched records written to the enriched topic during the run
     * @param entitiesByType   entities in those records, by type
     * @param deadLetters      records added to the dead-letter topic during the run (ingest rejections included)
     * @param sinkWritten      articles the sink wrote during the run
     * @param seconds          wall-clock duration
     */
    public record Result(IngestSummary ingest, long articlesOut, Map<EntityType, Long> entitiesByType,
                        long deadLetters, long sinkWritten, double seconds) {
    }

    private final Properties client;
    private final String enrichApplicationId;
    private final int partitions;
    private Path stateDir;

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

    /** Runs ingest → enrich → JSONL sink over the given paths; throws {@link TimeoutException} if it does not finish in time. */
    @SuppressWarnings("try") // the enrich app is held open by the try for the whole run, never called in it
    public Result run(List<Path> inputs, long maxBytes, Path outDir, Duration timeout) throws Exception {
        long started = System.nanoTime();
        try (Admin admin = Admin.create(client)) {
            TopicAdmin.prepare(admin, partitions, null, enrichApplicationId);
            Map<TopicPartition, Long> enrichedBefore = Offsets.ends(admin, Topics.ENRICHED);
            long dlqBefore = Offsets.sum(Offsets.ends(admin, Topics.DEAD_LETTER));

            Properties streamsOverrides = new Properties();
            streamsOverrides.putAll(client);
            streamsOverrides.put("application.id", enrichApplicationId);
            streamsOverrides.remove("bootstrap.servers");
            if (stateDir != null) {
                streamsOverrides.put("state.dir", stateDir.toString());
            }
            try (EnrichApp enrich = EnrichApp.start(EnrichTopology.build(ArticleEnricher.withDefaults()),
                    EnrichApp.streamsConfig(client.getProperty("bootstrap.servers"), streamsOverrides));
                 SinkApp sink = SinkApp.start(SinkConfig.builder()
                         .bootstrapServers(client.getProperty("bootstrap.servers"))
                         .consumerProperties(client)
                         .jsonl(outDir)
                         .build())) {
                long sinkBefore = sink.written();
                IngestSummary ingest = Ingest.run(List.of(Sources.forPaths(inputs, maxBytes)), client);
                long deadline = System.nanoTime() + timeout.toNanos();

                Map<TopicPartition, Long> rawEnd = Offsets.ends(admin, Topics.RAW);
                Offsets.awaitUntil("the enrich app to process every ingested article", deadline, 100,
                        () -> Offsets.streamsCaughtUp(admin, enrichApplicationId, rawEnd));
                Map<TopicPartition, Long> enrichedEnd = Offsets.ends(admin, Topics.ENRICHED);
                Offsets.awaitUntil("the sink to write every enriched article", deadline, 100,
                        () -> Offsets.caughtUp(sink.positions(), enrichedEnd));

                Map<EntityType, Long> byType = new EnumMap<>(EntityType.class);
                long out = readEnriched(enrichedBefore, enrichedEnd, byType);
                long dlq = Offsets.sum(Offsets.ends(admin, Topics.DEAD_LETTER)) - dlqBefore;
                return new Result(ingest, out, byType, dlq, sink.written() - sinkBefore,
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }

    private long readEnriched(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, Map<EntityType, Long> byType) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        JsonSerde<EnrichedArticle> serde = JsonSerde.enrichedArticle();
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>(to.keySet());
            consumer.assign(parts);
            parts.forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() >= to.get(new TopicPartition(r.topic(), r.partition())) || r.value() == null) {
                        continue;
                    }
                    count++;
                    for (Entity e : serde.fromBytes(r.value()).entities()) {
                        byType.merge(e.type(), 1L, Long::sum);
                    }
                }
            }
        }
        return count;
    }
}

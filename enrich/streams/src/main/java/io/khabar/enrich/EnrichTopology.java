package io.khabar.enrich;

import io.khabar.enrich.stories.StorySettings;
import io.khabar.enrich.stories.StoryTopology;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Builds the enrich topology, keyed by article id at both ends. With content dedup, only small records cross a
 * repartition; the article waits on its raw partition:
 * <pre>
 * raw topic (by id) → validate → drop same-id duplicates and superseded versions → keep the article pending (by id)
 *   ──claim (hash → id, raw partition, offset), repartition by hash──▶ first id of a content hash wins
 *   ──verdict (enrich/duplicate, raw partition, offset), back to the raw partition──▶ enrich or drop the pending
 *   article → enriched topic (by id)
 * </pre>
 * With {@link EnrichSettings#DEDUP_CONTENT_CONFIG} off there is no content-hash step and no repartition: validate,
 * version check and enrich run on the raw topic's partitions.
 * Rejections are thrown and become dead letters through the app's exception handlers (see {@link EnrichApp#streamsConfig}).
 */
public final class EnrichTopology {

    /** Name of the window store remembering content hash → first article id. */
    public static final String CONTENT_STORE = "content-hashes";
    /** Name of the window store remembering article id → latest enriched version. */
    public static final String VERSION_STORE = "article-versions";
    /** Name of the key-value store of articles waiting for their content verdict, by article id. */
    public static final String PENDING_STORE = "content-pending";
    /**
     * Name of the repartition of content claims, keyed by content hash (topic
     * {@code <application.id>-content-claims-repartition}).
     */
    public static final String CONTENT_CLAIMS = "content-claims";
    /**
     * Name of the repartition of content verdicts, keyed by article id and routed to the article's raw partition
     * (topic {@code <application.id>-content-verdicts-repartition}, as many partitions as the raw topic).
     */
    public static final String CONTENT_VERDICTS = "content-verdicts";

    private EnrichTopology() {}

    /** The topology with default settings (stories and trends on) and the shared metrics (see {@link EnrichMetrics#shared()}). */
    public static Topology build(Enricher enricher) {
        return build(enricher, EnrichSettings.defaults(), EnrichMetrics.shared(), StorySettings.defaults());
    }

    /** The topology reading {@link Topics#RAW} and writing {@link Topics#ENRICHED}, without stories and trends. */
    public static Topology build(Enricher enricher, EnrichSettings settings, EnrichMetrics metrics) {
        return build(enricher, settings, metrics, StorySettings.off());
    }

    /**
     * The topology reading {@link Topics#RAW} and writing {@link Topics#ENRICHED}, with stories and trending
     * entities as {@code stories} says (see {@link StoryTopology}).
     */
    public static Topology build(
            Enricher enricher, EnrichSettings settings, EnrichMetrics metrics, StorySettings stories) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(dedupStore(VERSION_STORE, settings));
        boolean byHash = settings.dedupContent();
        KStream<String, RawRecord> validated = builder.stream(
                        Topics.RAW,
                        Consumed.with(Serdes.String(), new RawRecordSerde()).withName("raw-articles"))
                .process(() -> new EnrichProcessors.Validate(settings.maxInputBytes()), Named.as("validate"));
        KStream<String, EnrichedArticle> enriched;
        if (byHash) {
            builder.addStateStore(dedupStore(CONTENT_STORE, settings));
            builder.addStateStore(pendingStore(settings));
            ParsedArticles parsed = new ParsedArticles(); // what the claim step parsed, for the enrich step
            enriched = validated
                    .process(
                            () -> new EnrichProcessors.Claim(
                                    VERSION_STORE, PENDING_STORE, settings.dedupRetention(), metrics, parsed),
                            Named.as("claim-content"),
                            VERSION_STORE,
                            PENDING_STORE)
                    .repartition(
                            Repartitioned.with(Serdes.String(), Serdes.String()).withName(CONTENT_CLAIMS))
                    .process(
                            () -> new EnrichProcessors.DecideContent(CONTENT_STORE, settings.dedupRetention()),
                            Named.as("decide-content"),
                            CONTENT_STORE)
                    .repartition(Repartitioned.with(Serdes.String(), Serdes.String())
                            .withName(CONTENT_VERDICTS)
                            .withStreamPartitioner(new EnrichProcessors.VerdictPartitioner()))
                    .process(
                            () -> new EnrichProcessors.EnrichOnVerdict(
                                    VERSION_STORE, PENDING_STORE, enricher, metrics, parsed),
                            Named.as("enrich-on-verdict"),
                            VERSION_STORE,
                            PENDING_STORE);
        } else { // keyed by id as on the raw topic: version check and enrichment on its own partitions
            enriched = validated.process(
                    () -> new EnrichProcessors.Enrich(VERSION_STORE, settings.dedupRetention(), enricher, metrics),
                    Named.as("dedup-versions-and-enrich"),
                    VERSION_STORE);
        }
        if (enricher instanceof ArticleEnricher a && a.entityMemory() != null) {
            EntityMemoryTopology.attach(builder, enriched, a.entityMemory());
        }
        StoryTopology.addTo(builder, enriched, stories)
                .to(
                        Topics.ENRICHED,
                        Produced.<String, EnrichedArticle>with(
                                        Serdes.String(), new EnrichedSerde(settings.maxOutputBytes()))
                                .withName("enriched-articles"));
        return builder.build();
    }

    private static StoreBuilder<KeyValueStore<String, PendingArticle>> pendingStore(EnrichSettings settings) {
        KeyValueBytesStoreSupplier supplier = settings.dedupStore().equals("in-memory")
                ? Stores.inMemoryKeyValueStore(PENDING_STORE)
                : Stores.persistentKeyValueStore(PENDING_STORE);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), PendingArticle.serde());
    }

    private static StoreBuilder<WindowStore<String, String>> dedupStore(String name, EnrichSettings settings) {
        WindowBytesStoreSupplier supplier = settings.dedupStore().equals("in-memory")
                ? Stores.inMemoryWindowStore(name, settings.dedupRetention(), Duration.ofMillis(1), false)
                : Stores.persistentWindowStore(name, settings.dedupRetention(), Duration.ofMillis(1), false);
        return Stores.windowStoreBuilder(supplier, Serdes.String(), Serdes.String());
    }
}

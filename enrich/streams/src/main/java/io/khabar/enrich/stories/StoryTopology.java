package io.khabar.enrich.stories;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Stories (near-duplicates across outlets) and trending entities, added to the enrich topology after enrichment:
 * <pre>
 * enriched (by id) → stamp: wall-clock record time (changelogs), event time kept
 *   → sign: MinHash; article stored once by id, small reply state by id; one ENTRIES record (the signature)
 *     ──repartition: to each partition that holds one of its LSH band buckets──▶
 *   band: for each band of that partition, members of the bucket, CORRECTION to later members; one REPLY to the
 *     new article for those bands ──repartition to the article's partition──▶
 *   resolve: reply state updated; all bands in → stored article with storyId = earliest similar article → enriched topic
 * enriched output → one record per entity key at event time ──repartition by entity key──▶
 *   hour and day windows (grace periods) → counts → {@value Topics#TRENDING}
 * </pre>
 * See docs/stories.md for the reasoning on correctness under parallelism.
 */
public final class StoryTopology {

    /** Small state by article id: which bands replied, the best story so far, whether emitted. */
    public static final String STATE_STORE = "story-state";
    /** The article by id, written once when it arrives, kept (for corrections) until retention. */
    public static final String ARTICLE_STORE = "story-articles";
    /** Band buckets: band key → members. */
    public static final String BAND_STORE = "story-bands";
    /** Repartition by band key. */
    public static final String BY_BAND = "story-by-band";
    /** Repartition back by article id. */
    public static final String BY_STORY_ARTICLE = "story-by-article";
    /** Repartition of entity mentions by entity key. */
    public static final String BY_ENTITY = "trending-by-entity";
    /** Window stores of the trending counts. */
    public static final String HOUR_STORE = "trending-hour";
    /** Window stores of the trending counts. */
    public static final String DAY_STORE = "trending-day";

    private StoryTopology() {}

    /**
     * Adds stories and trends after {@code enriched} (keyed by article id) and returns the stream to write to the
     * enriched topic: every article once it has its story, and again when a correction gives it an earlier one.
     * With stories off, returns {@code enriched} unchanged and adds nothing.
     */
    public static KStream<String, EnrichedArticle> addTo(
            StreamsBuilder builder, KStream<String, EnrichedArticle> enriched, StorySettings settings) {
        if (!settings.enabled()) {
            return enriched;
        }
        MinHash minHash = settings.minHash();
        // articles between story-sign and story-resolve of one task, as objects (the store stays the truth)
        WaitingArticles waiting = new WaitingArticles();
        // binary replies and state (JSON written by older versions is read: BinaryOrJsonSerde)
        StoryReplySerde replies = new StoryReplySerde();
        // not cached: a caching window store answers a fetch over the whole time range (the latest state of a new
        // article) with a cache lookup per segment interval since time 0, thousands per article (khabar bench)
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(STATE_STORE, settings.retention(), Duration.ofMillis(1), false),
                Serdes.String(),
                new StoryStateSerde()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(ARTICLE_STORE, settings.retention(), Duration.ofMillis(1), false),
                Serdes.String(),
                JsonSerde.of(StoryArticle.class)));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(BAND_STORE, settings.retention(), Duration.ofMillis(1), true),
                Serdes.String(),
                new BandMemberSerde()));

        Map<String, KStream<String, StoryMessage>> signed = enriched.process(
                        StoryProcessors.Stamp::new, Named.as("story-stamp"))
                .process(
                        () -> new StoryProcessors.Sign(minHash, STATE_STORE, ARTICLE_STORE, waiting),
                        Named.as("story-sign"),
                        STATE_STORE,
                        ARTICLE_STORE)
                .split(Named.as("story-"))
                .branch((k, m) -> m.kind() == StoryMessage.Kind.DONE, Branched.as("done"))
                .defaultBranch(Branched.as("entries"));
        KStream<String, EnrichedArticle> done =
                signed.get("story-done").process(StoryProcessors.Done::new, Named.as("story-short"));
        KStream<String, EnrichedArticle> resolved = signed.get("story-entries")
                // one ENTRIES record per article and band partition, in the band members' binary form (the
                // signature as ints); the partitioner picks the partitions that hold the article's band buckets
                .repartition(Repartitioned.with(Serdes.String(), new BandMemberSerde())
                        .withName(BY_BAND)
                        .withStreamPartitioner(new StoryProcessors.ByBandPartition(settings.rows())))
                .process(
                        () -> new StoryProcessors.Band(
                                BAND_STORE,
                                settings.threshold(),
                                settings.maxBucket(),
                                settings.maxCorrections(),
                                settings.rows()),
                        Named.as("story-band"),
                        BAND_STORE)
                .repartition(Repartitioned.with(Serdes.String(), replies)
                        .withName(BY_STORY_ARTICLE)
                        .withStreamPartitioner(new StoryProcessors.ByStatePartition()))
                .process(
                        () -> new StoryProcessors.Resolve(STATE_STORE, ARTICLE_STORE, waiting),
                        Named.as("story-resolve"),
                        STATE_STORE,
                        ARTICLE_STORE);
        KStream<String, EnrichedArticle> out = done.merge(resolved, Named.as("story-out"));
        addTrending(out, settings);
        return out;
    }

    private static void addTrending(KStream<String, EnrichedArticle> out, StorySettings settings) {
        // binary counts on the repartition and in the window stores (their changelogs); the topic stays JSON
        TrendCountSerde counts = new TrendCountSerde();
        JsonSerde<TrendRecord> records = JsonSerde.of(TrendRecord.class);
        TrendWindows windows = TrendWindows.of(settings);
        TrendPartitioner partitioner = new TrendPartitioner();
        KGroupedStream<String, TrendCount> byEntity = out.process(
                        settings.trendingSkipClosed()
                                ? () -> new StoryProcessors.Mentions(windows, partitioner)
                                : StoryProcessors.Mentions::new,
                        Named.as("trending-mentions"))
                // the default partitioning (murmur2 of the key), made explicit so that Mentions knows the partition
                .repartition(Repartitioned.with(Serdes.String(), counts)
                        .withName(BY_ENTITY)
                        .withStreamPartitioner(partitioner))
                .groupByKey(Grouped.with(Serdes.String(), counts));
        windowed(byEntity, "hour", windows.hour(), HOUR_STORE, counts, records);
        windowed(byEntity, "day", windows.day(), DAY_STORE, counts, records);
    }

    private static void windowed(
            KGroupedStream<String, TrendCount> byEntity,
            String size,
            TimeWindows windows,
            String store,
            TrendCountSerde counts,
            JsonSerde<TrendRecord> records) {
        byEntity.windowedBy(windows)
                .reduce(
                        TrendCount::plus,
                        Named.as("trending-" + size + "-count"),
                        Materialized.<String, TrendCount, WindowStore<Bytes, byte[]>>as(store)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(counts))
                .toStream(Named.as("trending-" + size + "-changes"))
                .map((w, c) -> StoryProcessors.toRecord(w, c, size), Named.as("trending-" + size + "-records"))
                .to(Topics.TRENDING, Produced.with(Serdes.String(), records).withName("trending-" + size + "-out"));
    }
}

package io.khabar.serve;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.JsonSerde;
import io.khabar.model.Topics;
import io.khabar.text.MatchKeys;
import io.khabar.text.UrduNormalizer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The web view's Kafka Streams topology: materialises the enriched topic into state stores that the HTTP layer
 * reads with interactive queries.
 *
 * <pre>
 * khabar.articles.enriched ──► index-articles ──► stores {@value #ARTICLES}, {@value #RECENT} (by article id)
 *                                    │ entity deltas (small: key, names, the article's list line, ±1)
 *                                    ▼ repartition by entity key ({@value #DELTAS})
 *                              index-entities ──► stores {@value #ENTITIES}, {@value #ENTITY_ARTICLES}, {@value #NAMES},
 *                                                 {@value #HOURLY}, {@value #DAILY} (by entity key),
 *                                                 {@value #STORY_ARTICLES} (by story key)
 * </pre>
 *
 * A newer version of an article (or a tombstone) first takes back what the previous version added, so counts and
 * lists stay exact on the compacted topic.
 */
public final class ServeTopology {

    /** Article id → {@link ArticleView}. */
    public static final String ARTICLES = "articles";
    /** {@link #timeKey} + article id → {@link ArticleSummary}: the newest first, per partition. */
    public static final String RECENT = "recent";
    /** Entity key → {@link EntityInfo}. */
    public static final String ENTITIES = "entities";
    /** Entity key + {@link #SEP} + {@link #timeKey} + article id → {@link ArticleSummary}. */
    public static final String ENTITY_ARTICLES = "entity-articles";
    /** {@link #searchKey} of a name + {@link #SEP} + entity key → mentions (articles for canonical/romanised names). */
    public static final String NAMES = "names";
    /** Mentions per entity in one-hour windows (event time), kept {@link #HOURLY_RETENTION}. */
    public static final String HOURLY = "mentions-hourly";
    /** Mentions per entity in one-day windows (event time, UTC days), kept {@link #DAILY_RETENTION}. */
    public static final String DAILY = "mentions-daily";
    /** Story key + {@link #SEP} + {@link #timeKey} + article id → {@link ArticleSummary}: a story's articles. */
    public static final String STORY_ARTICLES = "story-articles";
    /** Name of the repartition step (topic {@code <application.id>-entity-deltas-repartition}). */
    public static final String DELTAS = "entity-deltas";

    /** Separates the parts of composite store keys; never part of an entity key. */
    public static final char SEP = '\u0001';
    /** Type of the deltas that index an article under its story rather than an entity. */
    public static final String STORY_TYPE = "STORY";
    /** How long hourly counts are kept (trending over hours). */
    public static final Duration HOURLY_RETENTION = Duration.ofDays(14);
    /** How long daily counts are kept (trending over days, the per-day chart). */
    public static final Duration DAILY_RETENTION = Duration.ofDays(3 * 366);

    private static final UrduNormalizer NORMALIZER = new UrduNormalizer();

    private ServeTopology() {}

    /** The topology reading {@link Topics#ENRICHED}. */
    public static Topology build() {
        return build(Topics.ENRICHED);
    }

    /** The topology reading the given enriched topic. */
    public static Topology build(String enrichedTopic) {
        StreamsBuilder b = new StreamsBuilder();
        JsonSerde<ArticleView> viewSerde = JsonSerde.of(ArticleView.class);
        JsonSerde<ArticleSummary> summarySerde = JsonSerde.of(ArticleSummary.class);
        b.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARTICLES), Serdes.String(), viewSerde));
        b.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECENT), Serdes.String(), summarySerde));
        b.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ENTITIES), Serdes.String(), JsonSerde.of(EntityInfo.class)));
        b.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ENTITY_ARTICLES), Serdes.String(), summarySerde));
        b.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAMES), Serdes.String(), Serdes.Long()));
        b.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORY_ARTICLES), Serdes.String(), summarySerde));
        b.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(HOURLY, HOURLY_RETENTION, Duration.ofHours(1), false),
                Serdes.String(),
                Serdes.Long()));
        b.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DAILY, DAILY_RETENTION, Duration.ofDays(1), false),
                Serdes.String(),
                Serdes.Long()));

        b.stream(
                        enrichedTopic,
                        Consumed.with(Serdes.String(), JsonSerde.enrichedArticle())
                                .withName("enriched-source"))
                .process(ArticleIndexer::new, Named.as("index-articles"), ARTICLES, RECENT)
                .repartition(Repartitioned.<String, EntityDelta>as(DELTAS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(EntityDelta.class)))
                .process(
                        EntityIndexer::new,
                        Named.as("index-entities"),
                        ENTITIES,
                        ENTITY_ARTICLES,
                        NAMES,
                        HOURLY,
                        DAILY,
                        STORY_ARTICLES);
        return b.build();
    }

    /** 16 hex digits that sort the newest time first. */
    public static String timeKey(long epochMillis) {
        String hex = Long.toHexString(Long.MAX_VALUE - Math.max(0, epochMillis));
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** The search key of a name: normalised like article text (letter variants, diacritics), then its match key. */
    public static String searchKey(String name) {
        if (name == null) {
            return "";
        }
        return MatchKeys.of(NORMALIZER.normalize(name.toLowerCase(Locale.ROOT)).text())
                .replace(String.valueOf(SEP), "");
    }

    /** The partitioning key of a story: cannot collide with an entity key, which never holds {@link #SEP}. */
    public static String storyKey(String storyId) {
        return "story" + SEP + storyId;
    }

    static String recentKey(ArticleView v) {
        return timeKey(v.time() == null ? 0 : v.time().toEpochMilli()) + v.id();
    }

    static String entityArticleKey(String entityKey, ArticleSummary a) {
        return entityKey + SEP + timeKey(a.time() == null ? 0 : a.time().toEpochMilli()) + a.id();
    }

    /** Keeps the article store and the recent list; sends each entity's change on to its entity's partition. */
    static final class ArticleIndexer implements Processor<String, EnrichedArticle, String, EntityDelta> {
        private ProcessorContext<String, EntityDelta> context;
        private KeyValueStore<String, ArticleView> articles;
        private KeyValueStore<String, ArticleSummary> recent;

        @Override
        public void init(ProcessorContext<String, EntityDelta> context) {
            this.context = context;
            this.articles = context.getStateStore(ARTICLES);
            this.recent = context.getStateStore(RECENT);
        }

        @Override
        public void process(Record<String, EnrichedArticle> record) {
            String id = record.key() != null
                    ? record.key()
                    : record.value() != null ? record.value().id() : null;
            if (id == null) {
                return;
            }
            ArticleView old = articles.get(id);
            if (old != null) {
                recent.delete(recentKey(old));
                forward(old, -1, record);
            }
            if (record.value() == null) {
                articles.delete(id);
                return;
            }
            ArticleView view = EnrichedAdapter.toView(record.value());
            if (!id.equals(view.id())) {
                view = new ArticleView(
                        id,
                        view.outlet(),
                        view.url(),
                        view.time(),
                        view.title(),
                        view.body(),
                        view.language(),
                        view.entities(),
                        view.storyId(),
                        view.storySimilarity());
            }
            articles.put(id, view);
            recent.put(recentKey(view), view.summary(view.entities().size()));
            forward(view, 1, record);
        }

        private void forward(ArticleView v, int sign, Record<String, EnrichedArticle> in) {
            for (ArticleView.Entity e : v.entities()) {
                Map<String, Long> surfaces = new HashMap<>();
                for (ArticleView.Mention m : e.mentions()) {
                    surfaces.merge(m.text(), 1L, Long::sum);
                }
                EntityDelta d = new EntityDelta(
                        e.key(),
                        e.type(),
                        e.canonicalName(),
                        e.romanized(),
                        e.wikidataId(),
                        surfaces,
                        v.summary(e.mentions().size()),
                        sign);
                context.forward(new Record<>(e.key(), d, in.timestamp()));
            }
            if (v.storyId() != null) {
                String story = storyKey(v.storyId());
                context.forward(new Record<>(
                        story,
                        new EntityDelta(
                                story,
                                STORY_TYPE,
                                null,
                                null,
                                null,
                                Map.of(),
                                v.summary(v.entities().size()),
                                sign),
                        in.timestamp()));
            }
        }
    }

    /** Applies entity deltas to the entity, its article list, the name index and the windowed counts. */
    static final class EntityIndexer implements Processor<String, EntityDelta, Void, Void> {
        private KeyValueStore<String, EntityInfo> entities;
        private KeyValueStore<String, ArticleSummary> entityArticles;
        private KeyValueStore<String, Long> names;
        private WindowStore<String, Long> hourly;
        private WindowStore<String, Long> daily;
        private KeyValueStore<String, ArticleSummary> storyArticles;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            storyArticles = context.getStateStore(STORY_ARTICLES);
            entities = context.getStateStore(ENTITIES);
            entityArticles = context.getStateStore(ENTITY_ARTICLES);
            names = context.getStateStore(NAMES);
            hourly = context.getStateStore(HOURLY);
            daily = context.getStateStore(DAILY);
        }

        @Override
        public void process(Record<String, EntityDelta> record) {
            EntityDelta d = record.value();
            if (d == null || d.key() == null || d.article() == null) {
                return;
            }
            String key = d.key();
            int sign = d.sign() < 0 ? -1 : 1;
            if (STORY_TYPE.equals(d.type())) {
                String listKey = entityArticleKey(key, d.article());
                if (sign > 0) {
                    storyArticles.put(listKey, d.article());
                } else {
                    storyArticles.delete(listKey);
                }
                return;
            }
            long mentions = d.article().mentions();

            EntityInfo old = entities.get(key);
            Map<String, Long> variants = new HashMap<>(old == null ? Map.of() : old.variants());
            d.surfaces().forEach((s, n) -> variants.merge(s, sign * n, Long::sum));
            variants.values().removeIf(n -> n <= 0);
            long articleCount = (old == null ? 0 : old.articles()) + sign;
            if (articleCount <= 0) {
                entities.delete(key);
            } else {
                entities.put(
                        key,
                        new EntityInfo(
                                key,
                                d.type(),
                                d.canonicalName() != null
                                        ? d.canonicalName()
                                        : old == null ? null : old.canonicalName(),
                                d.romanized() != null ? d.romanized() : old == null ? null : old.romanized(),
                                d.wikidataId() != null ? d.wikidataId() : old == null ? null : old.wikidataId(),
                                variants,
                                articleCount,
                                Math.max(0, (old == null ? 0 : old.mentions()) + sign * mentions)));
            }

            String listKey = entityArticleKey(key, d.article());
            if (sign > 0) {
                entityArticles.put(listKey, d.article());
            } else {
                entityArticles.delete(listKey);
            }

            Set<String> nameKeys = new LinkedHashSet<>();
            d.surfaces().forEach((s, n) -> add(searchKey(s) + SEP + key, sign * n));
            if (d.canonicalName() != null) {
                nameKeys.add(searchKey(d.canonicalName()));
            }
            if (d.romanized() != null) {
                nameKeys.add(searchKey(d.romanized()));
            }
            nameKeys.forEach(n -> add(n + SEP + key, sign));

            long t = d.timeMillis();
            count(hourly, key, t - Math.floorMod(t, Duration.ofHours(1).toMillis()), sign * mentions);
            count(daily, key, t - Math.floorMod(t, Duration.ofDays(1).toMillis()), sign * mentions);
        }

        private void add(String nameKey, long delta) {
            if (nameKey.charAt(0) == SEP) {
                return;
            }
            Long n = names.get(nameKey);
            long now = (n == null ? 0 : n) + delta;
            if (now <= 0) {
                names.delete(nameKey);
            } else {
                names.put(nameKey, now);
            }
        }

        private static void count(WindowStore<String, Long> store, String key, long windowStart, long delta) {
            Long n = store.fetch(key, windowStart);
            long now = (n == null ? 0 : n) + delta;
            store.put(key, now <= 0 ? null : now, windowStart);
        }
    }
}

package io.khabar.serve;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** The questions the pages ask, answered from this instance's state stores (interactive queries). */
public final class ViewQueries {

    private static final StringSerializer KEYS = new StringSerializer();

    /**
     * One page of a longer list.
     *
     * @param items   the items on this page
     * @param page    page number, from 0
     * @param hasMore whether a further page exists
     * @param <T>     item type
     */
    public record Page<T>(List<T> items, int page, boolean hasMore) {}

    /**
     * An entity with how often it was mentioned in a period.
     *
     * @param entity   the entity
     * @param mentions mentions in the period
     */
    public record Trend(EntityInfo entity, long mentions) {}

    /**
     * A search result with how many mentions (or articles, for canonical and romanised names) matched.
     *
     * @param entity the entity
     * @param score  matching mentions
     */
    public record Hit(EntityInfo entity, long score) {}

    private final StoreSource stores;

    public ViewQueries(StoreSource stores) {
        this.stores = stores;
    }

    /** The newest articles (by publication, else fetch time), newest first. */
    public List<ArticleSummary> latest(int limit) {
        List<ArticleSummary> all = new ArrayList<>();
        for (ReadOnlyKeyValueStore<String, ArticleSummary> part :
                stores.<ArticleSummary>kvPartitions(ServeTopology.RECENT)) {
            try (KeyValueIterator<String, ArticleSummary> it = part.all()) {
                for (int i = 0; i < limit && it.hasNext(); i++) {
                    all.add(it.next().value);
                }
            }
        }
        all.sort(Comparator.comparing((ArticleSummary a) -> a.time() == null ? Instant.EPOCH : a.time())
                .reversed()
                .thenComparing(ArticleSummary::id));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : List.copyOf(all);
    }

    /** The time of the newest article held here, or null when there is none. */
    public Instant newest() {
        List<ArticleSummary> one = latest(1);
        return one.isEmpty() ? null : one.get(0).time();
    }

    /** Articles held by this instance. */
    public long articleCount() {
        return stores.kv(ServeTopology.ARTICLES).approximateNumEntries();
    }

    /** The article with this id, if this instance holds it. */
    public Optional<ArticleView> article(String id) {
        return Optional.ofNullable(
                stores.<ArticleView>kv(ServeTopology.ARTICLES).get(id));
    }

    /** The entity with this key, if this instance holds it. */
    public Optional<EntityInfo> entity(String key) {
        return Optional.ofNullable(stores.<EntityInfo>kv(ServeTopology.ENTITIES).get(key));
    }

    /** The articles mentioning an entity, newest first, {@code size} per page. */
    public Page<ArticleSummary> entityArticles(String key, int page, int size) {
        return list(ServeTopology.ENTITY_ARTICLES, key, page, size);
    }

    /** The articles of a story, newest first, {@code size} per page. */
    public Page<ArticleSummary> storyArticles(String storyId, int page, int size) {
        return list(ServeTopology.STORY_ARTICLES, ServeTopology.storyKey(storyId), page, size);
    }

    private Page<ArticleSummary> list(String store, String key, int page, int size) {
        List<ArticleSummary> items = new ArrayList<>(size);
        long skip = (long) page * size;
        boolean more = false;
        try (KeyValueIterator<String, ArticleSummary> it =
                stores.<ArticleSummary>kv(store).prefixScan(key + ServeTopology.SEP, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, ArticleSummary> kv = it.next();
                if (skip > 0) {
                    skip--;
                } else if (items.size() < size) {
                    items.add(kv.value);
                } else {
                    more = true;
                    break;
                }
            }
        }
        return new Page<>(List.copyOf(items), page, more);
    }

    /** Mentions per UTC day from {@code from} to {@code to} (both included); days without mentions are 0. */
    public Map<LocalDate, Long> mentionsPerDay(String key, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d, 0L);
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        try (WindowStoreIterator<Long> it = stores.window(ServeTopology.DAILY).fetch(key, start, end)) {
            while (it.hasNext()) {
                KeyValue<Long, Long> kv = it.next();
                days.merge(Instant.ofEpochMilli(kv.key).atOffset(ZoneOffset.UTC).toLocalDate(), kv.value, Long::sum);
            }
        }
        return days;
    }

    /**
     * The most mentioned entities of each type in the period that ends at {@code until}: from the hourly counts for
     * periods up to two days, else from the daily counts.
     */
    public Map<String, List<Trend>> trending(Duration period, Instant until, int perType) {
        boolean hours = period.compareTo(Duration.ofDays(2)) <= 0;
        long unit = hours ? Duration.ofHours(1).toMillis() : Duration.ofDays(1).toMillis();
        long end = until.toEpochMilli();
        long from = end - period.toMillis();
        Map<String, Long> counts = new HashMap<>();
        try (KeyValueIterator<Windowed<String>, Long> it = stores.window(
                        hours ? ServeTopology.HOURLY : ServeTopology.DAILY)
                .fetchAll(Instant.ofEpochMilli(from - Math.floorMod(from, unit)), Instant.ofEpochMilli(end))) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Long> kv = it.next();
                counts.merge(kv.key.key(), kv.value, Long::sum);
            }
        }
        Map<String, List<Trend>> byType = new TreeMap<>();
        ReadOnlyKeyValueStore<String, EntityInfo> entities = stores.kv(ServeTopology.ENTITIES);
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        // look entities up in rank order only until the usual types are full (or enough were looked at)
        int looked = 0;
        for (Map.Entry<String, Long> e : ranked) {
            if (looked++ >= MAX_TREND_LOOKUPS || full(byType, perType)) {
                break;
            }
            EntityInfo info = entities.get(e.getKey());
            if (info != null) {
                List<Trend> list = byType.computeIfAbsent(info.type(), t -> new ArrayList<>());
                if (list.size() < perType) {
                    list.add(new Trend(info, e.getValue()));
                }
            }
        }
        return byType;
    }

    /** At most this many entities are looked up to fill the trending lists. */
    static final int MAX_TREND_LOOKUPS = 2000;

    private static boolean full(Map<String, List<Trend>> byType, int perType) {
        for (String t : Pages.TYPES) {
            List<Trend> l = byType.get(t);
            if (l == null || l.size() < perType) {
                return false;
            }
        }
        return true;
    }

    /** Entities with a surface form, canonical or romanised name starting with the query, the most mentioned first. */
    public List<EntityInfo> search(String query, int limit) {
        return searchHits(query, limit).stream().map(Hit::entity).toList();
    }

    /** As {@link #search}, with each entity's score (for merging the answers of several instances). */
    public List<Hit> searchHits(String query, int limit) {
        String key = ServeTopology.searchKey(query);
        if (key.isEmpty()) {
            return List.of();
        }
        Map<String, Long> hits = new HashMap<>();
        try (KeyValueIterator<String, Long> it =
                stores.<Long>kv(ServeTopology.NAMES).prefixScan(key, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                int sep = kv.key.indexOf(ServeTopology.SEP);
                if (sep > 0) {
                    hits.merge(kv.key.substring(sep + 1), kv.value, Long::sum);
                }
            }
        }
        ReadOnlyKeyValueStore<String, EntityInfo> entities = stores.kv(ServeTopology.ENTITIES);
        return hits.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> {
                    EntityInfo info = entities.get(e.getKey());
                    return info == null ? null : new Hit(info, e.getValue());
                })
                .filter(java.util.Objects::nonNull)
                .limit(limit)
                .toList();
    }
}

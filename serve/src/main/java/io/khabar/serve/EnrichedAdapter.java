package io.khabar.serve;

import io.khabar.model.ArticleEntities;
import io.khabar.model.ArticleEntity;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityMention;
import io.khabar.model.RawArticle;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that knows the enriched record's shape: turns an {@link EnrichedArticle} into the
 * {@link ArticleView} the web view stores and renders. Everything else in this module reads views only, so a
 * new record version changes this class and nothing else.
 *
 * <p>Reads record version 2 (entities grouped by entity, with a stable key, canonical, romanised name and
 * Wikidata id); the model's reader upgrades version 1 records. Mentions whose offsets do not fit their field are
 * dropped (and counted), never rendered.
 */
public final class EnrichedAdapter {

    private static final Logger log = LoggerFactory.getLogger(EnrichedAdapter.class);
    private static final AtomicLong DROPPED_MENTIONS = new AtomicLong();

    private EnrichedAdapter() {}

    /** The view of an enriched article. */
    public static ArticleView toView(EnrichedArticle e) {
        RawArticle raw = e.article();
        String url = raw == null ? null : raw.url();
        Instant time = raw != null && raw.publishedAt() != null
                ? raw.publishedAt()
                : raw != null && raw.fetchedAt() != null ? raw.fetchedAt() : e.enrichedAt();
        String title = e.title() == null ? "" : e.title();
        String body = e.body() == null ? "" : e.body();

        // Record v2: entities grouped by entity, each with its stable key (a version 1 record on the compacted topic
        // arrives here already grouped, by the model's reader, with the fallback keys).
        Map<String, Group> groups = new LinkedHashMap<>();
        for (ArticleEntity a : e.entities()) {
            String type = a.type() == null ? "OTHER" : a.type().name();
            String key = a.key() == null || a.key().isBlank()
                    ? ArticleEntities.fallbackKey(a.type(), a.canonicalName(), a.wikidataId(), a.text())
                    : a.key();
            Group g = groups.computeIfAbsent(key.replace(String.valueOf(ServeTopology.SEP), ""), k -> new Group(type));
            g.canonical = g.canonical != null ? g.canonical : a.canonicalName();
            g.wikidata = g.wikidata != null ? g.wikidata : a.wikidataId();
            g.romanized = g.romanized != null ? g.romanized : a.romanized();
            for (EntityMention m : a.mentions()) {
                String text = Entity.TITLE.equals(m.field()) ? title : Entity.BODY.equals(m.field()) ? body : null;
                if (text == null || m.start() < 0 || m.end() <= m.start() || m.end() > text.length()) {
                    long n = DROPPED_MENTIONS.incrementAndGet();
                    log.warn(
                            "article {}: a mention of {} at {}..{} in field {} does not fit the text; not shown ({} so far)",
                            e.id(),
                            key,
                            m.start(),
                            m.end(),
                            m.field(),
                            n);
                    continue;
                }
                String surface = text.substring(m.start(), m.end());
                g.surfaces.merge(surface, 1L, Long::sum);
                g.mentions.add(new ArticleView.Mention(m.field(), m.start(), m.end(), surface));
            }
        }
        List<ArticleView.Entity> entities = new ArrayList<>(groups.size());
        groups.forEach((key, g) -> {
            if (!g.mentions.isEmpty()) {
                g.mentions.sort(java.util.Comparator.comparing(ArticleView.Mention::field)
                        .reversed()
                        .thenComparingInt(ArticleView.Mention::start));
                entities.add(new ArticleView.Entity(
                        key, g.type, mostFrequent(g.surfaces), g.canonical, g.romanized, g.wikidata, g.mentions));
            }
        });
        String outlet = e.outlet() != null && !e.outlet().isBlank() ? e.outlet() : outletOf(url);
        return new ArticleView(
                e.id(), outlet, url, time, title, body, e.language(), entities, e.storyId(), e.storySimilarity());
    }

    /** Mentions dropped because their offsets did not fit (since start). */
    public static long droppedMentions() {
        return DROPPED_MENTIONS.get();
    }

    /** The URL's host without {@code www.}, or null. */
    static String outletOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String mostFrequent(Map<String, Long> counts) {
        String best = null;
        long n = -1;
        for (Map.Entry<String, Long> c : counts.entrySet()) {
            if (c.getValue() > n) {
                best = c.getKey();
                n = c.getValue();
            }
        }
        return best;
    }

    private static final class Group {
        final String type;
        String canonical;
        String wikidata;
        String romanized;
        final Map<String, Long> surfaces = new LinkedHashMap<>();
        final List<ArticleView.Mention> mentions = new ArrayList<>();

        Group(String type) {
            this.type = type;
        }
    }
}

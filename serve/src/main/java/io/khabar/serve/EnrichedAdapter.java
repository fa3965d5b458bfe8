package io.khabar.serve;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.RawArticle;
import io.khabar.text.MatchKeys;
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
 * <p>Mentions whose offsets do not fit their field are dropped (and counted), never rendered.
 */
public final class EnrichedAdapter {

    private static final Logger log = LoggerFactory.getLogger(EnrichedAdapter.class);
    private static final AtomicLong DROPPED_MENTIONS = new AtomicLong();

    private EnrichedAdapter() {
    }

    /** The view of an enriched article. */
    public static ArticleView toView(EnrichedArticle e) {
        RawArticle raw = e.article();
        String url = raw == null ? null : raw.url();
        Instant time = raw != null && raw.publishedAt() != null ? raw.publishedAt()
                : raw != null && raw.fetchedAt() != null ? raw.fetchedAt() : e.enrichedAt();
        String title = e.title() == null ? "" : e.title();
        String body = e.body() == null ? "" : e.body();

        Map<String, Group> groups = new LinkedHashMap<>();
        for (Entity m : e.mentions()) { // record v2: its flat mention view (ArticleEntities.flatten)
            String text = Entity.TITLE.equals(m.field()) ? title : Entity.BODY.equals(m.field()) ? body : null;
            if (text == null || m.start() < 0 || m.end() <= m.start() || m.end() > text.length()) {
                long n = DROPPED_MENTIONS.incrementAndGet();
                log.warn("article {}: mention '{}' at {}..{} in field {} does not fit the text; not shown ({} so far)",
                        e.id(), m.text(), m.start(), m.end(), m.field(), n);
                continue;
            }
            String type = m.type() == null ? "OTHER" : m.type().name();
            Group g = groups.computeIfAbsent(keyOf(type, m), k -> new Group(type));
            if (g.canonical == null) {
                g.canonical = m.canonicalName();
            }
            if (g.wikidata == null) {
                g.wikidata = m.wikidataId();
            }
            String surface = text.substring(m.start(), m.end());
            g.surfaces.merge(surface, 1L, Long::sum);
            g.mentions.add(new ArticleView.Mention(m.field(), m.start(), m.end(), surface));
        }
        List<ArticleView.Entity> entities = new ArrayList<>(groups.size());
        groups.forEach((key, g) -> entities.add(new ArticleView.Entity(key, g.type, mostFrequent(g.surfaces),
                g.canonical, null, g.wikidata, g.mentions)));
        String outlet = e.outlet() != null && !e.outlet().isBlank() ? e.outlet() : outletOf(url);
        return new ArticleView(e.id(), outlet, url, time, title, body, e.language(), entities, e.storyId(),
                e.storySimilarity());
    }

    /** Mentions dropped because their offsets did not fit (since start). */
    public static long droppedMentions() {
        return DROPPED_MENTIONS.get();
    }

    /**
     * The entity key of a schema-1 mention, which has none of its own: the Wikidata id when known, else the type and
     * the canonical name, else the type and the match key of the surface form.
     */
    static String keyOf(String type, Entity m) {
        return rawKeyOf(type, m).replace(String.valueOf(ServeTopology.SEP), "");
    }

    private static String rawKeyOf(String type, Entity m) {
        String t = type.toLowerCase(Locale.ROOT);
        if (m.wikidataId() != null && !m.wikidataId().isBlank()) {
            return "wd:" + m.wikidataId();
        }
        if (m.canonicalName() != null && !m.canonicalName().isBlank()) {
            return t + ":" + m.canonicalName().strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
        }
        return t + ":" + MatchKeys.of(m.text() == null ? "" : m.text());
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
        final Map<String, Long> surfaces = new LinkedHashMap<>();
        final List<ArticleView.Mention> mentions = new ArrayList<>();

        Group(String type) {
            this.type = type;
        }
    }
}

package io.khabar.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Converts between the flat mention list a tagger produces (and a version 1 record carries) and the version 2
 * entities grouped by entity; both directions keep every field a mention had.
 */
public final class ArticleEntities {

    /**
     * The key function used where no better one is available (e.g. upgrading a version 1 record in a reader
     * without the entity identity code): the Wikidata id when known, else {@code type:name} from the canonical
     * name or else the surface text, lower-cased, spaces as {@code _}.
     */
    public static final EntityKeyFunction FALLBACK_KEYS = ArticleEntities::fallbackKey;

    private static final Comparator<Entity> ORDER = Comparator.comparingInt((Entity e) -> fieldOrder(e.field()))
            .thenComparingInt(Entity::start)
            .thenComparingInt(Entity::end);
    private static final Pattern WIKIDATA_ID = Pattern.compile("Q[0-9]+");
    /** Word separators of {@link #words} (compiled once: {@code String.split} compiles such a pattern per call). */
    private static final Pattern SEPARATORS = Pattern.compile("[\\p{Z}\\s]+");

    private static final ObjectReader V1 = Json.mapper().readerFor(new TypeReference<List<Entity>>() {});
    private static final ObjectReader V2 = Json.mapper().readerFor(new TypeReference<List<ArticleEntity>>() {});

    private ArticleEntities() {}

    /** See {@link #FALLBACK_KEYS}. */
    public static String fallbackKey(EntityType type, String canonicalName, String wikidataId, String text) {
        if (wikidataId != null && !wikidataId.isBlank()) {
            return wikidataId;
        }
        String name = canonicalName != null && !canonicalName.isBlank() ? canonicalName : text == null ? "" : text;
        return type.name().toLowerCase(Locale.ROOT) + ":"
                + name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
    }

    /**
     * Groups mentions by entity: mentions with the same type and Wikidata id, or else the same type and canonical
     * name, or else the same type and surface text are one entity; an acronym alias ({@link Entity#aliasOf}) counts as
     * the organisation it stands for, so the two get one entity and its key. A coreference mention without a canonical
     * name joins the longer unresolved person mention it is a part of (the tagger links a name part to a full name), when there is
     * exactly one such. Groups that get the same key are one entity, named by the first. Entities come in order
     * of their first mention, mentions in text order; keys are unique within the list.
     *
     * @param mentions mentions in any order
     * @param keys     computes each entity's key
     */
    public static List<ArticleEntity> group(List<Entity> mentions, EntityKeyFunction keys) {
        List<Entity> sorted = new ArrayList<>(mentions);
        sorted.sort(ORDER);
        Map<String, List<Entity>> groups = new LinkedHashMap<>();
        List<Entity> unresolved = new ArrayList<>();
        for (Entity m : sorted) {
            if (m.method() == Entity.Method.COREFERENCE
                    && m.canonicalName() == null
                    && m.wikidataId() == null
                    && m.type() == EntityType.PERSON) {
                unresolved.add(m);
            } else {
                groups.computeIfAbsent(identity(m), k -> new ArrayList<>()).add(m);
            }
        }
        for (Entity m : unresolved) {
            List<Entity> target = fullNameOf(m, groups);
            if (target == null) {
                groups.computeIfAbsent(identity(m), k -> new ArrayList<>()).add(m);
            } else {
                target.add(m);
            }
        }
        List<List<Entity>> ordered = new ArrayList<>(groups.values());
        for (List<Entity> g : ordered) {
            g.sort(ORDER);
        }
        ordered.sort(Comparator.comparing((List<Entity> g) -> g.get(0), ORDER));
        // groups the key function gives the same key are one entity (the first group names it)
        Map<String, Entity> names = new LinkedHashMap<>();
        Map<String, List<Entity>> byKey = new LinkedHashMap<>();
        for (List<Entity> g : ordered) {
            Entity first = g.stream()
                    .filter(e -> e.method() != Entity.Method.COREFERENCE)
                    .findFirst()
                    .orElse(g.get(0));
            String key = Objects.requireNonNull(
                    keys.key(first.type(), first.canonicalName(), first.wikidataId(), first.text()), "an entity key");
            names.putIfAbsent(key, first);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).addAll(g);
        }
        List<ArticleEntity> out = new ArrayList<>(byKey.size());
        for (Map.Entry<String, List<Entity>> k : byKey.entrySet()) {
            List<Entity> g = k.getValue();
            g.sort(ORDER);
            Entity first = names.get(k.getKey());
            List<EntityMention> ms = new ArrayList<>(g.size());
            for (Entity e : g) {
                ms.add(new EntityMention(
                        e.field(), e.start(), e.end(), e.originalStart(), e.originalEnd(), e.method()));
            }
            out.add(new ArticleEntity(
                    k.getKey(), first.type(), first.text(), first.canonicalName(), first.wikidataId(), null, ms));
        }
        return out;
    }

    /**
     * Every mention of the entities as a flat list (title first, then body, by offset) in the version 1 shape:
     * the entity's type, canonical name and Wikidata id, and the surface text cut from the normalised field
     * (the entity's text when the offsets do not fit the field).
     */
    public static List<Entity> flatten(List<ArticleEntity> entities, String title, String body) {
        List<Entity> out = new ArrayList<>();
        for (ArticleEntity a : entities) {
            for (EntityMention m : a.mentions()) {
                String field = Entity.TITLE.equals(m.field()) ? title : body;
                String text = field != null && m.start() >= 0 && m.start() <= m.end() && m.end() <= field.length()
                        ? field.substring(m.start(), m.end())
                        : a.text();
                out.add(new Entity(
                        a.type(),
                        text,
                        m.field(),
                        m.start(),
                        m.end(),
                        m.originalStart(),
                        m.originalEnd(),
                        a.canonicalName(),
                        a.wikidataId(),
                        m.method()));
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** The same entities with keys recomputed by another function (e.g. after reading a version 1 record). */
    public static List<ArticleEntity> rekey(List<ArticleEntity> entities, EntityKeyFunction keys) {
        List<ArticleEntity> out = new ArrayList<>(entities.size());
        for (ArticleEntity e : entities) {
            out.add(e.withKey(keys.key(e.type(), e.canonicalName(), e.wikidataId(), e.text())));
        }
        return out;
    }

    /**
     * The surface text of an entity as the record's offsets give it: the normalised field's text at its first mention
     * not found by coreference (its first mention when all are); null when that span does not fit the field.
     */
    public static String surface(ArticleEntity entity, String title, String body) {
        EntityMention first = null;
        for (EntityMention m : entity.mentions()) {
            if (m.method() != Entity.Method.COREFERENCE) {
                first = m;
                break;
            }
        }
        if (first == null && !entity.mentions().isEmpty()) {
            first = entity.mentions().get(0);
        }
        if (first == null) {
            return null;
        }
        String field = Entity.TITLE.equals(first.field()) ? title : body;
        return field != null && first.start() >= 0 && first.start() <= first.end() && first.end() <= field.length()
                ? field.substring(first.start(), first.end())
                : null;
    }

    /**
     * The entities as an enriched record carries them: {@code text} left out where it is the {@link #surface}, and
     * {@code wikidataId} where it is the key.
     */
    static List<ArticleEntity> asWritten(List<ArticleEntity> entities, String title, String body) {
        List<ArticleEntity> out = new ArrayList<>(entities.size());
        for (ArticleEntity e : entities) {
            ArticleEntity w = e.text() != null && e.text().equals(surface(e, title, body)) ? e.withText(null) : e;
            out.add(w.wikidataId() != null && w.wikidataId().equals(w.key()) ? w.withWikidataId(null) : w);
        }
        return out;
    }

    /**
     * The entities of an enriched record as read: a missing {@code text} is the {@link #surface}, a missing
     * {@code wikidataId} is the key when the key is a Wikidata id ({@code Q} and digits).
     */
    static List<ArticleEntity> asRead(List<ArticleEntity> entities, String title, String body) {
        List<ArticleEntity> out = new ArrayList<>(entities.size());
        for (ArticleEntity e : entities) {
            ArticleEntity r = e.text() == null ? e.withText(surface(e, title, body)) : e;
            out.add(r.wikidataId() == null && WIKIDATA_ID.matcher(r.key()).matches() ? r.withWikidataId(r.key()) : r);
        }
        return out;
    }

    /** Whether the entities are in the version 1 shape: objects with a {@code start} and no {@code mentions}. */
    static boolean isV1(JsonNode entities) {
        if (entities == null || !entities.isArray() || entities.isEmpty()) {
            return false;
        }
        JsonNode first = entities.get(0);
        return first.isObject() && !first.has("mentions") && first.has("start");
    }

    static List<Entity> readV1(JsonNode entities) {
        return read(V1, entities);
    }

    static List<ArticleEntity> readV2(JsonNode entities) {
        return read(V2, entities);
    }

    private static <T> List<T> read(ObjectReader reader, JsonNode entities) {
        if (entities == null || entities.isNull() || entities.isMissingNode()) {
            return List.of();
        }
        try {
            return reader.readValue(entities);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String identity(Entity m) {
        if (m.wikidataId() != null) {
            return m.type() + "\u0000w\u0000" + m.wikidataId();
        }
        if (m.canonicalName() != null) {
            return m.type() + "\u0000c\u0000" + m.canonicalName();
        }
        // an acronym alias joins the organisation it was introduced after (grouped, like it, by surface text)
        return m.type() + "\u0000t\u0000" + (m.aliasOf() != null ? m.aliasOf() : m.text());
    }

    /** The one group of a longer person mention containing every word of m's text as a word, or null. */
    private static List<Entity> fullNameOf(Entity m, Map<String, List<Entity>> groups) {
        List<String> words = words(m.text());
        if (words.isEmpty()) {
            return null;
        }
        List<Entity> found = null;
        for (List<Entity> g : groups.values()) {
            Entity e = g.get(0);
            if (e.type() != EntityType.PERSON
                    || e.canonicalName() != null
                    || e.wikidataId() != null
                    || e.text() == null
                    || e.text().length() <= m.text().length()) {
                continue;
            }
            if (words(e.text()).containsAll(words)) {
                if (found != null) {
                    return null; // ambiguous: leave it on its own
                }
                found = g;
            }
        }
        return found;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String w : SEPARATORS.split(text)) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static int fieldOrder(String field) {
        return Entity.TITLE.equals(field) ? 0 : 1;
    }
}

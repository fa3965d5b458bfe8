package io.khabar.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.khabar.model.ArticleRules;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.Json;
import io.khabar.model.OutsideText;
import io.khabar.model.RawArticle;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Maps the fields of a source record (a JSON object from a scraper or feed dump, or the metadata header of a text
 * file) to the fields of a raw article. Each article field has a list of source names, tried in order; the first
 * present one is used:
 *
 * <table>
 *   <caption>default names</caption>
 *   <tr><th>article field</th><th>source fields</th></tr>
 *   <tr><td>title</td><td>title, headline</td></tr>
 *   <tr><td>body</td><td>body, text, content, article, description</td></tr>
 *   <tr><td>url</td><td>url, link</td></tr>
 *   <tr><td>publishedAt</td><td>publishedAt, published, date, pubDate, published_at, datePublished</td></tr>
 *   <tr><td>outlet</td><td>outlet, source, site</td></tr>
 *   <tr><td>languageHint</td><td>languageHint, lang, language</td></tr>
 * </table>
 *
 * <p>{@code --field body=text} replaces a field's list by one name. A khabar raw record read back (it has
 * {@code contentHash} and {@code fetchedAt}) keeps its {@code source} as the source. Every other field goes to
 * {@code extra}; nothing is dropped but khabar's own computed fields. A record without a body is rejected with a
 * reason naming the fields it had. The run's {@code --outlet} and {@code --language} fill records that name none.
 * Which names were used, and which fields went to {@code extra}, is counted for the run's report
 * ({@link #report()}). Thread-safe.
 */
public final class FieldMapping {

    /** The article fields a source field can be mapped to. */
    public enum Target {
        TITLE("title", "title", "headline"),
        BODY("body", "body", "text", "content", "article", "description"),
        URL("url", "url", "link"),
        PUBLISHED_AT("publishedAt", "publishedAt", "published", "date", "pubDate", "published_at", "datePublished"),
        OUTLET("outlet", "outlet", "source", "site"),
        LANGUAGE("languageHint", "languageHint", "lang", "language");

        private final String field;
        private final List<String> defaults;

        Target(String field, String... defaults) {
            this.field = field;
            this.defaults = List.of(defaults);
        }

        /** The raw article's field name. */
        public String field() {
            return field;
        }

        /** The source field names tried by default, in order. */
        public List<String> defaultNames() {
            return defaults;
        }

        /** The target of an article field name (any case), or null. */
        public static Target of(String name) {
            for (Target t : values()) {
                if (t.field.equalsIgnoreCase(name)
                        || t.name().equalsIgnoreCase(name)
                        || (t == LANGUAGE && name.equalsIgnoreCase("language"))) {
                    return t;
                }
            }
            return null;
        }
    }

    /** The mapping with the default names and no run-wide outlet or language. */
    public static final FieldMapping DEFAULT = new FieldMapping(Map.of(), null, null);

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    /** Computed fields of a khabar raw record: recomputed, never taken from a source. */
    private static final Set<String> IGNORED = Set.of("schemaVersion", "contentHash", "fetchedAt");

    private final Map<Target, List<String>> names;
    private final String outlet;
    private final String language;
    private final Map<String, LongAdder> mappings = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> extras = new ConcurrentHashMap<>();

    private FieldMapping(Map<Target, String> overrides, String outlet, String language) {
        Map<Target, List<String>> n = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            n.put(t, overrides.containsKey(t) ? List.of(overrides.get(t)) : t.defaultNames());
        }
        this.names = Collections.unmodifiableMap(n);
        this.outlet = outlet == null || outlet.isBlank() ? null : outlet.strip();
        this.language = language == null || language.isBlank() ? null : language.strip();
    }

    /**
     * A mapping from {@code --field} options ({@code body=text}, {@code publishedAt=created}) and the run's
     * outlet and language (null for none).
     *
     * @throws IllegalArgumentException naming the bad option and the valid article fields
     */
    public static FieldMapping of(List<String> fieldOptions, String outlet, String language) {
        Map<Target, String> overrides = new EnumMap<>(Target.class);
        for (String option : fieldOptions == null ? List.<String>of() : fieldOptions) {
            int eq = option.indexOf('=');
            Target t = eq > 0 ? Target.of(option.substring(0, eq).strip()) : null;
            String source = eq > 0 ? option.substring(eq + 1).strip() : "";
            if (t == null || source.isEmpty()) {
                List<String> valid = new ArrayList<>();
                for (Target x : Target.values()) {
                    valid.add(x.field());
                }
                throw new IllegalArgumentException(
                        "--field '" + option + "': expected ARTICLE_FIELD=SOURCE_FIELD, e.g. "
                                + "body=text; article fields: " + String.join(", ", valid));
            }
            overrides.put(t, source);
        }
        return new FieldMapping(overrides, outlet, language);
    }

    /** The same mapping with its own, empty report (for one run). */
    public FieldMapping copy() {
        return new FieldMapping(this);
    }

    private FieldMapping(FieldMapping other) {
        this.names = other.names;
        this.outlet = other.outlet;
        this.language = other.language;
    }

    /** The source names tried for a field, in order. */
    public List<String> namesFor(Target target) {
        return names.get(target);
    }

    /** Maps one JSON object to a raw article; {@code defaultSource} is the source unless a khabar record names its own. */
    public RawArticle toArticle(JsonNode node, String defaultSource, Instant fetchedAt) throws Rejection {
        if (node == null || !node.isObject()) {
            throw new Rejection(
                    DeadLetterReasons.UNPARSEABLE,
                    "not a JSON object but "
                            + (node == null
                                    ? "nothing"
                                    : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        ObjectNode o = (ObjectNode) node;
        boolean khabarRecord = o.hasNonNull("contentHash") && o.hasNonNull("fetchedAt");
        Map<Target, String> used = new EnumMap<>(Target.class);
        Map<Target, JsonNode> values = new EnumMap<>(Target.class);
        for (Target t : Target.values()) {
            for (String name : names.get(t)) {
                if (t == Target.OUTLET && khabarRecord && name.equals("source")) {
                    continue; // a khabar record's source says where it was read, not who published it
                }
                JsonNode v = o.get(name);
                if (v != null && !v.isNull()) {
                    used.put(t, name);
                    values.put(t, v);
                    break;
                }
            }
        }
        String title = text(values, used, Target.TITLE);
        String body = text(values, used, Target.BODY);
        if (body == null || body.isBlank()) {
            if ((title == null || title.isBlank()) && used.get(Target.BODY) == null && !hasAny(o)) {
                throw new Rejection(DeadLetterReasons.EMPTY, "empty: no fields");
            }
            if ((title == null || title.isBlank()) && body != null) {
                throw new Rejection(DeadLetterReasons.EMPTY, "empty: no title and no body");
            }
            throw new Rejection(
                    DeadLetterReasons.EMPTY_BODY,
                    "no body: "
                            + (used.containsKey(Target.BODY)
                                    ? "field '" + used.get(Target.BODY) + "' is blank"
                                    : "none of the fields " + String.join(", ", names.get(Target.BODY)) + " is present")
                            + "; the record has the fields " + String.join(", ", fieldNames(o))
                            + " (name the body's field with --field body=NAME)");
        }
        String url = text(values, used, Target.URL);
        String lang = text(values, used, Target.LANGUAGE);
        String named = text(values, used, Target.OUTLET);
        Instant published = instant(values.get(Target.PUBLISHED_AT), used.get(Target.PUBLISHED_AT));
        String source = defaultSource;
        if (khabarRecord
                && o.hasNonNull("source")
                && o.get("source").isTextual()
                && !o.get("source").textValue().isBlank()) {
            source = o.get("source").textValue();
        }

        url = url == null || url.isBlank() ? null : url.strip();
        lang = lang == null || lang.isBlank() ? null : lang.strip();
        checkValues(used, url, lang, published, title == null ? "" : title.strip(), body.strip());
        Map<String, Object> extra = new LinkedHashMap<>();
        JsonNode given = o.get("extra");
        if (given != null && given.isObject()) {
            checkValues("extra", given);
            extra.putAll(MAPPER.convertValue(given, MAP));
        }
        Set<String> taken = new java.util.HashSet<>(used.values());
        if (khabarRecord) {
            taken.add("source");
        }
        List<String> extraNames = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            if (taken.contains(k)
                    || k.equals("extra")
                    || IGNORED.contains(k)
                    || f.getValue().isNull()) {
                continue;
            }
            checkValues(k, f.getValue());
            extra.put(k, MAPPER.convertValue(f.getValue(), Object.class));
            extraNames.add(k);
        }
        count(used, extraNames);
        return RawArticle.of(
                source,
                url,
                title == null ? "" : title.strip(),
                body.strip(),
                lang == null ? language : lang,
                published,
                fetchedAt,
                extra,
                named == null || named.isBlank() ? outlet : named.strip());
    }

    /**
     * Builds the article of a text file from its headline, body and metadata (the header or sidecar of
     * {@link TextMetadata}): the same names as for JSON; other keys go to {@code extra}.
     */
    public RawArticle fromText(
            String source, String title, String body, Map<String, String> metadata, Instant fetchedAt)
            throws Rejection {
        if (metadata == null || metadata.isEmpty()) {
            count(Map.of(), List.of());
            return RawArticle.of(source, null, title, body, language, null, fetchedAt, null, outlet);
        }
        ObjectNode o = MAPPER.createObjectNode();
        metadata.forEach(o::put);
        if (!o.has(names.get(Target.TITLE).get(0)) && !containsAny(o, names.get(Target.TITLE))) {
            o.put(names.get(Target.TITLE).get(0), title);
        }
        String bodyName = names.get(Target.BODY).get(0);
        if (containsAny(o, names.get(Target.BODY))) {
            throw new Rejection(
                    DeadLetterReasons.INVALID_FIELD,
                    "the metadata names a body field (" + String.join(", ", names.get(Target.BODY))
                            + "); the body of a text file is its text");
        }
        o.put(bodyName, body);
        return toArticle(o, source, fetchedAt);
    }

    /**
     * The value rules every source obeys (issue #13): the article passes {@link ArticleRules} (a title alone is
     * not one), its URL is http(s), its language a language tag, its time in years 1..9999.
     */
    private static void checkValues(
            Map<Target, String> used, String url, String lang, Instant published, String title, String body)
            throws Rejection {
        if (url != null) {
            ArticleRules.Violation v = ArticleRules.checkUrl(url);
            if (v != null) {
                throw new Rejection(
                        v.reason(),
                        "field '" + used.get(Target.URL) + "' " + OutsideText.escape(url, 200) + ": " + v.message());
            }
        }
        if (lang != null && !ArticleRules.isLanguageTag(lang)) {
            throw new Rejection(
                    DeadLetterReasons.INVALID_FIELD,
                    "field '" + used.get(Target.LANGUAGE) + "' is not a language tag such as 'ur' or 'ur-PK': '"
                            + OutsideText.escape(lang, 40) + "'");
        }
        if (published != null) {
            ArticleRules.Violation v = ArticleRules.checkTime(used.get(Target.PUBLISHED_AT), published);
            if (v != null) {
                throw new Rejection(v.reason(), v.message());
            }
        }
        // the size of one item is limited by the reader (--max-bytes); here: what makes it an article
        ArticleRules.Violation v = ArticleRules.checkText(title, body, Long.MAX_VALUE);
        if (v != null) {
            throw new Rejection(v.reason(), v.message());
        }
    }

    /**
     * Refuses values that cannot travel on: numbers that are not finite as a double (e.g. {@code 1e999999999}),
     * and NUL characters or unpaired surrogates in names and strings (PostgreSQL and UTF-8 cannot hold them).
     */
    static void checkValues(String field, JsonNode root) throws Rejection {
        java.util.ArrayDeque<Map.Entry<String, JsonNode>> todo = new java.util.ArrayDeque<>();
        todo.push(Map.entry(field, root));
        while (!todo.isEmpty()) {
            Map.Entry<String, JsonNode> e = todo.pop();
            JsonNode n = e.getValue();
            String path = e.getKey();
            if (n.isNumber()) {
                if (n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue())) {
                    throw new Rejection(
                            DeadLetterReasons.INVALID_FIELD,
                            "field '" + OutsideText.escape(path, 80) + "' is a number out of range ("
                                    + OutsideText.escape(n.asText(), 40) + ")");
                }
            } else if (n.isTextual()) {
                badCharacters(path, n.textValue());
            } else if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    badCharacters(path + "." + f.getKey(), f.getKey());
                    todo.push(Map.entry(path + "." + f.getKey(), f.getValue()));
                }
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    todo.push(Map.entry(path + "[" + i + "]", n.get(i)));
                }
            }
        }
    }

    private static void badCharacters(String path, String s) throws Rejection {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (c == 0 || Character.isSurrogate(c)) {
                throw new Rejection(
                        DeadLetterReasons.INVALID_FIELD,
                        "field '" + OutsideText.escape(path, 80) + "' holds "
                                + (c == 0 ? "a NUL character" : "an unpaired surrogate"));
            }
        }
    }

    private static boolean containsAny(ObjectNode o, List<String> names) {
        for (String n : names) {
            if (o.has(n)) {
                return true;
            }
        }
        return false;
    }

    private void count(Map<Target, String> used, List<String> extraNames) {
        StringBuilder m = new StringBuilder();
        for (Map.Entry<Target, String> e : used.entrySet()) {
            if (m.length() > 0) {
                m.append(", ");
            }
            m.append(e.getKey().field()).append(" <- ").append(e.getValue());
        }
        mappings.computeIfAbsent(m.length() == 0 ? "(no fields mapped)" : m.toString(), k -> new LongAdder())
                .increment();
        for (String x : extraNames) {
            extras.computeIfAbsent(x, k -> new LongAdder()).increment();
        }
    }

    /**
     * What this mapping did so far: one line per distinct mapping with its record count, and the source fields
     * kept in {@code extra} with theirs; empty when nothing was mapped.
     */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(mappings).forEach((k, v) -> lines.add("fields: " + v.sum() + " record(s) mapped " + k));
        if (!extras.isEmpty()) {
            StringBuilder b = new StringBuilder("fields kept in extra (no article field for them): ");
            String sep = "";
            for (Map.Entry<String, LongAdder> e : new TreeMap<>(extras).entrySet()) {
                b.append(sep)
                        .append(e.getKey())
                        .append(" (")
                        .append(e.getValue().sum())
                        .append(')');
                sep = ", ";
            }
            lines.add(b.toString());
        }
        return lines;
    }

    private static boolean hasAny(ObjectNode o) {
        return o.size() > 0;
    }

    private static List<String> fieldNames(ObjectNode o) {
        List<String> n = new ArrayList<>();
        o.fieldNames().forEachRemaining(n::add);
        return n.isEmpty() ? List.of("(none)") : n;
    }

    private static String text(Map<Target, JsonNode> values, Map<Target, String> used, Target t) throws Rejection {
        JsonNode v = values.get(t);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Rejection(
                    DeadLetterReasons.INVALID_FIELD,
                    "field '" + used.get(t) + "' (" + t.field() + ") must be a string, not "
                            + v.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return v.textValue();
    }

    private static Instant instant(JsonNode v, String field) throws Rejection {
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber()) {
            try {
                if (!v.canConvertToLong()) {
                    throw new DateTimeException("out of range");
                }
                long n = v.longValue();
                Instant t = n >= 100_000_000_000L || n <= -100_000_000_000L
                        ? Instant.ofEpochMilli(n)
                        : Instant.ofEpochSecond(n);
                if (ArticleRules.checkTime(field, t) != null) {
                    throw new DateTimeException("out of range");
                }
                return t;
            } catch (DateTimeException | ArithmeticException e) {
                throw new Rejection(
                        DeadLetterReasons.INVALID_FIELD,
                        "field '" + field + "' is not a time: "
                                + OutsideText.escape(v.asText(), 40)
                                + " is out of range for epoch seconds or milliseconds"
                                + " (years 1 to 9999)");
            }
        }
        if (!v.isTextual()) {
            throw new Rejection(
                    DeadLetterReasons.INVALID_FIELD,
                    "field '" + field
                            + "' must be an ISO-8601 time or whole epoch seconds, not "
                            + (v.isNumber()
                                    ? "the number " + OutsideText.escape(v.asText(), 40)
                                    : v.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        Instant t = parseTime(v.textValue());
        if (t == null) {
            throw new Rejection(
                    DeadLetterReasons.INVALID_FIELD,
                    "field '" + field + "' is not a time: '" + OutsideText.escape(v.textValue(), 80)
                            + "' (use ISO-8601, e.g. 2021-09-21T10:00:00Z, or a date 2021-09-21)");
        }
        return t;
    }

    private static final DateTimeFormatter LOCAL_SPACE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]", Locale.ROOT);

    /**
     * Parses ISO-8601 instants and offset times, RFC 1123 times ({@code Tue, 21 Sep 2021 10:00:00 GMT}), plain dates
     * (midnight UTC) and local date-times ({@code 2021-09-21T10:00[:00]} or with a space; read as UTC); null if none fits.
     */
    public static Instant parseTime(String s) {
        String t = s.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return LocalDateTime.parse(t, LOCAL_SPACE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}

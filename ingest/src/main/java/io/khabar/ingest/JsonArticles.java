package io.khabar.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.khabar.model.ArticleRules;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.Json;
import io.khabar.model.OutsideText;
import io.khabar.model.RawArticle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Articles in JSON: a {@code .json} file holds one article object or an array of them, a {@code .jsonl} file one
 * object per line. Known fields: {@code title}, {@code body}, {@code url}, {@code source}, {@code languageHint}
 * (or {@code lang}), {@code publishedAt}; the computed fields of a raw record ({@code schemaVersion},
 * {@code contentHash}, {@code fetchedAt}) are ignored, and every other field, {@code id} included, is kept in
 * {@code extra}. Each item is checked on its own: a bad line or element is rejected with its location
 * ({@code file:LINE} or {@code file[INDEX]}) and the rest of the file is still read.
 *
 * <p>Both readers stream: they split the input into items at the byte level (lines; the elements of a top-level
 * array, by tracking strings and brackets) and hold at most one item of {@code maxBytes} in memory, so a file of
 * any size is read in bounded heap. Each item is parsed on its own with limits on nesting, number and name
 * length; a value out of range (a time outside years 1..9999, a number that is not finite) rejects its item only.
 */
public final class JsonArticles {

    /** Deepest nesting of objects and arrays in one item. */
    public static final int MAX_NESTING = 64;
    /** Longest number, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** A line (or element) this many times over {@code maxBytes} without its end: the rest is not JSON Lines. */
    static final long MAX_OVERRUN_FACTOR = 64;

    private static final ObjectMapper MAPPER = constrained(Json.mapper().copy());
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };
    private static final Set<String> KNOWN = Set.of("title", "body", "url", "source", "languageHint", "lang",
            "publishedAt", "extra");
    private static final Set<String> IGNORED = Set.of("schemaVersion", "contentHash", "fetchedAt");
    private static final int CHUNK = 64 * 1024;

    private JsonArticles() {
    }

    private static ObjectMapper constrained(ObjectMapper m) {
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(10_000)
                .build());
        return m;
    }

    /** Reads a JSON Lines text: one article per non-blank line; each line is limited to {@code maxBytes}. */
    public static void readLines(String location, byte[] bytes, String defaultSource, long maxBytes, Instant fetchedAt,
                                 SourceListener listener) {
        try {
            readLines(location, new ByteArrayInputStream(bytes), defaultSource, maxBytes, fetchedAt, listener);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen on a byte array
        }
    }

    /**
     * Reads JSON Lines from a stream, one line at a time: one article per non-blank line, each line limited to
     * {@code maxBytes} (a longer one is rejected as {@code too-large} and skipped without being held in memory).
     * A read error ends the file: the caller reports it; the lines before it were delivered.
     */
    public static void readLines(String location, InputStream in, String defaultSource, long maxBytes, Instant fetchedAt,
                                 SourceListener listener) throws IOException {
        Item line = new Item(maxBytes);
        int number = 1;
        byte[] buf = new byte[CHUNK];
        for (int n; (n = in.read(buf)) >= 0; ) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    line.append(buf, from, i - from);
                    lineDone(location, number++, line, defaultSource, maxBytes, fetchedAt, listener);
                    line.reset();
                    from = i + 1;
                }
            }
            line.append(buf, from, n - from);
            if (line.total > maxBytes * MAX_OVERRUN_FACTOR + MAX_OVERRUN_FACTOR) {
                listener.onRejected(location + ":" + number, DeadLetterReasons.TOO_LARGE, "line " + number
                        + " has no end after " + line.total + " bytes (limit " + maxBytes + " per line, --max-bytes): "
                        + "this is not JSON Lines; the rest of the file is not read", line.prefix());
                return;
            }
        }
        if (line.total > 0) {
            lineDone(location, number, line, defaultSource, maxBytes, fetchedAt, listener);
        }
    }

    private static void lineDone(String location, int number, Item line, String defaultSource, long maxBytes,
                                 Instant fetchedAt, SourceListener listener) {
        line.stripCarriageReturn();
        if (number == 1) {
            line.stripBom();
        }
        if (line.isBlank()) {
            return;
        }
        String where = location + ":" + number;
        if (line.total > maxBytes) {
            listener.onRejected(where, DeadLetterReasons.TOO_LARGE, "too large: " + line.total + " bytes, the limit is "
                    + maxBytes + " (--max-bytes)", line.prefix());
            return;
        }
        readItem(where, line.bytes(), defaultSource, maxBytes, fetchedAt, listener);
    }

    /** Parses one item's bytes and hands over the article or the rejection; never throws. */
    private static void readItem(String where, byte[] item, String defaultSource, long maxBytes, Instant fetchedAt,
                                 SourceListener listener) {
        try {
            String text = SeedTextParser.decodeUtf8(item);
            listener.onArticle(toArticle(parse(text), defaultSource, fetchedAt, maxBytes));
        } catch (Rejection r) {
            listener.onRejected(where, r.reason(), r.getMessage(), item);
        } catch (RuntimeException e) {
            listener.onRejected(where, DeadLetterReasons.UNPARSEABLE, "cannot read this item: " + e, item);
        }
    }

    /** Reads a JSON text: one article object, or an array of article objects each limited to {@code maxBytes}. */
    public static void readDocument(String location, byte[] bytes, String defaultSource, long maxBytes, Instant fetchedAt,
                                    SourceListener listener) {
        try {
            readDocument(location, new ByteArrayInputStream(bytes), defaultSource, maxBytes, fetchedAt, listener);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen on a byte array
        }
    }

    /**
     * Reads a JSON document from a stream: one article object (limited to {@code maxBytes}), or an array whose
     * elements are read one at a time, each limited to {@code maxBytes}. A read error ends the file: the caller
     * reports it; the elements before it were delivered.
     */
    public static void readDocument(String location, InputStream in, String defaultSource, long maxBytes,
                                    Instant fetchedAt, SourceListener listener) throws IOException {
        new ArraySplitter(location, defaultSource, maxBytes, fetchedAt, listener).run(in);
    }

    /** One item being collected: at most {@code limit} bytes kept, the total counted. */
    private static final class Item {
        private final int limit;
        private byte[] data = new byte[256];
        private int size;
        long total;

        Item(long limit) {
            this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        }

        void append(byte[] b, int off, int len) {
            total += len;
            int keep = Math.min(len, limit - size);
            if (keep > 0) {
                if (size + keep > data.length) {
                    data = Arrays.copyOf(data, Math.min(limit, Math.max(size + keep, data.length * 2)));
                }
                System.arraycopy(b, off, data, size, keep);
                size += keep;
            }
        }

        void append(byte b) {
            total++;
            if (size < limit) {
                if (size == data.length) {
                    data = Arrays.copyOf(data, Math.min(limit, data.length * 2));
                }
                data[size++] = b;
            }
        }

        void reset() {
            size = 0;
            total = 0;
            if (data.length > 1 << 16) {
                data = new byte[256];
            }
        }

        void stripCarriageReturn() {
            if (size > 0 && size == total && data[size - 1] == '\r') {
                size--;
                total--;
            }
        }

        void stripBom() {
            if (size >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF) {
                System.arraycopy(data, 3, data, 0, size - 3);
                size -= 3;
                total -= 3;
            }
        }

        boolean isBlank() {
            if (total > size) {
                return false;
            }
            for (int i = 0; i < size; i++) {
                byte x = data[i];
                if (x != ' ' && x != '\t' && x != '\r' && x != '\n') {
                    return false;
                }
            }
            return true;
        }

        byte[] bytes() {
            return Arrays.copyOf(data, size);
        }

        /** What was kept of an item over the limit, for its dead letter. */
        byte[] prefix() {
            return Arrays.copyOf(data, size);
        }
    }

    /**
     * Splits a JSON document at the byte level: a top-level array into its elements (strings, escapes and
     * brackets tracked, so commas inside them do not split), anything else into one item.
     */
    private static final class ArraySplitter {
        private final String location;
        private final String defaultSource;
        private final long maxBytes;
        private final Instant fetchedAt;
        private final SourceListener listener;
        private final Item item;
        private int index;
        private int depth;
        private boolean inString;
        private boolean escaped;
        /** 0 before the first token, 1 single document, 2 array: before an element, 3 in an element, 4 after ']'. */
        private int state;
        private boolean commaSeen;
        private long offset;

        ArraySplitter(String location, String defaultSource, long maxBytes, Instant fetchedAt, SourceListener listener) {
            this.location = location;
            this.defaultSource = defaultSource;
            this.maxBytes = maxBytes;
            this.fetchedAt = fetchedAt;
            this.listener = listener;
            this.item = new Item(maxBytes);
        }

        void run(InputStream in) throws IOException {
            byte[] buf = new byte[CHUNK];
            int first = in.readNBytes(buf, 0, 3);
            int skip = first == 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF ? 3 : 0;
            for (int i = skip; i < first; i++, offset++) {
                if (!accept(buf[i])) {
                    return;
                }
            }
            for (int n; (n = in.read(buf)) >= 0; ) {
                for (int i = 0; i < n; i++, offset++) {
                    if (!accept(buf[i])) {
                        return;
                    }
                }
            }
            finish();
        }

        private static boolean isSpace(byte b) {
            return b == ' ' || b == '\t' || b == '\r' || b == '\n';
        }

        /** Takes one byte; false when the rest of the document is not to be read. */
        private boolean accept(byte b) {
            switch (state) {
                case 0 -> {
                    if (isSpace(b)) {
                        return true;
                    }
                    if (b == '[') {
                        state = 2;
                    } else {
                        state = 1;
                        item.append(b);
                    }
                    return true;
                }
                case 1 -> {
                    item.append(b);
                    return true;
                }
                case 2 -> {
                    if (isSpace(b)) {
                        return true;
                    }
                    if (b == ']') {
                        if (commaSeen) {
                            reject(location + "[" + index + "]", DeadLetterReasons.UNPARSEABLE,
                                    "not valid JSON: nothing between ',' and ']'", null);
                        }
                        state = 4;
                        return true;
                    }
                    if (b == ',') {
                        reject(location + "[" + index + "]", DeadLetterReasons.UNPARSEABLE,
                                "not valid JSON: an empty array element", null);
                        index++;
                        commaSeen = true;
                        return true;
                    }
                    state = 3;
                    depth = 0;
                    inString = false;
                    escaped = false;
                    return element(b);
                }
                case 3 -> {
                    return element(b);
                }
                default -> {
                    if (!isSpace(b)) {
                        reject(location, DeadLetterReasons.UNPARSEABLE, "not valid JSON: text after the closing ']' at byte "
                                + offset + "; the elements before it were read", null);
                        return false;
                    }
                    return true;
                }
            }
        }

        private boolean element(byte b) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (depth == 0 && b == ']') {
                    elementDone();
                    state = 4;
                    return true;
                }
                if (depth > 0) {
                    depth--;
                }
            } else if (b == ',' && depth == 0) {
                elementDone();
                commaSeen = true;
                state = 2;
                return true;
            }
            item.append(b);
            return true;
        }

        private void elementDone() {
            String where = location + "[" + index++ + "]";
            commaSeen = false;
            if (item.total > maxBytes) {
                reject(where, DeadLetterReasons.TOO_LARGE, "too large: " + item.total + " bytes, the limit is " + maxBytes
                        + " (--max-bytes)", item.prefix());
            } else {
                readItem(where, item.bytes(), defaultSource, maxBytes, fetchedAt, listener);
            }
            item.reset();
        }

        private void finish() {
            switch (state) {
                case 0 -> reject(location, DeadLetterReasons.EMPTY, "empty: no JSON", null);
                case 1 -> {
                    if (item.total > maxBytes) {
                        reject(location, DeadLetterReasons.TOO_LARGE, "too large: " + item.total
                                + " bytes, the limit is " + maxBytes + " (--max-bytes)", null);
                    } else {
                        readItem(location, item.bytes(), defaultSource, maxBytes, fetchedAt, listener);
                    }
                }
                case 2, 3 -> reject(location + "[" + index + "]", DeadLetterReasons.UNPARSEABLE,
                        "not valid JSON: the array is not closed (the file ends inside it); the elements before it were read",
                        item.prefix());
                default -> {
                    // a complete array
                }
            }
        }

        private void reject(String where, String reason, String message, byte[] content) {
            listener.onRejected(where, reason, message, content);
        }
    }

    /**
     * Maps one JSON object to a raw article: known fields to the record, unknown ones (and {@code id}) to
     * {@code extra}; {@code source} defaults to the given one. The article must pass {@link ArticleRules} with
     * the default limit.
     */
    public static RawArticle toArticle(JsonNode node, String defaultSource, Instant fetchedAt) throws Rejection {
        return toArticle(node, defaultSource, fetchedAt, ArticleRules.DEFAULT_MAX_BYTES);
    }

    /**
     * Like {@link #toArticle(JsonNode, String, Instant)}, with {@code maxBytes} as the limit of title plus body.
     * Every value is checked: wrong types, times outside years 1..9999, numbers that are not finite, NUL
     * characters, URLs that are not http(s) and malformed language tags reject the article with the field's name.
     */
    public static RawArticle toArticle(JsonNode node, String defaultSource, Instant fetchedAt, long maxBytes)
            throws Rejection {
        if (node == null || !node.isObject()) {
            throw new Rejection(DeadLetterReasons.UNPARSEABLE, "not a JSON object but " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        ObjectNode o = (ObjectNode) node;
        String title = text(o, "title");
        String body = text(o, "body");
        if ((title == null || title.isBlank()) && (body == null || body.isBlank())) {
            throw new Rejection(DeadLetterReasons.EMPTY, "empty: no title and no body");
        }
        String url = text(o, "url");
        String source = text(o, "source");
        String lang = text(o, "languageHint");
        if (lang == null) {
            lang = text(o, "lang");
        }
        lang = lang == null || lang.isBlank() ? null : lang.strip();
        if (lang != null && !ArticleRules.isLanguageTag(lang)) {
            throw new Rejection(DeadLetterReasons.INVALID_FIELD, "field 'languageHint' is not a language tag such as "
                    + "'ur' or 'ur-PK': '" + OutsideText.escape(lang, 40) + "'");
        }
        url = url == null || url.isBlank() ? null : url.strip();
        if (url != null) {
            ArticleRules.Violation v = ArticleRules.checkUrl(url);
            if (v != null) {
                throw new Rejection(v.reason(), "field 'url' " + OutsideText.escape(url, 200) + ": " + v.message());
            }
        }
        Instant published = instant(o, "publishedAt");
        title = title == null ? "" : title.strip();
        body = body == null ? "" : body.strip();
        ArticleRules.Violation v = ArticleRules.checkText(title, body, maxBytes);
        if (v != null) {
            throw new Rejection(v.reason(), v.message());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        JsonNode given = o.get("extra");
        if (given != null && given.isObject()) {
            checkValues("extra", given);
            extra.putAll(MAPPER.convertValue(given, MAP));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            if (KNOWN.contains(k)
                    || IGNORED.contains(k) || f.getValue().isNull()) {
                continue;
            }
            checkValues(k, f.getValue());
            extra.put(k, MAPPER.convertValue(f.getValue(), Object.class));
        }
        return RawArticle.of(source == null || source.isBlank() ? defaultSource : source, url, title, body, lang,
                published, fetchedAt, extra);
    }

    /**
     * Refuses values that cannot travel on: numbers that are not finite as a double (e.g. {@code 1e999999999}),
     * and NUL characters or unpaired surrogates in names and strings (PostgreSQL and UTF-8 cannot hold them).
     */
    private static void checkValues(String field, JsonNode root) throws Rejection {
        java.util.ArrayDeque<Map.Entry<String, JsonNode>> todo = new java.util.ArrayDeque<>();
        todo.push(Map.entry(field, root));
        while (!todo.isEmpty()) {
            Map.Entry<String, JsonNode> e = todo.pop();
            JsonNode n = e.getValue();
            String path = e.getKey();
            if (n.isNumber()) {
                if (n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue())) {
                    throw new Rejection(DeadLetterReasons.INVALID_FIELD, "field '" + OutsideText.escape(path, 80)
                            + "' is a number out of range (" + OutsideText.escape(n.asText(), 40) + ")");
                }
            } else if (n.isTextual()) {
                badCharacters(path, n.textValue());
            } else if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
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
                throw new Rejection(DeadLetterReasons.INVALID_FIELD, "field '" + OutsideText.escape(path, 80)
                        + "' holds " + (c == 0 ? "a NUL character" : "an unpaired surrogate"));
            }
        }
    }

    private static String text(ObjectNode o, String field) throws Rejection {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Rejection(DeadLetterReasons.INVALID_FIELD, "field '" + field + "' must be a string, not "
                    + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return v.textValue();
    }

    private static Instant instant(ObjectNode o, String field) throws Rejection {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            Instant t = v.canConvertToLong() ? ArticleRules.epochSecondsOrNull(v.longValue()) : null;
            if (t == null) {
                boolean millis = v.canConvertToLong() && ArticleRules.epochSecondsOrNull(v.longValue() / 1000) != null;
                throw new Rejection(DeadLetterReasons.INVALID_FIELD, "field '" + field + "' is out of range: "
                        + OutsideText.escape(v.asText(), 40) + " epoch seconds is not in years 1 to 9999"
                        + (millis ? " (it looks like milliseconds; give seconds or an ISO-8601 time)" : ""));
            }
            return t;
        }
        if (!v.isTextual()) {
            throw new Rejection(DeadLetterReasons.INVALID_FIELD, "field '" + field
                    + "' must be an ISO-8601 time or whole epoch seconds, not " + (v.isNumber()
                    ? "the number " + OutsideText.escape(v.asText(), 40) : v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        Instant t = parseTime(v.textValue());
        if (t == null) {
            throw new Rejection(DeadLetterReasons.INVALID_FIELD, "field '" + field + "' is not a time: '"
                    + OutsideText.escape(v.textValue(), 80)
                    + "' (use ISO-8601, e.g. 2021-09-21T10:00:00Z, or a date 2021-09-21)");
        }
        ArticleRules.Violation range = ArticleRules.checkTime(field, t);
        if (range != null) {
            throw new Rejection(range.reason(), range.message());
        }
        return t;
    }

    /** Parses ISO-8601 instants and offset times, RFC 1123 times and plain dates (midnight UTC); null if none fits. */
    static Instant parseTime(String s) {
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
            return null;
        }
    }

    private static JsonNode parse(String text) throws Rejection {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Rejection(DeadLetterReasons.UNPARSEABLE, "not valid JSON: " + oneLine(e));
        }
    }

    private static String oneLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            m += " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
        }
        return m == null ? e.toString() : m.replace('\n', ' ');
    }

}

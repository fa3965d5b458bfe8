package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.khabar.model.Json;
import io.khabar.model.RawArticle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 */
public final class JsonArticles {

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final com.fasterxml.jackson.databind.ObjectReader ELEMENT_READER = MAPPER.reader()
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };
    private static final Set<String> KNOWN = Set.of("title", "body", "url", "source", "languageHint", "lang",
            "publishedAt", "extra");
    private static final Set<String> IGNORED = Set.of("schemaVersion", "contentHash", "fetchedAt");

    private JsonArticles() {
    }

    /** Reads a JSON Lines text: one article per non-blank line; each line is limited to {@code maxBytes}. */
    public static void readLines(String location, byte[] bytes, String defaultSource, long maxBytes, Instant fetchedAt,
                                 SourceListener listener) {
        int line = 0;
        int start = 0;
        while (start <= bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                end = bytes.length;
            }
            line++;
            byte[] item = Arrays.copyOfRange(bytes, start, end > start && bytes[end - 1] == '\r' ? end - 1 : end);
            start = end + 1;
            if (isBlank(item)) {
                continue;
            }
            String where = location + ":" + line;
            if (item.length > maxBytes) {
                listener.onRejected(where, DeadLetterReasons.TOO_LARGE, "too large: " + item.length + " bytes, the limit is "
                        + maxBytes + " (--max-bytes)", Arrays.copyOf(item, (int) Math.min(item.length, maxBytes)));
                continue;
            }
            try {
                String text = SeedTextParser.decodeUtf8(item);
                JsonNode node = parse(text, line == 1);
                listener.onArticle(toArticle(node, defaultSource, fetchedAt));
            } catch (Rejection r) {
                listener.onRejected(where, r.reason(), r.getMessage(), item);
            }
        }
    }

    /** Reads a JSON text: one article object, or an array of article objects each limited to {@code maxBytes}. */
    public static void readDocument(String location, byte[] bytes, String defaultSource, long maxBytes, Instant fetchedAt,
                                    SourceListener listener) {
        String text;
        try {
            text = SeedTextParser.decodeUtf8(bytes);
        } catch (Rejection r) {
            listener.onRejected(location, r.reason(), r.getMessage(), bytes);
            return;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            listener.onRejected(location, DeadLetterReasons.EMPTY, "empty: no JSON", bytes);
            return;
        }
        try (JsonParser p = MAPPER.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                if (bytes.length > maxBytes) {
                    listener.onRejected(location, DeadLetterReasons.TOO_LARGE, "too large: " + bytes.length
                            + " bytes, the limit is " + maxBytes + " (--max-bytes)", null);
                    return;
                }
                try {
                    listener.onArticle(toArticle(parse(text, false), defaultSource, fetchedAt));
                } catch (Rejection r) {
                    listener.onRejected(location, r.reason(), r.getMessage(), bytes);
                }
                return;
            }
            int index = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
                if (t == null) {
                    throw new JsonParseProblem("the array is not closed");
                }
                int from = (int) p.currentTokenLocation().getCharOffset();
                JsonNode node = ELEMENT_READER.readTree(p);
                int to = (int) p.currentLocation().getCharOffset();
                String where = location + "[" + index + "]";
                byte[] item = text.substring(from, Math.min(to, text.length())).getBytes(StandardCharsets.UTF_8);
                if (item.length > maxBytes) {
                    listener.onRejected(where, DeadLetterReasons.TOO_LARGE, "too large: " + item.length
                            + " bytes, the limit is " + maxBytes + " (--max-bytes)", null);
                    continue;
                }
                try {
                    listener.onArticle(toArticle(node, defaultSource, fetchedAt));
                } catch (Rejection r) {
                    listener.onRejected(where, r.reason(), r.getMessage(), item);
                }
            }
            if (p.nextToken() != null) {
                throw new JsonParseProblem("text after the closing ']'");
            }
        } catch (JsonProcessingException | JsonParseProblem e) {
            listener.onRejected(location, DeadLetterReasons.UNPARSEABLE, "not valid JSON: " + oneLine(e), bytes);
        } catch (IOException e) {
            listener.onRejected(location, DeadLetterReasons.UNREADABLE, "cannot read: " + e, bytes);
        }
    }

    /**
     * Maps one JSON object to a raw article: known fields to the record, unknown ones (and {@code id}) to
     * {@code extra}; {@code source} defaults to the given one.
     */
    public static RawArticle toArticle(JsonNode node, String defaultSource, Instant fetchedAt) throws Rejection {
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
        Instant published = instant(o, "publishedAt");
        Map<String, Object> extra = new LinkedHashMap<>();
        JsonNode given = o.get("extra");
        if (given != null && given.isObject()) {
            extra.putAll(MAPPER.convertValue(given, MAP));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            if (KNOWN.contains(k)
                    || IGNORED.contains(k) || f.getValue().isNull()) {
                continue;
            }
            extra.put(k, MAPPER.convertValue(f.getValue(), Object.class));
        }
        return RawArticle.of(source == null || source.isBlank() ? defaultSource : source,
                url == null || url.isBlank() ? null : url.strip(),
                title == null ? "" : title.strip(), body == null ? "" : body.strip(),
                lang == null || lang.isBlank() ? null : lang.strip(), published, fetchedAt, extra);
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
            return Instant.ofEpochSecond(v.longValue());
        }
        if (!v.isTextual()) {
            throw new Rejection(DeadLetterReasons.INVALID_FIELD, "field '" + field + "' must be an ISO-8601 time or epoch seconds");
        }
        Instant t = parseTime(v.textValue());
        if (t == null) {
            throw new Rejection(DeadLetterReasons.INVALID_FIELD, "field '" + field + "' is not a time: '" + v.textValue()
                    + "' (use ISO-8601, e.g. 2021-09-21T10:00:00Z, or a date 2021-09-21)");
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

    private static JsonNode parse(String text, boolean mayHaveBom) throws Rejection {
        String t = mayHaveBom && text.startsWith("\uFEFF") ? text.substring(1) : text;
        try {
            return MAPPER.readTree(t);
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

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\t' && x != '\r' && x != '\n') {
                return false;
            }
        }
        return true;
    }

    private static final class JsonParseProblem extends IOException {
        private static final long serialVersionUID = 1L;

        JsonParseProblem(String message) {
            super(message);
        }
    }
}

package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.khabar.model.Json;
import io.khabar.model.RawArticle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Articles in JSON: a {@code .json} file holds one article object or an array of them, a {@code .jsonl} file one
 * object per line. Fields are mapped by a {@link FieldMapping} (scrapers' names such as {@code text},
 * {@code published}, {@code link}, {@code source} are recognised); every other field, {@code id} included, is kept
 * in {@code extra}. Each item is checked on its own: a bad line or element is rejected with its location
 * ({@code file:LINE} or {@code file[INDEX]}) and the rest of the file is still read.
 */
public final class JsonArticles {

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final com.fasterxml.jackson.databind.ObjectReader ELEMENT_READER = MAPPER.reader()
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonArticles() {
    }

    /** Reads a JSON Lines text: one article per non-blank line; each line is limited to {@code maxBytes}. */
    public static void readLines(String location, byte[] bytes, String defaultSource, long maxBytes, Instant fetchedAt,
                                 SourceListener listener) {
        readLines(location, bytes, defaultSource, maxBytes, fetchedAt, listener, FieldMapping.DEFAULT);
    }

    /** As {@link #readLines(String, byte[], String, long, Instant, SourceListener)}, with the given field mapping. */
    public static void readLines(String location, byte[] bytes, String defaultSource, long maxBytes, Instant fetchedAt,
                                 SourceListener listener, FieldMapping mapping) {
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
                listener.onArticle(mapping.toArticle(node, defaultSource, fetchedAt));
            } catch (Rejection r) {
                listener.onRejected(where, r.reason(), r.getMessage(), item);
            }
        }
    }

    /** Reads a JSON text: one article object, or an array of article objects each limited to {@code maxBytes}. */
    public static void readDocument(String location, byte[] bytes, String defaultSource, long maxBytes, Instant fetchedAt,
                                    SourceListener listener) {
        readDocument(location, bytes, defaultSource, maxBytes, fetchedAt, listener, FieldMapping.DEFAULT);
    }

    /** As {@link #readDocument(String, byte[], String, long, Instant, SourceListener)}, with the given field mapping. */
    public static void readDocument(String location, byte[] bytes, String defaultSource, long maxBytes, Instant fetchedAt,
                                    SourceListener listener, FieldMapping mapping) {
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
                    listener.onArticle(mapping.toArticle(parse(text, false), defaultSource, fetchedAt));
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
                    listener.onArticle(mapping.toArticle(node, defaultSource, fetchedAt));
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

    /** Maps one JSON object to a raw article with the default {@link FieldMapping}. */
    public static RawArticle toArticle(JsonNode node, String defaultSource, Instant fetchedAt) throws Rejection {
        return FieldMapping.DEFAULT.toArticle(node, defaultSource, fetchedAt);
    }

    /** See {@link FieldMapping#parseTime(String)}. */
    static Instant parseTime(String s) {
        return FieldMapping.parseTime(s);
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

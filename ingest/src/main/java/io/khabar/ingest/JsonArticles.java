package io.khabar.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.Json;
import io.khabar.model.RawArticle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;

/**
 * Articles in JSON: a {@code .json} file holds one article object or an array of them, a {@code .jsonl} file one
 * object per line. Fields are mapped by a {@link FieldMapping} (scrapers' names such as {@code text},
 * {@code published}, {@code link}, {@code source} are recognised); every other field, {@code id} included, is kept
 * in {@code extra}. Each item is checked on its own: a bad line or element is rejected with its location
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
    private static final int CHUNK = 64 * 1024;

    private JsonArticles() {}

    private static ObjectMapper constrained(ObjectMapper m) {
        m.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(10_000)
                        .build());
        return m;
    }

    /** Reads a JSON Lines text: one article per non-blank line; each line is limited to {@code maxBytes}. */
    public static void readLines(
            String location,
            byte[] bytes,
            String defaultSource,
            long maxBytes,
            Instant fetchedAt,
            SourceListener listener) {
        readLines(location, bytes, defaultSource, maxBytes, fetchedAt, listener, FieldMapping.DEFAULT);
    }

    /** As {@link #readLines(String, byte[], String, long, Instant, SourceListener)}, with the given field mapping. */
    public static void readLines(
            String location,
            byte[] bytes,
            String defaultSource,
            long maxBytes,
            Instant fetchedAt,
            SourceListener listener,
            FieldMapping mapping) {
        try {
            readLines(location, new ByteArrayInputStream(bytes), defaultSource, maxBytes, fetchedAt, listener, mapping);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen on a byte array
        }
    }

    /**
     * Reads JSON Lines from a stream, one line at a time: one article per non-blank line, each line limited to
     * {@code maxBytes} (a longer one is rejected as {@code too-large} and skipped without being held in memory).
     * A read error ends the file: the caller reports it; the lines before it were delivered.
     */
    public static void readLines(
            String location,
            InputStream in,
            String defaultSource,
            long maxBytes,
            Instant fetchedAt,
            SourceListener listener)
            throws IOException {
        readLines(location, in, defaultSource, maxBytes, fetchedAt, listener, FieldMapping.DEFAULT);
    }

    /** As {@link #readLines(String, InputStream, String, long, Instant, SourceListener)}, with a field mapping. */
    public static void readLines(
            String location,
            InputStream in,
            String defaultSource,
            long maxBytes,
            Instant fetchedAt,
            SourceListener listener,
            FieldMapping mapping)
            throws IOException {
        Item line = new Item(maxBytes);
        int number = 1;
        byte[] buf = new byte[CHUNK];
        for (int n; (n = in.read(buf)) >= 0; ) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    line.append(buf, from, i - from);
                    lineDone(location, number++, line, defaultSource, maxBytes, fetchedAt, listener, mapping);
                    line.reset();
                    from = i + 1;
                }
            }
            line.append(buf, from, n - from);
            if (line.total > maxBytes * MAX_OVERRUN_FACTOR + MAX_OVERRUN_FACTOR) {
                listener.onRejected(
                        location + ":" + number,
                        DeadLetterReasons.TOO_LARGE,
                        "line " + number
                                + " has no end after " + line.total + " bytes (limit " + maxBytes
                                + " per line, --max-bytes): "
                                + "this is not JSON Lines; the rest of the file is not read",
                        line.prefix());
                return;
            }
        }
        if (line.total > 0) {
            lineDone(location, number, line, defaultSource, maxBytes, fetchedAt, listener, mapping);
        }
    }

    private static void lineDone(
            String location,
            int number,
            Item line,
            String defaultSource,
            long maxBytes,
            Instant fetchedAt,
            SourceListener listener,
            FieldMapping mapping) {
        line.stripCarriageReturn();
        if (number == 1) {
            line.stripBom();
        }
        if (line.isBlank()) {
            return;
        }
        String where = location + ":" + number;
        if (line.total > maxBytes) {
            listener.onRejected(
                    where,
                    DeadLetterReasons.TOO_LARGE,
                    "too large: " + line.total + " bytes, the limit is " + maxBytes + " (--max-bytes)",
                    line.prefix());
            return;
        }
        readItem(where, line.bytes(), defaultSource, fetchedAt, listener, mapping);
    }

    /** Parses one item's bytes and hands over the article or the rejection; never throws. */
    private static void readItem(
            String where,
            byte[] item,
            String defaultSource,
            Instant fetchedAt,
            SourceListener listener,
            FieldMapping mapping) {
        try {
            String text = SeedTextParser.decodeUtf8(item);
            listener.onArticle(mapping.toArticle(parse(text), defaultSource, fetchedAt));
        } catch (Rejection r) {
            listener.onRejected(where, r.reason(), r.getMessage(), item);
        } catch (RuntimeException e) {
            listener.onRejected(where, DeadLetterReasons.UNPARSEABLE, "cannot read this item: " + e, item);
        }
    }

    /** Reads a JSON text: one article object, or an array of article objects each limited to {@code maxBytes}. */
    public static void readDocument(
            String location,
            byte[] bytes,
            String defaultSource,
            long maxBytes,
            Instant fetchedAt,
            SourceListener listener) {
        readDocument(location, bytes, defaultSource, maxBytes, fetchedAt, listener, FieldMapping.DEFAULT);
    }

    /** As {@link #readDocument(String, byte[], String, long, Instant, SourceListener)}, with the given field mapping. */
    public static void readDocument(
            String location,
            byte[] bytes,
            String defaultSource,
            long maxBytes,
            Instant fetchedAt,
            SourceListener listener,
            FieldMapping mapping) {
        try {
            readDocument(
                    location, new ByteArrayInputStream(bytes), defaultSource, maxBytes, fetchedAt, listener, mapping);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // cannot happen on a byte array
        }
    }

    /**
     * Reads a JSON document from a stream: one article object (limited to {@code maxBytes}), or an array whose
     * elements are read one at a time, each limited to {@code maxBytes}. A read error ends the file: the caller
     * reports it; the elements before it were delivered.
     */
    public static void readDocument(
            String location,
            InputStream in,
            String defaultSource,
            long maxBytes,
            Instant fetchedAt,
            SourceListener listener)
            throws IOException {
        readDocument(location, in, defaultSource, maxBytes, fetchedAt, listener, FieldMapping.DEFAULT);
    }

    /** As {@link #readDocument(String, InputStream, String, long, Instant, SourceListener)}, with a field mapping. */
    public static void readDocument(
            String location,
            InputStream in,
            String defaultSource,
            long maxBytes,
            Instant fetchedAt,
            SourceListener listener,
            FieldMapping mapping)
            throws IOException {
        new ArraySplitter(location, defaultSource, maxBytes, fetchedAt, listener, mapping).run(in);
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
        private final FieldMapping mapping;
        private final Item item;
        private int index;
        private int depth;
        private boolean inString;
        private boolean escaped;
        /** 0 before the first token, 1 single document, 2 array: before an element, 3 in an element, 4 after ']'. */
        private int state;

        private boolean commaSeen;
        private long offset;

        ArraySplitter(
                String location,
                String defaultSource,
                long maxBytes,
                Instant fetchedAt,
                SourceListener listener,
                FieldMapping mapping) {
            this.mapping = mapping;
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
            int skip =
                    first == 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF ? 3 : 0;
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
                            reject(
                                    location + "[" + index + "]",
                                    DeadLetterReasons.UNPARSEABLE,
                                    "not valid JSON: nothing between ',' and ']'",
                                    null);
                        }
                        state = 4;
                        return true;
                    }
                    if (b == ',') {
                        reject(
                                location + "[" + index + "]",
                                DeadLetterReasons.UNPARSEABLE,
                                "not valid JSON: an empty array element",
                                null);
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
                        reject(
                                location,
                                DeadLetterReasons.UNPARSEABLE,
                                "not valid JSON: text after the closing ']' at byte " + offset
                                        + "; the elements before it were read",
                                null);
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
                reject(
                        where,
                        DeadLetterReasons.TOO_LARGE,
                        "too large: " + item.total + " bytes, the limit is " + maxBytes + " (--max-bytes)",
                        item.prefix());
            } else {
                readItem(where, item.bytes(), defaultSource, fetchedAt, listener, mapping);
            }
            item.reset();
        }

        private void finish() {
            switch (state) {
                case 0 -> reject(location, DeadLetterReasons.EMPTY, "empty: no JSON", null);
                case 1 -> {
                    if (item.total > maxBytes) {
                        reject(
                                location,
                                DeadLetterReasons.TOO_LARGE,
                                "too large: " + item.total + " bytes, the limit is " + maxBytes + " (--max-bytes)",
                                null);
                    } else {
                        readItem(location, item.bytes(), defaultSource, fetchedAt, listener, mapping);
                    }
                }
                case 2, 3 ->
                    reject(
                            location + "[" + index + "]",
                            DeadLetterReasons.UNPARSEABLE,
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

    /** Maps one JSON object to a raw article with the default {@link FieldMapping}. */
    public static RawArticle toArticle(JsonNode node, String defaultSource, Instant fetchedAt) throws Rejection {
        return FieldMapping.DEFAULT.toArticle(node, defaultSource, fetchedAt);
    }

    /** See {@link FieldMapping#parseTime(String)}. */
    static Instant parseTime(String s) {
        return FieldMapping.parseTime(s);
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
            m += " at line " + j.getLocation().getLineNr() + ", column "
                    + j.getLocation().getColumnNr();
        }
        return m == null ? e.toString() : m.replace('\n', ' ');
    }
}

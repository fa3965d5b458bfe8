package io.khabar.sink.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Json;
import io.khabar.sink.SinkRecord;
import java.io.IOException;

/**
 * The binder of the JSON Lines target: an article to one line, {@link Json#mapper()}'s compact serialisation
 * (UTF-8, Urdu unescaped, no newline inside) followed by {@code \n}; and back. A record whose value already is one
 * such line (what the enrich app writes) is copied as it was read instead of being written again, which also keeps
 * fields that a newer enrich version added.
 */
public final class JsonLineBinder {

    private static final ObjectWriter WRITER = Json.mapper().writerFor(EnrichedArticle.class);
    private static final ObjectReader READER = Json.mapper().readerFor(EnrichedArticle.class);

    private JsonLineBinder() {}

    /** The line for a record: its value bytes when they are one compact JSON object, else the article written. */
    public static byte[] line(SinkRecord record) {
        byte[] value = record.value();
        if (value == null || !isOneLine(value)) {
            return line(record.article());
        }
        byte[] line = new byte[value.length + 1];
        System.arraycopy(value, 0, line, 0, value.length);
        line[value.length] = '\n';
        return line;
    }

    /**
     * Whether bytes that parsed as an article can stand as a line: an object from the first byte to the last (no
     * byte order mark, no surrounding white space) and no CR or LF byte (JSON strings escape them, so one can only
     * be formatting between tokens; UTF-8 never uses these bytes inside a multi-byte char).
     */
    static boolean isOneLine(byte[] value) {
        if (value.length < 2 || value[0] != '{' || value[value.length - 1] != '}') {
            return false;
        }
        for (byte b : value) {
            if (b == '\n' || b == '\r') {
                return false;
            }
        }
        return true;
    }

    /** The line for an article, newline included. */
    public static byte[] line(EnrichedArticle article) {
        try {
            byte[] json = WRITER.writeValueAsBytes(article);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write article " + article.id() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** Parses one line (without its newline). */
    public static EnrichedArticle parse(String line) {
        try {
            return READER.readValue(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an EnrichedArticle JSON line: " + e.getMessage(), e);
        }
    }
}

package io.khabar.sink.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Json;
import java.io.IOException;

/**
 * The binder of the JSON Lines target: an article to one line, exactly {@link Json#mapper()}'s compact
 * serialisation (UTF-8, Urdu unescaped, no newline inside) followed by {@code \n}; and back.
 */
public final class JsonLineBinder {

    private static final ObjectWriter WRITER = Json.mapper().writerFor(EnrichedArticle.class);
    private static final ObjectReader READER = Json.mapper().readerFor(EnrichedArticle.class);

    private JsonLineBinder() {
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
            throw new IllegalArgumentException("cannot write article " + article.id() + " as JSON: " + e.getMessage(), e);
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

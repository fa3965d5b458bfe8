package io.khabar.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Validates records against the JSON Schemas the model jar ships ({@code io/khabar/model/schema/*.schema.json},
 * draft 2020-12) with a real validator; shared with the other modules' tests through the model's test-jar.
 */
public final class RecordSchemas {

    /** Class-path location of the raw article's schema. */
    public static final String RAW = "io/khabar/model/schema/raw-article.schema.json";
    /** Class-path location of the enriched article's schema. */
    public static final String ENRICHED = "io/khabar/model/schema/enriched-article.schema.json";
    /** Class-path location of the dead-letter headers' schema. */
    public static final String DEAD_LETTER_HEADERS = "io/khabar/model/schema/dead-letter-headers.schema.json";

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema RAW_SCHEMA = load(RAW);
    private static final Schema ENRICHED_SCHEMA = load(ENRICHED);
    private static final Schema HEADERS_SCHEMA = load(DEAD_LETTER_HEADERS);

    private RecordSchemas() {}

    private static Schema load(String path) {
        return REGISTRY.getSchema(SchemaLocation.of("classpath:" + path));
    }

    /** The schema violations of an enriched record (empty when valid). */
    public static List<String> enrichedErrors(byte[] json) {
        return errors(ENRICHED_SCHEMA, json);
    }

    /** The schema violations of a raw record (empty when valid). */
    public static List<String> rawErrors(byte[] json) {
        return errors(RAW_SCHEMA, json);
    }

    /** The schema violations of a dead letter's headers (empty when valid). */
    public static List<String> deadLetterErrors(Headers headers) {
        return HEADERS_SCHEMA.validate(headersAsJson(headers)).stream()
                .map(Error::toString)
                .toList();
    }

    /** Fails, naming every violation, unless the bytes are a valid enriched record. */
    public static void assertValidEnriched(byte[] json) {
        fail("enriched article", enrichedErrors(json), json);
    }

    /** Fails, naming every violation, unless the bytes are a valid raw record. */
    public static void assertValidRaw(byte[] json) {
        fail("raw article", rawErrors(json), json);
    }

    /** Fails, naming every violation, unless the headers are valid dead-letter headers. */
    public static void assertValidDeadLetter(Headers headers) {
        List<String> errors = deadLetterErrors(headers);
        if (!errors.isEmpty()) {
            throw new AssertionError("dead-letter headers break " + DEAD_LETTER_HEADERS + ": " + errors + " in "
                    + headersAsJson(headers));
        }
    }

    /** The headers as the JSON object the schema describes: name to UTF-8 value, the last value of a repeated name. */
    public static ObjectNode headersAsJson(Headers headers) {
        ObjectNode o = Json.mapper().createObjectNode();
        for (Header h : headers) {
            o.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return o;
    }

    private static List<String> errors(Schema schema, byte[] json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            return schema.validate(node).stream().map(Error::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fail(String what, List<String> errors, byte[] json) {
        if (!errors.isEmpty()) {
            String text = new String(json, StandardCharsets.UTF_8);
            throw new AssertionError(what + " breaks its schema: " + errors + " in "
                    + (text.length() > 600 ? text.substring(0, 600) + "…" : text));
        }
    }
}

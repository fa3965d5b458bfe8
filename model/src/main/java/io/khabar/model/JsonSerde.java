package io.khabar.model;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for one of the model's records as UTF-8 JSON. Deserialisation failures throw
 * {@link SerializationException} with the reason, so that Kafka's deserialisation handlers can route the
 * record to the dead-letter topic. A null value (tombstone) stays null.
 *
 * @param <T> the record type
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonSerde(Class<T> type) {
        this.type = type;
        this.reader = Json.mapper().readerFor(type);
        this.writer = Json.mapper().writerFor(type);
    }

    /** A serde for the given record class. */
    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    /** Serde for {@link RawArticle}. */
    public static JsonSerde<RawArticle> rawArticle() {
        return of(RawArticle.class);
    }

    /** Serde for {@link EnrichedArticle}. */
    public static JsonSerde<EnrichedArticle> enrichedArticle() {
        return of(EnrichedArticle.class);
    }

    /** Writes the value as UTF-8 JSON bytes. */
    public byte[] toBytes(T value) {
        try {
            return value == null ? null : writer.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads UTF-8 JSON bytes; throws {@link SerializationException} saying why when they are not a valid record. */
    public T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return reader.readValue(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "not a valid " + type.getSimpleName() + " JSON record: " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

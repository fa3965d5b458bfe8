package io.khabar.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter records: the original bytes as value (and key), and headers that say which stage rejected the
 * record, why, and where it came from. Every stage writes them the same way so one consumer can read them all.
 */
public final class DeadLetters {

    /** Header: the stage that rejected the record ({@code ingest}, {@code enrich}, {@code sink}). */
    public static final String STAGE = "khabar.dlq.stage";
    /** Header: a short machine-readable reason, e.g. {@code invalid-utf8}, {@code empty-body}, {@code deserialization}. */
    public static final String REASON = "khabar.dlq.reason";
    /** Header: the exception class, when an exception caused it. */
    public static final String ERROR_CLASS = "khabar.dlq.error.class";
    /** Header: the human-readable message. */
    public static final String ERROR_MESSAGE = "khabar.dlq.error.message";
    /** Header: the topic the record was read from (or the file/URL for ingest). */
    public static final String SOURCE_TOPIC = "khabar.dlq.source.topic";
    /** Header: the partition it was read from. */
    public static final String SOURCE_PARTITION = "khabar.dlq.source.partition";
    /** Header: the offset it was read from. */
    public static final String SOURCE_OFFSET = "khabar.dlq.source.offset";
    /** Header: the source file or URL, for records rejected by ingest. */
    public static final String SOURCE_LOCATION = "khabar.dlq.source.location";
    /** Header: when it was rejected, ISO-8601. */
    public static final String TIME = "khabar.dlq.time";

    private DeadLetters() {
    }

    /** Why and where a record was rejected. Topic, partition and offset are null/-1 for records not read from Kafka. */
    public record Reason(String stage, String reason, String message, Throwable error,
                         String sourceTopic, int sourcePartition, long sourceOffset, String sourceLocation) {

        /** A rejection of a record read from Kafka. */
        public static Reason ofRecord(String stage, String reason, String message, Throwable error,
                                      String topic, int partition, long offset) {
            return new Reason(stage, reason, message, error, topic, partition, offset, null);
        }

        /** A rejection of an input that never was a Kafka record (a file, a URL). */
        public static Reason ofInput(String stage, String reason, String message, String location) {
            return new Reason(stage, reason, message, null, null, -1, -1L, location);
        }
    }

    /** The headers describing a rejection, added to (a copy of) the original headers. */
    public static Headers headers(Headers original, Reason why, Instant now) {
        RecordHeaders h = new RecordHeaders(original == null ? new Header[0] : original.toArray());
        put(h, STAGE, why.stage());
        put(h, REASON, why.reason());
        put(h, ERROR_MESSAGE, why.message());
        if (why.error() != null) {
            put(h, ERROR_CLASS, why.error().getClass().getName());
        }
        if (why.sourceTopic() != null) {
            put(h, SOURCE_TOPIC, why.sourceTopic());
            put(h, SOURCE_PARTITION, String.valueOf(why.sourcePartition()));
            put(h, SOURCE_OFFSET, String.valueOf(why.sourceOffset()));
        }
        if (why.sourceLocation() != null) {
            put(h, SOURCE_LOCATION, why.sourceLocation());
        }
        put(h, TIME, now.toString());
        return h;
    }

    /** A record for the {@link Topics#DEAD_LETTER} topic carrying the original key and value bytes. */
    public static ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value, Headers original, Reason why, Instant now) {
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, key, value, headers(original, why, now));
    }

    /** The value of a header as a UTF-8 string, or null when absent. */
    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void put(RecordHeaders h, String name, String value) {
        h.remove(name);
        if (value != null) {
            h.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}

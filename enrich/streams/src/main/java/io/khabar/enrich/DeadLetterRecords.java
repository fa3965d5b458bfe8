package io.khabar.enrich;

import io.khabar.model.DeadLetters;
import io.khabar.model.Stage;
import io.khabar.model.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds the enrich stage's dead letters: original key and value bytes, the original headers, and the
 * {@link DeadLetters} headers with stage {@code enrich}. Where the record came through one of the app's
 * repartition topics, the raw-topic coordinates come from the provenance headers the topology adds.
 */
final class DeadLetterRecords {

    /** Internal header: the raw topic the record was read from (stripped from outputs). */
    static final String RAW_TOPIC = "khabar.enrich.raw.topic";
    /** Internal header: the raw partition. */
    static final String RAW_PARTITION = "khabar.enrich.raw.partition";
    /** Internal header: the raw offset. */
    static final String RAW_OFFSET = "khabar.enrich.raw.offset";
    /** Header: the article id, set by the validate step (so the content-hash step needs no parse). */
    static final String RAW_ID = "khabar.enrich.raw.id";
    /** Header: the article's content hash, set by the validate step. */
    static final String RAW_CONTENT_HASH = "khabar.enrich.raw.content-hash";

    private DeadLetterRecords() {}

    static String topic(Map<String, ?> configs) {
        Object t = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        return t == null || String.valueOf(t).isBlank() ? Topics.DEAD_LETTER : String.valueOf(t);
    }

    static EnrichMetrics metrics(Map<String, ?> configs) {
        Object m = configs.get(EnrichSettings.METRICS_CONFIG);
        return m instanceof EnrichMetrics em ? em : EnrichMetrics.inMemory();
    }

    /** The rejection in the cause chain, if any. */
    static RejectedRecordException rejection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RejectedRecordException r) {
                return r;
            }
        }
        return null;
    }

    /** The reason of the rejection in the cause chain, else the fallback. */
    static String reasonOf(Throwable e, String fallback) {
        RejectedRecordException r = rejection(e);
        return r == null ? fallback : r.reason();
    }

    /** The raw record behind the source record that a verdict step is processing (see {@link #emitting}). */
    private record Emitting(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers) {}

    private static final ThreadLocal<Emitting> EMITTING = new ThreadLocal<>();

    /**
     * Declares, for the stream thread, that the source record at topic/partition/offset (a content verdict) stands
     * for the raw article with this key, value and headers, so that a dead letter made while it is processed
     * carries the article and not the verdict. A later source record has other coordinates, so a stale entry is
     * never used.
     */
    static void emitting(String topic, int partition, long offset, String key, byte[] value, Headers headers) {
        EMITTING.set(new Emitting(topic, partition, offset, key.getBytes(StandardCharsets.UTF_8), value, headers));
    }

    /**
     * The dead letter for the record a handler was called about: its source record's key, value and headers, or
     * the raw article's when the source record is a verdict standing for one (see {@link #emitting}).
     */
    static ProducerRecord<byte[], byte[]> build(
            String dlqTopic, ErrorHandlerContext context, String reason, Throwable e) {
        Emitting x = EMITTING.get();
        boolean raw = x != null
                && x.topic.equals(context.topic())
                && x.partition == context.partition()
                && x.offset == context.offset();
        return build(
                dlqTopic,
                raw ? x.key : context.sourceRawKey(),
                raw ? x.value : context.sourceRawValue(),
                raw ? x.headers : context.headers(),
                context.topic(),
                context.partition(),
                context.offset(),
                reason,
                e);
    }

    static ProducerRecord<byte[], byte[]> build(
            String dlqTopic,
            byte[] key,
            byte[] value,
            Headers headers,
            String topic,
            int partition,
            long offset,
            String reason,
            Throwable e) {
        RejectedRecordException r = rejection(e);
        Throwable error = r != null && r.getCause() != null ? r.getCause() : r != null ? r : e;
        String message = r != null ? r.getMessage() : String.valueOf(e.getMessage());
        RecordHeaders original = new RecordHeaders();
        String srcTopic = topic;
        int srcPartition = partition;
        long srcOffset = offset;
        if (headers != null) {
            for (Header h : headers) {
                switch (h.key()) {
                    case RAW_TOPIC -> srcTopic = text(h);
                    case RAW_PARTITION -> srcPartition = Integer.parseInt(text(h));
                    case RAW_OFFSET -> srcOffset = Long.parseLong(text(h));
                    case RAW_ID, RAW_CONTENT_HASH -> {} // the app's own bookkeeping, not the producer's headers
                    default -> original.add(h);
                }
            }
        }
        return DeadLetters.builder(Stage.ENRICH, reason)
                .topic(dlqTopic)
                .message(message)
                .error(error)
                .source(srcTopic, srcPartition, srcOffset)
                .key(key)
                .value(value)
                .headers(original)
                .build();
    }

    private static String text(Header h) {
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}

package io.khabar.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead-letter records: the original bytes as value (and key), and headers that say which stage rejected the
 * record, why, and where it came from. Every stage builds them with {@link #builder(Stage, String)}, so one
 * consumer can read them all.
 *
 * <h2>A dead letter always fits</h2>
 * The builder bounds everything a source controls, so a dead letter is never refused by the broker for its size
 * (a refused dead letter would stop the stage, see below): the value is cut to {@link #DEFAULT_MAX_VALUE_BYTES}
 * (then {@link #VALUE_TRUNCATED} is {@code true}, {@link #VALUE_ORIGINAL_BYTES} holds the original length and
 * {@link #VALUE_SHA256} its hash), the key to {@link #MAX_KEY_BYTES}, the copied original headers to
 * {@link #MAX_ORIGINAL_HEADER_BYTES} in all ({@link #HEADERS_DROPPED} counts the ones left out), the message and
 * the location to {@link #MAX_TEXT_CHARS} characters. The source topic, partition and offset always point back to
 * the whole original while the topic retains it.
 *
 * <h2>When a dead letter cannot be written</h2>
 * One policy in every stage: the rejected input is never counted as handled. Ingest counts it as a failed
 * input (the run reports it and does not exit 0); enrich fails the task so the transaction with the record's
 * offset is not committed, and a restart reads the record again; the sink stops without storing the record's
 * position, so a restart reads it again. Such a failure is about the dead-letter topic (missing, not writable,
 * broker down), never about the record, since the record always fits.
 */
public final class DeadLetters {

    /** Header: the stage that rejected the record ({@link Stage#id()}: {@code ingest}, {@code enrich}, {@code sink}). */
    public static final String STAGE = "khabar.dlq.stage";
    /** Header: a short machine-readable reason from {@link DeadLetterReasons}, e.g. {@code empty-body}. */
    public static final String REASON = "khabar.dlq.reason";
    /** Header: the exception class, when an exception caused it. */
    public static final String ERROR_CLASS = "khabar.dlq.error.class";
    /** Header: the human-readable message (never prefixed with the reason). */
    public static final String ERROR_MESSAGE = "khabar.dlq.error.message";
    /** Header: the topic the record was read from. */
    public static final String SOURCE_TOPIC = "khabar.dlq.source.topic";
    /** Header: the partition it was read from. */
    public static final String SOURCE_PARTITION = "khabar.dlq.source.partition";
    /** Header: the offset it was read from. */
    public static final String SOURCE_OFFSET = "khabar.dlq.source.offset";
    /** Header: the source file or URL, for records rejected by ingest. */
    public static final String SOURCE_LOCATION = "khabar.dlq.source.location";
    /** Header: when it was rejected, ISO-8601. */
    public static final String TIME = "khabar.dlq.time";
    /** Header: {@code true} when the value is only the first bytes of the original. */
    public static final String VALUE_TRUNCATED = "khabar.dlq.value.truncated";
    /** Header: the length in bytes of the original value, when it was cut. */
    public static final String VALUE_ORIGINAL_BYTES = "khabar.dlq.value.original.bytes";
    /** Header: the SHA-256 (hex) of the original value, when it was cut. */
    public static final String VALUE_SHA256 = "khabar.dlq.value.sha256";
    /** Header: {@code true} when the key is only the first bytes of the original. */
    public static final String KEY_TRUNCATED = "khabar.dlq.key.truncated";
    /** Header: the length in bytes of the original key, when it was cut. */
    public static final String KEY_ORIGINAL_BYTES = "khabar.dlq.key.original.bytes";
    /** Header: how many of the original record's headers were left out to keep the dead letter small. */
    public static final String HEADERS_DROPPED = "khabar.dlq.headers.dropped";

    /** Default limit of a dead letter's value: the first 256 KiB of the original. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 256 * 1024;
    /** Limit of a dead letter's key. */
    public static final int MAX_KEY_BYTES = 4 * 1024;
    /** Limit of the original headers copied, names and values together. */
    public static final int MAX_ORIGINAL_HEADER_BYTES = 16 * 1024;
    /** Limit of the message and location headers, in characters. */
    public static final int MAX_TEXT_CHARS = 2000;

    private DeadLetters() {}

    /** A builder for a dead letter written by the given stage for the given {@link DeadLetterReasons reason}. */
    public static Builder builder(Stage stage, String reason) {
        return new Builder(stage, reason);
    }

    /** The value of a header as a UTF-8 string, or null when absent. */
    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Builds one dead-letter record; every stage's dead letters are made here. */
    public static final class Builder {
        private final Stage stage;
        private final String reason;
        private String topic = Topics.DEAD_LETTER;
        private String message;
        private Throwable error;
        private String sourceTopic;
        private int sourcePartition = -1;
        private long sourceOffset = -1;
        private String sourceLocation;
        private byte[] key;
        private byte[] value;
        private Headers original;
        private int maxValueBytes = DEFAULT_MAX_VALUE_BYTES;
        private Instant time;

        private Builder(Stage stage, String reason) {
            if (stage == null || reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a dead letter needs a stage and a reason");
            }
            this.stage = stage;
            this.reason = reason;
        }

        /** The dead-letter topic (default {@link Topics#DEAD_LETTER}). */
        public Builder topic(String deadLetterTopic) {
            this.topic = deadLetterTopic;
            return this;
        }

        /** The human-readable message, without the reason in front. */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** The exception that caused the rejection; its class goes to {@link #ERROR_CLASS}. */
        public Builder error(Throwable error) {
            this.error = error;
            return this;
        }

        /** Where a record read from Kafka came from. */
        public Builder source(String topic, int partition, long offset) {
            this.sourceTopic = topic;
            this.sourcePartition = partition;
            this.sourceOffset = offset;
            return this;
        }

        /** The file or URL of an input that never was a Kafka record. */
        public Builder location(String location) {
            this.sourceLocation = location;
            return this;
        }

        /** The original key bytes (cut to {@link #MAX_KEY_BYTES}). */
        public Builder key(byte[] key) {
            this.key = key;
            return this;
        }

        /** The original value bytes (cut to the value limit). */
        public Builder value(byte[] value) {
            this.value = value;
            return this;
        }

        /** The original record's headers, copied in front of the dead-letter headers within a byte budget. */
        public Builder headers(Headers original) {
            this.original = original;
            return this;
        }

        /** Lowers or raises the value limit (default {@link #DEFAULT_MAX_VALUE_BYTES}). */
        public Builder maxValueBytes(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxValueBytes must be >= 0");
            }
            this.maxValueBytes = max;
            return this;
        }

        /** The time of the rejection (default now). */
        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        /** The bounded dead-letter record. */
        public ProducerRecord<byte[], byte[]> build() {
            RecordHeaders h = new RecordHeaders();
            int dropped = copyOriginal(h);
            put(h, STAGE, stage.id());
            put(h, REASON, reason);
            put(
                    h,
                    ERROR_MESSAGE,
                    cut(message == null ? (error == null ? reason : String.valueOf(error.getMessage())) : message));
            if (error != null) {
                put(h, ERROR_CLASS, error.getClass().getName());
            }
            if (sourceTopic != null) {
                put(h, SOURCE_TOPIC, cut(sourceTopic));
                put(h, SOURCE_PARTITION, String.valueOf(sourcePartition));
                put(h, SOURCE_OFFSET, String.valueOf(sourceOffset));
            }
            if (sourceLocation != null) {
                put(h, SOURCE_LOCATION, cut(sourceLocation));
            }
            byte[] k = key;
            if (k != null && k.length > MAX_KEY_BYTES) {
                put(h, KEY_TRUNCATED, "true");
                put(h, KEY_ORIGINAL_BYTES, String.valueOf(k.length));
                k = Arrays.copyOf(k, MAX_KEY_BYTES);
            }
            byte[] v = value;
            if (v != null && v.length > maxValueBytes) {
                put(h, VALUE_TRUNCATED, "true");
                put(h, VALUE_ORIGINAL_BYTES, String.valueOf(v.length));
                put(h, VALUE_SHA256, sha256(v));
                v = Arrays.copyOf(v, maxValueBytes);
            }
            if (dropped > 0) {
                put(h, HEADERS_DROPPED, String.valueOf(dropped));
            }
            put(h, TIME, (time == null ? Instant.now() : time).toString());
            return new ProducerRecord<>(topic, null, k, v, h);
        }

        /** Copies original headers (not ours) while they fit the budget; returns how many were left out. */
        private int copyOriginal(RecordHeaders h) {
            if (original == null) {
                return 0;
            }
            int budget = MAX_ORIGINAL_HEADER_BYTES;
            int dropped = 0;
            for (Header o : original) {
                if (o.key() == null || o.key().startsWith("khabar.dlq.")) {
                    continue; // an earlier stage's dead-letter headers are not this record's story
                }
                int size = o.key().length() * 3 + (o.value() == null ? 0 : o.value().length);
                if (size > budget) {
                    dropped++;
                } else {
                    budget -= size;
                    h.add(o.key(), o.value());
                }
            }
            return dropped;
        }
    }

    private static String cut(String s) {
        if (s.length() <= MAX_TEXT_CHARS) {
            return s;
        }
        int end = MAX_TEXT_CHARS;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "… (" + s.length() + " characters)";
    }

    private static String sha256(byte[] v) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(v));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void put(RecordHeaders h, String name, String value) {
        h.remove(name);
        if (value != null) {
            h.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}

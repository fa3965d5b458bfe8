package io.khabar.enrich;

import io.khabar.model.Topics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The enrich app's own settings, read from the same properties as the Kafka Streams settings. Each key has its
 * name, default and meaning next to each other.
 *
 * @param maxInputBytes     largest title + body (UTF-8 bytes) enriched; larger articles are dead-lettered {@code too-large}
 * @param maxOutputBytes    largest serialised enriched record; larger ones are dead-lettered {@code output-too-large}
 * @param dedupRetention    how long article versions and content hashes are remembered for deduplication
 * @param dedupStore        {@code rocksdb} (default) or {@code in-memory} for the deduplication stores
 * @param deadLetterTopic   where dead letters go ({@value StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG})
 * @param dedupContent      whether the same content under another article id is dropped (needs two repartitions)
 */
public record EnrichSettings(long maxInputBytes, long maxOutputBytes, Duration dedupRetention, String dedupStore,
                             String deadLetterTopic, boolean dedupContent) {

    /** Key: largest title + body in UTF-8 bytes. */
    public static final String MAX_INPUT_BYTES_CONFIG = "khabar.enrich.max.input.bytes";
    /** Default: 1 MiB, the ingest limit. */
    public static final long MAX_INPUT_BYTES_DEFAULT = 1024L * 1024;

    /** Key: largest serialised enriched record. */
    public static final String MAX_OUTPUT_BYTES_CONFIG = "khabar.enrich.max.output.bytes";
    /** Default: the enriched topic's 8 MiB message limit less 64 KiB for key, headers and batch overhead. */
    public static final long MAX_OUTPUT_BYTES_DEFAULT = 8L * 1024 * 1024 - 64 * 1024;

    /** Key: deduplication memory, in milliseconds. */
    public static final String DEDUP_RETENTION_MS_CONFIG = "khabar.enrich.dedup.retention.ms";
    /** Default: 7 days, the raw topic's retention, so a replay of the raw topic is deduplicated. */
    public static final long DEDUP_RETENTION_MS_DEFAULT = Duration.ofDays(7).toMillis();

    /** Key: store kind for the deduplication stores, {@code rocksdb} or {@code in-memory}. */
    public static final String DEDUP_STORE_CONFIG = "khabar.enrich.dedup.store";
    /** Default: RocksDB (on disk, bounded by retention). */
    public static final String DEDUP_STORE_DEFAULT = "rocksdb";

    /**
     * Key: drop an article whose title and body were already enriched under another id. Costs two repartition
     * topics (the check is keyed by content hash, the output by id); {@code false} enriches every id on the raw
     * topic's own partitions, with one Streams hop instead of three.
     */
    public static final String DEDUP_CONTENT_CONFIG = "khabar.enrich.dedup.content";
    /** Default: on. */
    public static final boolean DEDUP_CONTENT_DEFAULT = true;

    /** Key under which the app passes its {@link EnrichMetrics} object to the exception handlers. */
    public static final String METRICS_CONFIG = "khabar.enrich.metrics";

    public EnrichSettings {
        if (maxInputBytes <= 0 || maxOutputBytes <= 0) {
            throw new IllegalArgumentException(MAX_INPUT_BYTES_CONFIG + " and " + MAX_OUTPUT_BYTES_CONFIG
                    + " must be positive");
        }
        if (dedupRetention.toMillis() < 60_000) {
            throw new IllegalArgumentException(DEDUP_RETENTION_MS_CONFIG + " must be at least 60000 (one minute), was "
                    + dedupRetention.toMillis());
        }
        dedupStore = dedupStore.toLowerCase(Locale.ROOT);
        if (!dedupStore.equals("rocksdb") && !dedupStore.equals("in-memory")) {
            throw new IllegalArgumentException(DEDUP_STORE_CONFIG + " must be rocksdb or in-memory, was " + dedupStore);
        }
    }

    /** All defaults. */
    public static EnrichSettings defaults() {
        return from(new Properties());
    }

    /** Settings from properties (also accepts the Streams properties as a whole); unknown keys are ignored. */
    public static EnrichSettings from(Map<?, ?> p) {
        return new EnrichSettings(
                longOf(p, MAX_INPUT_BYTES_CONFIG, MAX_INPUT_BYTES_DEFAULT),
                longOf(p, MAX_OUTPUT_BYTES_CONFIG, MAX_OUTPUT_BYTES_DEFAULT),
                Duration.ofMillis(longOf(p, DEDUP_RETENTION_MS_CONFIG, DEDUP_RETENTION_MS_DEFAULT)),
                stringOf(p, DEDUP_STORE_CONFIG, DEDUP_STORE_DEFAULT),
                stringOf(p, StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER),
                booleanOf(p, DEDUP_CONTENT_CONFIG, DEDUP_CONTENT_DEFAULT));
    }

    /** Copy with another retention. */
    public EnrichSettings withDedupRetention(Duration retention) {
        return new EnrichSettings(maxInputBytes, maxOutputBytes, retention, dedupStore, deadLetterTopic, dedupContent);
    }

    /** Copy with another output limit. */
    public EnrichSettings withMaxOutputBytes(long bytes) {
        return new EnrichSettings(maxInputBytes, bytes, dedupRetention, dedupStore, deadLetterTopic, dedupContent);
    }

    /** Copy with content deduplication on or off. */
    public EnrichSettings withDedupContent(boolean on) {
        return new EnrichSettings(maxInputBytes, maxOutputBytes, dedupRetention, dedupStore, deadLetterTopic, on);
    }

    private static long longOf(Map<?, ?> p, String key, long dflt) {
        Object v = p.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'", e);
        }
    }

    private static boolean booleanOf(Map<?, ?> p, String key, boolean dflt) {
        Object v = p.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            return dflt;
        }
        String t = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, was '" + v + "'");
        }
        return Boolean.parseBoolean(t);
    }

    private static String stringOf(Map<?, ?> p, String key, String dflt) {
        Object v = p.get(key);
        return v == null || String.valueOf(v).isBlank() ? dflt : String.valueOf(v).trim();
    }
}

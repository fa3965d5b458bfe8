package io.khabar.enrich;

import io.khabar.model.config.ConfigTables;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The enrich app's own settings, read from the same properties as the Kafka Streams settings (other keys are
 * ignored here and go to Streams). Every key is declared once in {@link #CONFIG_DEF} with its type, default,
 * validator, importance, group and doc, as Kafka's own configs are; the table in docs/enrich.md is generated from
 * it ({@link #markdownTable()}). The dead-letter topic is Streams' own
 * {@code errors.dead.letter.queue.topic.name}, read by the handlers, not a key of this class.
 */
public final class EnrichSettings extends AbstractConfig {

    /** Group of the limits on what is enriched. */
    public static final String GROUP_LIMITS = "Limits";
    /** Group of the deduplication keys. */
    public static final String GROUP_DEDUP = "Deduplication";

    /** Key: largest title + body in UTF-8 bytes. */
    public static final String MAX_INPUT_BYTES_CONFIG = "khabar.enrich.max.input.bytes";
    /** Default: 1 MiB, the ingest limit. */
    public static final long MAX_INPUT_BYTES_DEFAULT = 1024L * 1024;

    private static final String MAX_INPUT_BYTES_DOC = "Largest title + body (UTF-8 bytes) enriched; a larger article"
            + " is dead-lettered as too-large. The default is the ingest limit.";

    /** Key: largest serialised enriched record. */
    public static final String MAX_OUTPUT_BYTES_CONFIG = "khabar.enrich.max.output.bytes";
    /** Default: the enriched topic's 8 MiB message limit less 64 KiB for key, headers and batch overhead. */
    public static final long MAX_OUTPUT_BYTES_DEFAULT = 8L * 1024 * 1024 - 64 * 1024;

    private static final String MAX_OUTPUT_BYTES_DOC = "Largest serialised enriched record; a larger one is"
            + " dead-lettered as output-too-large. The default is the topic's 8 MiB message limit less 64 KiB for key,"
            + " headers and batch overhead.";

    /** Key: deduplication memory, in milliseconds. */
    public static final String DEDUP_RETENTION_MS_CONFIG = "khabar.enrich.dedup.retention.ms";
    /** Default: 7 days, the raw topic's retention, so a replay of the raw topic is deduplicated. */
    public static final long DEDUP_RETENTION_MS_DEFAULT = Duration.ofDays(7).toMillis();

    private static final String DEDUP_RETENTION_MS_DOC = "How long article versions and content hashes are"
            + " remembered for deduplication (stream time), at least one minute. The default is the raw topic's"
            + " retention, so a replay of the raw topic is deduplicated.";

    /** Store kind: RocksDB, on disk, bounded by the retention. */
    public static final String DEDUP_STORE_ROCKSDB = "rocksdb";
    /** Store kind: on the heap, still bounded by the retention and restored from the changelog. */
    public static final String DEDUP_STORE_IN_MEMORY = "in-memory";
    /** Key: store kind for the deduplication stores, {@code rocksdb} or {@code in-memory}. */
    public static final String DEDUP_STORE_CONFIG = "khabar.enrich.dedup.store";
    /** Default: RocksDB (on disk, bounded by retention). */
    public static final String DEDUP_STORE_DEFAULT = DEDUP_STORE_ROCKSDB;

    private static final String DEDUP_STORE_DOC = "Where the deduplication stores live: rocksdb (on disk) or"
            + " in-memory (on the heap); both are bounded by the retention and restored from their changelog.";

    /**
     * Key: drop an article whose title and body were already enriched under another id. Costs two repartition
     * topics (the check is keyed by content hash, the output by id); {@code false} enriches every id on the raw
     * topic's own partitions, with one Streams hop instead of three.
     */
    public static final String DEDUP_CONTENT_CONFIG = "khabar.enrich.dedup.content";
    /** Default: on. */
    public static final boolean DEDUP_CONTENT_DEFAULT = true;

    private static final String DEDUP_CONTENT_DOC = "Drop an article whose title and body were already enriched"
            + " under another id. Costs two repartition topics of small claims and verdicts, one more transaction"
            + " hop per article and a store of articles waiting for their verdict; false enriches every id on the"
            + " raw topic's own"
            + " partitions (khabar enrich --no-dedup-content).";

    /** Key under which the app passes its {@link EnrichMetrics} object to the exception handlers (not a setting). */
    public static final String METRICS_CONFIG = "khabar.enrich.metrics";

    /** Every key of this class, with type, default, validator, importance, group and doc. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    MAX_INPUT_BYTES_CONFIG,
                    Type.LONG,
                    MAX_INPUT_BYTES_DEFAULT,
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    MAX_INPUT_BYTES_DOC,
                    GROUP_LIMITS,
                    1,
                    Width.SHORT,
                    "Largest input")
            .define(
                    MAX_OUTPUT_BYTES_CONFIG,
                    Type.LONG,
                    MAX_OUTPUT_BYTES_DEFAULT,
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    MAX_OUTPUT_BYTES_DOC,
                    GROUP_LIMITS,
                    2,
                    Width.SHORT,
                    "Largest output")
            .define(
                    DEDUP_RETENTION_MS_CONFIG,
                    Type.LONG,
                    DEDUP_RETENTION_MS_DEFAULT,
                    Range.atLeast(60_000),
                    Importance.MEDIUM,
                    DEDUP_RETENTION_MS_DOC,
                    GROUP_DEDUP,
                    1,
                    Width.SHORT,
                    "Retention")
            .define(
                    DEDUP_STORE_CONFIG,
                    Type.STRING,
                    DEDUP_STORE_DEFAULT,
                    ValidString.in(DEDUP_STORE_ROCKSDB, DEDUP_STORE_IN_MEMORY),
                    Importance.LOW,
                    DEDUP_STORE_DOC,
                    GROUP_DEDUP,
                    2,
                    Width.SHORT,
                    "Store")
            .define(
                    DEDUP_CONTENT_CONFIG,
                    Type.BOOLEAN,
                    DEDUP_CONTENT_DEFAULT,
                    Importance.MEDIUM,
                    DEDUP_CONTENT_DOC,
                    GROUP_DEDUP,
                    3,
                    Width.SHORT,
                    "Content dedup");

    private EnrichSettings(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
    }

    /** All defaults. */
    public static EnrichSettings defaults() {
        return from(Map.of());
    }

    /**
     * Settings from properties (also accepts the Streams properties as a whole: keys not declared here are left
     * alone); throws {@link ConfigException} naming the key and value when a setting is invalid.
     */
    public static EnrichSettings from(Map<?, ?> properties) {
        Map<String, Object> own = new HashMap<>();
        for (Map.Entry<?, ?> e : properties.entrySet()) {
            if (e.getKey() instanceof String k && CONFIG_DEF.names().contains(k)) {
                Object v = e.getValue();
                // Kafka accepts "TRUE" but not " true "; the store names are lower case.
                own.put(k, v instanceof String s ? normalise(k, s) : v);
            }
        }
        return new EnrichSettings(own);
    }

    private static String normalise(String key, String value) {
        String t = value.trim();
        return key.equals(DEDUP_STORE_CONFIG) ? t.toLowerCase(Locale.ROOT) : t;
    }

    /** {@value #MAX_INPUT_BYTES_CONFIG}. */
    public long maxInputBytes() {
        return getLong(MAX_INPUT_BYTES_CONFIG);
    }

    /** {@value #MAX_OUTPUT_BYTES_CONFIG}. */
    public long maxOutputBytes() {
        return getLong(MAX_OUTPUT_BYTES_CONFIG);
    }

    /** {@value #DEDUP_RETENTION_MS_CONFIG}. */
    public Duration dedupRetention() {
        return Duration.ofMillis(getLong(DEDUP_RETENTION_MS_CONFIG));
    }

    /** {@value #DEDUP_STORE_CONFIG}: {@value #DEDUP_STORE_ROCKSDB} or {@value #DEDUP_STORE_IN_MEMORY}. */
    public String dedupStore() {
        return getString(DEDUP_STORE_CONFIG);
    }

    /** {@value #DEDUP_CONTENT_CONFIG}. */
    public boolean dedupContent() {
        return getBoolean(DEDUP_CONTENT_CONFIG);
    }

    /** Copy with another retention. */
    public EnrichSettings withDedupRetention(Duration retention) {
        return with(DEDUP_RETENTION_MS_CONFIG, retention.toMillis());
    }

    /** Copy with another output limit. */
    public EnrichSettings withMaxOutputBytes(long bytes) {
        return with(MAX_OUTPUT_BYTES_CONFIG, bytes);
    }

    /** Copy with content deduplication on or off. */
    public EnrichSettings withDedupContent(boolean on) {
        return with(DEDUP_CONTENT_CONFIG, on);
    }

    /** Copy with one key set to another value (validated like any other). */
    public EnrichSettings with(String key, Object value) {
        Map<String, Object> copy = new HashMap<>(originals());
        copy.put(key, value);
        return new EnrichSettings(copy);
    }

    /** The settings table of docs/enrich.md, generated from {@link #CONFIG_DEF}. */
    public static String markdownTable() {
        return ConfigTables.markdown(CONFIG_DEF);
    }

    @Override
    public String toString() {
        return "EnrichSettings" + values();
    }
}

package io.khabar.enrich.stories;

import io.khabar.model.config.ConfigTables;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of story detection (near-duplicates across outlets) and trending entities, read from the enrich app's
 * properties. Every key is declared once in {@link #CONFIG_DEF} (type, default, validator, doc), from which the
 * settings table of docs/enrich.md is generated; see docs/stories.md.
 *
 * @param enabled       whether stories and trends are computed (adds three internal topics)
 * @param threshold     estimated Jaccard similarity at or above which two articles are the same story
 * @param shingle       words per shingle
 * @param bands         LSH bands (each band partition gets one small record per article and answers all its bands)
 * @param rows          signature values per band; bands × rows is the signature length
 * @param retention     how long articles stay candidates (band store) and resolved articles can be corrected
 * @param maxBucket     most members of one band bucket compared with a new article (the earliest are kept)
 * @param maxCorrections most later members one band tells of a new, earlier article (the earliest of them)
 * @param hourGrace     grace period of the hourly trending windows
 * @param dayGrace      grace period of the daily trending windows
 * @param trendingSkipClosed whether an entity count whose hour and day windows have closed is dropped before the
 *                      trending repartition (it would be dropped after it)
 */
public record StorySettings(
        boolean enabled,
        double threshold,
        int shingle,
        int bands,
        int rows,
        Duration retention,
        int maxBucket,
        int maxCorrections,
        Duration hourGrace,
        Duration dayGrace,
        boolean trendingSkipClosed) {

    /**
     * Key: compute stories and trending entities ({@code true}/{@code false}); default true. Off, the enriched records
     * carry no storyId and nothing is trended (docs/stories.md).
     */
    public static final String ENABLED_CONFIG = "khabar.enrich.stories";
    /** Key: similarity threshold, (0, 1]; default {@value #THRESHOLD_DEFAULT}. */
    public static final String THRESHOLD_CONFIG = "khabar.enrich.stories.threshold";
    /** Default threshold, chosen on the labelled real-news sample (docs/stories.md). */
    public static final double THRESHOLD_DEFAULT = 0.4;
    /** Key: words per shingle; default 3. */
    public static final String SHINGLE_CONFIG = "khabar.enrich.stories.shingle";
    /** Key: LSH bands, 1..64; default 24. */
    public static final String BANDS_CONFIG = "khabar.enrich.stories.bands";
    /** Key: rows per band; default 3. */
    public static final String ROWS_CONFIG = "khabar.enrich.stories.rows";
    /** Key: candidate memory in ms; default 7 days. */
    public static final String RETENTION_MS_CONFIG = "khabar.enrich.stories.retention.ms";
    /** Key: bucket size cap; default 200. */
    public static final String MAX_BUCKET_CONFIG = "khabar.enrich.stories.max.bucket";
    /** Key: most corrections one band sends for a new article; default 8. */
    public static final String MAX_CORRECTIONS_CONFIG = "khabar.enrich.stories.max.corrections";
    /** Key: grace of hourly trending windows in ms; default 6 hours. */
    public static final String HOUR_GRACE_MS_CONFIG = "khabar.enrich.trending.hour.grace.ms";
    /** Key: grace of daily trending windows in ms; default 2 days. */
    public static final String DAY_GRACE_MS_CONFIG = "khabar.enrich.trending.day.grace.ms";
    /** Key: drop counts for closed windows before the trending repartition; default true. */
    public static final String SKIP_CLOSED_CONFIG = "khabar.enrich.trending.skip.closed";

    private static final String GROUP = "Stories and trends";

    /** Every story and trending key with its type, default, validator, importance and doc. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    ENABLED_CONFIG,
                    Type.BOOLEAN,
                    true,
                    Importance.HIGH,
                    "Group near-duplicate articles into stories (storyId, storySimilarity on every enriched record) and"
                            + " count trending entities. Adds three repartition topics and five stores; a story"
                            + " correction re-emits an article (header khabar.story.correction); see docs/stories.md.",
                    GROUP,
                    1,
                    ConfigDef.Width.SHORT,
                    ENABLED_CONFIG)
            .define(
                    THRESHOLD_CONFIG,
                    Type.DOUBLE,
                    THRESHOLD_DEFAULT,
                    Range.between(0.0, 1.0),
                    Importance.MEDIUM,
                    "Estimated Jaccard similarity at or above which two articles are the same story (above 0).",
                    GROUP,
                    2,
                    ConfigDef.Width.SHORT,
                    THRESHOLD_CONFIG)
            .define(
                    SHINGLE_CONFIG,
                    Type.INT,
                    3,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Words per shingle.",
                    GROUP,
                    3,
                    ConfigDef.Width.SHORT,
                    SHINGLE_CONFIG)
            .define(
                    BANDS_CONFIG,
                    Type.INT,
                    24,
                    Range.between(1, 64),
                    Importance.LOW,
                    "LSH bands, at most 64; each story repartition carries one small record per article and band partition.",
                    GROUP,
                    4,
                    ConfigDef.Width.SHORT,
                    BANDS_CONFIG)
            .define(
                    ROWS_CONFIG,
                    Type.INT,
                    3,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Signature values per band; bands x rows is the signature length.",
                    GROUP,
                    5,
                    ConfigDef.Width.SHORT,
                    ROWS_CONFIG)
            .define(
                    RETENTION_MS_CONFIG,
                    Type.LONG,
                    Duration.ofDays(7).toMillis(),
                    Range.atLeast(60_000),
                    Importance.MEDIUM,
                    "How long (processing time) an article stays a story candidate and can be corrected; also the"
                            + " retention of the story stores.",
                    GROUP,
                    6,
                    ConfigDef.Width.SHORT,
                    RETENTION_MS_CONFIG)
            .define(
                    MAX_BUCKET_CONFIG,
                    Type.INT,
                    200,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Most members of one band bucket compared with a new article (the earliest are kept).",
                    GROUP,
                    7,
                    ConfigDef.Width.SHORT,
                    MAX_BUCKET_CONFIG)
            .define(
                    MAX_CORRECTIONS_CONFIG,
                    Type.INT,
                    8,
                    Range.atLeast(0),
                    Importance.LOW,
                    "Most later members of a band bucket told that a new article is an earlier story for them (the"
                            + " earliest of them); bounds the messages and re-emitted records per article when an early"
                            + " article arrives after many copies.",
                    GROUP,
                    8,
                    ConfigDef.Width.SHORT,
                    MAX_CORRECTIONS_CONFIG)
            .define(
                    HOUR_GRACE_MS_CONFIG,
                    Type.LONG,
                    Duration.ofHours(6).toMillis(),
                    Range.atLeast(0),
                    Importance.MEDIUM,
                    "Grace period of the hourly trending windows (event time).",
                    GROUP,
                    9,
                    ConfigDef.Width.SHORT,
                    HOUR_GRACE_MS_CONFIG)
            .define(
                    DAY_GRACE_MS_CONFIG,
                    Type.LONG,
                    Duration.ofDays(2).toMillis(),
                    Range.atLeast(0),
                    Importance.MEDIUM,
                    "Grace period of the daily trending windows (event time).",
                    GROUP,
                    10,
                    ConfigDef.Width.SHORT,
                    DAY_GRACE_MS_CONFIG)
            .define(
                    SKIP_CLOSED_CONFIG,
                    Type.BOOLEAN,
                    true,
                    Importance.LOW,
                    "Drop an entity count before the trending repartition when its hour and day windows have both"
                            + " closed for the partition it would go to (by the counts this task has sent there), instead"
                            + " of sending it to be dropped by the windows; counted in dropped-records-total of"
                            + " stream-khabar-trending-metrics (docs/stories.md).",
                    GROUP,
                    11,
                    ConfigDef.Width.SHORT,
                    SKIP_CLOSED_CONFIG);

    public StorySettings {
        if (threshold <= 0 || threshold > 1) {
            throw new IllegalArgumentException(THRESHOLD_CONFIG + " must be in (0, 1], was " + threshold);
        }
        if (maxCorrections < 0) {
            throw new IllegalArgumentException(MAX_CORRECTIONS_CONFIG + " must not be negative, was " + maxCorrections);
        }
        if (shingle < 1 || bands < 1 || rows < 1 || maxBucket < 1) {
            throw new IllegalArgumentException(SHINGLE_CONFIG + ", " + BANDS_CONFIG + ", " + ROWS_CONFIG + " and "
                    + MAX_BUCKET_CONFIG + " must be at least 1");
        }
        if (bands > 64) {
            throw new IllegalArgumentException(BANDS_CONFIG + " must be at most 64 (replies are tracked per band in"
                    + " one 64-bit mask), was " + bands);
        }
        if (retention.toMillis() < 60_000 || hourGrace.isNegative() || dayGrace.isNegative()) {
            throw new IllegalArgumentException(
                    RETENTION_MS_CONFIG + " must be at least 60000; grace periods not negative");
        }
    }

    /** All defaults. */
    public static StorySettings defaults() {
        return from(Map.of());
    }

    /** Stories and trends on, the other settings at their defaults. */
    public static StorySettings on() {
        return from(Map.of(ENABLED_CONFIG, "true"));
    }

    /** Stories and trends off. */
    public static StorySettings off() {
        return from(Map.of(ENABLED_CONFIG, "false"));
    }

    /** Settings from properties; unknown keys are ignored; an invalid value throws ConfigException naming the key. */
    public static StorySettings from(Map<?, ?> p) {
        Map<String, Object> v = CONFIG_DEF.parse(strings(p));
        return new StorySettings(
                (Boolean) v.get(ENABLED_CONFIG),
                (Double) v.get(THRESHOLD_CONFIG),
                (Integer) v.get(SHINGLE_CONFIG),
                (Integer) v.get(BANDS_CONFIG),
                (Integer) v.get(ROWS_CONFIG),
                Duration.ofMillis((Long) v.get(RETENTION_MS_CONFIG)),
                (Integer) v.get(MAX_BUCKET_CONFIG),
                (Integer) v.get(MAX_CORRECTIONS_CONFIG),
                Duration.ofMillis((Long) v.get(HOUR_GRACE_MS_CONFIG)),
                Duration.ofMillis((Long) v.get(DAY_GRACE_MS_CONFIG)),
                (Boolean) v.get(SKIP_CLOSED_CONFIG));
    }

    /** The settings table of docs/enrich.md ("story-settings"), generated from {@link #CONFIG_DEF}. */
    public static String markdownTable() {
        return ConfigTables.markdown(CONFIG_DEF);
    }

    /** Copy with other grace periods. */
    public StorySettings withGrace(Duration hour, Duration day) {
        return new StorySettings(
                enabled,
                threshold,
                shingle,
                bands,
                rows,
                retention,
                maxBucket,
                maxCorrections,
                hour,
                day,
                trendingSkipClosed);
    }

    /** Copy with another {@link #maxCorrections()}. */
    public StorySettings withMaxCorrections(int max) {
        return new StorySettings(
                enabled,
                threshold,
                shingle,
                bands,
                rows,
                retention,
                maxBucket,
                max,
                hourGrace,
                dayGrace,
                trendingSkipClosed);
    }

    /** Copy with {@link #trendingSkipClosed()} on or off. */
    public StorySettings withTrendingSkipClosed(boolean skip) {
        return new StorySettings(
                enabled,
                threshold,
                shingle,
                bands,
                rows,
                retention,
                maxBucket,
                maxCorrections,
                hourGrace,
                dayGrace,
                skip);
    }

    /** The MinHash these settings describe. */
    public MinHash minHash() {
        return new MinHash(shingle, bands, rows);
    }

    /** The story keys of {@code p} as trimmed strings (blank means the default). */
    private static Map<String, Object> strings(Map<?, ?> p) {
        Map<String, Object> out = new java.util.HashMap<>();
        for (String key : CONFIG_DEF.names()) {
            Object v = p.get(key);
            String s = v == null ? null : String.valueOf(v).trim();
            if (s != null && !s.isEmpty()) {
                out.put(key, s);
            }
        }
        return out;
    }
}

package io.khabar.enrich.stories;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of story detection (near-duplicates across outlets) and trending entities, read from the enrich app's
 * properties. Keys, defaults and meaning next to each other; see docs/stories.md.
 *
 * @param enabled       whether stories and trends are computed (adds three internal topics)
 * @param threshold     estimated Jaccard similarity at or above which two articles are the same story
 * @param shingle       words per shingle
 * @param bands         LSH bands (one small record per band and article crosses the band repartition)
 * @param rows          signature values per band; bands × rows is the signature length
 * @param retention     how long articles stay candidates (band store) and resolved articles can be corrected
 * @param maxBucket     most members of one band bucket compared with a new article (the earliest are kept)
 * @param hourGrace     grace period of the hourly trending windows
 * @param dayGrace      grace period of the daily trending windows
 */
public record StorySettings(
        boolean enabled,
        double threshold,
        int shingle,
        int bands,
        int rows,
        Duration retention,
        int maxBucket,
        Duration hourGrace,
        Duration dayGrace) {

    /**
     * Key: compute stories and trending entities ({@code true}/{@code false}); default false, opt-in, because the
     * story stage has an open failover gap (docs/stories.md, "Known limit").
     */
    public static final String ENABLED_CONFIG = "khabar.enrich.stories";
    /** Key: similarity threshold, 0..1; default {@value #THRESHOLD_DEFAULT}. */
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
    /** Key: grace of hourly trending windows in ms; default 6 hours. */
    public static final String HOUR_GRACE_MS_CONFIG = "khabar.enrich.trending.hour.grace.ms";
    /** Key: grace of daily trending windows in ms; default 2 days. */
    public static final String DAY_GRACE_MS_CONFIG = "khabar.enrich.trending.day.grace.ms";

    public StorySettings {
        if (threshold <= 0 || threshold > 1) {
            throw new IllegalArgumentException(THRESHOLD_CONFIG + " must be in (0, 1], was " + threshold);
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

    /** Settings from properties; unknown keys are ignored. */
    public static StorySettings from(Map<?, ?> p) {
        return new StorySettings(
                "true".equalsIgnoreCase(string(p, ENABLED_CONFIG, "false")),
                Double.parseDouble(string(p, THRESHOLD_CONFIG, String.valueOf(THRESHOLD_DEFAULT))),
                Integer.parseInt(string(p, SHINGLE_CONFIG, "3")),
                Integer.parseInt(string(p, BANDS_CONFIG, "24")),
                Integer.parseInt(string(p, ROWS_CONFIG, "3")),
                Duration.ofMillis(Long.parseLong(string(
                        p,
                        RETENTION_MS_CONFIG,
                        String.valueOf(Duration.ofDays(7).toMillis())))),
                Integer.parseInt(string(p, MAX_BUCKET_CONFIG, "200")),
                Duration.ofMillis(Long.parseLong(string(
                        p,
                        HOUR_GRACE_MS_CONFIG,
                        String.valueOf(Duration.ofHours(6).toMillis())))),
                Duration.ofMillis(Long.parseLong(string(
                        p,
                        DAY_GRACE_MS_CONFIG,
                        String.valueOf(Duration.ofDays(2).toMillis())))));
    }

    /** Copy with other grace periods. */
    public StorySettings withGrace(Duration hour, Duration day) {
        return new StorySettings(enabled, threshold, shingle, bands, rows, retention, maxBucket, hour, day);
    }

    /** The MinHash these settings describe. */
    public MinHash minHash() {
        return new MinHash(shingle, bands, rows);
    }

    private static String string(Map<?, ?> p, String key, String dflt) {
        Object v = p.get(key);
        String s = v == null ? null : String.valueOf(v).trim();
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        return s;
    }
}

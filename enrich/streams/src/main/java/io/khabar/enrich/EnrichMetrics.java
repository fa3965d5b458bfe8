package io.khabar.enrich;

import io.khabar.model.ArticleEntity;
import io.khabar.model.DeadLetterReasons;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enrich app's own counters, on a Micrometer registry (Prometheus names in brackets):
 * <ul>
 *   <li>{@code khabar.enrich.enriched} ({@code khabar_enrich_enriched_total}): enriched records emitted</li>
 *   <li>{@code khabar.enrich.dead.letters} {reason} ({@code khabar_enrich_dead_letters_total}): dead letters by reason</li>
 *   <li>{@code khabar.enrich.duplicates} {kind} ({@code khabar_enrich_duplicates_total}): records dropped as
 *       {@code same-id}, {@code same-content} or {@code superseded}</li>
 *   <li>{@code khabar.enrich.entities} {type} ({@code khabar_enrich_entities_total}): distinct entities in enriched records (each once per article)</li>
 *   <li>{@code khabar.enrich.duration} ({@code khabar_enrich_duration_seconds}): time spent in the enricher</li>
 * </ul>
 * Counters count processing attempts: after a crash, records of an aborted transaction are processed and counted
 * again, while the topics hold them once.
 */
public final class EnrichMetrics {

    /** Duplicate kind: the same article id with the same content hash. */
    public static final String SAME_ID = "same-id";
    /** Duplicate kind: a content hash already enriched under another id. */
    public static final String SAME_CONTENT = "same-content";
    /** Duplicate kind: an older version that arrived after a newer one was enriched. */
    public static final String SUPERSEDED = "superseded";

    private static EnrichMetrics shared;

    private final MeterRegistry registry;
    private final Counter enriched;
    private final Timer duration;
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
    private final Map<String, Counter> entities = new ConcurrentHashMap<>();

    /** Counters on the given registry. */
    public EnrichMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.enriched = Counter.builder("khabar.enrich.enriched")
                .description("Enriched records emitted")
                .register(registry);
        this.duration = Timer.builder("khabar.enrich.duration")
                .description("Time spent enriching one article")
                .register(registry);
        for (String reason : DeadLetterReasons.ENRICH) {
            deadLetterCounter(reason);
        }
        for (String kind : List.of(SAME_ID, SAME_CONTENT, SUPERSEDED)) {
            duplicateCounter(kind);
        }
    }

    /** Counters on a new Prometheus registry, ready for {@link EnrichHttpServer}. */
    public static EnrichMetrics prometheus() {
        return new EnrichMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** One Prometheus-backed instance per JVM, used when the caller gives none. */
    public static synchronized EnrichMetrics shared() {
        if (shared == null) {
            shared = prometheus();
        }
        return shared;
    }

    /** Counters on a private in-memory registry (tests, or when no endpoint is wanted). */
    public static EnrichMetrics inMemory() {
        return new EnrichMetrics(new SimpleMeterRegistry());
    }

    /** The registry the counters live on. */
    public MeterRegistry registry() {
        return registry;
    }

    void enriched(List<ArticleEntity> found, Duration took) {
        enriched.increment();
        duration.record(took);
        for (ArticleEntity e : found) {
            entities.computeIfAbsent(
                            e.type().name(),
                            t -> Counter.builder("khabar.enrich.entities")
                                    .description("Entities in enriched records, by type")
                                    .tag("type", t)
                                    .register(registry))
                    .increment();
        }
    }

    void deadLettered(String reason) {
        deadLetterCounter(reason).increment();
    }

    void duplicate(String kind) {
        duplicateCounter(kind).increment();
    }

    /** Enriched records so far. */
    public double enrichedCount() {
        return enriched.count();
    }

    /** Dead letters so far for a reason. */
    public double deadLetterCount(String reason) {
        Counter c = deadLetters.get(reason);
        return c == null ? 0 : c.count();
    }

    /** Dead letters so far, every reason. */
    public double deadLetterTotal() {
        return deadLetters.values().stream().mapToDouble(Counter::count).sum();
    }

    /** Duplicates dropped so far, every kind. */
    public double duplicateTotal() {
        return duplicates.values().stream().mapToDouble(Counter::count).sum();
    }

    /** Duplicates dropped so far of a kind. */
    public double duplicateCount(String kind) {
        Counter c = duplicates.get(kind);
        return c == null ? 0 : c.count();
    }

    /** Entities counted so far of a type (an {@link io.khabar.model.EntityType} name). */
    public double entityCount(String type) {
        Counter c = entities.get(type);
        return c == null ? 0 : c.count();
    }

    private Counter deadLetterCounter(String reason) {
        return deadLetters.computeIfAbsent(
                reason,
                r -> Counter.builder("khabar.enrich.dead.letters")
                        .description("Records sent to the dead-letter topic, by reason")
                        .tag("reason", r)
                        .register(registry));
    }

    private Counter duplicateCounter(String kind) {
        return duplicates.computeIfAbsent(
                kind,
                k -> Counter.builder("khabar.enrich.duplicates")
                        .description("Records dropped as duplicates, by kind")
                        .tag("kind", k)
                        .register(registry));
    }
}

package io.khabar.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one benchmark run, printed as a table and written as JSON. */
public final class BenchReport {

    /** One throughput phase. */
    public record Phase(String name, long records, long bytes, double seconds, double cpuSeconds, double peakHeapMb) {
        public double recordsPerSecond() {
            return records / seconds;
        }

        public double mbPerSecond() {
            return bytes / 1048576.0 / seconds;
        }

        public double cpuSecondsPer1000() {
            return cpuSeconds / records * 1000;
        }
    }

    /** Ingest-to-sink latency at one offered load, in milliseconds. */
    public record Latency(int offeredPerSecond, long samples, double p50, double p95, double p99, double max) {}

    public String machine;
    public int articles;
    public int articleBytes;
    public double meanArticleBytes;
    /** What the corpus is made of. */
    public String corpus;

    public String broker;
    public final List<Phase> phases = new ArrayList<>();
    public final List<Latency> latencies = new ArrayList<>();
    public Double pipelineToLimitRatio;
    /** KB the brokers' logs grew by per article: "limit", "pipeline" and "pipeline raw|repartition|changelog|enriched". */
    public final java.util.Map<String, Double> brokerKbPerArticle = new java.util.LinkedHashMap<>();

    public Double enricherLiveHeapMb;
    public Double liveHeapAfterRunMb;

    /** A phase by name, or null. */
    public Phase phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** The human-readable table. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "khabar bench: %d articles, mean %.0f bytes of JSON, broker %s, %s%n",
                articles,
                meanArticleBytes,
                broker,
                machine));
        if (corpus != null) {
            b.append("corpus: ").append(corpus).append(System.lineSeparator());
        }
        b.append(String.format(
                Locale.ROOT,
                "%-34s %10s %9s %8s %14s %10s%n",
                "phase",
                "articles/s",
                "MB/s",
                "seconds",
                "CPU s/1000",
                "peak heap MB"));
        for (Phase p : phases) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-34s %10.0f %9.1f %8.1f %14.3f %10.0f%n",
                    p.name(),
                    p.recordsPerSecond(),
                    p.mbPerSecond(),
                    p.seconds(),
                    p.cpuSecondsPer1000(),
                    p.peakHeapMb()));
        }
        if (pipelineToLimitRatio != null) {
            b.append(String.format(Locale.ROOT, "pipeline / limit ratio: %.2f (goal >= 0.25)%n", pipelineToLimitRatio));
        }
        Double limitKb = brokerKbPerArticle.get("limit");
        Double pipelineKb = brokerKbPerArticle.get("pipeline");
        if (limitKb != null && pipelineKb != null && limitKb > 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "broker log KB per article: limit %.1f, pipeline %.1f (%.1fx: raw %.1f,"
                            + " repartitions %.1f, changelogs %.1f, enriched %.1f)%n",
                    limitKb,
                    pipelineKb,
                    pipelineKb / limitKb,
                    brokerKbPerArticle.get("pipeline raw"),
                    brokerKbPerArticle.get("pipeline repartition"),
                    brokerKbPerArticle.get("pipeline changelog"),
                    brokerKbPerArticle.get("pipeline enriched")));
        }
        if (!latencies.isEmpty()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-34s %8s %8s %8s %8s %8s%n",
                    "latency ingest -> sink write (ms)",
                    "samples",
                    "p50",
                    "p95",
                    "p99",
                    "max"));
            for (Latency l : latencies) {
                b.append(String.format(
                        Locale.ROOT,
                        "%-34s %8d %8.0f %8.0f %8.0f %8.0f%n",
                        "at " + l.offeredPerSecond() + " articles/s",
                        l.samples(),
                        l.p50(),
                        l.p95(),
                        l.p99(),
                        l.max()));
            }
        }
        if (enricherLiveHeapMb != null) {
            b.append(String.format(
                    Locale.ROOT, "enricher (normaliser + full gazetteers) live heap: %.1f MB%n", enricherLiveHeapMb));
        }
        if (liveHeapAfterRunMb != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "bench JVM live heap after the run (broker, enrich, sink, clients): %.0f MB%n",
                    liveHeapAfterRunMb));
        }
        return b.toString();
    }
}

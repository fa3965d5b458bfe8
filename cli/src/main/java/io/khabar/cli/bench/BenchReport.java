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

    /**
     * Ingest-to-sink latency at one offered load, in milliseconds; with the process CPU per 1,000 articles and the
     * enrich app's transaction commits per second over the run (from the first send until the sink has everything).
     */
    public record Latency(
            int offeredPerSecond,
            long samples,
            double p50,
            double p95,
            double p99,
            double max,
            double cpuSecondsPer1000,
            double commitsPerSecond) {}

    /**
     * One round of the warm-up: articles sent so far, its wall seconds, process CPU s per 1,000 articles, and the JIT
     * per article in ms: compilation time ({@code CompilationMXBean}) and the compiler threads' CPU time.
     */
    public record WarmupRound(
            int articlesSoFar,
            double seconds,
            double cpuSecondsPer1000,
            double compilationMsPerArticle,
            double jitCpuMsPerArticle) {}

    public String machine;
    public int articles;
    public int articleBytes;
    public double meanArticleBytes;
    /** What the corpus is made of. */
    public String corpus;

    public String broker;
    /** The settings that shape the figures: guarantee, commit interval, stories, dedup, memory, sink flush. */
    public String settings;

    public final List<Phase> phases = new ArrayList<>();
    public final List<Latency> latencies = new ArrayList<>();
    public Double pipelineToLimitRatio;
    /** KB the brokers' logs grew by per article: "limit", "pipeline" and "pipeline raw|repartition|changelog|enriched". */
    public final java.util.Map<String, Double> brokerKbPerArticle = new java.util.LinkedHashMap<>();
    /**
     * Records the broker appended per article in the pipeline phase, by kind of topic ({@code raw}, {@code
     * repartition}, {@code changelog}, {@code enriched}, {@code trending}) and for the trending stage ({@code trending
     * stage repartition}, {@code … changelog}, {@code … topic}); empty without an embedded broker.
     */
    public final java.util.Map<String, Double> brokerRecordsPerArticle = new java.util.LinkedHashMap<>();

    /** Pipeline phase: KB the brokers received per article, by topic (internal topics without the app id). */
    public final java.util.Map<String, Double> topicKbPerArticle = new java.util.TreeMap<>();

    /** Pipeline phase: records the brokers received per article, by topic, as {@link #topicKbPerArticle}. */
    public final java.util.Map<String, Double> topicRecordsPerArticle = new java.util.TreeMap<>();
    /** How the pipeline's broker bytes were counted. */
    public String brokerBytesSource;

    /** The warm-up run before the measured phases (its figures include JIT compilation), or null. */
    public Phase warmup;

    /** The warm-up's rounds, oldest first. */
    public final List<WarmupRound> warmupRounds = new ArrayList<>();

    /** Why the warm-up stopped (JIT settled, cap reached, minimum only). */
    public String warmupVerdict;

    /** Whether the warm-up ended because the JIT had settled. */
    public boolean warmupSettled;

    /** CPU seconds of the JIT compiler threads per 1,000 articles in the pipeline phase (part of its CPU), or null. */
    public Double pipelineJitCpuSecondsPer1000;

    /** Transactions the enrich app committed per second in the pipeline phase (Streams' commit-total), or null. */
    public Double pipelineCommitsPerSecond;

    /** JIT compilation time per article in the pipeline phase ({@code CompilationMXBean}), ms, or null. */
    public Double pipelineCompilationMsPerArticle;

    /** The pipeline's CPU per 1,000 articles without the JIT compiler threads, or null when they are unknown. */
    public Double pipelineCpuSecondsPer1000WithoutJit;

    /**
     * CPU milliseconds per article of the measured pipeline phase, by thread role and, within a role, by component
     * (execution samples, see {@code CpuProfile}).
     */
    public final java.util.Map<String, java.util.Map<String, Double>> cpuMsPerArticle = new java.util.LinkedHashMap<>();

    /** Each codec on the batches each kind of topic got (see {@code CompressionReport}), or null. */
    public List<CompressionReport.Figures> compression;

    public Double enricherLiveHeapMb;
    public Double liveHeapAfterRunMb;

    /** The three goals with this run's figures, each met or missed (never rounded in the goal's favour). */
    String goals() {
        StringBuilder b = new StringBuilder("goals (issue 14):").append(System.lineSeparator());
        if (pipelineToLimitRatio != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "  pipeline / limit >= 0.25:            %.4f  %s%n",
                    pipelineToLimitRatio,
                    pipelineToLimitRatio >= 0.25 ? "met" : "missed"));
        }
        latencies.stream()
                .filter(l -> l.offeredPerSecond() == 200)
                .findFirst()
                .ifPresent(l -> b.append(String.format(
                        Locale.ROOT,
                        "  p99 ingest->sink <= 300 ms at 200/s: %.0f ms  %s%n",
                        l.p99(),
                        l.p99() <= 300 ? "met" : "missed")));
        Phase pipeline = phase("pipeline: ingest->enrich->jsonl");
        if (pipeline != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "  CPU per 1,000 articles <= 0.45 s:    %.3f s  %s%n",
                    pipeline.cpuSecondsPer1000(),
                    pipeline.cpuSecondsPer1000() <= 0.45 ? "met" : "missed"));
            Double steady = pipelineCpuSecondsPer1000WithoutJit;
            if (steady != null) {
                b.append(String.format(
                        Locale.ROOT,
                        "    (without the JIT compiler threads: %.3f s, %s; the goal is judged on the total above)%n",
                        steady,
                        steady <= 0.45 ? "would meet it" : "would miss it too"));
            }
        }
        return b.toString();
    }

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
        if (settings != null) {
            b.append("settings: ").append(settings).append(System.lineSeparator());
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
        if (warmup != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "(before them: %s, %d articles in %.1f s, %.3f CPU s/1000)%n",
                    warmup.name(),
                    warmup.records(),
                    warmup.seconds(),
                    warmup.cpuSecondsPer1000()));
            if (warmupVerdict != null) {
                b.append("  warm-up ").append(warmupVerdict).append(System.lineSeparator());
            }
            if (!warmupRounds.isEmpty()) {
                b.append("  warm-up rounds (articles so far: CPU s/1000, JIT compilation / JIT threads' CPU ms per"
                                + " article):")
                        .append(System.lineSeparator());
                StringBuilder line = new StringBuilder("   ");
                for (WarmupRound r : warmupRounds) {
                    String item = String.format(
                            Locale.ROOT,
                            " %d: %.2f, %.3f/%.3f;",
                            r.articlesSoFar(),
                            r.cpuSecondsPer1000(),
                            r.compilationMsPerArticle(),
                            r.jitCpuMsPerArticle());
                    if (line.length() + item.length() > 110) {
                        b.append(line).append(System.lineSeparator());
                        line = new StringBuilder("   ");
                    }
                    line.append(item);
                }
                b.append(line).append(System.lineSeparator());
            }
        }
        Phase pipeline = phase("pipeline: ingest->enrich->jsonl");
        if (pipeline != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "CPU per 1,000 articles, pipeline: %.3f s (goal <= 0.45)%n",
                    pipeline.cpuSecondsPer1000()));
            if (pipelineJitCpuSecondsPer1000 != null) {
                b.append(String.format(
                        Locale.ROOT,
                        "  of which JIT compiler threads: %.3f s (%.0f%%); without them: %.3f s%n",
                        pipelineJitCpuSecondsPer1000,
                        100 * pipelineJitCpuSecondsPer1000 / pipeline.cpuSecondsPer1000(),
                        pipelineCpuSecondsPer1000WithoutJit));
            }
            if (pipelineCommitsPerSecond != null) {
                b.append(String.format(
                        Locale.ROOT,
                        "  enrich transactions committed: %.1f per second, %.2f per 1,000 articles%n",
                        pipelineCommitsPerSecond,
                        pipelineCommitsPerSecond * pipeline.seconds() * 1000 / pipeline.records()));
            }
            if (pipelineCompilationMsPerArticle != null) {
                b.append(String.format(
                        Locale.ROOT,
                        "  JIT compilation time during the phase (CompilationMXBean): %.3f ms per article%n",
                        pipelineCompilationMsPerArticle));
            }
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
                            + " repartitions %.1f, changelogs %.1f, enriched %.1f, trending topic %.1f)%n",
                    limitKb,
                    pipelineKb,
                    pipelineKb / limitKb,
                    brokerKbPerArticle.get("pipeline raw"),
                    brokerKbPerArticle.get("pipeline repartition"),
                    brokerKbPerArticle.get("pipeline changelog"),
                    brokerKbPerArticle.get("pipeline enriched"),
                    brokerKbPerArticle.getOrDefault("pipeline trending", 0.0)));
            if (brokerKbPerArticle.containsKey("pipeline trending stage repartition")) {
                b.append(String.format(
                        Locale.ROOT,
                        "  of which the trending stage: repartition %.2f, changelogs %.2f, topic %.2f%n",
                        brokerKbPerArticle.get("pipeline trending stage repartition"),
                        brokerKbPerArticle.getOrDefault("pipeline trending stage changelog", 0.0),
                        brokerKbPerArticle.getOrDefault("pipeline trending stage topic", 0.0)));
            }
            if (!brokerRecordsPerArticle.isEmpty()) {
                java.util.Map<String, Double> r = brokerRecordsPerArticle;
                b.append(String.format(
                        Locale.ROOT,
                        "broker records per article: raw %.1f, repartitions %.1f, changelogs %.1f, enriched %.1f,"
                                + " trending topic %.1f; trending stage: repartition %.1f, changelogs %.1f, topic %.1f%n",
                        r.getOrDefault("raw", 0.0),
                        r.getOrDefault("repartition", 0.0),
                        r.getOrDefault("changelog", 0.0),
                        r.getOrDefault("enriched", 0.0),
                        r.getOrDefault("trending", 0.0),
                        r.getOrDefault("trending stage repartition", 0.0),
                        r.getOrDefault("trending stage changelog", 0.0),
                        r.getOrDefault("trending stage topic", 0.0)));
            }
            if (brokerBytesSource != null) {
                b.append("  (pipeline: ").append(brokerBytesSource).append(')').append(System.lineSeparator());
            }
            if (!topicKbPerArticle.isEmpty()) {
                b.append(String.format(Locale.ROOT, "  by topic, per article:%n"));
                topicKbPerArticle.forEach((topic, kb) -> b.append(String.format(
                        Locale.ROOT,
                        "    %-44s %8.2f KB %7.1f records%n",
                        topic,
                        kb,
                        topicRecordsPerArticle.getOrDefault(topic, 0.0))));
            }
        }
        if (!latencies.isEmpty()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-34s %8s %8s %8s %8s %8s %11s %9s%n",
                    "latency ingest -> sink write (ms)",
                    "samples",
                    "p50",
                    "p95",
                    "p99",
                    "max",
                    "CPU s/1000",
                    "commits/s"));
            for (Latency l : latencies) {
                b.append(String.format(
                        Locale.ROOT,
                        "%-34s %8d %8.0f %8.0f %8.0f %8.0f %11.3f %9.1f%n",
                        "at " + l.offeredPerSecond() + " articles/s",
                        l.samples(),
                        l.p50(),
                        l.p95(),
                        l.p99(),
                        l.max(),
                        l.cpuSecondsPer1000(),
                        l.commitsPerSecond()));
            }
        }
        b.append(goals());
        if (!cpuMsPerArticle.isEmpty()) {
            b.append("where the pipeline's CPU goes, ms per article (thread CPU time, split by execution samples):")
                    .append(System.lineSeparator());
            cpuMsPerArticle.forEach((role, components) -> {
                double sum = components.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum();
                b.append(String.format(Locale.ROOT, "  %-58s %7.3f%n", role, sum));
                components.forEach((c, ms) -> {
                    if (ms >= 0.005) {
                        b.append(String.format(Locale.ROOT, "      %-54s %7.3f%n", c, ms));
                    }
                });
            });
        }
        if (compression != null && !compression.isEmpty()) {
            b.append(
                            "producer compression on the batches the run logged (rebuilt with each codec; CPU is thread time):")
                    .append(System.lineSeparator());
            b.append(String.format(
                    Locale.ROOT,
                    "  %-12s %-5s %8s %8s %9s %12s %14s%n",
                    "topics",
                    "codec",
                    "records",
                    "ratio",
                    "KB/article",
                    "compress us",
                    "decompress us"));
            for (CompressionReport.Figures f : compression) {
                Double kb = brokerKbPerArticle.get(f.kind().equals("limit") ? "limit" : "pipeline " + f.kind());
                // the logs hold this many stored bytes per article of the pipeline phase: scale the sample by it
                double perArticle = kb == null || f.storedBytes() == 0 ? Double.NaN : kb * 1024 / f.storedBytes();
                b.append(String.format(
                        Locale.ROOT,
                        "  %-12s %-5s %8d %8.2f %9.2f %12.1f %14.1f%n",
                        f.kind(),
                        f.codec(),
                        f.records(),
                        f.ratio(),
                        f.bytes() * perArticle / 1024,
                        f.compressMicrosPerRecord() * f.records() * perArticle,
                        f.decompressMicrosPerRecord() * f.records() * perArticle));
            }
            b.append("  (KB and microseconds per article of the pipeline; each record is compressed once and"
                            + " decompressed by the broker and by each reader)")
                    .append(System.lineSeparator());
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

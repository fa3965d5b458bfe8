package io.khabar.cli.bench;

import java.util.List;
import java.util.Locale;

/**
 * When the bench's warm-up may stop. The warm-up runs rounds of articles through the whole pipeline; after the
 * minimum number of articles it stops once the JIT has settled, that is when the JIT compiler threads spent at most
 * {@code settledMsPerArticle} of CPU per article in the last round (their CPU time from {@code /proc}; where that is
 * not readable, the compilation time of {@code CompilationMXBean}, which is elapsed time and grows with the machine's
 * load), or when the time cap is reached, whichever comes first. A long-running enrich process has compiled its hot code long ago; a bench that
 * stops warming up while the compilers still run counts their work as the pipeline's.
 */
final class WarmupPolicy {

    /** One round of the warm-up: articles, wall and process CPU seconds, JIT compilation ms, JIT threads' CPU s. */
    record Round(int articles, double seconds, double cpuSeconds, double compileMs, double jitThreadSeconds) {

        /** Compilation time per article ({@code CompilationMXBean}), ms; NaN when the JVM does not report it. */
        double compileMsPerArticle() {
            return compileMs < 0 ? Double.NaN : compileMs / articles;
        }

        /** CPU time of the JIT compiler threads per article, ms; NaN when unknown. */
        double jitCpuMsPerArticle() {
            return jitThreadSeconds < 0 ? Double.NaN : jitThreadSeconds * 1000 / articles;
        }

        /** Process CPU per 1,000 articles, s. */
        double cpuSecondsPer1000() {
            return cpuSeconds * 1000 / articles;
        }
    }

    /** The decision after a round. */
    enum Verdict {
        /** Not settled yet and below the cap: another round. */
        CONTINUE,
        /** The last round's compilation time per article is at or below the threshold. */
        SETTLED,
        /** The time cap was reached before the JIT settled. */
        CAPPED,
        /** Only the minimum is run: no cap time left, or the JVM reports neither compilation nor JIT thread time. */
        MINIMUM_ONLY
    }

    private final int minArticles;
    private final double maxSeconds;
    private final double settledMsPerArticle;

    /**
     * @param minArticles articles always run before the JIT is looked at
     * @param maxSeconds the cap on the whole warm-up's wall time; at most the minimum when 0
     * @param settledMsPerArticle the compilation time per article of a round at or below which the JIT counts as
     *     settled
     */
    WarmupPolicy(int minArticles, double maxSeconds, double settledMsPerArticle) {
        if (minArticles < 0 || maxSeconds < 0 || !(settledMsPerArticle >= 0)) {
            throw new IllegalArgumentException("warm-up limits must not be negative");
        }
        this.minArticles = minArticles;
        this.maxSeconds = maxSeconds;
        this.settledMsPerArticle = settledMsPerArticle;
    }

    int minArticles() {
        return minArticles;
    }

    double settledMsPerArticle() {
        return settledMsPerArticle;
    }

    /** The decision after the rounds run so far (oldest first). */
    Verdict after(List<Round> rounds) {
        int articles = rounds.stream().mapToInt(Round::articles).sum();
        double seconds = rounds.stream().mapToDouble(Round::seconds).sum();
        if (articles < minArticles) {
            return seconds >= maxSeconds && maxSeconds > 0 ? Verdict.CAPPED : Verdict.CONTINUE;
        }
        if (rounds.isEmpty()) {
            return Verdict.MINIMUM_ONLY;
        }
        Round last = rounds.get(rounds.size() - 1);
        double perArticle = jitMsPerArticle(last);
        if (Double.isNaN(perArticle) || maxSeconds == 0) {
            return Verdict.MINIMUM_ONLY;
        }
        if (perArticle <= settledMsPerArticle) {
            return Verdict.SETTLED;
        }
        return seconds >= maxSeconds ? Verdict.CAPPED : Verdict.CONTINUE;
    }

    /** The JIT figure the decision uses: the compiler threads' CPU when known, else the compilation time. */
    static double jitMsPerArticle(Round r) {
        double cpu = r.jitCpuMsPerArticle();
        return Double.isNaN(cpu) ? r.compileMsPerArticle() : cpu;
    }

    /** One line saying why the warm-up stopped. */
    String describe(Verdict verdict, List<Round> rounds) {
        int articles = rounds.stream().mapToInt(Round::articles).sum();
        double seconds = rounds.stream().mapToDouble(Round::seconds).sum();
        double last = rounds.isEmpty() ? Double.NaN : jitMsPerArticle(rounds.get(rounds.size() - 1));
        String what = switch (verdict) {
            case SETTLED -> "JIT settled";
            case CAPPED -> "cap of " + fmt(maxSeconds, 0) + " s reached, JIT NOT settled";
            case MINIMUM_ONLY -> "minimum only";
            case CONTINUE -> "still running";
        };
        return String.format(
                Locale.ROOT,
                "%s: %d articles in %.1f s, %d rounds; last round %.3f ms of JIT per article" + " (settled at <= %s)",
                what,
                articles,
                seconds,
                rounds.size(),
                last,
                fmt(settledMsPerArticle, 3));
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}

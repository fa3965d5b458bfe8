package io.khabar.bench;

import io.khabar.text.NormalizedText;
import io.khabar.text.SentenceSplitter;
import io.khabar.text.Tokenizer;
import io.khabar.text.UrduNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Normalise + sentence-split + tokenise (with the offset map) over the seed articles, one thread.
 * The {@code bytes} aux counter reports UTF-8 bytes of input per second: divide by 1e6 for MB/s per core.
 * Seeds: -Dkhabar.seeds=DIR, else ./seeds, ../seeds, ../shared/seeds, /work/shared/seeds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TextPipelineBenchmark {
    private final UrduNormalizer normalizer = new UrduNormalizer();
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final Tokenizer tokenizer = new Tokenizer();
    private List<String> articles;
    private long[] utf8Bytes;

    /** Counts input bytes processed. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void load() {
        articles = new ArrayList<>();
        Path dir = seedDir();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                articles.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (articles.isEmpty()) {
            throw new IllegalStateException("no *.txt seeds in " + dir);
        }
        utf8Bytes = articles.stream()
                .mapToLong(a -> a.getBytes(StandardCharsets.UTF_8).length)
                .toArray();
    }

    private static Path seedDir() {
        String configured = System.getProperty("khabar.seeds");
        List<String> candidates = configured != null
                ? List.of(configured)
                : List.of(
                        "seeds",
                        "../seeds",
                        "../shared/seeds",
                        "../../shared/seeds",
                        "/work/main/seeds",
                        "/work/shared/seeds");
        for (String c : candidates) {
            if (Files.isDirectory(Path.of(c))) {
                return Path.of(c);
            }
        }
        throw new IllegalStateException("no seeds directory; set -Dkhabar.seeds=DIR");
    }

    /** What the enrich stage does: tokens as offsets and kinds ({@link Tokenizer#scan}). */
    @Benchmark
    public void normaliseSplitTokenise(Bytes counter, Blackhole bh) {
        for (int i = 0; i < articles.size(); i++) {
            NormalizedText t = normalizer.normalize(articles.get(i));
            bh.consume(t);
            bh.consume(splitter.split(t.text()));
            bh.consume(tokenizer.scan(t.text()));
            counter.bytes += utf8Bytes[i];
        }
    }

    /** The same with a {@code Token} record and a string per token ({@link Tokenizer#tokenize}). */
    @Benchmark
    public void normaliseSplitTokeniseRecords(Bytes counter, Blackhole bh) {
        for (int i = 0; i < articles.size(); i++) {
            NormalizedText t = normalizer.normalize(articles.get(i));
            bh.consume(t);
            bh.consume(splitter.split(t.text()));
            bh.consume(tokenizer.tokenize(t.text()));
            counter.bytes += utf8Bytes[i];
        }
    }

    @Benchmark
    public void normaliseOnly(Bytes counter, Blackhole bh) {
        for (int i = 0; i < articles.size(); i++) {
            bh.consume(normalizer.normalize(articles.get(i)));
            counter.bytes += utf8Bytes[i];
        }
    }
}

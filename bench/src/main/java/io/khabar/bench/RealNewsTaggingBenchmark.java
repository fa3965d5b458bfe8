package io.khabar.bench;

import io.khabar.model.Entity;
import io.khabar.ner.EntityTagger;
import io.khabar.ner.NameMemory;
import io.khabar.text.NormalizedText;
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

/**
 * Entity tagging throughput on real news: each call tags the next of the 2,485 articles of
 * {@code ../shared/real-news/articles} (normalised once in set-up), in name order, round and round, with the full
 * default gazetteers. Unlike {@link EntityTaggingBenchmark}'s one written article, the CPU caches see the spread of
 * words, lengths and entity densities the pipeline sees. {@code mbPerSecond} is the UTF-8 megabytes of title and body
 * tagged per second on one core.
 *
 * <p>The folder is found from {@code -Dkhabar.realnews=DIR}, else as {@code shared/real-news/articles} in the working
 * folder or one of its parents. The articles are not in the repository; without them set-up fails and says so.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@Threads(1)
public class RealNewsTaggingBenchmark {
    private EntityTagger tagger;
    private EntityTagger withMemory;
    private NormalizedText[] titles;
    private NormalizedText[] bodies;
    private int[] bytes;
    private int next;

    /**
     * Reads and normalises the articles, and fills a name memory from one pass over them in name order (what the
     * pipeline's memory holds after it has seen this corpus once).
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = articles();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no *.txt articles in " + dir);
        }
        UrduNormalizer normalizer = new UrduNormalizer();
        titles = new NormalizedText[files.size()];
        bodies = new NormalizedText[files.size()];
        bytes = new int[files.size()];
        for (int i = 0; i < files.size(); i++) {
            String text = Files.readString(files.get(i), StandardCharsets.UTF_8);
            int cut = text.indexOf("\n\n");
            String title = cut < 0 ? text : text.substring(0, cut);
            String body = cut < 0 ? "" : text.substring(cut + 2);
            titles[i] = normalizer.normalize(title);
            bodies[i] = normalizer.normalize(body);
            bytes[i] = title.getBytes(StandardCharsets.UTF_8).length + body.getBytes(StandardCharsets.UTF_8).length;
        }
        tagger = EntityTagger.withDefaultGazetteers();
        NameMemory memory = new NameMemory();
        withMemory = tagger.withMemory(memory);
        for (int i = 0; i < titles.length; i++) {
            List<NameMemory.Observation> seen = new ArrayList<>();
            withMemory.tagArticle(titles[i], bodies[i], null, seen);
            memory.observe(seen, null);
        }
    }

    private static Path articles() {
        String given = System.getProperty("khabar.realnews");
        if (given != null) {
            return Path.of(given);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared/real-news/articles");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new UncheckedIOException(new IOException(
                "real news not found: no shared/real-news/articles in this folder or its parents;"
                        + " give the folder with -Dkhabar.realnews=DIR (see ../shared/README.md)"));
    }

    /** Tags the next article with the name memory on, collecting the observations the pipeline learns from. */
    @Benchmark
    public List<Entity> tagRealNewsWithMemory(EntityTaggingBenchmark.Bytes counter) {
        int i = next;
        next = i + 1 == titles.length ? 0 : i + 1;
        counter.mbPerSecond += bytes[i] / 1_000_000.0;
        List<NameMemory.Observation> seen = new ArrayList<>();
        List<Entity> out = withMemory.tagArticle(titles[i], bodies[i], null, seen);
        return seen.isEmpty() ? out : out;
    }

    /** Tags the next article with the name memory off. */
    @Benchmark
    public List<Entity> tagRealNews(EntityTaggingBenchmark.Bytes counter) {
        int i = next;
        next = i + 1 == titles.length ? 0 : i + 1;
        counter.mbPerSecond += bytes[i] / 1_000_000.0;
        return tagger.tagArticle(titles[i], bodies[i], null);
    }
}

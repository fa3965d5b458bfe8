package io.khabar.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.ingest.JsonArticles;
import io.khabar.ingest.Rejection;
import io.khabar.model.ArticleIds;
import io.khabar.model.Json;
import io.khabar.model.RawArticle;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Real Urdu news as the bench corpus: the articles of a scrapers' JSON Lines file (such as
 * {@code ../shared/real-news/articles.jsonl}), read with ingest's own field mapping, in a fixed shuffled order (the
 * file is sorted by outlet). When more articles are asked for than the file holds, the same order is repeated and
 * each repeated article gets a short closing line ({@code خبر نمبر N}), so that ids and content hashes stay distinct
 * (dedup would drop exact copies) while lengths, entity density and how well the text compresses stay those of real
 * news. A copy is a whole pass (the file's size) away from the article it repeats, so a producer batch or a
 * compression frame never holds the same article twice.
 */
public final class RealNewsCorpus implements BenchCorpus {

    private final List<RawArticle> articles;
    private final int[] order;
    private final String description;

    RealNewsCorpus(List<RawArticle> articles, long seed, String description) {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("no articles to build a corpus from");
        }
        this.articles = List.copyOf(articles);
        this.order = shuffled(articles.size(), seed);
        this.description = description;
    }

    /** Reads every article of a JSON Lines file; lines that are not an article are skipped. */
    public static RealNewsCorpus fromJsonl(Path jsonl, long seed) throws IOException {
        List<RawArticle> out = new ArrayList<>();
        Instant t = Instant.EPOCH;
        int skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = Json.mapper().readTree(line);
                    out.add(JsonArticles.toArticle(node, "bench", t));
                } catch (Rejection | IOException e) {
                    skipped++;
                }
            }
        }
        long bytes = out.stream().mapToLong(RealNewsCorpus::textBytes).sum();
        String what = String.format(
                java.util.Locale.ROOT,
                "real news: %d articles of %s (mean %.0f bytes of title + body)%s, repeated with a marker line when"
                        + " more are asked for",
                out.size(),
                jsonl,
                out.isEmpty() ? 0.0 : (double) bytes / out.size(),
                skipped == 0 ? "" : ", " + skipped + " lines skipped");
        return new RealNewsCorpus(out, seed, what);
    }

    /** {@code shared/real-news/articles.jsonl} in this folder or one of its parents (the checkout's neighbour), or null. */
    public static Path find(Path from) {
        return findShared(from, "real-news/articles.jsonl");
    }

    /**
     * {@code shared/<file>} in this folder or one of its parents, else beside the checkout this code was built in
     * (found from the jar's or classes' location), or null.
     */
    public static Path findShared(Path from, String file) {
        Path found = findUnder(from.toAbsolutePath(), file);
        if (found == null) {
            try {
                java.security.CodeSource code =
                        RealNewsCorpus.class.getProtectionDomain().getCodeSource();
                if (code != null) {
                    found = findUnder(Path.of(code.getLocation().toURI()), file);
                }
            } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
                // no usable location: the caller falls back
            }
        }
        return found;
    }

    private static Path findUnder(Path start, String file) {
        Path d = start;
        for (int i = 0; i < 6 && d != null; i++, d = d.getParent()) {
            Path f = d.resolve("shared").resolve(file);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    /** How many distinct articles the file gave. */
    public int size() {
        return articles.size();
    }

    @Override
    public RawArticle next(int index, Instant fetchedAt) {
        int n = articles.size();
        int pass = index / n;
        RawArticle a = articles.get(order[index % n]);
        String body = pass == 0 ? a.body() : a.body() + "\n\nخبر نمبر " + index;
        return new RawArticle(
                RawArticle.SCHEMA_VERSION,
                "bench:" + index,
                a.source(),
                a.url(),
                a.title(),
                body,
                a.languageHint(),
                a.publishedAt(),
                fetchedAt,
                ArticleIds.contentHash(a.title(), body),
                a.extra(),
                a.outlet());
    }

    @Override
    public String description() {
        return description;
    }

    private static int[] shuffled(int n, long seed) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = o[i];
            o[i] = o[j];
            o[j] = tmp;
        }
        return o;
    }

    private static long textBytes(RawArticle a) {
        return (a.title() == null ? 0 : a.title().getBytes(StandardCharsets.UTF_8).length)
                + a.body().getBytes(StandardCharsets.UTF_8).length;
    }
}

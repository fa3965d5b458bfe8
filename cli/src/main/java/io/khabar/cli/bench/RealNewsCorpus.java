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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Real Urdu news as the bench corpus: the articles of a scrapers' JSON Lines file (such as
 * {@code ../shared/real-news/articles.jsonl}), read with ingest's own field mapping, in a fixed shuffled order (the
 * file is sorted by outlet).
 *
 * <p>The first pass gives the articles as they are, with real news's own story structure (its syndicated copies,
 * rewrites and boilerplate). When more articles are asked for than the file holds, every later pass gives each
 * article again with <em>other real sentences</em> ({@link Repeats#SENTENCES}, the default): the pass maps every
 * distinct sentence of the file to another distinct sentence of about the same length (a permutation of the
 * file's sentences within bands of {@value #SENTENCE_BAND} sentences of similar length, drawn anew for each pass from
 * the seed) and every title to another title; separators, paragraph breaks and sentences without letters stay.
 * So a later article is a distinct article made of real sentences of many different articles, with the length,
 * paragraphs, entity density and compressibility of the one it stands for, and two articles of one pass share
 * sentences exactly where their originals did: near-copies in real news are near-copies in each pass, at real
 * news's rate, while an article of one pass shares a sentence with one of another pass only by chance (about one
 * sentence in {@value #SENTENCE_BAND}). {@link Repeats#COPIES} is the corpus before that: each repeat the
 * original with a closing line {@code خبر نمبر N}, a near-copy of it and of every other repeat (the story stage's
 * band buckets then fill to their cap), kept for comparison with older figures.
 *
 * <p>Deterministic for a given seed; a repeat is a whole pass (the file's size) away from its original, so a
 * producer batch or a compression frame never holds both.
 */
public final class RealNewsCorpus implements BenchCorpus {

    /** What the passes after the first are made of. */
    public enum Repeats {
        /** Each article with every sentence and the title replaced by others of the file (the default). */
        SENTENCES,
        /** Each article as it is, with a closing line {@code خبر نمبر N}: near-copies (the old corpus). */
        COPIES
    }

    /** Sentences of similar length permuted among each other in a later pass. */
    static final int SENTENCE_BAND = 1024;

    private final List<RawArticle> articles;
    private final int[] order;
    private final String description;
    private final Repeats repeats;
    private final long seed;
    /** Distinct sentences (with letters) of all bodies, and distinct titles. */
    private final String[] sentences;

    private final String[] titles;
    /** Per article: the body's pieces; {@code sentenceOf[a][i] >= 0} names a sentence, else the piece stays. */
    private final String[][] pieces;

    private final int[][] sentenceOf;
    private final int[] titleOf;
    /** Sentence indexes by UTF-8 length (ties by text), the order the bands are cut from. */
    private final int[] byLength;

    private long cachedPass = -1;
    private int[] cachedSentences;
    private int[] cachedTitles;

    RealNewsCorpus(List<RawArticle> articles, long seed, String description) {
        this(articles, seed, description, Repeats.SENTENCES);
    }

    RealNewsCorpus(List<RawArticle> articles, long seed, String description, Repeats repeats) {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("no articles to build a corpus from");
        }
        this.articles = List.copyOf(articles);
        this.order = shuffled(articles.size(), seed);
        this.repeats = repeats;
        this.seed = seed;
        Map<String, Integer> sentenceIds = new HashMap<>();
        io.khabar.text.UrduNormalizer normalizer = new io.khabar.text.UrduNormalizer();
        io.khabar.enrich.stories.MinHash words =
                io.khabar.enrich.stories.StorySettings.defaults().minHash();
        Map<String, Integer> titleIds = new HashMap<>();
        List<String> sentenceList = new ArrayList<>();
        List<String> titleList = new ArrayList<>();
        int n = articles.size();
        this.pieces = new String[n][];
        this.sentenceOf = new int[n][];
        this.titleOf = new int[n];
        for (int a = 0; a < n; a++) {
            RawArticle article = articles.get(a);
            List<String> split = pieces(article.body());
            pieces[a] = split.toArray(String[]::new);
            sentenceOf[a] = new int[pieces[a].length];
            for (int i = 0; i < pieces[a].length; i++) {
                String p = pieces[a][i];
                if (!hasLetter(p)) {
                    sentenceOf[a][i] = -1;
                    continue;
                }
                // one sentence is what the story stage sees as one: the same words after normalising
                String key = key(words.words(normalizer.normalize(p).text()));
                sentenceOf[a][i] = sentenceIds.computeIfAbsent(key, k -> add(sentenceList, p));
            }
            String title = article.title();
            titleOf[a] = title == null
                    ? -1
                    : titleIds.computeIfAbsent(
                            key(words.words(normalizer.normalize(title).text())), k -> add(titleList, title));
        }
        this.sentences = sentenceList.toArray(String[]::new);
        this.titles = titleList.toArray(String[]::new);
        Integer[] sorted = new Integer[sentences.length];
        int[] bytes = new int[sentences.length];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i;
            bytes[i] = sentences[i].getBytes(StandardCharsets.UTF_8).length;
        }
        Arrays.sort(
                sorted, (x, y) -> bytes[x] != bytes[y] ? Integer.compare(bytes[x], bytes[y]) : Integer.compare(x, y));
        this.byLength = Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
        this.description = description + "; "
                + (repeats == Repeats.SENTENCES
                        ? String.format(
                                java.util.Locale.ROOT,
                                "past the first pass each article is rebuilt from other real sentences (%d distinct sentences"
                                        + " and %d titles of the file, permuted anew each pass within bands of %d of similar"
                                        + " length)",
                                sentences.length,
                                titles.length,
                                SENTENCE_BAND)
                        : "past the first pass each article is repeated as a near-copy with a marker line (the old corpus)");
    }

    private static String key(List<String> words) {
        return String.join(" ", words);
    }

    private static int add(List<String> list, String s) {
        list.add(s);
        return list.size() - 1;
    }

    /** Reads every article of a JSON Lines file; lines that are not an article are skipped. */
    public static RealNewsCorpus fromJsonl(Path jsonl, long seed) throws IOException {
        return fromJsonl(jsonl, seed, Repeats.SENTENCES);
    }

    /** Reads every article of a JSON Lines file, with the given kind of repeats past the first pass. */
    public static RealNewsCorpus fromJsonl(Path jsonl, long seed, Repeats repeats) throws IOException {
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
                "real news: %d articles of %s (mean %.0f bytes of title + body)%s",
                out.size(),
                jsonl,
                out.isEmpty() ? 0.0 : (double) bytes / out.size(),
                skipped == 0 ? "" : ", " + skipped + " lines skipped");
        return new RealNewsCorpus(out, seed, what, repeats);
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

    /** How many distinct sentences (with letters) the bodies have. */
    int sentenceCount() {
        return sentences.length;
    }

    @Override
    public RawArticle next(int index, Instant fetchedAt) {
        int n = articles.size();
        int pass = index / n;
        int k = order[index % n];
        RawArticle a = articles.get(k);
        String title = a.title();
        String body;
        if (pass == 0) {
            body = a.body();
        } else if (repeats == Repeats.COPIES) {
            body = a.body() + "\n\nخبر نمبر " + index;
        } else {
            int[][] maps = maps(pass);
            StringBuilder b = new StringBuilder(a.body().length() + 64);
            for (int i = 0; i < pieces[k].length; i++) {
                int s = sentenceOf[k][i];
                b.append(s < 0 ? pieces[k][i] : sentences[maps[0][s]]);
            }
            body = b.toString();
            title = titleOf[k] < 0 ? title : titles[maps[1][titleOf[k]]];
        }
        return new RawArticle(
                RawArticle.SCHEMA_VERSION,
                "bench:" + index,
                a.source(),
                a.url(),
                title,
                body,
                a.languageHint(),
                a.publishedAt(),
                fetchedAt,
                ArticleIds.contentHash(title, body),
                a.extra(),
                a.outlet());
    }

    /** The sentence and title permutations of a pass (the last one is kept: articles are asked for in order). */
    private synchronized int[][] maps(long pass) {
        if (pass != cachedPass) {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + pass);
            int[] s = new int[sentences.length];
            int[] band = new int[SENTENCE_BAND];
            for (int from = 0; from < byLength.length; from += SENTENCE_BAND) {
                int len = Math.min(SENTENCE_BAND, byLength.length - from);
                System.arraycopy(byLength, from, band, 0, len);
                shuffle(band, len, r);
                for (int i = 0; i < len; i++) {
                    s[byLength[from + i]] = band[i];
                }
            }
            int[] t = new int[titles.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = i;
            }
            shuffle(t, t.length, r);
            cachedSentences = s;
            cachedTitles = t;
            cachedPass = pass;
        }
        return new int[][] {cachedSentences, cachedTitles};
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * A body cut into pieces: sentences (up to and with their terminator ۔ ؟ ! and any closing quotes or brackets
     * right after it, or up to a line break) and the separators between them (spaces, line breaks), so that the
     * pieces joined give the body back.
     */
    static List<String> pieces(String body) {
        List<String> out = new ArrayList<>();
        if (body == null) {
            return out;
        }
        int i = 0;
        int n = body.length();
        while (i < n) {
            int start = i;
            if (Character.isWhitespace(body.charAt(i))) {
                while (i < n && Character.isWhitespace(body.charAt(i))) {
                    i++;
                }
                out.add(body.substring(start, i));
                continue;
            }
            while (i < n && body.charAt(i) != '\n') {
                char c = body.charAt(i++);
                if (c == '۔' || c == '؟' || c == '!' || c == '?') {
                    while (i < n && isClosing(body.charAt(i))) {
                        i++;
                    }
                    break;
                }
            }
            int end = i;
            while (end > start && Character.isWhitespace(body.charAt(end - 1))) {
                end--;
            }
            out.add(body.substring(start, end));
            if (end < i) {
                out.add(body.substring(end, i));
            }
        }
        return out;
    }

    private static boolean isClosing(char c) {
        return c == '’' || c == '”' || c == '\'' || c == '"' || c == ')' || c == '»' || c == '۔' || c == '؟'
                || c == '!';
    }

    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static void shuffle(int[] a, int len, SplittableRandom r) {
        for (int i = len - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
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

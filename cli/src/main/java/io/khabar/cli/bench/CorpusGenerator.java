package io.khabar.cli.bench;

import io.khabar.model.RawArticle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Makes an Urdu benchmark corpus from real sentences: each article is a headline and paragraphs of sentences drawn
 * at random (so entity density stays that of the sentences' news), with orthographic noise in a share of the
 * sentences (Arabic yeh/kaf/heh, tatweel, diacritics, ZWNJ, Arabic-Indic digits) as pasted text from other keyboards
 * has. Either every body has about one size ({@link #sized}: the seed-only corpus of earlier bench runs, built from
 * the twenty sentences of the seed, compresses about 7x) or sizes follow real Urdu news ({@link #withNewsLengths}).
 * Deterministic for a given random seed.
 */
public final class CorpusGenerator implements BenchCorpus {

    /** Median body size of real Urdu news in bytes ({@code ../shared/real-news}: median 2,525, mean 3,441). */
    static final int NEWS_MEDIAN_BYTES = 2500;
    /** Spread of the log-normal size model: mean / median of real news is 1.36, so sigma = sqrt(2 ln 1.36). */
    static final double NEWS_LOG_SIGMA = 0.78;

    private final List<String> sentences;
    private final SplittableRandom random;
    private final double noiseShare;
    private int fixedBytes = 5000;
    private boolean newsLengths;
    private String description;

    public CorpusGenerator(List<String> sentences, long seed, double noiseShare) {
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("no sentences to build a corpus from");
        }
        this.sentences = List.copyOf(sentences);
        this.random = new SplittableRandom(seed);
        this.noiseShare = noiseShare;
    }

    /** A generator over the sentences of every .txt file under the given folder. */
    public static CorpusGenerator fromSeeds(Path seedsDir, long seed) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(seedsDir)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                out.addAll(sentencesOf(Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        CorpusGenerator g = new CorpusGenerator(out, seed, 0.1);
        g.description = "seed only: " + out.size() + " sentences of " + seedsDir;
        return g;
    }

    /**
     * A generator over many real sentences: those of the UNER development corpus (one news sentence a line, the
     * entity tags removed) and of the seed articles, with body sizes that follow real news.
     */
    public static CorpusGenerator fromSentences(Path unerFile, Path seedsDir, long seed) throws IOException {
        List<String> out = new ArrayList<>();
        if (unerFile != null && Files.isRegularFile(unerFile)) {
            for (String line : Files.readAllLines(unerFile, StandardCharsets.UTF_8)) {
                String s = line.replaceAll("</?[A-Z]+>", "").strip();
                if (s.length() > 1) {
                    out.add(s);
                }
            }
        }
        int fromUner = out.size();
        if (seedsDir != null && Files.isDirectory(seedsDir)) {
            try (Stream<Path> files = Files.walk(seedsDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".txt"))
                        .sorted()
                        .toList()) {
                    out.addAll(sentencesOf(Files.readString(f, StandardCharsets.UTF_8)));
                }
            }
        }
        CorpusGenerator g = new CorpusGenerator(out, seed, 0.1).withNewsLengths();
        g.description = "assembled from real sentences: " + fromUner + " of " + unerFile + " and "
                + (out.size() - fromUner) + " of " + seedsDir + ", body sizes log-normal around a median of "
                + NEWS_MEDIAN_BYTES + " bytes";
        return g;
    }

    /** Every body of about {@code bytes} UTF-8 bytes (the default, 5,000). */
    public CorpusGenerator sized(int bytes) {
        this.fixedBytes = bytes;
        this.newsLengths = false;
        return this;
    }

    /** Body sizes drawn from a log-normal model of real Urdu news (median 2,500 bytes, 300 to 25,000). */
    public CorpusGenerator withNewsLengths() {
        this.newsLengths = true;
        return this;
    }

    @Override
    public RawArticle next(int index, Instant fetchedAt) {
        int target = fixedBytes;
        if (newsLengths) {
            double g = new SplittableRandom(index * 0x9E3779B97F4A7C15L).nextGaussian();
            target = (int) Math.max(300, Math.min(25_000, NEWS_MEDIAN_BYTES * Math.exp(NEWS_LOG_SIGMA * g)));
        }
        return next(index, target, fetchedAt);
    }

    @Override
    public String description() {
        return description != null ? description : sentences.size() + " sentences";
    }

    /** Splits text into sentences after ۔ ؟ ! and at line breaks, keeping the terminator. */
    static List<String> sentencesOf(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                flush(cur, out);
                continue;
            }
            cur.append(c);
            if (c == '۔' || c == '؟' || c == '!') {
                flush(cur, out);
            }
        }
        flush(cur, out);
        return out;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        String s = cur.toString().strip();
        if (s.length() > 1) {
            out.add(s);
        }
        cur.setLength(0);
    }

    /** The next article of about {@code targetBytes} UTF-8 bytes. */
    public synchronized RawArticle next(int index, int targetBytes, Instant now) {
        String title = pick();
        StringBuilder body = new StringBuilder(targetBytes);
        int bytes = 0;
        int inParagraph = 0;
        while (bytes < targetBytes) {
            String s = maybeNoisy(pick());
            if (inParagraph > 0) {
                body.append(inParagraph >= 3 + random.nextInt(3) ? "\n\n" : " ");
                if (body.charAt(body.length() - 1) == '\n') {
                    inParagraph = 0;
                }
            }
            body.append(s);
            inParagraph++;
            bytes += utf8Length(s) + 1;
        }
        // The index makes every article distinct, so dedup never drops benchmark articles.
        body.append("\n\n").append("خبر نمبر ").append(index);
        return RawArticle.of("bench:" + index, null, title, body.toString(), "ur", now, now, null);
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    private String pick() {
        return sentences.get(random.nextInt(sentences.size()));
    }

    private String maybeNoisy(String s) {
        if (random.nextDouble() >= noiseShare) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 'ی' -> b.append(random.nextInt(3) == 0 ? 'ي' : c);
                case 'ک' -> b.append(random.nextInt(3) == 0 ? 'ك' : c);
                case 'ہ' -> b.append(random.nextInt(3) == 0 ? 'ه' : c);
                case '2' -> b.append('۲');
                case '5' -> b.append('۵');
                case ' ' -> b.append(random.nextInt(20) == 0 ? '\u00A0' : ' ');
                default -> {
                    b.append(c);
                    if (Character.getType(c) == Character.OTHER_LETTER && random.nextInt(40) == 0) {
                        b.append(random.nextBoolean() ? '\u0640' : '\u064E');
                    }
                }
            }
        }
        return b.toString();
    }
}

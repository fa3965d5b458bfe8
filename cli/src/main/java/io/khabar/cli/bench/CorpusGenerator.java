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
 * Makes a realistic Urdu benchmark corpus from the seed articles: each article is a headline and paragraphs of
 * sentences drawn at random from the seeds (so entity density stays that of real news), about the requested
 * size, with orthographic noise in a share of the sentences (Arabic yeh/kaf/heh, tatweel, diacritics, ZWNJ,
 * Arabic-Indic digits) as pasted text from other keyboards has. Deterministic for a given random seed.
 */
public final class CorpusGenerator {

    private final List<String> sentences;
    private final SplittableRandom random;
    private final double noiseShare;

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
        return new CorpusGenerator(out, seed, 0.1);
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
    public RawArticle next(int index, int targetBytes, Instant now) {
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

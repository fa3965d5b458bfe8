package io.khabar.enrich.stories;

import io.khabar.text.TokenKind;
import io.khabar.text.TokenSequence;
import io.khabar.text.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MinHash signatures of an article's word shingles, and LSH band keys over them. Words come from khabar's
 * tokenizer on the <em>normalised</em> title and body (Unicode-aware; never {@code \w}), numbers included, and
 * are lower-cased (Latin); a shingle is {@code k} consecutive words. The signature holds {@code bands × rows}
 * minimum hash values, one per seeded hash function; the fraction of equal positions in two signatures estimates
 * the Jaccard similarity of their shingle sets. Pure and thread-safe.
 */
public final class MinHash {

    private final int shingle;
    private final int bands;
    private final int rows;
    private final long[] seeds;
    private final Tokenizer tokenizer = new Tokenizer();

    /**
     * @param shingle words per shingle (3 by default)
     * @param bands   LSH bands
     * @param rows    signature values per band
     */
    public MinHash(int shingle, int bands, int rows) {
        if (shingle < 1 || bands < 1 || rows < 1) {
            throw new IllegalArgumentException("shingle, bands and rows must be at least 1");
        }
        this.shingle = shingle;
        this.bands = bands;
        this.rows = rows;
        this.seeds = new long[bands * rows];
        long s = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < seeds.length; i++) {
            s = mix(s + 0x9E3779B97F4A7C15L);
            seeds[i] = s;
        }
    }

    /** Number of bands. */
    public int bands() {
        return bands;
    }

    /** The words of a normalised text, in order (word and number tokens). */
    public List<String> words(String normalizedText) {
        TokenSequence tokens = tokenizer.scan(normalizedText == null ? "" : normalizedText);
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            TokenKind kind = tokens.kind(i);
            if (kind == TokenKind.WORD || kind == TokenKind.NUMBER) {
                out.add(tokens.text(i).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** 64-bit hashes of the distinct k-word shingles of title and body; empty when there are fewer than k words. */
    public Set<Long> shingles(String normalizedTitle, String normalizedBody) {
        long[] hashes = shingleHashes(normalizedTitle, normalizedBody);
        Set<Long> out = new HashSet<>(hashes.length * 2);
        for (long h : hashes) {
            out.add(h);
        }
        return out;
    }

    /**
     * The distinct shingle hashes of {@link #shingles}, sorted, as a primitive array. Each word is lower-cased and
     * encoded to UTF-8 once (a word is part of {@code k} shingles), and the set is a sorted array, not boxed longs:
     * this is the story stage's hot path (one call per article).
     */
    long[] shingleHashes(String normalizedTitle, String normalizedBody) {
        List<byte[]> w = new ArrayList<>();
        addWords(normalizedTitle, w);
        addWords(normalizedBody, w);
        int n = w.size() - shingle + 1;
        if (n <= 0) {
            return new long[0];
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long h = 0xCBF29CE484222325L;
            for (int j = i; j < i + shingle; j++) {
                for (byte b : w.get(j)) {
                    h = (h ^ (b & 0xff)) * 0x100000001B3L;
                }
                h = (h ^ 0x20) * 0x100000001B3L;
            }
            out[i] = mix(h);
        }
        java.util.Arrays.sort(out);
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            if (out[i] != out[distinct - 1]) {
                out[distinct++] = out[i];
            }
        }
        return distinct == n ? out : java.util.Arrays.copyOf(out, distinct);
    }

    private void addWords(String normalizedText, List<byte[]> out) {
        for (String word : words(normalizedText)) {
            out.add(word.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The signature of a shingle set, or null for an empty set (too short to compare). */
    public int[] signature(Set<Long> shingles) {
        long[] hashes = new long[shingles.size()];
        int i = 0;
        for (long x : shingles) {
            hashes[i++] = x;
        }
        return signature(hashes);
    }

    private int[] signature(long[] shingles) {
        if (shingles.length == 0) {
            return null;
        }
        long[] seeds = this.seeds;
        int[] sig = new int[seeds.length];
        java.util.Arrays.fill(sig, Integer.MAX_VALUE);
        for (long x : shingles) {
            for (int i = 0; i < seeds.length; i++) {
                int v = (int) (mix(x ^ seeds[i]) >>> 33);
                if (v < sig[i]) {
                    sig[i] = v;
                }
            }
        }
        return sig;
    }

    /** The signature of a normalised title and body, or null when they have fewer words than a shingle. */
    public int[] signature(String normalizedTitle, String normalizedBody) {
        return signature(shingleHashes(normalizedTitle, normalizedBody));
    }

    /** The band keys of a signature: {@code b<band>:<hex hash of the band's rows>}. */
    public List<String> bandKeys(int[] sig) {
        return bandKeys(sig, rows);
    }

    /**
     * The band keys of a signature cut into bands of {@code rows} values ({@code sig.length / rows} bands), as {@link
     * #bandKeys(int[])}: what the band partitions compute from the signature an ENTRIES record carries.
     */
    public static List<String> bandKeys(int[] sig, int rows) {
        int bands = sig.length / rows;
        List<String> keys = new ArrayList<>(bands);
        for (int b = 0; b < bands; b++) {
            long h = b;
            for (int r = 0; r < rows; r++) {
                h = mix(h * 31 + sig[b * rows + r]);
            }
            keys.add("b" + b + ":" + Long.toHexString(h));
        }
        return keys;
    }

    /** Estimated Jaccard similarity: the share of equal positions; 0 when the lengths differ. */
    public static double similarity(int[] a, int[] b) {
        if (a == null || b == null || a.length != b.length || a.length == 0) {
            return 0;
        }
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / a.length;
    }

    /** Exact Jaccard similarity of two shingle sets (for evaluation). */
    public static double jaccard(Set<Long> a, Set<Long> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (long x : a.size() < b.size() ? a : b) {
            if ((a.size() < b.size() ? b : a).contains(x)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package io.khabar.ner;

import java.util.Arrays;

/**
 * A trie over the folded chars of phrase keys (spaces dropped), walked token by token so that a match
 * starts and ends on token boundaries but may span tokens written together or apart
 * ({@code وزیراعظم} and {@code وزیر اعظم} hit the same entry). Transitions live in one open-addressing hash
 * table, so a walk costs a few array reads per char whatever the number of entries.
 */
final class KeyTrie {
    private long[] keys;
    private int[] targets;
    private int mask;
    private int transitions;
    private int nodes = 1;
    private int[] values;

    KeyTrie() {
        this(1 << 12);
    }

    /** A trie with room for about {@code transitions / 2} transitions before it grows. */
    KeyTrie(int transitions) {
        int cap = Integer.highestOneBit(Math.max(16, transitions) - 1) << 1;
        keys = new long[cap];
        targets = new int[cap];
        mask = cap - 1;
        values = new int[Math.max(16, transitions / 4)];
        Arrays.fill(keys, -1L);
        Arrays.fill(values, -1);
    }

    /** Stores {@code value} (>= 0) under {@code key}; returns the value that was there, or -1. */
    int put(String key, int value) {
        if (key.isEmpty()) {
            return -1;
        }
        int node = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            int next = child(node, c);
            if (next < 0) {
                next = nodes++;
                if (next >= values.length) {
                    int old = values.length;
                    values = Arrays.copyOf(values, old * 2);
                    Arrays.fill(values, old, values.length, -1);
                }
                link(node, c, next);
            }
            node = next;
        }
        int old = values[node];
        values[node] = value;
        return old;
    }

    /** Sets {@code bits} in the value under {@code key} (a missing value counts as 0). */
    void or(String key, int bits) {
        int old = get(key);
        put(key, (old < 0 ? 0 : old) | bits);
    }

    /** The value stored under exactly the key of token {@code i}, or -1; allocates nothing. */
    int exact(Tokens t, int i) {
        int node = 0;
        String text = t.text;
        boolean any = false;
        for (int k = t.start[i], e = t.end[i]; k < e; k++) {
            char f = Keys.fold(text.charAt(k));
            if (f == 0) {
                continue;
            }
            any = true;
            node = child(node, f);
            if (node < 0) {
                return -1;
            }
        }
        return any ? values[node] : -1;
    }

    /** The value stored under exactly {@code key}, or -1. */
    int get(String key) {
        int node = 0;
        for (int i = 0; i < key.length() && node >= 0; i++) {
            node = child(node, key.charAt(i));
        }
        return node < 0 || key.isEmpty() ? -1 : values[node];
    }

    /**
     * Longest match of a run of word tokens starting at token {@code from} (at most {@code maxTokens} tokens,
     * never crossing a punctuation token or a token where {@code blocked} is true).
     * Returns {@code (lastToken << 32) | value}, or -1 when nothing matches.
     */
    long longest(Tokens t, int from, int maxTokens, boolean[] blocked) {
        int node = 0;
        long best = -1;
        String text = t.text;
        int last = Math.min(t.size, from + maxTokens);
        for (int i = from; i < last; i++) {
            if (!t.word[i] || (blocked != null && blocked[i])) {
                break;
            }
            for (int k = t.start[i], e = t.end[i]; k < e; k++) {
                char f = Keys.fold(text.charAt(k));
                if (f == 0) {
                    continue;
                }
                node = child(node, f);
                if (node < 0) {
                    return best;
                }
            }
            if (values[node] >= 0) {
                best = ((long) i << 32) | values[node];
            }
        }
        return best;
    }

    private int child(int node, char c) {
        long k = ((long) node << 16) | c;
        int h = hash(k) & mask;
        while (true) {
            long x = keys[h];
            if (x == k) {
                return targets[h];
            }
            if (x == -1L) {
                return -1;
            }
            h = (h + 1) & mask;
        }
    }

    private void link(int node, char c, int target) {
        if ((transitions + 1) * 2 > keys.length) {
            grow();
        }
        long k = ((long) node << 16) | c;
        int h = hash(k) & mask;
        while (keys[h] != -1L) {
            h = (h + 1) & mask;
        }
        keys[h] = k;
        targets[h] = target;
        transitions++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldTargets = targets;
        keys = new long[oldKeys.length * 2];
        targets = new int[oldKeys.length * 2];
        Arrays.fill(keys, -1L);
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1L) {
                int h = hash(oldKeys[i]) & mask;
                while (keys[h] != -1L) {
                    h = (h + 1) & mask;
                }
                keys[h] = oldKeys[i];
                targets[h] = oldTargets[i];
            }
        }
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }
}

package io.khabar.ner;

import java.util.Arrays;

/**
 * A trie over the folded chars of phrase keys (spaces dropped), walked token by token so that a match
 * starts and ends on token boundaries but may span tokens written together or apart
 * ({@code وزیراعظم} and {@code وزیر اعظم} hit the same entry). Transitions live in one open-addressing hash
 * table, so a walk costs a few array reads per char whatever the number of entries. The table is kept small, since
 * its reads are most of the tagger's cache misses: a transition is one {@code long} (its node, char and target node
 * packed together), and the root's children of the chars below U+0800 (Latin, Arabic script, digits) are read from a
 * plain array. Nodes past {@link #PACKED_NODES} (a trie of millions of chars) go to a map instead.
 */
final class KeyTrie {
    /** Chars below this reach the root's children through {@link #root}. */
    private static final int ROOT_CHARS = 0x800;
    /** Transitions between nodes below this are packed into {@link #slots}: 23 bits of node, 16 of char, 24 of target. */
    static final int PACKED_NODES = 1 << 23;

    /** Packed transitions: {@code (node << 16 | char) << 24 | target}; 0 is a free slot (no transition targets the root). */
    private long[] slots;
    /** The root's child for each char below {@link #ROOT_CHARS}, or -1; null in small tries (one per article). */
    private final int[] root;
    /**
     * In large tries, one bit per hash of every prefix of every key (its {@link String#hashCode}, mixed, 2^18 bits):
     * a walk that starts at a token whose whole key is no prefix cannot pass that token, so a clear bit ends it
     * before the first probe ({@link Tokens#hash}). Null in small tries.
     */
    private final long[] prefixes;

    /** Transitions that do not fit {@link #slots}, or null. */
    private java.util.Map<Long, Integer> wide;

    private final int packedNodes;
    private int mask;
    private int transitions;
    private int nodes = 1;
    private int[] values;

    KeyTrie() {
        this(1 << 12);
    }

    /** A trie with room for about {@code transitions / 2} transitions before it grows. */
    KeyTrie(int transitions) {
        this(transitions, PACKED_NODES);
    }

    /** As {@link #KeyTrie(int)}, packing only transitions between nodes below {@code packedNodes} (tests). */
    KeyTrie(int transitions, int packedNodes) {
        int cap = Integer.highestOneBit(Math.max(16, transitions) - 1) << 1;
        slots = new long[cap];
        mask = cap - 1;
        values = new int[Math.max(16, transitions / 4)];
        Arrays.fill(values, -1);
        root = transitions >= 1024 ? new int[ROOT_CHARS] : null;
        if (root != null) {
            Arrays.fill(root, -1);
        }
        prefixes = root != null ? new long[PREFIX_BITS / 64] : null;
        if (prefixes != null) {
            mark(0); // the empty prefix: a token without key chars leaves a walk at the node it was at
        }
        this.packedNodes = Math.min(packedNodes, PACKED_NODES);
    }

    /** Stores {@code value} (>= 0) under {@code key}; returns the value that was there, or -1. */
    int put(String key, int value) {
        if (key.isEmpty()) {
            return -1;
        }
        int node = 0;
        int hash = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            hash = 31 * hash + c;
            if (prefixes != null) {
                mark(hash);
            }
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

    private static final int PREFIX_BITS = 1 << 18;

    private static int prefixBit(int hash) {
        int h = hash * 0x9E3779B9;
        return h >>> (32 - 18);
    }

    private void mark(int hash) {
        int b = prefixBit(hash);
        prefixes[b >>> 6] |= 1L << b;
    }

    /** False when token {@code i}'s key is surely no prefix of a key here (so no walk passes it); true may be either. */
    boolean mayPass(Tokens t, int i) {
        if (prefixes == null) {
            return true;
        }
        int b = prefixBit(t.hash[i]);
        return (prefixes[b >>> 6] & (1L << b)) != 0;
    }

    /** Sets {@code bits} in the value under {@code key} (a missing value counts as 0). */
    void or(String key, int bits) {
        int old = get(key);
        put(key, (old < 0 ? 0 : old) | bits);
    }

    /** The value stored under exactly the key of token {@code i}, or -1; allocates nothing. */
    int exact(Tokens t, int i) {
        int k = t.keyStart[i];
        int e = t.keyEnd[i];
        if (k == e || !mayPass(t, i)) {
            return -1;
        }
        char[] keys = t.keyChars;
        int node = 0;
        for (; k < e; k++) {
            node = child(node, keys[k]);
            if (node < 0) {
                return -1;
            }
        }
        return values[node];
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
        char[] keys = t.keyChars;
        int last = Math.min(t.size, from + maxTokens);
        if (from < last && !mayPass(t, from)) {
            return -1; // the first token's key leads nowhere, whatever follows it
        }
        for (int i = from; i < last; i++) {
            if (!t.word[i] || (blocked != null && blocked[i])) {
                break;
            }
            for (int k = t.keyStart[i], e = t.keyEnd[i]; k < e; k++) {
                node = child(node, keys[k]);
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
        if (node == 0 && c < ROOT_CHARS && root != null) {
            return root[c];
        }
        long k = ((long) node << 16) | c;
        if (node < packedNodes) {
            long[] s = slots;
            int m = mask;
            int h = hash(k) & m;
            while (true) {
                long x = s[h];
                if (x == 0) {
                    break;
                }
                if (x >>> 24 == k) {
                    return (int) (x & 0xFFFFFF);
                }
                h = (h + 1) & m;
            }
        }
        if (wide == null) {
            return -1;
        }
        Integer t = wide.get(k);
        return t == null ? -1 : t;
    }

    private void link(int node, char c, int target) {
        if (node == 0 && c < ROOT_CHARS && root != null) {
            root[c] = target;
            return;
        }
        long k = ((long) node << 16) | c;
        if (node >= packedNodes || target >= packedNodes) {
            if (wide == null) {
                wide = new java.util.HashMap<>();
            }
            wide.put(k, target);
            return;
        }
        if ((transitions + 1) * 2 > slots.length) {
            grow();
        }
        int h = hash(k) & mask;
        while (slots[h] != 0) {
            h = (h + 1) & mask;
        }
        slots[h] = k << 24 | target;
        transitions++;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long x : old) {
            if (x != 0) {
                int h = hash(x >>> 24) & mask;
                while (slots[h] != 0) {
                    h = (h + 1) & mask;
                }
                slots[h] = x;
            }
        }
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }
}

package io.khabar.ner;

import java.util.Collection;
import java.util.Map;

/**
 * An immutable set of match keys (optionally with an int value each) that a token is looked up in without making its
 * key string: probed by the hash {@link Tokens} computed while tokenising (the key's {@link String#hashCode}) behind a
 * bit filter, then the chars compared. {@code set.contains(t, i)} answers exactly what
 * {@code keys.contains(t.key(i))} answers, and {@code get} what {@code map.getOrDefault(t.key(i), absent)} does.
 */
final class KeySet {
    private final String[] slots;
    /** The hash of the key in each slot, compared before the key's chars. */
    private final int[] hashes;

    private final int[] values;
    private final int mask;
    /**
     * One bit per value of a key hash's low bits (mixed), at least 8 bits per key: a token whose bit is clear is in
     * no slot, so most tokens not in the set are answered by one read of this table.
     */
    private final long[] filter;

    private final int filterMask;
    private final boolean empty;
    private final int emptyValue;

    private KeySet(Collection<String> keys, Map<String, Integer> valued) {
        int size = Integer.highestOneBit(Math.max(4, keys.size()) * 4);
        slots = new String[size];
        hashes = new int[size];
        values = valued == null ? null : new int[size];
        mask = size - 1;
        int bits = Math.max(4096, Integer.highestOneBit(Math.max(1, keys.size()) * 16));
        filter = new long[bits / 64];
        filterMask = bits - 1;
        boolean e = false;
        int ev = 0;
        for (String k : keys) {
            if (k.isEmpty()) {
                e = true;
                ev = valued == null ? 0 : valued.get(k);
                continue;
            }
            int s = slot(k.hashCode());
            while (slots[s] != null && !slots[s].equals(k)) {
                s = (s + 1) & mask;
            }
            slots[s] = k;
            hashes[s] = k.hashCode();
            if (values != null) {
                values[s] = valued.get(k);
            }
            int b = bit(k.hashCode());
            filter[b >>> 6] |= 1L << b;
        }
        empty = e;
        emptyValue = ev;
    }

    /** The set of these keys. */
    static KeySet of(Collection<String> keys) {
        return new KeySet(keys, null);
    }

    /** The keys of {@code map} with their values, for {@link #get}. */
    static KeySet of(Map<String, Integer> map) {
        return new KeySet(map.keySet(), map);
    }

    private int bit(int hash) {
        return (hash ^ (hash >>> 12) ^ (hash >>> 24)) & filterMask;
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & mask;
    }

    /** The slot of token {@code i}'s (non-empty) key, or -1. */
    private int find(Tokens t, int i) {
        int h = t.hash[i];
        int b = bit(h);
        if ((filter[b >>> 6] & (1L << b)) == 0) {
            return -1;
        }
        for (int s = slot(h); ; s = (s + 1) & mask) {
            String k = slots[s];
            if (k == null) {
                return -1;
            }
            if (hashes[s] == h && t.keyIs(i, k)) {
                return s;
            }
        }
    }

    /** Whether the key of token {@code i} ({@link Tokens#key}) is in the set. */
    boolean contains(Tokens t, int i) {
        return t.keyEnd[i] == t.keyStart[i] ? empty : find(t, i) >= 0;
    }

    /** Whether {@link Field#key} of token {@code i} (empty unless a word in range) is in the set. */
    boolean containsWord(Field f, int i) {
        Tokens t = f.tokens;
        return i >= 0 && i < t.size && t.word[i] ? contains(t, i) : empty;
    }

    /** The value of token {@code i}'s key, or {@code absent} (a set made of a map). */
    int get(Tokens t, int i, int absent) {
        if (t.keyEnd[i] == t.keyStart[i]) {
            return empty ? emptyValue : absent;
        }
        int s = find(t, i);
        return s < 0 ? absent : values[s];
    }
}

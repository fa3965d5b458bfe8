package io.khabar.ner;

import java.util.Collection;

/**
 * An immutable set of match keys that a token is looked up in without making its key string: probed by the hash
 * {@link Tokens} computed while tokenising (the key's {@link String#hashCode}), then the chars compared.
 * {@code set.contains(t, i)} answers exactly what {@code keys.contains(t.key(i))} answers.
 */
final class KeySet {
    private final String[] slots;
    /** The hash of the key in each slot, compared before the key's chars. */
    private final int[] hashes;

    private final int mask;
    /**
     * One bit per value of a key hash's low 12 bits (mixed): a token whose bit is clear is in no slot, so most
     * tokens are answered by one read of this 512-byte table.
     */
    private final long[] filter = new long[64];

    private final boolean empty;

    private KeySet(Collection<String> keys) {
        int size = Integer.highestOneBit(Math.max(4, keys.size()) * 4);
        slots = new String[size];
        hashes = new int[size];
        mask = size - 1;
        boolean e = false;
        for (String k : keys) {
            if (k.isEmpty()) {
                e = true;
                continue;
            }
            int s = slot(k.hashCode());
            while (slots[s] != null && !slots[s].equals(k)) {
                s = (s + 1) & mask;
            }
            slots[s] = k;
            hashes[s] = k.hashCode();
            int b = bit(k.hashCode());
            filter[b >>> 6] |= 1L << b;
        }
        empty = e;
    }

    /** The set of these keys. */
    static KeySet of(Collection<String> keys) {
        return new KeySet(keys);
    }

    private static int bit(int hash) {
        return (hash ^ (hash >>> 12) ^ (hash >>> 24)) & 4095;
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & mask;
    }

    /** Whether the key of token {@code i} ({@link Tokens#key}) is in the set. */
    boolean contains(Tokens t, int i) {
        int len = t.keyEnd[i] - t.keyStart[i];
        if (len == 0) {
            return empty;
        }
        int h = t.hash[i];
        int b = bit(h);
        if ((filter[b >>> 6] & (1L << b)) == 0) {
            return false;
        }
        for (int s = slot(h); ; s = (s + 1) & mask) {
            String k = slots[s];
            if (k == null) {
                return false;
            }
            if (hashes[s] == h && t.keyIs(i, k)) {
                return true;
            }
        }
    }

    /** Whether {@link Field#key} of token {@code i} (empty unless a word in range) is in the set. */
    boolean containsWord(Field f, int i) {
        Tokens t = f.tokens;
        return i >= 0 && i < t.size && t.word[i] ? contains(t, i) : empty;
    }
}

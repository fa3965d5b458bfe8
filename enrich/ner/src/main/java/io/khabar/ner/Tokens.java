package io.khabar.ner;

/**
 * Word and punctuation tokens of one text, as parallel arrays (no objects per token, so tagging stays fast).
 * A word is a run of letters, digits and marks (ZWNJ and kashida included); every other non-space char is a
 * token of its own. The match keys of all tokens are folded once, while tokenising, into one char array
 * ({@link #keyChars}, token i's key is {@code [keyStart[i], keyEnd[i])}), so trie walks and key lookups read
 * plain chars instead of folding the text again on every walk.
 */
final class Tokens {
    private static final byte LETTERS = 1;
    private static final byte DIGITS = 2;

    final String text;
    int size;
    int[] start;
    int[] end;
    boolean[] word;
    /** The folded chars of every token's match key, back to back. */
    final char[] keyChars;

    int[] keyStart;
    int[] keyEnd;
    /** Per token: its key's {@link String#hashCode}, for lookups that make no string ({@link KeySet}). */
    int[] hash;
    /** Per token: {@link #LETTERS} for a word without a digit, {@link #DIGITS} for a word of digits only. */
    private byte[] shape;

    private String[] keys;

    private Tokens(String text) {
        this.text = text;
        int cap = Math.max(8, text.length() / 4);
        start = new int[cap];
        end = new int[cap];
        word = new boolean[cap];
        keyStart = new int[cap];
        keyEnd = new int[cap];
        hash = new int[cap];
        shape = new byte[cap];
        keyChars = new char[text.length()];
    }

    static Tokens of(String text) {
        Tokens t = new Tokens(text);
        char[] keys = t.keyChars;
        int n = text.length();
        int kn = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Keys.isWordChar(c)) {
                int s = i;
                int ks = kn;
                boolean anyDigit = false;
                boolean allDigits = true;
                int h = 0;
                do {
                    boolean d = Keys.isDigit(c);
                    anyDigit |= d;
                    allDigits &= d;
                    char f = Keys.fold(c);
                    if (f != 0 && !Keys.isSpace(c)) {
                        keys[kn++] = f;
                        h = 31 * h + f;
                    }
                    i++;
                } while (i < n && Keys.isWordChar(c = text.charAt(i)));
                t.add(s, i, true, ks, kn, h, anyDigit ? (allDigits ? DIGITS : 0) : LETTERS);
            } else if (Keys.isSpace(c)) {
                i++;
            } else {
                int ks = kn;
                char f = Keys.fold(c);
                if (f != 0) {
                    keys[kn++] = f;
                }
                t.add(i, i + 1, false, ks, kn, f, (byte) 0);
                i++;
            }
        }
        return t;
    }

    private void add(int s, int e, boolean w, int ks, int ke, int h, byte sh) {
        if (size == start.length) {
            int cap = size * 2;
            start = java.util.Arrays.copyOf(start, cap);
            end = java.util.Arrays.copyOf(end, cap);
            word = java.util.Arrays.copyOf(word, cap);
            keyStart = java.util.Arrays.copyOf(keyStart, cap);
            keyEnd = java.util.Arrays.copyOf(keyEnd, cap);
            hash = java.util.Arrays.copyOf(hash, cap);
            shape = java.util.Arrays.copyOf(shape, cap);
        }
        start[size] = s;
        end[size] = e;
        word[size] = w;
        keyStart[size] = ks;
        keyEnd[size] = ke;
        hash[size] = h;
        shape[size] = sh;
        size++;
    }

    /** The match key of token {@code i}. */
    String key(int i) {
        if (keys == null) {
            keys = new String[size];
        }
        String k = keys[i];
        if (k == null) {
            k = new String(keyChars, keyStart[i], keyEnd[i] - keyStart[i]);
            keys[i] = k;
        }
        return k;
    }

    /** The length of token {@code i}'s key. */
    int keyLength(int i) {
        return keyEnd[i] - keyStart[i];
    }

    /** Whether token {@code i}'s key is {@code key}: {@code key(i).equals(key)} without making the string. */
    boolean keyIs(int i, String key) {
        int s = keyStart[i];
        int n = keyEnd[i] - s;
        if (n != key.length()) {
            return false;
        }
        char[] k = keyChars;
        for (int j = 0; j < n; j++) {
            if (k[s + j] != key.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** Whether token {@code i}'s key starts with {@code prefix}. */
    boolean keyStartsWith(int i, String prefix) {
        int s = keyStart[i];
        int n = prefix.length();
        if (keyEnd[i] - s < n) {
            return false;
        }
        char[] k = keyChars;
        for (int j = 0; j < n; j++) {
            if (k[s + j] != prefix.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** Whether token {@code i}'s key ends with {@code suffix}. */
    boolean keyEndsWith(int i, String suffix) {
        int n = suffix.length();
        int s = keyEnd[i] - n;
        if (s < keyStart[i]) {
            return false;
        }
        char[] k = keyChars;
        for (int j = 0; j < n; j++) {
            if (k[s + j] != suffix.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** The surface text of token {@code i}. */
    String text(int i) {
        return text.substring(start[i], end[i]);
    }

    /** Whether token {@code i} is a word made of letters (no digit). */
    boolean isLetterWord(int i) {
        return shape[i] == LETTERS;
    }

    /** Whether token {@code i} is a word of digits only. */
    boolean isNumber(int i) {
        return shape[i] == DIGITS;
    }

    /** Whether token {@code i} is the single char {@code c}. */
    boolean is(int i, char c) {
        return i >= 0 && i < size && !word[i] && text.charAt(start[i]) == c;
    }
}

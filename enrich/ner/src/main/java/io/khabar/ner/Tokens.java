package io.khabar.ner;

/**
 * Word and punctuation tokens of one text, as parallel arrays (no objects per token, so tagging stays fast).
 * A word is a run of letters, digits and marks (ZWNJ and kashida included); every other non-space char is a
 * token of its own.
 */
final class Tokens {
    final String text;
    int size;
    int[] start;
    int[] end;
    boolean[] word;
    private String[] keys;

    private Tokens(String text) {
        this.text = text;
        int cap = Math.max(8, text.length() / 4);
        start = new int[cap];
        end = new int[cap];
        word = new boolean[cap];
    }

    static Tokens of(String text) {
        Tokens t = new Tokens(text);
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Keys.isWordChar(c)) {
                int s = i;
                i++;
                while (i < n && Keys.isWordChar(text.charAt(i))) {
                    i++;
                }
                t.add(s, i, true);
            } else if (Keys.isSpace(c)) {
                i++;
            } else {
                t.add(i, i + 1, false);
                i++;
            }
        }
        return t;
    }

    private void add(int s, int e, boolean w) {
        if (size == start.length) {
            int cap = size * 2;
            start = java.util.Arrays.copyOf(start, cap);
            end = java.util.Arrays.copyOf(end, cap);
            word = java.util.Arrays.copyOf(word, cap);
        }
        start[size] = s;
        end[size] = e;
        word[size] = w;
        size++;
    }

    /** The match key of token {@code i}. */
    String key(int i) {
        if (keys == null) {
            keys = new String[size];
        }
        String k = keys[i];
        if (k == null) {
            k = Keys.of(text, start[i], end[i]);
            keys[i] = k;
        }
        return k;
    }

    /** The surface text of token {@code i}. */
    String text(int i) {
        return text.substring(start[i], end[i]);
    }

    /** Whether token {@code i} is a word made of letters (no digit). */
    boolean isLetterWord(int i) {
        if (!word[i]) {
            return false;
        }
        for (int k = start[i]; k < end[i]; k++) {
            if (Character.isDigit(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** Whether token {@code i} is a word of digits only. */
    boolean isNumber(int i) {
        if (!word[i]) {
            return false;
        }
        for (int k = start[i]; k < end[i]; k++) {
            char c = text.charAt(k);
            if (!Character.isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether token {@code i} is the single char {@code c}. */
    boolean is(int i, char c) {
        return i >= 0 && i < size && !word[i] && text.charAt(start[i]) == c;
    }
}

package io.khabar.text;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The tokens of one text as parallel arrays of offsets and kinds: no object and no string per token, so the enrich
 * stage can scan tens of thousands of tokens per article without garbage (the shape of Lucene's token attributes).
 * {@link #text(int)} and {@link #token(int)} build a token's string on demand; {@link #asList()} is a read-only
 * {@code List<Token>} view for callers that want records. Immutable once returned by {@link Tokenizer#scan}.
 */
public final class TokenSequence {
    private static final TokenKind[] KINDS = TokenKind.values();

    private final String text;
    private int size;
    private int[] starts;
    private int[] ends;
    private byte[] kinds;

    TokenSequence(String text, int capacity) {
        this.text = text;
        int cap = Math.max(4, capacity);
        this.starts = new int[cap];
        this.ends = new int[cap];
        this.kinds = new byte[cap];
    }

    void add(int start, int end, TokenKind kind) {
        if (size == starts.length) {
            int cap = size * 2;
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
            kinds = Arrays.copyOf(kinds, cap);
        }
        starts[size] = start;
        ends[size] = end;
        kinds[size] = (byte) kind.ordinal();
        size++;
    }

    /** The text the offsets point into. */
    public String text() {
        return text;
    }

    /** Number of tokens. */
    public int size() {
        return size;
    }

    /** Start offset of token {@code i} in {@link #text()}. */
    public int start(int i) {
        return starts[checkIndex(i)];
    }

    /** End offset (exclusive) of token {@code i}. */
    public int end(int i) {
        return ends[checkIndex(i)];
    }

    /** Kind of token {@code i}. */
    public TokenKind kind(int i) {
        return KINDS[kinds[checkIndex(i)]];
    }

    /** The chars of token {@code i} (a new string). */
    public String text(int i) {
        return text.substring(start(i), ends[i]);
    }

    /** Token {@code i} as a record. */
    public Token token(int i) {
        return new Token(start(i), ends[i], text(i), KINDS[kinds[i]]);
    }

    /** How many tokens are of {@code kind}. */
    public int count(TokenKind kind) {
        int n = 0;
        byte k = (byte) kind.ordinal();
        for (int i = 0; i < size; i++) {
            if (kinds[i] == k) {
                n++;
            }
        }
        return n;
    }

    /** A read-only list view; each {@code get} builds its record. */
    public List<Token> asList() {
        return new View();
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("token " + i + " of " + size);
        }
        return i;
    }

    private final class View extends AbstractList<Token> implements RandomAccess {
        @Override
        public Token get(int index) {
            return token(index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}

package io.khabar.text;

import java.util.Objects;

/**
 * Normalised text, the original it came from, and the offset map between them.
 * Normalised char {@code j} came from original chars {@code [originalStart(j), originalEnd(j + 1))}; both maps are
 * monotonic, so a span {@code [s, e)} of the normalised text maps to {@code [originalStart(s), originalEnd(e))}.
 */
public final class NormalizedText {
    private final String text;
    private final String original;
    private final int[] starts;
    private final int[] ends;

    NormalizedText(String text, String original, int[] starts, int[] ends) {
        this.text = text;
        this.original = original;
        this.starts = starts;
        this.ends = ends;
    }

    /** The normalised text. */
    public String text() {
        return text;
    }

    /** The text as it arrived. */
    public String original() {
        return original;
    }

    /** Length of the normalised text. */
    public int length() {
        return text.length();
    }

    /**
     * Char index into the original where the normalised char at {@code normalizedStart} came from;
     * {@code original().length()} for {@code normalizedStart == length()}.
     */
    public int originalStart(int normalizedStart) {
        Objects.checkIndex(normalizedStart, text.length() + 1);
        return normalizedStart == text.length() ? original.length() : starts[normalizedStart];
    }

    /**
     * Exclusive end in the original for a normalised span ending (exclusively) at {@code normalizedEnd};
     * 0 for {@code normalizedEnd == 0}. Removed marks and kashida that followed a char count as part of it.
     */
    public int originalEnd(int normalizedEnd) {
        Objects.checkIndex(normalizedEnd, text.length() + 1);
        return normalizedEnd == 0 ? 0 : ends[normalizedEnd - 1];
    }

    /** The original chars the normalised span {@code [normalizedStart, normalizedEnd)} came from. */
    public String originalSubstring(int normalizedStart, int normalizedEnd) {
        if (normalizedStart >= normalizedEnd) {
            return "";
        }
        return original.substring(originalStart(normalizedStart), originalEnd(normalizedEnd));
    }

    /** The original span of a normalised span. */
    public Span originalSpan(Span normalized) {
        if (normalized.start() >= normalized.end()) {
            int at = originalStart(normalized.start());
            return new Span(at, at);
        }
        return new Span(originalStart(normalized.start()), originalEnd(normalized.end()));
    }

    @Override
    public String toString() {
        return text;
    }
}

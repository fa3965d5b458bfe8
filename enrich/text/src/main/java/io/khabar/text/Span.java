package io.khabar.text;

/** A half-open char range {@code [start, end)}. */
public record Span(int start, int end) {
    /** Checks 0 <= start <= end. */
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The chars of {@code text} this span covers. */
    public String of(CharSequence text) {
        return text.subSequence(start, end).toString();
    }

    /** end - start. */
    public int length() {
        return end - start;
    }
}

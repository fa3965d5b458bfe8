package io.khabar.text;

/** A token; {@code start}/{@code end} are offsets into the normalised text, {@code text} its chars. */
public record Token(int start, int end, String text, TokenKind kind) {
    /** The token's span. */
    public Span span() {
        return new Span(start, end);
    }
}

package io.khabar.text;

/** What a {@link Token} is made of. */
public enum TokenKind {
    /** Letters and marks (and joiners, and digits after Latin letters, e.g. G7). */
    WORD,
    /** Digits, with inner separators such as 3,000 or 9.5 or 12:30. */
    NUMBER,
    /** One punctuation char (Unicode P*). */
    PUNCTUATION,
    /** Anything else that is not whitespace: symbols (Unicode S*), emoji, unassigned. */
    SYMBOL
}

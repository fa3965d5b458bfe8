package io.khabar.ner.eval;

import io.khabar.model.EntityType;

/**
 * A labelled span of characters in one sentence: {@code [start, end)}, with its surface text and, for
 * predictions, how the tagger found it (null for gold spans).
 */
public record Span(int start, int end, EntityType type, String text, String method) {
    /** A gold span. */
    public Span(int start, int end, EntityType type, String text) {
        this(start, end, type, text, null);
    }
}

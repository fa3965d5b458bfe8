package io.khabar.ner.eval;

import io.khabar.model.EntityType;

/** A labelled span of characters in one sentence: {@code [start, end)}, with its surface text. */
public record Span(int start, int end, EntityType type, String text) {
}

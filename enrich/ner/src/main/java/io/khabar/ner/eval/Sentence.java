package io.khabar.ner.eval;

import java.util.List;

/**
 * One evaluation sentence: the text the tagger sees, the gold spans in it, and, for token files, the token
 * boundaries predictions are snapped to (null for running text).
 */
public record Sentence(String text, List<Span> gold, int[] tokenStarts, int[] tokenEnds) {}

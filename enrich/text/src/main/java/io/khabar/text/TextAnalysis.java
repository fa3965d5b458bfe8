package io.khabar.text;

import java.util.List;

/** Everything the enrich stage needs from one article: normalised text with offsets, language, sentences, tokens. */
public record TextAnalysis(
        NormalizedText normalized, LanguageGuess language, List<Span> sentences, TokenSequence tokens) {
    /** Copies the sentence list. */
    public TextAnalysis {
        sentences = List.copyOf(sentences);
    }
}

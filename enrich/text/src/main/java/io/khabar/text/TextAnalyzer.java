package io.khabar.text;

/**
 * Facade: identifies the language on the original text, normalises (Urdu letter unification only when the text is
 * not Arabic or Persian, so those articles flow unmangled), then splits sentences and tokens. Thread-safe.
 */
public final class TextAnalyzer {
    private final LanguageIdentifier identifier = new LanguageIdentifier();
    private final UrduNormalizer urdu;
    private final UrduNormalizer neutral;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final Tokenizer tokenizer = new Tokenizer();

    /** With default options. */
    public TextAnalyzer() {
        this(NormalizerOptions.defaults());
    }

    /** With the given options (urduLetters is decided per article from the language). */
    public TextAnalyzer(NormalizerOptions options) {
        this.urdu = new UrduNormalizer(options.withUrduLetters(true));
        this.neutral = new UrduNormalizer(options.withUrduLetters(false));
    }

    /** Analyses one article. */
    public TextAnalysis analyze(String original) {
        LanguageGuess language = identifier.identify(original);
        NormalizedText normalized = (language.urduRulesApply() ? urdu : neutral).normalize(original);
        String text = normalized.text();
        return new TextAnalysis(normalized, language, splitter.split(text), tokenizer.scan(text));
    }
}

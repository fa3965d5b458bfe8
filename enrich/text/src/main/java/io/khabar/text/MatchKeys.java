package io.khabar.text;

/**
 * Lookup keys for gazetteers and entity matching: the normalised text with ZWNJ, ZWJ and every whitespace char
 * removed and ASCII letters lower-cased, so وزیراعظم and وزیر اعظم, اسلام آباد and اسلام‌آباد meet.
 * Keys are for comparing a span with a list entry; they are not text to show.
 */
public final class MatchKeys {
    private MatchKeys() {}

    /** The key of a span of normalised text. */
    public static String of(CharSequence normalizedText) {
        int len = normalizedText.length();
        StringBuilder key = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            char c = normalizedText.charAt(i);
            if (c == UrduNormalizer.ZWNJ || c == UrduNormalizer.ZWJ || isSpace(c)) {
                continue;
            }
            key.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return key.toString();
    }

    private static boolean isSpace(char c) {
        byte kind = UrduNormalizer.KIND[c];
        return kind == UrduNormalizer.K_SPACE
                || kind == UrduNormalizer.K_NEWLINE
                || kind == UrduNormalizer.K_CR
                || kind == UrduNormalizer.K_PARAGRAPH;
    }
}

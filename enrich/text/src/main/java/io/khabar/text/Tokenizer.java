package io.khabar.text;

import com.ibm.icu.lang.UCharacter;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits normalised text into words, numbers, punctuation and symbols by Unicode properties (ICU general categories,
 * read into a table at class init), never by Java's \w or \b, which cut Urdu words at marks and joiners.
 *
 * <p>A word is a run of letters, marks and joiners (ZWNJ/ZWJ inside it); digits stay in a word after Latin letters
 * (G7, COVID19) but are split from Arabic-script letters (20فیصد → 20, فیصد) except the year sign ء (2021ء).
 * A number is a run of digits with single . , ٫ ٬ : / between digits (3,000 9.5 12:30 25/08). Apostrophes between
 * Latin letters stay in the word (don't). Each punctuation or symbol char is its own token.
 */
public final class Tokenizer {
    static final byte C_OTHER = 0;
    static final byte C_SPACE = 1;
    static final byte C_LETTER = 2;
    static final byte C_MARK = 3;
    static final byte C_DIGIT = 4;
    static final byte C_PUNCT = 5;
    static final byte C_JOINER = 6;
    static final byte[] CLASS = new byte[65536];
    /** Arabic-script letters. */
    static final boolean[] ARABIC = new boolean[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            int type = UCharacter.getType(c);
            byte cls;
            switch (type) {
                case UCharacter.UPPERCASE_LETTER,
                        UCharacter.LOWERCASE_LETTER,
                        UCharacter.TITLECASE_LETTER,
                        UCharacter.MODIFIER_LETTER,
                        UCharacter.OTHER_LETTER -> cls = C_LETTER;
                case UCharacter.NON_SPACING_MARK, UCharacter.COMBINING_SPACING_MARK, UCharacter.ENCLOSING_MARK ->
                    cls = C_MARK;
                case UCharacter.DECIMAL_DIGIT_NUMBER -> cls = C_DIGIT;
                case UCharacter.SPACE_SEPARATOR,
                        UCharacter.LINE_SEPARATOR,
                        UCharacter.PARAGRAPH_SEPARATOR,
                        UCharacter.CONTROL -> cls = C_SPACE;
                case UCharacter.CONNECTOR_PUNCTUATION,
                        UCharacter.DASH_PUNCTUATION,
                        UCharacter.START_PUNCTUATION,
                        UCharacter.END_PUNCTUATION,
                        UCharacter.INITIAL_PUNCTUATION,
                        UCharacter.FINAL_PUNCTUATION,
                        UCharacter.OTHER_PUNCTUATION -> cls = C_PUNCT;
                default -> cls = C_OTHER;
            }
            CLASS[c] = cls;
            ARABIC[c] = cls == C_LETTER && (UrduNormalizer.FLAGS[c] & UrduNormalizer.F_ARABIC) != 0;
        }
        CLASS[UrduNormalizer.ZWNJ] = C_JOINER;
        CLASS[UrduNormalizer.ZWJ] = C_JOINER;
        CLASS['\u200B'] = C_SPACE;
    }

    /** Tokens of {@code normalizedText}, in order, as records; whitespace is not a token. */
    public List<Token> tokenize(String normalizedText) {
        TokenSequence seq = scan(normalizedText);
        List<Token> tokens = new ArrayList<>(seq.size());
        for (int i = 0; i < seq.size(); i++) {
            tokens.add(seq.token(i));
        }
        return tokens;
    }

    /** Tokens of {@code normalizedText}, in order, as offsets and kinds (no string per token). */
    public TokenSequence scan(String normalizedText) {
        String s = normalizedText;
        int len = s.length();
        TokenSequence tokens = new TokenSequence(s, len / 5 + 4);
        int i = 0;
        while (i < len) {
            char c = s.charAt(i);
            byte cls = CLASS[c];
            int start = i;
            if (cls == C_SPACE) {
                i++;
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = s.codePointAt(i);
                i += 2;
                tokens.add(
                        start,
                        i,
                        UCharacter.isLetter(cp)
                                ? TokenKind.WORD
                                : UCharacter.isDigit(cp) ? TokenKind.NUMBER : TokenKind.SYMBOL);
                continue;
            }
            TokenKind kind;
            if (cls == C_LETTER || cls == C_MARK) {
                i = wordEnd(s, i + 1);
                kind = TokenKind.WORD;
            } else if (cls == C_DIGIT) {
                i = numberEnd(s, i + 1);
                if (i < len && s.charAt(i) == '\u0621') {
                    i = wordEnd(s, i + 1);
                    kind = TokenKind.WORD;
                } else {
                    kind = TokenKind.NUMBER;
                }
            } else if (cls == C_PUNCT) {
                i++;
                kind = TokenKind.PUNCTUATION;
            } else if (cls == C_JOINER) {
                i++;
                continue; // a stray joiner outside a word is no token
            } else {
                i++;
                kind = TokenKind.SYMBOL;
            }
            tokens.add(start, i, kind);
        }
        return tokens;
    }

    private static int wordEnd(String s, int i) {
        int len = s.length();
        char last = s.charAt(i - 1);
        while (i < len) {
            char c = s.charAt(i);
            byte cls = CLASS[c];
            if (cls == C_LETTER || cls == C_MARK) {
                if (ARABIC[c] && CLASS[last] == C_DIGIT) {
                    return i;
                }
            } else if (cls == C_DIGIT) {
                if (ARABIC[last] || CLASS[last] == C_MARK) {
                    return i;
                }
            } else if (cls == C_JOINER) {
                if (i + 1 >= len || CLASS[s.charAt(i + 1)] != C_LETTER && CLASS[s.charAt(i + 1)] != C_MARK) {
                    return i;
                }
            } else if ((c == '\'' || c == '\u2019')
                    && i + 1 < len
                    && isLatinLetter(last)
                    && isLatinLetter(s.charAt(i + 1))) {
                // apostrophe inside a Latin word
            } else {
                return i;
            }
            last = c;
            i++;
        }
        return i;
    }

    private static boolean isLatinLetter(char c) {
        return CLASS[c] == C_LETTER && c < 0x0250;
    }

    private static int numberEnd(String s, int i) {
        int len = s.length();
        while (i < len) {
            char c = s.charAt(i);
            if (CLASS[c] == C_DIGIT) {
                i++;
            } else if ((c == '.' || c == ',' || c == '\u066B' || c == '\u066C' || c == ':' || c == '/')
                    && i + 1 < len
                    && CLASS[s.charAt(i + 1)] == C_DIGIT) {
                i += 2;
            } else {
                return i;
            }
        }
        return i;
    }
}

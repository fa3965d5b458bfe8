package io.khabar.ner;

/**
 * Match keys: the chars a gazetteer form and a text are compared on. Folds spelling variants that the
 * normaliser may have left (Arabic ye/kaf/heh, izafat marks, diacritics, ZWNJ, digits) so that the same
 * lookup works on normalised and on raw text. A folded char of 0 means "skip this char".
 */
public final class Keys {
    private static final char[] FOLD = new char[0x10000];
    private static final boolean[] WORD = new boolean[0x10000];
    private static final boolean[] SPACE = new boolean[0x10000];
    private static final boolean[] DIGIT = new boolean[0x10000];

    static {
        for (int c = 0; c < 0x10000; c++) {
            FOLD[c] = (char) c;
            int type = Character.getType(c);
            WORD[c] = Character.isLetterOrDigit(c)
                    || type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            SPACE[c] = Character.isWhitespace(c) || Character.isSpaceChar(c);
            DIGIT[c] = Character.isDigit(c);
            if (c >= 'A' && c <= 'Z') {
                FOLD[c] = (char) (c + 32);
            }
        }
        for (char c = '\u064B'; c <= '\u065F'; c++) {
            FOLD[c] = 0;
        }
        FOLD['\u0670'] = 0;
        for (char c = '\u06D6'; c <= '\u06ED'; c++) {
            if (c != '\u06E5' && c != '\u06E6') {
                FOLD[c] = 0;
            }
        }
        FOLD['\u0640'] = 0; // kashida
        FOLD['\u200C'] = 0; // ZWNJ
        FOLD['\u200D'] = 0; // ZWJ
        FOLD['\u200B'] = 0;
        FOLD['\u00AD'] = 0;
        WORD['\u0640'] = true;
        WORD['\u200C'] = true;
        WORD['\u200D'] = true;
        WORD['\u200B'] = false;
        SPACE['\u200B'] = true;
        FOLD['\u064A'] = '\u06CC'; // ي
        FOLD['\u0649'] = '\u06CC'; // ى
        FOLD['\u06D0'] = '\u06CC';
        FOLD['\u0643'] = '\u06A9'; // ك
        FOLD['\u0647'] = '\u06C1'; // ه
        FOLD['\u06D5'] = '\u06C1';
        FOLD['\u0629'] = '\u06C1'; // ة
        FOLD['\u06C3'] = '\u06C1'; // ۃ
        FOLD['\u06C2'] = '\u06C1'; // ۂ
        FOLD['\u06C0'] = '\u06C1'; // ۀ
        FOLD['\u06D3'] = '\u06D2'; // ۓ
        FOLD['\u0623'] = '\u0627'; // أ
        FOLD['\u0625'] = '\u0627'; // إ
        FOLD['\u0671'] = '\u0627'; // ٱ
        FOLD['\u0621'] = '\u0626'; // ء -> ئ (باءیس / بائیس)
        FOLD['\u0678'] = '\u0626'; // ٸ -> ئ (صاٸم)
        FOLD['\u0674'] = '\u0626'; // ٴ -> ئ (کوٴی)
        for (int d = 0; d < 10; d++) {
            FOLD['\u0660' + d] = (char) ('0' + d);
            FOLD['\u06F0' + d] = (char) ('0' + d);
        }
    }

    private Keys() {}

    /** The folded char, or 0 when the char does not count. */
    static char fold(char c) {
        return FOLD[c];
    }

    /** Whether {@code c} belongs to a word token. */
    static boolean isWordChar(char c) {
        return WORD[c];
    }

    /** Whether {@code c} is a decimal digit ({@link Character#isDigit(char)}). */
    static boolean isDigit(char c) {
        return DIGIT[c];
    }

    /** Whether {@code c} is white space (a gap allowed inside a multi-word name). */
    static boolean isSpace(char c) {
        return SPACE[c];
    }

    /** The key of a phrase: folded chars of its words, spaces removed. */
    public static String of(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (SPACE[c]) {
                continue;
            }
            char f = FOLD[c];
            if (f != 0) {
                b.append(f);
            }
        }
        return b.toString();
    }

    /** The key of {@code s[start, end)}. */
    static String of(CharSequence s, int start, int end) {
        return of(s.subSequence(start, end));
    }
}

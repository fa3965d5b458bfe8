package io.khabar.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns Urdu news text from any keyboard or CMS into one canonical form and keeps an offset map back to the original.
 * Thread-safe and reusable: all state lives in one call.
 *
 * <p>One pass over the chars, driven by a table built at class init from ICU data (NFKC of Arabic presentation
 * forms, NFC, joining types, scripts, general categories); no regex. The rules and their reasons are in
 * {@code docs/urdu-normalisation.md}.
 */
public final class UrduNormalizer {

    // ---- char kinds: what the single pass does with a char ----
    static final byte K_KEEP = 0;
    /** Removed; belongs to nothing (bidi controls, BOM, ZWSP, soft hyphen, C0/C1 controls). */
    static final byte K_DROP = 1;
    /** Removed; counted as part of the preceding char (tatweel). */
    static final byte K_ATTACH = 2;
    /** Harakat U+064B-U+065F, U+0670: removed unless options say keep; hamza/madda first compose. */
    static final byte K_DIACRITIC = 3;

    static final byte K_DIGIT = 4;
    static final byte K_SPACE = 5;
    static final byte K_NEWLINE = 6;
    static final byte K_CR = 7;
    static final byte K_PARAGRAPH = 8;
    static final byte K_JOINER = 9;
    /** Replaced by a string (NFKC of a presentation form, or NFC of a char that is not NFC on its own). */
    static final byte K_MULTI = 10;
    /** Arabic/Persian letter variant unified to an Urdu letter when options.urduLetters(). */
    static final byte K_FOLD = 11;
    /** Latin , ; ? which become ، ؛ ؟ after Urdu letters. */
    static final byte K_LATIN_PUNCT = 12;
    /** ٫ ٬ which become . , between digits when digits are ASCII. */
    static final byte K_DECIMAL_SEPARATOR = 13;

    static final byte K_SURROGATE = 14;

    // ---- char flags ----
    static final int F_NO_BOUNDARY_BEFORE = 1;
    static final int F_LETTER = 1 << 1;
    /** Arabic-script letter or mark. */
    static final int F_ARABIC = 1 << 2;

    static final int F_NO_SPACE_BEFORE = 1 << 3;
    static final int F_NO_SPACE_BEFORE_IN_URDU = 1 << 4;
    static final int F_SPACE_AFTER = 1 << 5;
    static final int F_SPACE_AFTER_IN_URDU = 1 << 6;
    /** Joins to the following char (joining type D, L or C). */
    static final int F_JOINS_NEXT = 1 << 7;
    /** Joins to the preceding char (joining type D, R or C). */
    static final int F_JOINS_PREVIOUS = 1 << 8;

    static final int F_TRANSPARENT = 1 << 9;
    static final int F_ASCII_DIGIT = 1 << 10;

    /** Flags that take a char off the fast path. */
    static final int FAST_PATH_BLOCKERS = F_NO_BOUNDARY_BEFORE
            | F_NO_SPACE_BEFORE
            | F_NO_SPACE_BEFORE_IN_URDU
            | F_SPACE_AFTER
            | F_SPACE_AFTER_IN_URDU
            | F_ASCII_DIGIT;

    static final char ZWNJ = '\u200C';
    static final char ZWJ = '\u200D';
    static final char FULL_STOP = '\u06D4';

    static final byte[] KIND = new byte[65536];
    static final char[] FLAGS = new char[65536];
    /** Fold target for K_FOLD, digit value for K_DIGIT. */
    static final char[] VALUE = new char[65536];

    static final String[] MULTI = new String[65536];

    /** Code points the normaliser never produces, whatever the options. */
    static final UnicodeSet NEVER_PRODUCED;
    /** Diacritics removed by default. */
    static final UnicodeSet DIACRITICS = new UnicodeSet("[\\u064B-\\u065F\\u0670]").freeze();

    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

    static {
        Normalizer2 nfkc = Normalizer2.getNFKCInstance();
        UnicodeSet presentationForms = new UnicodeSet("[[\\uFB50-\\uFDFF][\\uFE70-\\uFEFE]-[:Cn:]]");
        for (int c = 0; c < 65536; c++) {
            int flags = 0;
            if (!NFC.hasBoundaryBefore(c)) {
                flags |= F_NO_BOUNDARY_BEFORE;
            }
            boolean letter = UCharacter.isLetter(c);
            boolean mark = (UCharacter.getType(c) == UCharacter.NON_SPACING_MARK
                    || UCharacter.getType(c) == UCharacter.COMBINING_SPACING_MARK
                    || UCharacter.getType(c) == UCharacter.ENCLOSING_MARK);
            if (letter) {
                flags |= F_LETTER;
            }
            if ((letter || mark) && UScript.getScript(c) == UScript.ARABIC) {
                flags |= F_ARABIC;
            }
            int jt = UCharacter.getIntPropertyValue(c, UProperty.JOINING_TYPE);
            switch (jt) {
                case UCharacter.JoiningType.DUAL_JOINING, UCharacter.JoiningType.JOIN_CAUSING ->
                    flags |= F_JOINS_NEXT | F_JOINS_PREVIOUS;
                case UCharacter.JoiningType.LEFT_JOINING -> flags |= F_JOINS_NEXT;
                case UCharacter.JoiningType.RIGHT_JOINING -> flags |= F_JOINS_PREVIOUS;
                case UCharacter.JoiningType.TRANSPARENT -> flags |= F_TRANSPARENT;
                default -> {}
            }
            if (c >= '0' && c <= '9') {
                flags |= F_ASCII_DIGIT;
            }
            FLAGS[c] = (char) flags;
            if (Character.isSurrogate((char) c)) {
                KIND[c] = K_SURROGATE;
            } else if (presentationForms.contains(c) && !nfkc.isNormalized(String.valueOf((char) c))) {
                KIND[c] = K_MULTI;
                MULTI[c] = presentationFormMapping(nfkc.normalize(String.valueOf((char) c)));
            } else if (!NFC.isNormalized(String.valueOf((char) c))) {
                KIND[c] = K_MULTI;
                MULTI[c] = NFC.normalize(String.valueOf((char) c));
            } else if (UCharacter.getType(c) == UCharacter.SPACE_SEPARATOR) {
                KIND[c] = K_SPACE;
            } else if (UCharacter.getType(c) == UCharacter.CONTROL) {
                KIND[c] = K_DROP;
            }
        }
        for (char c : "\u200B\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u061C\uFEFF\u00AD\u2060"
                .toCharArray()) {
            KIND[c] = K_DROP;
        }
        KIND['\t'] = K_SPACE;
        KIND['\n'] = K_NEWLINE;
        KIND['\u000B'] = K_NEWLINE;
        KIND['\u000C'] = K_NEWLINE;
        KIND['\u0085'] = K_NEWLINE;
        KIND['\u2028'] = K_NEWLINE;
        KIND['\r'] = K_CR;
        KIND['\u2029'] = K_PARAGRAPH;
        KIND['\u0640'] = K_ATTACH;
        KIND[ZWNJ] = K_JOINER;
        KIND[ZWJ] = K_JOINER;
        for (int c = 0x064B; c <= 0x065F; c++) {
            KIND[c] = K_DIACRITIC;
        }
        KIND[0x0670] = K_DIACRITIC;
        for (int d = 0; d < 10; d++) {
            for (char zero : new char[] {'0', '\u0660', '\u06F0'}) {
                KIND[zero + d] = K_DIGIT;
                VALUE[zero + d] = (char) d;
            }
        }
        fold('\u064A', '\u06CC'); // ARABIC YEH -> FARSI YEH (Urdu choti ye)
        fold('\u0649', '\u06CC'); // ALEF MAKSURA -> FARSI YEH
        fold('\u0643', '\u06A9'); // ARABIC KAF -> KEHEH
        fold('\u0647', '\u06C1'); // ARABIC HEH -> HEH GOAL (gol he)
        fold('\u0629', '\u06C3'); // TEH MARBUTA -> TEH MARBUTA GOAL
        fold('\u06C0', '\u06C2'); // HEH WITH YEH ABOVE (Persian) -> HEH GOAL WITH HAMZA ABOVE
        fold('\u06D5', '\u06C1'); // AE (Kurdish/Uyghur he, produced by some Urdu fonts) -> HEH GOAL
        fold('\u0672', '\u0623'); // ALEF WITH WAVY HAMZA ABOVE -> ALEF WITH HAMZA ABOVE (Nisaba reading_norm)
        fold('\u0673', '\u0625'); // ALEF WITH WAVY HAMZA BELOW -> ALEF WITH HAMZA BELOW (Nisaba reading_norm)
        fold('\u0678', '\u0626'); // HIGH HAMZA YEH (some keyboards' hamza: صاٸم, کوٸی) -> YEH WITH HAMZA ABOVE
        fold('\u0674', '\u0626'); // HIGH HAMZA (کوٴی, ساٴنس) -> YEH WITH HAMZA ABOVE, as Urdu writes it
        KIND[','] = K_LATIN_PUNCT;
        KIND[';'] = K_LATIN_PUNCT;
        KIND['?'] = K_LATIN_PUNCT;
        VALUE[','] = '\u060C';
        VALUE[';'] = '\u061B';
        VALUE['?'] = '\u061F';
        KIND['\u066B'] = K_DECIMAL_SEPARATOR;
        KIND['\u066C'] = K_DECIMAL_SEPARATOR;
        VALUE['\u066B'] = '.';
        VALUE['\u066C'] = ',';
        for (char c : "\u060C\u06D4\u061F\u061B".toCharArray()) {
            FLAGS[c] |= F_NO_SPACE_BEFORE | F_SPACE_AFTER;
        }
        for (char c : "!:".toCharArray()) {
            FLAGS[c] |= F_NO_SPACE_BEFORE_IN_URDU | F_SPACE_AFTER_IN_URDU;
        }
        for (char c : "\u201D\u2019\u00BB".toCharArray()) {
            FLAGS[c] |= F_NO_SPACE_BEFORE_IN_URDU;
        }

        UnicodeSet never = new UnicodeSet();
        for (int c = 0; c < 65536; c++) {
            if (KIND[c] == K_DROP
                    || KIND[c] == K_ATTACH
                    || KIND[c] == K_MULTI
                    || KIND[c] == K_CR
                    || KIND[c] == K_PARAGRAPH
                    || (KIND[c] == K_SPACE && c != ' ')
                    || (KIND[c] == K_NEWLINE && c != '\n')) {
                never.add(c);
            }
        }
        NEVER_PRODUCED = never.freeze();
    }

    private static void fold(char from, char to) {
        KIND[from] = K_FOLD;
        VALUE[from] = to;
    }

    /** NFKC of a presentation form, without the space NFKC puts before the isolated forms of harakat. */
    private static String presentationFormMapping(String nfkc) {
        if (nfkc.length() > 1 && nfkc.charAt(0) == ' ' && UCharacter.getCombiningClass(nfkc.charAt(1)) != 0) {
            return nfkc.substring(1);
        }
        return nfkc;
    }

    private final NormalizerOptions options;

    /** A normaliser with {@link NormalizerOptions#defaults()}. */
    public UrduNormalizer() {
        this(NormalizerOptions.defaults());
    }

    /** A normaliser with the given options. */
    public UrduNormalizer(NormalizerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options this normaliser applies. */
    public NormalizerOptions options() {
        return options;
    }

    /** Normalises {@code original}; the result keeps it and maps every normalised span back into it. */
    public NormalizedText normalize(String original) {
        Objects.requireNonNull(original, "original");
        Pass pass = new Pass(original, options);
        pass.run();
        return pass.result();
    }

    /** One normalisation call: output buffer, offset arrays and the pending whitespace/joiner state. */
    private static final class Pass {
        private final String src;
        private final boolean removeDiacritics;
        private final boolean urduLetters;
        private final DigitStyle digits;
        private final char zero;

        private char[] out;
        private int[] starts;
        private int[] ends;
        private int n;

        private int pos;
        private boolean wsPending;
        private int wsStart;
        private int wsEnd;
        private int newlines;
        private char joiner;
        private int joinerStart;
        private int joinerEnd;
        private boolean joinerAfterJoining;
        private boolean spaceAfterPending;
        private boolean urduContext;
        private int segmentStart;
        private boolean dirty;

        Pass(String src, NormalizerOptions options) {
            this.src = src;
            this.removeDiacritics = options.removeDiacritics();
            this.urduLetters = options.urduLetters();
            this.digits = options.digits();
            this.zero = digits.zero();
            int cap = src.length() + 16;
            out = new char[cap];
            starts = new int[cap];
            ends = new int[cap];
        }

        NormalizedText result() {
            return new NormalizedText(new String(out, 0, n), src, starts, ends);
        }

        void run() {
            final String s = src;
            final int len = s.length();
            int i = 0;
            while (i < len) {
                char c = s.charAt(i);
                pos = i;
                byte kind = KIND[c];
                if (kind == K_KEEP) {
                    int flags = FLAGS[c];
                    if ((flags & FAST_PATH_BLOCKERS) == 0
                            && !wsPending
                            && joiner == 0
                            && !spaceAfterPending
                            && !dirty
                            && n < out.length) {
                        // the common case: a plain char with nothing pending
                        segmentStart = n;
                        out[n] = c;
                        starts[n] = i;
                        ends[n] = i + 1;
                        n++;
                        if ((flags & F_LETTER) != 0) {
                            urduContext = (flags & F_ARABIC) != 0;
                        }
                    } else {
                        emitChar(c, flags, i, i + 1);
                    }
                    i++;
                } else if (kind == K_CR) {
                    int end = (i + 1 < len && s.charAt(i + 1) == '\n') ? i + 2 : i + 1;
                    whitespace(1, i, end);
                    i = end;
                } else if (kind == K_SURROGATE) {
                    if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                        emitSupplementary(c, s.charAt(i + 1), i, i + 2);
                        i += 2;
                    } else {
                        emitChar(c, 0, i, i + 1);
                        i++;
                    }
                } else if (kind == K_MULTI) {
                    String m = MULTI[c];
                    for (int k = 0; k < m.length(); k++) {
                        dispatch(m.charAt(k), KIND[m.charAt(k)], i, i + 1);
                    }
                    i++;
                } else {
                    dispatch(c, kind, i, i + 1);
                    i++;
                }
            }
            finish();
        }

        private void dispatch(char c, byte kind, int s, int e) {
            switch (kind) {
                case K_KEEP, K_MULTI, K_SURROGATE, K_CR -> emit(c, s, e);
                case K_FOLD -> emit(urduLetters ? VALUE[c] : c, s, e);
                case K_DROP -> {}
                case K_ATTACH -> attachToPrevious(e);
                case K_DIACRITIC -> diacritic(c, s, e);
                case K_DIGIT -> digit(c, s, e);
                case K_SPACE -> whitespace(0, s, e);
                case K_NEWLINE -> whitespace(1, s, e);
                case K_PARAGRAPH -> whitespace(2, s, e);
                case K_JOINER -> joiner(c, s, e);
                case K_LATIN_PUNCT -> emit(afterUrduWord() ? VALUE[c] : c, s, e);
                case K_DECIMAL_SEPARATOR -> emit(c, s, e);
                default -> throw new IllegalStateException("kind " + kind);
            }
        }

        /** The last letter was Arabic-script and the last char is a letter or mark (not a digit or symbol). */
        private boolean afterUrduWord() {
            return urduContext && n > 0 && (FLAGS[out[n - 1]] & (F_LETTER | F_TRANSPARENT)) != 0;
        }

        /** Writes a digit in the chosen style; with ASCII digits, a ٫ or ٬ between two of them becomes . or ,. */
        private void digit(char c, int s, int e) {
            if (digits == DigitStyle.KEEP) {
                emit(c, s, e);
                return;
            }
            emit((char) (zero + VALUE[c]), s, e);
        }

        private void diacritic(char c, int s, int e) {
            if (!removeDiacritics) {
                emit(c, s, e);
                return;
            }
            if (c >= '\u0653' && c <= '\u0655' && n > 0 && !wsPending && joiner == 0 && !dirty) {
                int composed = compose(out[n - 1], c);
                if (composed >= 0) {
                    out[n - 1] = (char) composed;
                    ends[n - 1] = e;
                    return;
                }
            }
            attachToPrevious(e);
        }

        private int compose(char base, char mark) {
            if (urduLetters && base == '\u06CC' && mark == '\u0654') {
                return '\u0626';
            }
            int composed = NFC.composePair(base, mark);
            return composed > 0xFFFF ? -1 : composed;
        }

        private void attachToPrevious(int e) {
            if (n > 0 && !wsPending && joiner == 0) {
                ends[n - 1] = e;
            }
        }

        private void whitespace(int lineBreaks, int s, int e) {
            if (joiner != 0) {
                resolveJoiner(0);
            }
            if (!wsPending) {
                wsPending = true;
                wsStart = s;
                newlines = 0;
            }
            wsEnd = e;
            newlines += lineBreaks;
            spaceAfterPending = false;
        }

        private void joiner(char c, int s, int e) {
            if (joiner != 0) {
                return; // a run of joiners means no more than its first
            }
            boolean afterJoining = !wsPending && previousJoinsNext();
            if (c == ZWNJ && !afterJoining) {
                return; // ZWNJ after a char that does not join forward changes nothing
            }
            joiner = c;
            joinerStart = s;
            joinerEnd = e;
            joinerAfterJoining = afterJoining;
        }

        private boolean previousJoinsNext() {
            for (int k = n - 1; k >= 0 && k >= n - 32; k--) { // bounded: no quadratic walk over runs of marks
                int f = FLAGS[out[k]];
                if ((f & F_TRANSPARENT) == 0) {
                    return (f & F_JOINS_NEXT) != 0;
                }
            }
            return false;
        }

        private void resolveJoiner(int nextFlags) {
            boolean nextJoins = (nextFlags & F_JOINS_PREVIOUS) != 0;
            boolean keep = joiner == ZWNJ ? joinerAfterJoining && nextJoins : joinerAfterJoining || nextJoins;
            char j = joiner;
            joiner = 0;
            if (keep) {
                append(j, joinerStart, joinerEnd, FLAGS[j]);
            }
        }

        private void emit(char c, int s, int e) {
            emitChar(c, FLAGS[c], s, e);
        }

        private void emitChar(char c, int flags, int s, int e) {
            if (wsPending
                    && newlines == 0
                    && ((flags & F_NO_SPACE_BEFORE) != 0
                            || ((flags & F_NO_SPACE_BEFORE_IN_URDU) != 0 && urduContext))) {
                wsPending = false;
            }
            before(flags, s);
            if ((flags & F_ASCII_DIGIT) != 0
                    && digits == DigitStyle.ASCII
                    && n >= 2
                    && KIND[out[n - 1]] == K_DECIMAL_SEPARATOR
                    && (FLAGS[out[n - 2]] & F_ASCII_DIGIT) != 0) {
                out[n - 1] = VALUE[out[n - 1]]; // ٫ ٬ between ASCII digits: . ,
            }
            append(c, s, e, flags);
            after(c, flags);
        }

        private void emitSupplementary(char hi, char lo, int s, int e) {
            int cp = Character.toCodePoint(hi, lo);
            int flags = UCharacter.isLetter(cp) ? F_LETTER : 0;
            if (!NFC.hasBoundaryBefore(cp)) {
                flags |= F_NO_BOUNDARY_BEFORE;
            }
            before(flags, s);
            append(hi, s, e, flags);
            append(lo, s, e, F_NO_BOUNDARY_BEFORE);
            if (!NFC.isInert(cp)) {
                dirty = true;
            }
            after(hi, flags);
        }

        /** Resolves pending joiner and whitespace before a visible char. */
        private void before(int flags, int s) {
            // whitespace that is still pending came before a pending joiner (whitespace resolves earlier joiners)
            if (wsPending) {
                wsPending = false;
                if (n > 0) {
                    if (newlines == 0) {
                        append(' ', wsStart, wsEnd, 0);
                    } else {
                        append('\n', wsStart, wsEnd, 0);
                        if (newlines > 1) {
                            append('\n', wsStart, wsEnd, 0);
                        }
                    }
                }
            } else if (spaceAfterPending && (flags & F_LETTER) != 0) {
                int at = joiner != 0 ? joinerStart : s;
                append(' ', at, at, 0);
            }
            spaceAfterPending = false;
            if (joiner != 0) {
                resolveJoiner(flags);
            }
        }

        private void after(char c, int flags) {
            if ((flags & F_LETTER) != 0) {
                urduContext = (flags & F_ARABIC) != 0;
            }
            if ((flags & F_SPACE_AFTER) != 0 || ((flags & F_SPACE_AFTER_IN_URDU) != 0 && urduContext)) {
                spaceAfterPending = c != FULL_STOP || !inAbbreviation();
            }
        }

        /**
         * Whether the full stop just appended joins letter-names of an abbreviation (پی۔ٹی۔آئی): the letters before it
         * are at most 3 and either follow another full stop or are followed by at most 3 letters and a full stop.
         */
        private boolean inAbbreviation() {
            int k = n - 2;
            int before = 0;
            while (k >= 0 && (FLAGS[out[k]] & (F_LETTER | F_TRANSPARENT)) != 0) {
                k--;
                before++;
            }
            if (before == 0 || before > 3) {
                return false;
            }
            if (k >= 0 && out[k] == FULL_STOP) {
                return true;
            }
            // count what the pass will write, not the source chars: a presentation form can write two letters
            // (ﻻ -> لا), a tatweel, a removed mark or a control writes none; counting source chars made the
            // choice differ on the normalised text, so normalising twice added a space
            int after = 0;
            for (int i = pos + 1; i < src.length(); i++) {
                char c = src.charAt(i);
                String written = KIND[c] == K_MULTI ? MULTI[c] : null;
                int count = written == null ? 1 : written.length();
                for (int j = 0; j < count; j++) {
                    char w = written == null ? c : written.charAt(j);
                    byte kind = KIND[w];
                    if (kind == K_DROP || kind == K_ATTACH || (kind == K_DIACRITIC && removeDiacritics)) {
                        continue;
                    }
                    if (kind == K_FOLD && urduLetters) {
                        w = VALUE[w];
                    }
                    if ((FLAGS[w] & (F_LETTER | F_TRANSPARENT)) == 0) {
                        return after > 0 && w == FULL_STOP;
                    }
                    if (++after > 3) {
                        return false;
                    }
                }
            }
            return false;
        }

        private void append(char c, int s, int e, int flags) {
            if ((flags & F_NO_BOUNDARY_BEFORE) != 0) {
                dirty = true;
            } else {
                if (dirty) {
                    flushSegment();
                }
                segmentStart = n;
            }
            if (n == out.length) {
                int cap = out.length * 2;
                out = Arrays.copyOf(out, cap);
                starts = Arrays.copyOf(starts, cap);
                ends = Arrays.copyOf(ends, cap);
            }
            out[n] = c;
            starts[n] = s;
            ends[n] = e;
            n++;
        }

        /** NFC of the chars since the last starter, plus Urdu ی + ٔ → ئ, which NFC does not compose. */
        private void flushSegment() {
            dirty = false;
            int from = segmentStart;
            if (n - from < 1) {
                return;
            }
            String segment = new String(out, from, n - from);
            String normalized = NFC.normalize(segment);
            if (urduLetters && normalized.charAt(0) == '\u06CC') {
                normalized = composeUrduYeh(normalized);
            }
            if (normalized.equals(segment)) {
                return;
            }
            int s = starts[from];
            int e = ends[n - 1];
            n = from;
            for (int k = 0; k < normalized.length(); k++) {
                if (n == out.length) {
                    int cap = out.length * 2;
                    out = Arrays.copyOf(out, cap);
                    starts = Arrays.copyOf(starts, cap);
                    ends = Arrays.copyOf(ends, cap);
                }
                out[n] = normalized.charAt(k);
                starts[n] = s;
                ends[n] = e;
                n++;
            }
        }

        private static String composeUrduYeh(String segment) {
            for (int k = 1; k < segment.length(); k++) {
                char c = segment.charAt(k);
                if (c == '\u0654') {
                    return '\u0626' + segment.substring(1, k) + segment.substring(k + 1);
                }
                int ccc = UCharacter.getCombiningClass(c);
                if (ccc == 0 || ccc >= 230) {
                    return segment;
                }
            }
            return segment;
        }

        private void finish() {
            if (joiner != 0) {
                resolveJoiner(0);
            }
            wsPending = false;
            if (dirty) {
                flushSegment();
            }
        }
    }
}

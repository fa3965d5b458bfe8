package io.khabar.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits normalised text into sentences: after ۔ ؟ ! ? (a run of them, plus closing quotes and brackets) and at line
 * breaks. Not after a full stop that is directly followed by a letter or digit (abbreviation chains پی۔ٹی۔آئی,
 * decimals), and not after a Latin '.' that follows an Arabic-script letter (ڈاکٹر. عمران) or a Latin abbreviation
 * (Dr. Mr. U.S.) or that is not followed by whitespace. Spans exclude surrounding whitespace.
 */
public final class SentenceSplitter {

    /** Sentence spans of {@code normalizedText}, in order. */
    public List<Span> split(String normalizedText) {
        String s = normalizedText;
        int len = s.length();
        List<Span> spans = new ArrayList<>(len / 60 + 2);
        int start = 0;
        int i = 0;
        while (i < len) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                add(spans, s, start, i);
                start = i + 1;
                i++;
            } else if (isTerminator(s, i)) {
                int end = i + 1;
                while (end < len && (isTerminatorChar(s.charAt(end)) || isCloser(s.charAt(end)))) {
                    end++;
                }
                if (end < len && Tokenizer.CLASS[s.charAt(end)] != Tokenizer.C_SPACE) {
                    i = end; // glued to what follows: not a sentence end
                    continue;
                }
                add(spans, s, start, end);
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        add(spans, s, start, len);
        return spans;
    }

    private static boolean isTerminatorChar(char c) {
        return c == '\u06D4' || c == '\u061F' || c == '!' || c == '?' || c == '.' || c == '\u2026';
    }

    private static boolean isCloser(char c) {
        return c == '\u201D' || c == '\u2019' || c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u00BB';
    }

    private static boolean isTerminator(String s, int i) {
        char c = s.charAt(i);
        if (c == '.') {
            return latinSentenceDot(s, i);
        }
        return c == '\u06D4' || c == '\u061F' || c == '!' || c == '?' || c == '\u2026';
    }

    /** A '.' ends a sentence only after a Latin word that is not a short abbreviation. */
    private static boolean latinSentenceDot(String s, int i) {
        int k = i - 1;
        while (k >= 0 && Tokenizer.CLASS[s.charAt(k)] == Tokenizer.C_LETTER && s.charAt(k) < 0x0250) {
            k--;
        }
        int wordLength = i - 1 - k;
        if (wordLength == 0) {
            return k >= 0 && isCloser(s.charAt(k)) || k >= 0 && Tokenizer.CLASS[s.charAt(k)] == Tokenizer.C_DIGIT;
        }
        String word = s.substring(k + 1, i);
        if (wordLength == 1 && Character.isUpperCase(word.charAt(0))) {
            return false; // initials, U.S.
        }
        return switch (word) {
            case "Dr",
                    "Mr",
                    "Mrs",
                    "Ms",
                    "Prof",
                    "St",
                    "Jr",
                    "Sr",
                    "vs",
                    "etc",
                    "Gen",
                    "Col",
                    "Lt",
                    "No",
                    "Co",
                    "Inc",
                    "Ltd" -> false;
            default -> true;
        };
    }

    private static void add(List<Span> spans, String s, int start, int end) {
        while (start < end && Tokenizer.CLASS[s.charAt(start)] == Tokenizer.C_SPACE) {
            start++;
        }
        while (end > start && Tokenizer.CLASS[s.charAt(end - 1)] == Tokenizer.C_SPACE) {
            end--;
        }
        if (end > start) {
            spans.add(new Span(start, end));
        }
    }
}

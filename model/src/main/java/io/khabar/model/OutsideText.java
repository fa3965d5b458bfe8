package io.khabar.model;

/**
 * Escapes text that came from outside (file names, URLs, titles, messages quoting them) before khabar prints it to
 * a terminal or a log, so it cannot move the cursor, forge log lines, hide or reorder what is shown. Escaped:
 * C0 and C1 control characters and DEL (as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code u00XX}), the
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), line and paragraph separators
 * (U+2028, U+2029), U+FEFF and unpaired surrogates. Urdu text, including the zero-width (non-)joiners it needs,
 * passes unchanged.
 */
public final class OutsideText {

    private OutsideText() {}

    /** The text with every unsafe character escaped; {@code "null"} for null. */
    public static String escape(String s) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !needsEscape(s, i)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!needsEscape(s, i)) {
                sb.append(c);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    sb.append(s.charAt(++i));
                }
                continue;
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(String.format("\\u%04X", (int) c));
            }
        }
        return sb.toString();
    }

    /** Like {@link #escape(String)}, cut to at most {@code maxChars} characters of the original with a note. */
    public static String escape(String s, int maxChars) {
        if (s == null || s.length() <= maxChars) {
            return escape(s);
        }
        int cut = maxChars;
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return escape(s.substring(0, cut)) + "…(" + s.length() + " characters)";
    }

    /** True when the character at {@code i} must be escaped. */
    private static boolean needsEscape(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return true;
        }
        if (c == 0x061C
                || c == 0x200E
                || c == 0x200F
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028
                || c == 0x2029
                || c == 0xFEFF) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }
}

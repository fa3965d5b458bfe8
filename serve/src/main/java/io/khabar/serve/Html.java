package io.khabar.serve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The one HTML-escaping function of the web view. Its output is safe in element content and in double- or
 * single-quoted attribute values: {@code & < > " '} become character references, and control characters, lone
 * surrogates and noncharacters become U+FFFD. Every value that does not come from this module's own code goes
 * through it.
 */
public final class Html {

    private Html() {}

    /** The escaped text ({@code ""} for null). */
    public static String escape(CharSequence s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        escape(out, s, 0, s.length());
        return out.toString();
    }

    /** Appends {@code s[from, to)} escaped. */
    public static void escape(StringBuilder out, CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> out.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20
                            || (c >= 0x7f && c < 0xa0)
                            || Character.isSurrogate(c)
                            || c == '\ufffe'
                            || c == '\uffff'
                            || (c >= '\ufdd0' && c <= '\ufdef')) {
                        out.append('\ufffd');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** A query-parameter value, percent-encoded as UTF-8 (safe inside an escaped attribute). */
    public static String param(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}

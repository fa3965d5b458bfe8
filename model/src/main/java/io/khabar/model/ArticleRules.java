package io.khabar.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one definition of a valid article, shared by ingest (which refuses what enrich would refuse, so the user
 * hears about it at once) and enrich (which must check again: anyone can write to the raw topic). Pure Java.
 *
 * <p>An article is valid when its body has text ({@link #EMPTY_BODY} otherwise: a title alone is not an article),
 * title and body together fit the byte limit ({@link #TOO_LARGE}), the body reads as text and neither holds NUL
 * or an unpaired surrogate ({@link #NOT_TEXT}), its URL, if any, is an {@code http}/{@code https} address
 * ({@link #INVALID_URL}), and its publication time, if any, lies in years 1..9999 ({@link #INVALID_FIELD}).
 */
public final class ArticleRules {

    /** Reason: no body text (a title alone is not an article). */
    public static final String EMPTY_BODY = DeadLetterReasons.EMPTY_BODY;
    /** Reason: title and body are larger than the limit. */
    public static final String TOO_LARGE = DeadLetterReasons.TOO_LARGE;
    /** Reason: the body is not text, or title or body hold NUL or an unpaired surrogate. */
    public static final String NOT_TEXT = DeadLetterReasons.NOT_TEXT;
    /** Reason: the URL is not an http(s) address khabar accepts. */
    public static final String INVALID_URL = DeadLetterReasons.INVALID_URL;
    /** Reason: a field has a value out of range (e.g. a publication time in year 50000). */
    public static final String INVALID_FIELD = DeadLetterReasons.INVALID_FIELD;

    /** Default limit of title plus body, in UTF-8 bytes: 1 MiB (enrich's {@code khabar.enrich.max.input.bytes}). */
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    /** Share of characters that may be control, private-use, unassigned or U+FFFD before a body is "not text". */
    public static final double MAX_NON_TEXT_SHARE = 0.05;
    /** Longest URL accepted, in characters. */
    public static final int MAX_URL_LENGTH = 4096;
    /** Earliest publication time accepted: 0001-01-01T00:00:00Z. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest publication time accepted: 9999-12-31T23:59:59Z. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,7}");

    /** Why an article (or one of its fields) is refused. */
    public record Violation(String reason, String message) {}

    private ArticleRules() {}

    /** The first rule title and body break, or null when they make a valid article. */
    public static Violation checkText(String title, String body, long maxBytes) {
        if (body == null || body.isBlank()) {
            return new Violation(
                    EMPTY_BODY,
                    title == null || title.isBlank()
                            ? "no title and no body text"
                            : "a title but no body text (an article needs body text)");
        }
        long size = utf8Length(title) + utf8Length(body);
        if (size > maxBytes) {
            return new Violation(TOO_LARGE, size + " bytes of title and body, over the limit of " + maxBytes);
        }
        String why = forbiddenCharacter("title", title);
        if (why == null) {
            why = forbiddenCharacter("body", body);
        }
        if (why == null) {
            why = notTextReason(body);
            if (why != null) {
                why = "body is not text: " + why;
            }
        }
        return why == null ? null : new Violation(NOT_TEXT, why);
    }

    /** Every rule at once: text, URL (may be null) and publication time (may be null). Null when valid. */
    public static Violation check(String title, String body, String url, Instant publishedAt, long maxBytes) {
        Violation v = checkText(title, body, maxBytes);
        if (v == null && url != null) {
            v = checkUrl(url);
        }
        if (v == null && publishedAt != null) {
            v = checkTime("publishedAt", publishedAt);
        }
        return v;
    }

    /**
     * Null when {@code url} is an absolute {@code http} or {@code https} URL with a host, no user info (credentials
     * would be published) and at most {@link #MAX_URL_LENGTH} characters; else why not.
     */
    public static Violation checkUrl(String url) {
        if (url == null || url.isBlank()) {
            return new Violation(INVALID_URL, "no URL");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return new Violation(
                    INVALID_URL, "URL of " + url.length() + " characters, over the limit of " + MAX_URL_LENGTH);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Violation(INVALID_URL, "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return new Violation(
                    INVALID_URL,
                    scheme == null
                            ? "not an absolute URL (no scheme)"
                            : "scheme '" + scheme + ":' is not allowed; only http and https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return new Violation(INVALID_URL, "no host name");
        }
        if (uri.getRawUserInfo() != null) {
            return new Violation(INVALID_URL, "the URL carries user info (credentials), which would be published");
        }
        return null;
    }

    /** True when {@link #checkUrl} accepts the URL. */
    public static boolean isAcceptableUrl(String url) {
        return checkUrl(url) == null;
    }

    /** Null when the time lies in years 1..9999 (what ISO-8601, PostgreSQL and JavaScript all hold); else why not. */
    public static Violation checkTime(String field, Instant t) {
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            return new Violation(INVALID_FIELD, "field '" + field + "' is out of range: " + t + " (years 1 to 9999)");
        }
        return null;
    }

    /** A publication time given as epoch seconds, or null when out of range (years 1..9999). */
    public static Instant epochSecondsOrNull(long seconds) {
        if (seconds < EARLIEST.getEpochSecond() || seconds > LATEST.getEpochSecond()) {
            return null;
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** True for a BCP 47-shaped language tag such as {@code ur}, {@code ur-PK}, {@code en-Latn-GB}. */
    public static boolean isLanguageTag(String tag) {
        return tag != null && tag.length() <= 35 && LANGUAGE_TAG.matcher(tag).matches();
    }

    /** Null when the text reads as text, else why not. */
    public static String notTextReason(String s) {
        int bad = 0;
        int letters = 0;
        int chars = 0;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            int kind;
            if (Character.isSurrogate(c)) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                kind = kindOf(cp);
            } else {
                i++;
                kind = BMP_KINDS[c]; // one array read instead of a property lookup per char
            }
            chars++;
            if (kind == KIND_LETTER) {
                letters++;
            } else if (kind == KIND_NOT_TEXT) {
                bad++;
            }
        }
        if (letters == 0) {
            return "no letters in " + chars + " characters";
        }
        if (bad > chars * MAX_NON_TEXT_SHARE) {
            return bad + " of " + chars + " characters are control, private-use, unassigned or replacement characters";
        }
        return null;
    }

    private static final byte KIND_OTHER = 0;
    private static final byte KIND_LETTER = 1;
    private static final byte KIND_NOT_TEXT = 2;
    /** {@link #kindOf} of every BMP char, computed once (64 KB). */
    private static final byte[] BMP_KINDS = bmpKinds();

    private static byte[] bmpKinds() {
        byte[] kinds = new byte[0x10000];
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = kindOf(c);
        }
        return kinds;
    }

    /** Letter, not text (control, private use, unassigned, surrogate, U+FFFD) or other, for {@link #notTextReason}. */
    private static byte kindOf(int cp) {
        int type = Character.getType(cp); // the letter types are what isLetter tests
        if (type == Character.UPPERCASE_LETTER
                || type == Character.LOWERCASE_LETTER
                || type == Character.TITLECASE_LETTER
                || type == Character.MODIFIER_LETTER
                || type == Character.OTHER_LETTER) {
            return KIND_LETTER;
        }
        if (cp == 0xFFFD
                || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED
                || type == Character.SURROGATE
                || (type == Character.CONTROL && cp != '\n' && cp != '\r' && cp != '\t')) {
            return KIND_NOT_TEXT;
        }
        return KIND_OTHER;
    }

    /** UTF-8 length without encoding; equals {@code s.getBytes(UTF_8).length} (an unpaired surrogate becomes '?'). */
    public static long utf8Length(String s) {
        if (s == null) {
            return 0;
        }
        long n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** NUL (PostgreSQL cannot store it) and unpaired surrogates (UTF-8 cannot carry them) are never accepted. */
    private static String forbiddenCharacter(String field, String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return field + " holds a NUL character at index " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return field + " holds an unpaired surrogate at index " + i;
            }
        }
        return null;
    }
}

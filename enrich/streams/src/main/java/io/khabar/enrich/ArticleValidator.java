package io.khabar.enrich;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.RawArticle;

/** Checks a raw record before enrichment; every failure throws {@link RejectedRecordException} with its reason. */
final class ArticleValidator {

    /** Share of characters that may be control, private-use, unassigned or U+FFFD before a body is "not text". */
    static final double MAX_NON_TEXT_SHARE = 0.05;

    private final long maxInputBytes;

    ArticleValidator(long maxInputBytes) {
        this.maxInputBytes = maxInputBytes;
    }

    void validate(String key, RawRecord value) {
        if (value == null) {
            throw new RejectedRecordException(DeadLetterReasons.NULL_VALUE, "null value (tombstone) on the raw topic");
        }
        RawArticle a = value.article();
        if (a.schemaVersion() < 1 || a.schemaVersion() > RawArticle.SCHEMA_VERSION) {
            throw new RejectedRecordException(DeadLetterReasons.UNSUPPORTED_SCHEMA, "schemaVersion " + a.schemaVersion()
                    + " is not supported; this enricher reads 1.." + RawArticle.SCHEMA_VERSION);
        }
        if (a.id() == null || a.id().isBlank()) {
            throw new RejectedRecordException(DeadLetterReasons.MISSING_ID, "article has no id");
        }
        if (key == null) {
            throw new RejectedRecordException(DeadLetterReasons.MISSING_KEY, "record has no key; raw records are keyed by article id " + a.id());
        }
        if (!key.equals(a.id())) {
            throw new RejectedRecordException(DeadLetterReasons.KEY_MISMATCH, "record key '" + abbreviate(key)
                    + "' is not the article id " + a.id());
        }
        if (a.body() == null || a.body().isBlank()) {
            throw new RejectedRecordException(DeadLetterReasons.EMPTY_BODY, "article " + a.id() + " has no body text");
        }
        long size = utf8Length(a.title()) + utf8Length(a.body());
        if (size > maxInputBytes) {
            throw new RejectedRecordException(DeadLetterReasons.TOO_LARGE, "article " + a.id() + " has " + size
                    + " bytes of title and body, over the limit of " + maxInputBytes + " (khabar.enrich.max.input.bytes)");
        }
        String why = notTextReason(a.body());
        if (why != null) {
            throw new RejectedRecordException(DeadLetterReasons.NOT_TEXT, "article " + a.id() + " body is not text: " + why);
        }
    }

    /** Null when the text reads as text, else why not. */
    static String notTextReason(String s) {
        int bad = 0;
        int letters = 0;
        int chars = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            chars++;
            int type = Character.getType(cp); // one property lookup; the letter types are what isLetter tests
            if (type == Character.UPPERCASE_LETTER || type == Character.LOWERCASE_LETTER || type == Character.TITLECASE_LETTER
                    || type == Character.MODIFIER_LETTER || type == Character.OTHER_LETTER) {
                letters++;
            } else if (cp == 0xFFFD || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                    || type == Character.SURROGATE
                    || (type == Character.CONTROL && cp != '\n' && cp != '\r' && cp != '\t')) {
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

    /** UTF-8 length without encoding; equals {@code s.getBytes(UTF_8).length} (an unpaired surrogate becomes '?'). */
    static long utf8Length(String s) {
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

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}

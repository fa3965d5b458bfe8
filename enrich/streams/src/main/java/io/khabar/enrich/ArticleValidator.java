package io.khabar.enrich;

import io.khabar.model.ArticleRules;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.OutsideText;
import io.khabar.model.RawArticle;

/** Checks a raw record before enrichment; every failure throws {@link RejectedRecordException} with its reason. */
final class ArticleValidator {

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
            throw new RejectedRecordException(
                    DeadLetterReasons.UNSUPPORTED_SCHEMA,
                    "schemaVersion " + a.schemaVersion() + " is not supported; this enricher reads 1.."
                            + RawArticle.SCHEMA_VERSION);
        }
        if (a.id() == null || a.id().isBlank()) {
            throw new RejectedRecordException(DeadLetterReasons.MISSING_ID, "article has no id");
        }
        if (key == null) {
            throw new RejectedRecordException(
                    DeadLetterReasons.MISSING_KEY, "record has no key; raw records are keyed by article id " + a.id());
        }
        if (!key.equals(a.id())) {
            throw new RejectedRecordException(
                    DeadLetterReasons.KEY_MISMATCH,
                    "record key '" + abbreviate(key) + "' is not the article id " + a.id());
        }
        // the one definition of a valid article, shared with ingest (anyone may write to the raw topic)
        ArticleRules.Violation v = ArticleRules.check(a.title(), a.body(), a.url(), a.publishedAt(), maxInputBytes);
        if (v != null) {
            String message = "article " + a.id() + ": " + v.message();
            if (DeadLetterReasons.TOO_LARGE.equals(v.reason())) {
                message += " (khabar.enrich.max.input.bytes)";
            }
            throw new RejectedRecordException(v.reason(), message);
        }
    }

    /** Null when the text reads as text, else why not ({@link ArticleRules#notTextReason}). */
    static String notTextReason(String s) {
        return ArticleRules.notTextReason(s);
    }

    /** UTF-8 length without encoding ({@link ArticleRules#utf8Length}). */
    static long utf8Length(String s) {
        return ArticleRules.utf8Length(s);
    }

    private static String abbreviate(String s) {
        return OutsideText.escape(s, 80);
    }
}

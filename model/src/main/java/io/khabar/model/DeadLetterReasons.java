package io.khabar.model;

import java.util.List;

/**
 * Every {@link DeadLetters#REASON} value any stage writes: one vocabulary for ingest, enrich and sink. A reason
 * is short and machine-readable; the human-readable detail goes to the separate {@link DeadLetters#ERROR_MESSAGE}
 * header. The stage that used a reason is in {@link DeadLetters#STAGE}, so the same word (e.g. {@link #TOO_LARGE})
 * may be used by several stages.
 */
public final class DeadLetterReasons {

    // ---- any stage ----

    /** The bytes are not valid UTF-8. */
    public static final String INVALID_UTF8 = "invalid-utf8";
    /** Larger than the stage's configured limit. */
    public static final String TOO_LARGE = "too-large";
    /** The record or article has no id. */
    public static final String MISSING_ID = "missing-id";
    /** A schema version this code does not understand (newer than it knows, or not a version at all). */
    public static final String UNSUPPORTED_SCHEMA = "unsupported-schema";
    /** Any other failure to read a record's bytes. */
    public static final String DESERIALIZATION = "deserialization";

    // ---- ingest ----

    /** Ingest: nothing but whitespace, or no title and no body. */
    public static final String EMPTY = "empty";
    /** Ingest: not parseable in its format (JSON, feed, HTML). */
    public static final String UNPARSEABLE = "unparseable";
    /** Ingest: the input could not be read at all. */
    public static final String UNREADABLE = "unreadable";
    /** Ingest and enrich: a field has the wrong type or a value out of range (e.g. a date in year 50000). */
    public static final String INVALID_FIELD = "invalid-field";
    /** Ingest and enrich: the URL is not an http(s) address khabar accepts ({@link ArticleRules#checkUrl}). */
    public static final String INVALID_URL = "invalid-url";
    /** Ingest: an HTML page (or feed item) has no text that could be extracted. */
    public static final String NO_TEXT = "no-text";
    /** Ingest: an HTTP fetch failed: error status, time-out, refused connection. */
    public static final String FETCH_FAILED = "fetch-failed";
    /** Ingest: the site's robots.txt forbids fetching the page. */
    public static final String ROBOTS_DISALLOWED = "robots-disallowed";
    /** Ingest: a symbolic link that leads out of the folder (or the named file's folder) given; see --follow-links. */
    public static final String LINK_OUTSIDE_ROOT = "link-outside-root";
    /** Ingest: not a regular file (named pipe, device, socket, /proc or /sys file); see --allow-special-files. */
    public static final String SPECIAL_FILE = "special-file";
    /** Ingest: opening or reading the input stalled for longer than its time limit (--read-timeout). */
    public static final String READ_TIMEOUT = "read-timeout";
    /** Ingest: a fetch target resolving to a loopback, private, link-local or metadata address (--allow-private-addresses). */
    public static final String BLOCKED_ADDRESS = "blocked-address";
    /**
     * Ingest, watched folder: a text file's metadata file ({@code NAME.meta.json}) arrived or changed after the text
     * file was published; not applied (the article went out with the metadata it had).
     */
    public static final String LATE_METADATA = "late-metadata";

    // ---- enrich: reading the raw record ----

    /** Enrich: the value is binary (NUL or control bytes), not JSON text. */
    public static final String BINARY = "binary";
    /** Enrich: UTF-8 text that is not well-formed JSON (or nested deeper than the parser allows). */
    public static final String MALFORMED_JSON = "malformed-json";
    /** Enrich: well-formed JSON whose top level is not an object (an array, a string…). */
    public static final String NOT_AN_OBJECT = "not-an-object";
    /** Enrich: a JSON object whose fields have the wrong types. */
    public static final String WRONG_TYPES = "wrong-types";

    // ---- enrich: processing ----

    /** Enrich: a null value (tombstone) on the raw topic. */
    public static final String NULL_VALUE = "null-value";
    /** Enrich: a null key; raw records must be keyed by article id. */
    public static final String MISSING_KEY = "missing-key";
    /** Enrich: the key is not the article's id, so versions would not share a partition. */
    public static final String KEY_MISMATCH = "key-mismatch";
    /** Enrich: no body text. */
    public static final String EMPTY_BODY = "empty-body";
    /** Enrich: the body is not text (control characters, replacement characters, private use). */
    public static final String NOT_TEXT = "not-text";
    /** Enrich: the enricher threw. */
    public static final String ENRICH_FAILED = "enrich-failed";
    /** Enrich: any other processing failure. */
    public static final String PROCESSING_FAILED = "processing-failed";
    /** Enrich: the enriched record exceeds {@code khabar.enrich.max.output.bytes}. */
    public static final String OUTPUT_TOO_LARGE = "output-too-large";
    /** Enrich: the enriched record could not be serialised or sent. */
    public static final String PRODUCTION_FAILED = "production-failed";

    // ---- sink ----

    /** Sink: the target refused the record (PostgreSQL: SQLState class 22 or 23). */
    public static final String CONSTRAINT_VIOLATION = "constraint-violation";
    /** Sink: the target could not write this one record (while others in its batch were written). */
    public static final String WRITE_FAILED = "write-failed";

    /** Every reason, in the order above. */
    public static final List<String> ALL = List.of(
            INVALID_UTF8,
            TOO_LARGE,
            MISSING_ID,
            UNSUPPORTED_SCHEMA,
            DESERIALIZATION,
            EMPTY,
            UNPARSEABLE,
            UNREADABLE,
            INVALID_FIELD,
            INVALID_URL,
            NO_TEXT,
            FETCH_FAILED,
            ROBOTS_DISALLOWED,
            LINK_OUTSIDE_ROOT,
            SPECIAL_FILE,
            READ_TIMEOUT,
            BLOCKED_ADDRESS,
            LATE_METADATA,
            BINARY,
            MALFORMED_JSON,
            NOT_AN_OBJECT,
            WRONG_TYPES,
            NULL_VALUE,
            MISSING_KEY,
            KEY_MISMATCH,
            EMPTY_BODY,
            NOT_TEXT,
            ENRICH_FAILED,
            PROCESSING_FAILED,
            OUTPUT_TOO_LARGE,
            PRODUCTION_FAILED,
            CONSTRAINT_VIOLATION,
            WRITE_FAILED);

    /** The reasons the enrich stage writes (its metrics register a counter for each up front). */
    public static final List<String> ENRICH = List.of(
            INVALID_UTF8,
            BINARY,
            MALFORMED_JSON,
            NOT_AN_OBJECT,
            WRONG_TYPES,
            DESERIALIZATION,
            NULL_VALUE,
            MISSING_KEY,
            MISSING_ID,
            KEY_MISMATCH,
            UNSUPPORTED_SCHEMA,
            EMPTY_BODY,
            TOO_LARGE,
            NOT_TEXT,
            INVALID_URL,
            INVALID_FIELD,
            ENRICH_FAILED,
            PROCESSING_FAILED,
            OUTPUT_TOO_LARGE,
            PRODUCTION_FAILED);

    private DeadLetterReasons() {}
}

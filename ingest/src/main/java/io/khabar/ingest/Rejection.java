package io.khabar.ingest;

/** Thrown by parsers when an input cannot become an article; carries the machine-readable reason. */
public final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

    /** Reason: the bytes are not valid UTF-8. */
    public static final String INVALID_UTF8 = "invalid-utf8";
    /** Reason: nothing but whitespace. */
    public static final String EMPTY = "empty";
    /** Reason: larger than the configured limit. */
    public static final String TOO_LARGE = "too-large";
    /** Reason: not parseable in its format (JSON, feed, HTML). */
    public static final String UNPARSEABLE = "unparseable";
    /** Reason: the input could not be read at all. */
    public static final String UNREADABLE = "unreadable";
    /** Reason: a JSON field has the wrong type or an unreadable value (e.g. a date). */
    public static final String INVALID_FIELD = "invalid-field";
    /** Reason: a JSON record or text file maps to no body (the message names the fields it had). */
    public static final String NO_BODY = "no-body";
    /** Reason: an HTML page (or feed item) has no text that could be extracted. */
    public static final String NO_TEXT = "no-text";
    /** Reason: an HTTP fetch failed: error status, time-out, refused connection. */
    public static final String FETCH_FAILED = "fetch-failed";
    /** Reason: the site's robots.txt forbids fetching the page. */
    public static final String ROBOTS_DISALLOWED = "robots-disallowed";

    private final String reason;
    private final transient byte[] content;

    public Rejection(String reason, String message) {
        this(reason, message, null);
    }

    /** A rejection carrying the bytes that were read, for the dead-letter record. */
    public Rejection(String reason, String message, byte[] content) {
        super(message);
        this.reason = reason;
        this.content = content;
    }

    /** The bytes that were read, or null. */
    public byte[] content() {
        return content;
    }

    /** The machine-readable reason. */
    public String reason() {
        return reason;
    }
}

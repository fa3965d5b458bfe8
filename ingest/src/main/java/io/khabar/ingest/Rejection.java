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

    private final String reason;

    public Rejection(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The machine-readable reason. */
    public String reason() {
        return reason;
    }
}

package io.khabar.ingest;

/**
 * Thrown by parsers when an input cannot become an article; carries the machine-readable reason, one of
 * {@link io.khabar.model.DeadLetterReasons}.
 */
public final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

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

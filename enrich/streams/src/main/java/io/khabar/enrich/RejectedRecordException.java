package io.khabar.enrich;

import io.khabar.model.DeadLetterReasons;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record the enrich app refuses, with the short machine-readable reason written to the dead-letter topic.
 * Thrown by the serdes and processors; the app's exception handlers turn it into a dead letter and go on.
 * It extends {@link SerializationException} so that serdes may throw it too.
 */
public final class RejectedRecordException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /** A rejection for the given reason (see {@link DeadLetterReasons}). */
    public RejectedRecordException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A rejection caused by another exception. */
    public RejectedRecordException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The dead-letter reason, e.g. {@code empty-body}. */
    public String reason() {
        return reason;
    }
}

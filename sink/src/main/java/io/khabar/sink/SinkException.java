package io.khabar.sink;

/**
 * A failure of the sink. {@link #retriable()} failures (a database briefly unreachable, a full disk that may be
 * freed) are retried by the consumer loop with back-off; others stop the sink.
 */
public class SinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    public SinkException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    public SinkException(String message, boolean retriable) {
        this(message, null, retriable);
    }

    /** Whether trying the same batch again may succeed. */
    public boolean retriable() {
        return retriable;
    }
}

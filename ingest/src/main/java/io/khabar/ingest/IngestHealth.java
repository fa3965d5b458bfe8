package io.khabar.ingest;

import io.khabar.model.BrokerWatch;

/**
 * What a running ingest reports on its health endpoints ({@code khabar ingest --health-port}): live from the start
 * until a reader fails or the run ends; ready while its sources are being read and the broker answers (a
 * {@link BrokerWatch}). {@link Ingest#run(java.util.List, java.util.List, java.util.Properties, Progress,
 * IngestHealth)} keeps it up to date.
 */
public final class IngestHealth {

    private enum State {
        STARTING,
        READING,
        STOPPED,
        FAILED
    }

    private volatile State state = State.STARTING;
    private volatile BrokerWatch broker;

    /** Live: starting or reading; false once a reader failed or the run ended. */
    public boolean live() {
        return state == State.STARTING || state == State.READING;
    }

    /** Ready: reading, and the broker answers. */
    public boolean ready() {
        BrokerWatch b = broker;
        return state == State.READING && b != null && b.reachable();
    }

    /** The state in words, for the health endpoints' body. */
    public String describe() {
        BrokerWatch b = broker;
        return state + (b != null && !b.reachable() ? ", broker unreachable" : "");
    }

    void reading(BrokerWatch watch) {
        broker = watch;
        state = State.READING;
    }

    void failed() {
        state = State.FAILED;
    }

    void stopped() {
        if (state != State.FAILED) {
            state = State.STOPPED;
        }
    }
}

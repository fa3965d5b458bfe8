package io.khabar.sink;

/**
 * The positions stored in the target are not the ones this sink started its batch from: another sink instance
 * (same group, after a rebalance) wrote to the target meanwhile. Nothing of the batch was written; the loop drops
 * its buffer and seeks to the stored positions again.
 */
public class StalePositionException extends SinkException {

    private static final long serialVersionUID = 1L;

    public StalePositionException(String message) {
        super(message, false);
    }
}

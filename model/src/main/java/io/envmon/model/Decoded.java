package io.envmon.model;

/**
 * One element of a decoded payload: a reading, or why it could not be read. {@code index} is the position
 * in a batch, or 0 for a single reading.
 */
public sealed interface Decoded {

    int index();

    record Ok(int index, Reading reading) implements Decoded {
    }

    record Bad(int index, Rejection rejection) implements Decoded {
    }
}

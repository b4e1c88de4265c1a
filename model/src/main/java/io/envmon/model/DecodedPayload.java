package io.envmon.model;

import java.util.List;

/**
 * A decoded message: its readings (each decoded or rejected on its own) and whether it was a
 * {@code {"readings": [...]}} batch, in which case dead letters carry each reading's index.
 */
public record DecodedPayload(boolean batch, List<Decoded> readings) {

    public DecodedPayload {
        readings = List.copyOf(readings);
    }
}

package io.envmon.ingest.pipeline;

import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import java.util.List;

/**
 * What a device message turned into, whatever its format: the point it is about (null when unknown), the
 * readings to store with their positions in the message, and the dead letters for the rest.
 *
 * @param batch whether positions are meaningful to the sender (a JSON batch); dead letters then carry them
 */
public record CheckedMessage(MonitoredPoint point, boolean batch, List<Reading> accepted, List<Integer> acceptedIndexes,
                            List<DeadLetter> rejected) {

    public CheckedMessage {
        accepted = List.copyOf(accepted);
        acceptedIndexes = List.copyOf(acceptedIndexes);
        rejected = List.copyOf(rejected);
    }

    public static CheckedMessage rejectedWhole(MonitoredPoint point, DeadLetter deadLetter) {
        return new CheckedMessage(point, false, List.of(), List.of(), List.of(deadLetter));
    }

    /** A whole message rejected for one reason. */
    public static CheckedMessage rejectedWhole(IncomingMessage m, io.envmon.model.Rejection rejection) {
        return rejectedWhole(null, DeadLetter.of(m, null, rejection));
    }
}

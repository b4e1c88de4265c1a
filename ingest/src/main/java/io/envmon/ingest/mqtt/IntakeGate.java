package io.envmon.ingest.mqtt;

import java.util.function.BooleanSupplier;

/**
 * Asked before each message is taken from the broker: a part downstream that is too far behind (the alert engine's
 * backlog) holds intake back by blocking the MQTT client's thread, which stops reading the socket.
 */
@FunctionalInterface
public interface IntakeGate {

    IntakeGate OPEN = stillWanted -> true;

    /** @return false when {@code stillWanted} turned false while waiting: the message is not taken */
    boolean awaitRoom(BooleanSupplier stillWanted);
}

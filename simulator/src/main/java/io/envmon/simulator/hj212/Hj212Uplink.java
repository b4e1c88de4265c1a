package io.envmon.simulator.hj212;

import io.envmon.simulator.transport.TransportException;
import java.io.IOException;
import java.util.function.Consumer;

/** What carries a simulated device's frames to the service and its replies back: TCP or MQTT. */
public interface Hj212Uplink extends AutoCloseable {

    /**
     * Connects (or checks the service can be reached), failing fast.
     *
     * @param onReply called with the bytes of every frame the service sends back, on the uplink's own threads
     * @throws TransportException naming the address and what went wrong
     */
    void open(Consumer<byte[]> onReply) throws TransportException;

    /** Sends one frame for device {@code mn}; an I/O failure is thrown and the caller's resend timer retries. */
    void send(String mn, byte[] frame) throws IOException;

    /** For logs: {@code tcp://host:port} or the broker URL. */
    String describe();

    @Override
    void close();
}

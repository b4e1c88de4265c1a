package io.envmon.simulator.transport;

/** The broker cannot be used (unreachable, refused the connection); the message says which and why. */
public class TransportException extends Exception {

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}

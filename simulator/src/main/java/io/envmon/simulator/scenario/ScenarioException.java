package io.envmon.simulator.scenario;

/** A scenario file that cannot be read or is invalid; the message names the file and the key. */
public final class ScenarioException extends Exception {
    public ScenarioException(String message) {
        super(message);
    }
}

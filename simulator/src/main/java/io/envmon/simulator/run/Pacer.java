package io.envmon.simulator.run;

import java.time.Instant;

/** The wall clock the run is paced by; a seam so tests can run a simulated week in milliseconds. */
public interface Pacer {

    Instant now();

    /** Returns at or after {@code wallTime}; returns at once if it has passed. */
    void sleepUntil(Instant wallTime) throws InterruptedException;
}

package io.envmon.simulator.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Paces by the system clock. */
public final class SystemPacer implements Pacer {

    private final Clock clock = Clock.systemUTC();

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void sleepUntil(Instant wallTime) throws InterruptedException {
        // Thread.sleep may wake a little early; loop until the time has really come
        long millis;
        while ((millis = Duration.between(clock.instant(), wallTime).toMillis()) > 0) {
            Thread.sleep(millis);
        }
    }
}

package io.envmon.simulator.run;

import java.time.Duration;
import java.time.Instant;

/** A wall clock that jumps forward when slept on, plus a small cost per publication if asked. */
public final class FakePacer implements Pacer {

    private Instant now;

    public FakePacer(Instant now) {
        this.now = now;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void sleepUntil(Instant wallTime) {
        if (wallTime.isAfter(now)) {
            now = wallTime;
        }
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }
}

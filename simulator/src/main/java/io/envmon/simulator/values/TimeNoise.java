package io.envmon.simulator.values;

import java.time.Duration;
import java.time.Instant;

/**
 * Smooth standard-normal noise as a pure function of time: seeded Gaussian knots every {@code spacing}, blended
 * with a smoothstep and rescaled so the variance stays 1 between knots. Values are correlated over about one
 * spacing and independent after two. Unlike {@link RedNoise} it keeps no state, so a field several points share
 * gives every point the same value at the same instant, whoever asks first.
 */
final class TimeNoise {

    private final long seed;
    private final double spacingMillis;

    TimeNoise(long seed, Duration spacing) {
        this.seed = seed;
        this.spacingMillis = spacing.toMillis();
    }

    double at(Instant ts) {
        double x = ts.toEpochMilli() / spacingMillis;
        long knot = (long) Math.floor(x);
        double u = x - knot;
        double w = u * u * (3 - 2 * u);
        double blended = (1 - w) * knotValue(knot) + w * knotValue(knot + 1);
        return blended / Math.sqrt((1 - w) * (1 - w) + w * w);
    }

    private double knotValue(long knot) {
        return Seeds.gaussian(Seeds.of(seed, knot));
    }
}

package io.envmon.simulator.values;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Mean-reverting noise (an Ornstein–Uhlenbeck process sampled exactly): successive values are correlated over
 * {@code correlation} and the long-run standard deviation is {@code sigma}. Real sensor series wander like
 * this; independent noise per reading would look like static. Works for any spacing between samples.
 */
final class RedNoise {

    private final Random random;
    private final double sigma;
    private final double correlationSeconds;
    private Instant last;
    private double value;

    RedNoise(Random random, double sigma, Duration correlation) {
        this.random = random;
        this.sigma = sigma;
        this.correlationSeconds = correlation.toMillis() / 1000.0;
    }

    double at(Instant ts) {
        if (last == null) {
            value = sigma * random.nextGaussian();
        } else {
            double dt = Math.max(0, Duration.between(last, ts).toMillis() / 1000.0);
            double keep = Math.exp(-dt / correlationSeconds);
            value = value * keep + sigma * Math.sqrt(1 - keep * keep) * random.nextGaussian();
        }
        last = ts;
        return value;
    }
}

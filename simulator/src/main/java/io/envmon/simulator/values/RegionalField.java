package io.envmon.simulator.values;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fluctuations that nearby places share (an air mass drifting over part of the district): a lattice of
 * {@link TimeNoise} nodes every {@value #SPACING_KM} km, seeded from the run's seed only, of which each place
 * mixes the nodes around it with Gaussian weights of width {@code lengthKm}, normalised to unit variance. Two
 * places d km apart then correlate about exp(−d² / 4L²): with L = 5 km, 0.95 at 2 km, 0.37 at 10 km and ≈ 0 at
 * 20 km. The lattice is fixed in space, so a place's series does not depend on which other places exist.
 */
final class RegionalField {

    static final double SPACING_KM = 4;
    private static final double KM_PER_DEG_LAT = 110.6;
    /** At the district's latitude (37.4° N); a registry elsewhere only gets its east-west distances scaled. */
    private static final double KM_PER_DEG_LON = 111.3 * Math.cos(Math.toRadians(37.4));
    /** Nodes farther than this many lengths add less than 1 % of the variance and are left out. */
    private static final double REACH = 2.2;

    private final long seed;
    private final Duration timeScale;
    private final double lengthKm;

    RegionalField(long seed, Duration timeScale, double lengthKm) {
        this.seed = seed;
        this.timeScale = timeScale;
        this.lengthKm = lengthKm;
    }

    /** The field as seen at one place: unit-variance noise of time. */
    Local at(double lat, double lon) {
        double x = lon * KM_PER_DEG_LON;
        double y = lat * KM_PER_DEG_LAT;
        double reach = REACH * lengthKm;
        List<TimeNoise> nodes = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double sumSquares = 0;
        for (long i = (long) Math.floor((x - reach) / SPACING_KM); i * SPACING_KM <= x + reach; i++) {
            for (long j = (long) Math.floor((y - reach) / SPACING_KM); j * SPACING_KM <= y + reach; j++) {
                double dx = i * SPACING_KM - x;
                double dy = j * SPACING_KM - y;
                double d2 = dx * dx + dy * dy;
                if (d2 <= reach * reach) {
                    double w = Math.exp(-d2 / (2 * lengthKm * lengthKm));
                    nodes.add(new TimeNoise(Seeds.of(seed, i, j), timeScale));
                    weights.add(w);
                    sumSquares += w * w;
                }
            }
        }
        double norm = Math.sqrt(sumSquares);
        return new Local(nodes.toArray(TimeNoise[]::new), weights.stream().mapToDouble(w -> w / norm).toArray());
    }

    /** The weighted nodes around one place. */
    record Local(TimeNoise[] nodes, double[] weights) {

        double at(Instant ts) {
            double sum = 0;
            for (int k = 0; k < nodes.length; k++) {
                sum += weights[k] * nodes[k].at(ts);
            }
            return sum;
        }
    }
}

package io.envmon.simulator.values;

/**
 * Seeded numbers as pure functions of their keys (SplitMix64's finaliser): the same keys always give the same
 * number, whichever point asks, in whatever order, on whatever thread. Processes shared by several points, or
 * that must not depend on when a run started (rain, maintenance stops), draw from here instead of a
 * {@link java.util.Random}.
 */
final class Seeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** SplitMix64's finaliser: well-spread output even for inputs that differ by one bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A hash of a seed and keys (a slot index, a draw number, …). */
    static long of(long seed, long... keys) {
        long h = mix(seed);
        for (long key : keys) {
            h = mix(h + GOLDEN * (key + 1));
        }
        return h;
    }

    /** Uniform in [0, 1). */
    static double uniform(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** Standard normal (Box–Muller over two uniforms derived from the hash). */
    static double gaussian(long hash) {
        double u1 = 1 - uniform(hash);
        double u2 = uniform(mix(hash + GOLDEN));
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}

package io.envmon.alerts.report;

import java.util.Arrays;
import java.util.Collection;
import java.util.OptionalDouble;

/**
 * The percentile of HJ 663-2013 Annex A (standards.md §9.4): sort the n values ascending, {@code k = 1 + (n − 1)·p},
 * {@code s} the integer part of k, {@code P = X(s) + (X(s+1) − X(s))·(k − s)} ({@code P = X(n)} when k = n). This is
 * linear interpolation between order statistics (numpy's default). Used for the O3 90th percentile of the daily
 * maximum 8-h means (and CO's 95th of the daily means).
 */
public final class Percentile {

    private Percentile() {
    }

    /** The {@code p}-th percentile ({@code 0 ≤ p ≤ 1}) of the values; empty when there are none. */
    public static OptionalDouble of(Collection<Double> values, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be within 0..1, not " + p);
        }
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] x = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(x);
        double k = 1 + (x.length - 1) * p;
        int s = (int) Math.floor(k);
        if (s >= x.length) {
            return OptionalDouble.of(x[x.length - 1]);
        }
        return OptionalDouble.of(x[s - 1] + (x[s] - x[s - 1]) * (k - s));
    }
}

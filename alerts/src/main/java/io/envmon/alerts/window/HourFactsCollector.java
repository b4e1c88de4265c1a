package io.envmon.alerts.window;

import io.envmon.alerts.emission.O2Basis;
import io.envmon.alerts.emission.O2Corrected;
import io.envmon.alerts.emission.OxygenCorrection;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads an hour's rows once more, before they are dropped, for the {@link HourFacts} of an enterprise outlet: one
 * 64-bit fingerprint per parameter over its values and flags in time order (never the timestamps, so that a
 * series copied with a delay still matches), the distinct values among them, the rows flagged maintenance or
 * calibration and the mean of each parameter's flagged values. Linear in the hour's rows, plus a sort of one
 * column's values (about 60) for the distinct count.
 */
final class HourFactsCollector {

    private double[] scratch = new double[64];

    /**
     * @param flags the letters counted as maintenance or calibration (M, C by default)
     * @param basis the outlet's O2 basis (its flagged concentrations are converted as the permit judges them), or
     *              {@code null}
     */
    HourFacts collect(SampleWindow window, int from, int to, Set<Character> flags, O2Basis basis,
                      OxygenCorrection o2) {
        HourFacts.Builder facts = new HourFacts.Builder();
        List<String> parameters = window.parameters();
        int o2col = window.indexOf("o2");
        for (int col = 0; col < parameters.size(); col++) {
            fingerprint(window, col, from, to, facts);
            flaggedMean(window, col, o2col, from, to, flags, basis, o2, facts);
        }
        int flagged = 0;
        int starts = 0;
        boolean previous = false;
        boolean first = false;
        for (int row = from; row < to; row++) {
            boolean f = flagged(window, row, flags);
            if (f) {
                flagged++;
                starts += previous ? 0 : 1;
            }
            if (row == from) {
                first = f;
            }
            previous = f;
        }
        facts.rows(to - from, flagged, starts, first, previous);
        return facts.build();
    }

    private void fingerprint(SampleWindow window, int col, int from, int to, HourFacts.Builder facts) {
        long hash = 0x9E3779B97F4A7C15L;
        int n = 0;
        for (int row = from; row < to; row++) {
            if (window.has(col, row)) {
                double v = window.value(col, row);
                hash = mix(hash ^ Double.doubleToLongBits(v)) + window.flag(col, row);
                if (n == scratch.length) {
                    scratch = Arrays.copyOf(scratch, n * 2);
                }
                scratch[n++] = v;
            }
        }
        if (n < 2) {
            return;
        }
        Arrays.sort(scratch, 0, n);
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            distinct += scratch[i] != scratch[i - 1] ? 1 : 0;
        }
        facts.fingerprint(window.parameters().get(col), mix(hash ^ n), n, distinct);
    }

    private static void flaggedMean(SampleWindow window, int col, int o2col, int from, int to, Set<Character> flags,
                                    O2Basis basis, OxygenCorrection o2, HourFacts.Builder facts) {
        String p = window.parameters().get(col);
        boolean convert = basis != null && o2col >= 0 && HourEvaluator.CONCENTRATIONS.contains(p);
        double sum = 0;
        int n = 0;
        for (int row = from; row < to; row++) {
            if (!window.has(col, row) || !flags.contains(window.flag(col, row))) {
                continue;
            }
            double v = window.value(col, row);
            if (convert && window.has(o2col, row)) {
                O2Corrected c = o2.convert(v, window.value(o2col, row), basis);
                if (c.suppressed()) {
                    continue;
                }
                v = c.judgedValue().getAsDouble();
            }
            sum += v;
            n++;
        }
        if (n > 0) {
            facts.flaggedMean(p, HourEvaluator.round(sum / n));
        }
    }

    private static boolean flagged(SampleWindow window, int row, Set<Character> flags) {
        for (int col = 0; col < window.parameters().size(); col++) {
            if (window.has(col, row) && flags.contains(window.flag(col, row))) {
                return true;
            }
        }
        return false;
    }

    /** SplitMix64's finaliser: every bit of the input moves every bit of the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

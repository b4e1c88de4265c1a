package io.envmon.alerts.window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the integrity rules need of one closed hour of an enterprise outlet beyond its means, kept in a few arrays
 * (the raw rows are dropped when the hour closes): per parameter a fingerprint of the hour's values (for
 * {@code integrity_copied_series}), and how much of the hour was flagged maintenance or calibration, with the mean
 * of the flagged values of each parameter (for {@code integrity_flag_misuse}). docs/alerts.md#integrity-rules.
 */
public final class HourFacts {

    /** No facts: a point that is not an enterprise outlet, or an hour built without them. */
    public static final HourFacts NONE = new HourFacts(new String[0], new long[0], new int[0], new int[0], 0, 0, 0,
            false, false, new String[0], new double[0]);

    /**
     * The fingerprint of one parameter's values in the hour, in time order, each with its flag letter.
     *
     * @param samples  how many values the hour held
     * @param distinct how many of them differ
     */
    public record Fingerprint(long hash, int samples, int distinct) {
    }

    private final String[] parameters;
    private final long[] hashes;
    private final int[] samples;
    private final int[] distinct;
    private final int rows;
    private final int flaggedRows;
    private final int flaggedStarts;
    private final boolean firstFlagged;
    private final boolean lastFlagged;
    private final String[] flaggedParameters;
    private final double[] flaggedMeans;

    private HourFacts(String[] parameters, long[] hashes, int[] samples, int[] distinct, int rows, int flaggedRows,
                      int flaggedStarts, boolean firstFlagged, boolean lastFlagged, String[] flaggedParameters,
                      double[] flaggedMeans) {
        this.parameters = parameters;
        this.hashes = hashes;
        this.samples = samples;
        this.distinct = distinct;
        this.rows = rows;
        this.flaggedRows = flaggedRows;
        this.flaggedStarts = flaggedStarts;
        this.firstFlagged = firstFlagged;
        this.lastFlagged = lastFlagged;
        this.flaggedParameters = flaggedParameters;
        this.flaggedMeans = flaggedMeans;
    }

    /** The parameters with a fingerprint, sorted. */
    public List<String> fingerprinted() {
        return List.of(parameters);
    }

    /** The fingerprint of a parameter's values, or {@code null} when the hour had none. */
    public Fingerprint fingerprint(String parameter) {
        int i = Arrays.binarySearch(parameters, parameter);
        return i < 0 ? null : new Fingerprint(hashes[i], samples[i], distinct[i]);
    }

    /** Rows (readings) the hour held. */
    public int rows() {
        return rows;
    }

    /** Rows with at least one parameter flagged maintenance or calibration. */
    public int flaggedRows() {
        return flaggedRows;
    }

    /** Flagged stretches that start in the hour (a flagged first row counts as a start). */
    public int flaggedStarts() {
        return flaggedStarts;
    }

    public boolean firstFlagged() {
        return firstFlagged;
    }

    public boolean lastFlagged() {
        return lastFlagged;
    }

    /** The share of the hour's rows that were flagged, 0 when none. */
    public double flaggedShare() {
        return rows == 0 ? 0 : (double) flaggedRows / rows;
    }

    /**
     * The mean of a parameter's flagged values (stack concentrations at the outlet's O2 basis, each with the O2 of
     * its reading), or {@code null} when none was flagged.
     */
    public Double flaggedMean(String parameter) {
        for (int i = 0; i < flaggedParameters.length; i++) {
            if (flaggedParameters[i].equals(parameter)) {
                return flaggedMeans[i];
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HourFacts f && rows == f.rows && flaggedRows == f.flaggedRows
                && flaggedStarts == f.flaggedStarts && firstFlagged == f.firstFlagged && lastFlagged == f.lastFlagged
                && Arrays.equals(parameters, f.parameters) && Arrays.equals(hashes, f.hashes)
                && Arrays.equals(samples, f.samples) && Arrays.equals(distinct, f.distinct)
                && Arrays.equals(flaggedParameters, f.flaggedParameters) && Arrays.equals(flaggedMeans, f.flaggedMeans);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, flaggedRows, Arrays.hashCode(hashes), Arrays.hashCode(flaggedMeans));
    }

    @Override
    public String toString() {
        return "HourFacts[fingerprinted=" + Arrays.toString(parameters) + ", rows=" + rows + ", flagged=" + flaggedRows
                + "]";
    }

    /** Collects the facts of one hour, column by column. */
    static final class Builder {
        private final List<String> parameters = new ArrayList<>();
        private final List<long[]> prints = new ArrayList<>();
        private final List<String> flaggedParameters = new ArrayList<>();
        private final List<Double> flaggedMeans = new ArrayList<>();
        private int rows;
        private int flaggedRows;
        private int flaggedStarts;
        private boolean firstFlagged;
        private boolean lastFlagged;

        void fingerprint(String parameter, long hash, int samples, int distinct) {
            parameters.add(parameter);
            prints.add(new long[] {hash, samples, distinct});
        }

        void flaggedMean(String parameter, double mean) {
            flaggedParameters.add(parameter);
            flaggedMeans.add(mean);
        }

        void rows(int rows, int flaggedRows, int flaggedStarts, boolean firstFlagged, boolean lastFlagged) {
            this.rows = rows;
            this.flaggedRows = flaggedRows;
            this.flaggedStarts = flaggedStarts;
            this.firstFlagged = firstFlagged;
            this.lastFlagged = lastFlagged;
        }

        HourFacts build() {
            int n = parameters.size();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> parameters.get(a).compareTo(parameters.get(b)));
            String[] names = new String[n];
            long[] hashes = new long[n];
            int[] samples = new int[n];
            int[] distinct = new int[n];
            for (int i = 0; i < n; i++) {
                long[] print = prints.get(order[i]);
                names[i] = parameters.get(order[i]).intern();
                hashes[i] = print[0];
                samples[i] = (int) print[1];
                distinct[i] = (int) print[2];
            }
            double[] means = flaggedMeans.stream().mapToDouble(Double::doubleValue).toArray();
            return new HourFacts(names, hashes, samples, distinct, rows, flaggedRows,
                    flaggedStarts, firstFlagged, lastFlagged, flaggedParameters.toArray(new String[0]), means);
        }
    }
}

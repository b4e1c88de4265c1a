package io.envmon.alerts.window;

import io.envmon.model.DataFlag;
import io.envmon.model.Reading;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The readings of one point's <b>open</b> hours (not yet evaluated), keyed by event time and stored by column: one
 * sorted array of timestamps and, per parameter the point has sent, an array of values and one of flag letters.
 * Once an hour is closed its rows are summarised into an {@link HourRecord} and dropped: raw readings live in
 * InfluxDB, not here, so the window holds about an hour of rows whatever the retained range.
 *
 * <p>A reading at a timestamp already present is merged into that row parameter by parameter, as InfluxDB merges
 * fields of one point: a redelivered reading changes nothing ({@link Put#UNCHANGED}); a second reading with other
 * parameters at the same time adds them. Parameters outside the point type's list are ignored.
 */
public final class SampleWindow {

    /** What a {@link #put} did. */
    public enum Put {
        NEW,
        CHANGED,
        UNCHANGED
    }

    private static final int INITIAL = 8;

    private final List<String> parameters;
    private final Map<String, Integer> index = new HashMap<>();
    private long[] ts = new long[INITIAL];
    /** values[column][row]; a column is allocated when its parameter first arrives. NaN: no value. */
    private final double[][] values;
    /** flags[column][row]: the HJ 212 letter, 0 for N. */
    private final char[][] flags;
    private int size;

    public SampleWindow(Collection<String> parameters) {
        this.parameters = List.copyOf(parameters);
        for (int i = 0; i < this.parameters.size(); i++) {
            index.put(this.parameters.get(i), i);
        }
        this.values = new double[this.parameters.size()][];
        this.flags = new char[this.parameters.size()][];
    }

    public List<String> parameters() {
        return parameters;
    }

    /** The column of a parameter, or -1 when the point type has none. */
    public int indexOf(String parameter) {
        Integer i = index.get(parameter);
        return i == null ? -1 : i;
    }

    /** How many of the reading's parameters are not parameters of this point (and are ignored). */
    public int unknownParameters(Reading reading) {
        int n = 0;
        for (String p : reading.values().keySet()) {
            if (!index.containsKey(p)) {
                n++;
            }
        }
        return n;
    }

    public Put put(Reading reading) {
        Objects.requireNonNull(reading, "reading");
        long t = reading.ts().toEpochMilli();
        int at = Arrays.binarySearch(ts, 0, size, t);
        boolean exists = at >= 0;
        boolean changed = false;
        int row = at;
        for (Map.Entry<String, Double> e : reading.values().entrySet()) {
            Integer col = index.get(e.getKey());
            Double v = e.getValue();
            if (col == null || v == null || !Double.isFinite(v)) {
                continue;
            }
            char flag = letter(reading.flagOf(e.getKey()));
            if (row < 0) {
                row = insertRow(-at - 1, t);
            }
            double[] column = column(col);
            if (Double.doubleToLongBits(column[row]) != Double.doubleToLongBits(v) || flags[col][row] != flag) {
                column[row] = v;
                flags[col][row] = flag;
                changed = true;
            }
        }
        if (!changed) {
            return Put.UNCHANGED;
        }
        return exists ? Put.CHANGED : Put.NEW;
    }

    private static char letter(String flag) {
        return flag == null || flag.isEmpty() || DataFlag.N.name().equals(flag) ? 0 : flag.charAt(0);
    }

    private double[] column(int col) {
        if (values[col] == null) {
            values[col] = new double[ts.length];
            Arrays.fill(values[col], Double.NaN);
            flags[col] = new char[ts.length];
        }
        return values[col];
    }

    private int insertRow(int row, long t) {
        if (size == ts.length) {
            int capacity = ts.length * 2;
            ts = Arrays.copyOf(ts, capacity);
            for (int c = 0; c < values.length; c++) {
                if (values[c] != null) {
                    int old = values[c].length;
                    values[c] = Arrays.copyOf(values[c], capacity);
                    Arrays.fill(values[c], old, capacity, Double.NaN);
                    flags[c] = Arrays.copyOf(flags[c], capacity);
                }
            }
        }
        int tail = size - row;
        System.arraycopy(ts, row, ts, row + 1, tail);
        ts[row] = t;
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                System.arraycopy(values[c], row, values[c], row + 1, tail);
                values[c][row] = Double.NaN;
                System.arraycopy(flags[c], row, flags[c], row + 1, tail);
                flags[c][row] = 0;
            }
        }
        size++;
        return row;
    }

    /** Drops the rows stamped before {@code t}. */
    public void pruneBefore(Instant t) {
        int n = from(t);
        if (n == 0) {
            return;
        }
        int rest = size - n;
        System.arraycopy(ts, n, ts, 0, rest);
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                System.arraycopy(values[c], n, values[c], 0, rest);
                Arrays.fill(values[c], rest, size, Double.NaN);
                System.arraycopy(flags[c], n, flags[c], 0, rest);
                Arrays.fill(flags[c], rest, size, (char) 0);
            }
        }
        size = rest;
        if (size == 0 && ts.length > 4 * INITIAL) {
            shrink();
        }
    }

    /** Gives memory back after a burst (a backlog of many rows in one hour). */
    private void shrink() {
        ts = new long[INITIAL];
        for (int c = 0; c < values.length; c++) {
            values[c] = null;
            flags[c] = null;
        }
    }

    public void clear() {
        size = 0;
        shrink();
    }

    /** The index of the first row stamped at or after {@code t} ({@link #size()} when none). */
    public int from(Instant t) {
        int at = Arrays.binarySearch(ts, 0, size, t.toEpochMilli());
        if (at < 0) {
            return -at - 1;
        }
        return at;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public Instant first() {
        return size == 0 ? null : Instant.ofEpochMilli(ts[0]);
    }

    public Instant last() {
        return size == 0 ? null : Instant.ofEpochMilli(ts[size - 1]);
    }

    /** The time of row {@code row}, epoch milliseconds. */
    public long millis(int row) {
        return ts[row];
    }

    public Instant ts(int row) {
        return Instant.ofEpochMilli(ts[row]);
    }

    /** True when row {@code row} has a value in column {@code col}. */
    public boolean has(int col, int row) {
        return values[col] != null && !Double.isNaN(values[col][row]);
    }

    /** The value in column {@code col} of row {@code row}, NaN when none. */
    public double value(int col, int row) {
        return values[col] == null ? Double.NaN : values[col][row];
    }

    /** The flag letter in column {@code col} of row {@code row}, {@code 'N'} when none was sent. */
    public char flag(int col, int row) {
        char f = flags[col] == null ? 0 : flags[col][row];
        return f == 0 ? 'N' : f;
    }
}

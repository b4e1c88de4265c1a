package io.envmon.alerts.window;

import io.envmon.model.DataFlag;
import io.envmon.model.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The recent readings of one point, keyed by event time, stored compactly (one row of doubles per timestamp, in
 * the point type's parameter order) so that 26 h of minute data for a whole district fits in a few tens of MB.
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

    private final List<String> parameters;
    private final Map<String, Integer> index = new HashMap<>();
    private final TreeMap<Instant, Row> rows = new TreeMap<>();
    /** How many rows carry each flag letter (on any parameter), for rules that look for flags. */
    private final Map<Character, Integer> flaggedRows = new HashMap<>();

    public SampleWindow(Collection<String> parameters) {
        this.parameters = List.copyOf(parameters);
        for (int i = 0; i < this.parameters.size(); i++) {
            index.put(this.parameters.get(i), i);
        }
    }

    public List<String> parameters() {
        return parameters;
    }

    /** The column of a parameter for the fast {@link Row} accessors, or -1 when the point type has none. */
    public int indexOf(String parameter) {
        Integer i = index.get(parameter);
        return i == null ? -1 : i;
    }

    /** How many of the reading's parameters are not parameters of this point (and are ignored). */
    public int unknownParameters(Reading reading) {
        return (int) reading.values().keySet().stream().filter(p -> !index.containsKey(p)).count();
    }

    public Put put(Reading reading) {
        Objects.requireNonNull(reading, "reading");
        Row old = rows.get(reading.ts());
        double[] values = old == null ? empty() : old.values.clone();
        char[] flags = old == null ? new char[parameters.size()] : old.flags.clone();
        boolean any = false;
        for (Map.Entry<String, Double> e : reading.values().entrySet()) {
            Integer i = index.get(e.getKey());
            if (i == null || e.getValue() == null || !Double.isFinite(e.getValue())) {
                continue;
            }
            any = true;
            values[i] = e.getValue();
            String flag = reading.flagOf(e.getKey());
            flags[i] = DataFlag.N.name().equals(flag) || flag.isEmpty() ? 0 : flag.charAt(0);
        }
        if (!any && old == null) {
            return Put.UNCHANGED;
        }
        if (old != null && Arrays.equals(values, old.values) && Arrays.equals(flags, old.flags)) {
            return Put.UNCHANGED;
        }
        Row row = new Row(values, flags);
        if (old != null) {
            count(old, -1);
        }
        count(row, +1);
        rows.put(reading.ts(), row);
        return old == null ? Put.NEW : Put.CHANGED;
    }

    /** Drops rows stamped before {@code t}. */
    public void pruneBefore(Instant t) {
        NavigableMap<Instant, Row> old = rows.headMap(t, false);
        old.values().forEach(r -> count(r, -1));
        old.clear();
    }

    /** How many rows carry at least one of {@code letters} (e.g. "DB") on some parameter. */
    public int rowsFlagged(String letters) {
        int n = 0;
        for (char c : letters.toCharArray()) {
            n += flaggedRows.getOrDefault(c, 0);
        }
        return n;
    }

    private void count(Row row, int delta) {
        for (char c : row.letters()) {
            flaggedRows.merge(c, delta, Integer::sum);
        }
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public int size() {
        return rows.size();
    }

    public Instant first() {
        return rows.isEmpty() ? null : rows.firstKey();
    }

    /** All rows, oldest first (a read-only view). */
    public NavigableMap<Instant, Row> rows() {
        return Collections.unmodifiableNavigableMap(rows);
    }

    /** The rows stamped in {@code [from, to)}, oldest first (a read-only view). */
    public NavigableMap<Instant, Row> rows(Instant from, Instant to) {
        return Collections.unmodifiableNavigableMap(rows.subMap(from, true, to, false));
    }

    /** The rows stamped in {@code [from, to)} as readings, for the standards layer's helpers. */
    public List<Reading> readings(Instant from, Instant to) {
        List<Reading> out = new ArrayList<>();
        rows(from, to).forEach((ts, row) -> out.add(row.toReading(ts)));
        return out;
    }

    private double[] empty() {
        double[] v = new double[parameters.size()];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /** The values of one timestamp. */
    public final class Row {
        private final double[] values;
        private final char[] flags;

        private Row(double[] values, char[] flags) {
            this.values = values;
            this.flags = flags;
        }

        public boolean has(String parameter) {
            Integer i = index.get(parameter);
            return i != null && !Double.isNaN(values[i]);
        }

        /** The value, NaN when the row has none. */
        public double value(String parameter) {
            Integer i = index.get(parameter);
            return i == null ? Double.NaN : values[i];
        }

        /** The HJ 212 flag letter, {@code N} when none was sent. */
        public String flag(String parameter) {
            Integer i = index.get(parameter);
            return i == null || flags[i] == 0 ? DataFlag.N.name() : String.valueOf(flags[i]);
        }

        /** True when column {@code i} has a value. */
        public boolean has(int i) {
            return !Double.isNaN(values[i]);
        }

        /** The value of column {@code i}, NaN when none. */
        public double value(int i) {
            return values[i];
        }

        /** The flag letter of column {@code i}, {@code 'N'} when none was sent. */
        public char flagOf(int i) {
            return flags[i] == 0 ? 'N' : flags[i];
        }

        /** The distinct flag letters of the row (N excluded). */
        private java.util.Set<Character> letters() {
            java.util.Set<Character> out = new java.util.HashSet<>();
            for (char f : flags) {
                if (f != 0) {
                    out.add(f);
                }
            }
            return out;
        }

        Reading toReading(Instant ts) {
            Map<String, Double> v = new LinkedHashMap<>();
            Map<String, String> f = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    v.put(parameters.get(i), values[i]);
                    if (flags[i] != 0) {
                        f.put(parameters.get(i), String.valueOf(flags[i]));
                    }
                }
            }
            return new Reading(ts, v, f, null);
        }
    }
}

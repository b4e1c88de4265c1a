package io.envmon.bench;

import io.envmon.model.PointType;
import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An endless stream of minute readings for a list of points: the next point round-robin, the minute advancing after
 * every point had one, arrival 3 s after the event time. Deterministic.
 *
 * <p>Every value follows a slow sine (period 6 h) around a compliant level, with a phase per point and parameter, so
 * no two consecutive values of a parameter are equal (no flat-line alerts) and no limit or AQI threshold is crossed:
 * the engine runs in its quiet steady state, which is what it does nearly all the time.
 */
public final class MinuteFeed {

    /** Arrival (the engine's {@code now}) after the event time, as over a healthy broker. */
    static final Duration ARRIVAL_DELAY = Duration.ofSeconds(3);
    private static final int PERIOD_MINUTES = 360;
    private static final double[] SINE = new double[PERIOD_MINUTES];

    static {
        for (int i = 0; i < PERIOD_MINUTES; i++) {
            SINE[i] = Math.sin(2 * Math.PI * i / PERIOD_MINUTES);
        }
    }

    private final List<MonitoredPoint> points;
    private final Instant start;
    private int next;
    private long minute;
    private long fed;
    private MonitoredPoint point;
    private Instant ts;
    private Instant now;

    public MinuteFeed(List<MonitoredPoint> points, Instant start) {
        this.points = List.copyOf(points);
        this.start = start;
    }

    /** The next reading; {@link #point()} and {@link #now()} then describe it. */
    public Reading next() {
        int i = next;
        if (i == 0) {
            ts = start.plusSeconds(60 * minute);
            now = ts.plus(ARRIVAL_DELAY);
        }
        point = points.get(i);
        Reading reading = new Reading(ts, values(Profile.of(point.type()), i));
        fed++;
        if (++next == points.size()) {
            next = 0;
            minute++;
        }
        return reading;
    }

    /** The point of the last reading. */
    public MonitoredPoint point() {
        return point;
    }

    /** The arrival time of the last reading. */
    public Instant now() {
        return now;
    }

    /** Readings given out so far. */
    public long fed() {
        return fed;
    }

    private Map<String, Double> values(Profile profile, int pointIndex) {
        Map<String, Double> values = new LinkedHashMap<>(16);
        for (int p = 0; p < profile.names.length; p++) {
            int phase = (int) ((minute + pointIndex * 37L + p * 101L) % PERIOD_MINUTES);
            values.put(profile.names[p], profile.level[p] + profile.swing[p] * SINE[phase]);
        }
        return values;
    }

    /** What a point type sends: parameter, level and swing, all well inside the limits and the AQI's first band. */
    private enum Profile {
        AIR(new String[] {"pm25", "pm10", "so2", "no2", "co", "o3"},
                new double[] {40, 70, 12, 30, 0.8, 80}, new double[] {15, 25, 5, 12, 0.3, 40}),
        WATER(new String[] {"ph", "do", "codmn", "nh3n", "tp", "conductivity", "turbidity", "temp"},
                new double[] {7.5, 7, 3.5, 0.5, 0.1, 600, 15, 15}, new double[] {0.3, 1, 0.8, 0.2, 0.04, 100, 5, 3}),
        // hourly means under 75 % of the outlets' permit limits (SyntheticDistrict#mix), where permit_limit clears:
        // O2 9.5–10.5 % with a reference of 9 % makes the corrected values at most 1.15 × measured
        STACK(new String[] {"particulate", "so2", "nox", "o2", "flow", "temp"},
                new double[] {10, 80, 100, 10, 50_000, 120}, new double[] {3, 20, 20, 0.5, 10_000, 10}),
        WASTEWATER(new String[] {"cod", "nh3n", "ph", "flow"},
                new double[] {40, 5, 7.5, 30}, new double[] {10, 2, 0.5, 10});

        final String[] names;
        final double[] level;
        final double[] swing;

        Profile(String[] names, double[] level, double[] swing) {
            this.names = names;
            this.level = level;
            this.swing = swing;
        }

        static Profile of(PointType type) {
            return switch (type) {
                case AIR_STATION -> AIR;
                case WATER_SECTION -> WATER;
                case STACK -> STACK;
                case WASTEWATER -> WASTEWATER;
            };
        }
    }
}

package io.envmon.alerts.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The district's daily AQI per 24-h window, kept between runs of the district rule: a window is computed over every
 * station once, and again only when a station's hour inside it changes ({@link #hourChanged}). Without it each run
 * recomputed some 130 windows over every station: seconds per hour close with thousands of stations.
 * The engine owns it (one thread); the rule itself stays a function of what it is given.
 */
public final class DistrictDays {

    private static final Duration DAY = Duration.ofHours(24);

    private final Map<Instant, OptionalInt> byEnd = new HashMap<>();

    /** The daily AQI of the 24 h ending at {@code end}, computed when not known. */
    OptionalInt aqi(Instant end, Function<Instant, OptionalInt> compute) {
        OptionalInt known = byEnd.get(end);
        if (known == null) {
            known = compute.apply(end);
            byEnd.put(end, known);
        }
        return known;
    }

    /** A station's record of the hour starting at {@code hour} changed: the windows holding it are recomputed. */
    public void hourChanged(Instant hour) {
        byEnd.keySet().removeIf(end -> end.isAfter(hour) && !end.isAfter(hour.plus(DAY)));
    }

    /** Forgets windows ending before {@code t}. */
    public void forgetBefore(Instant t) {
        byEnd.keySet().removeIf(end -> end.isBefore(t));
    }
}

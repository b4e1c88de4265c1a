package io.envmon.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often wet-chemistry analysers measure, by point type and parameter, where it is longer than the minute of
 * real-time data: an automatic surface-water station's CODMn, COD, NH3-N, TP and TN every 4 h (the routine frequency
 * of HJ 915-2017, as commonly run; not re-verified against its text here), an online wastewater monitor's COD,
 * NH3-N, TP and TN every 2 h (HJ 355-2019 practice ranges from 1 to 2 h). The alert rules' defaults
 * ({@code window.analyserCycle}) and the simulator both start from these; a registry point's
 * {@code analyserCycleSeconds} sets its own.
 */
public final class AnalyserCycles {

    private static final Duration WATER = Duration.ofHours(4);
    private static final Duration WASTEWATER = Duration.ofHours(2);

    private AnalyserCycles() {
    }

    /** The typical cycles of a point type's slow parameters (empty: every parameter reports each interval). */
    public static Map<String, Duration> typical(PointType type) {
        return switch (type) {
            case WATER_SECTION -> Map.of("codmn", WATER, "cod", WATER, "nh3n", WATER, "tp", WATER, "tn", WATER);
            case WASTEWATER -> Map.of("cod", WASTEWATER, "nh3n", WASTEWATER, "tp", WASTEWATER, "tn", WASTEWATER);
            case AIR_STATION, STACK -> Map.of();
        };
    }

    /** A point's cycles: the typical ones of its type with the registry's per-point ones over them. */
    public static Map<String, Duration> of(PointType type, Map<String, Integer> registrySeconds) {
        Map<String, Duration> out = new LinkedHashMap<>(typical(type));
        registrySeconds.forEach((p, s) -> out.put(p, Duration.ofSeconds(s)));
        return out;
    }
}

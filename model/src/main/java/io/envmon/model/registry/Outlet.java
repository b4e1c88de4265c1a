package io.envmon.model.registry;

import io.envmon.model.PointType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One monitored outlet of an enterprise: a stack (flue gas) or a wastewater outlet.
 *
 * @param referenceO2 reference O2 in % for converting stack concentrations (GB 13271, GB 39726), or {@code null}
 *                    where the measured value is judged
 * @param limits      permit limits on hourly means, by canonical parameter
 * @param hj212       optional per-device HJ 212 settings (needs {@code mn}), or {@code null}
 */
public record Outlet(String id, String name, String type, Double referenceO2, String mn, Map<String, Limit> limits,
                     Integer expectedIntervalSeconds, Hj212Options hj212) {

    public Outlet {
        // insertion order kept, so a registry written back out lists limits as the file did
        limits = limits == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }

    /** Without HJ 212 settings. */
    public Outlet(String id, String name, String type, Double referenceO2, String mn, Map<String, Limit> limits,
                  Integer expectedIntervalSeconds) {
        this(id, name, type, referenceO2, mn, limits, expectedIntervalSeconds, null);
    }

    public PointType pointType() {
        return PointType.ofOutletType(type);
    }
}

package io.envmon.model.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A river or lake monitoring section (CONTRACT §6) with the GB 3838 class its water body must meet.
 *
 * @param targetClass I, II, III, IV or V
 * @param waterBody   {@code river} (default) or {@code lake}; lakes and reservoirs have their own TP limits and a TN limit
 * @param hj212       optional per-device HJ 212 settings (needs {@code mn}), or {@code null}
 * @param analyserCycleSeconds per parameter, the analyser's measuring cycle when longer than the reporting interval
 *                    (automatic water stations: CODMn, NH3-N, TP, TN every 4 h), overriding the alert rules' default
 */
public record WaterSection(String id, String name, String river, String targetClass, String waterBody,
                           Double lat, Double lon, String mn, Integer expectedIntervalSeconds, Hj212Options hj212,
                           Map<String, Integer> analyserCycleSeconds) {

    public WaterSection {
        analyserCycleSeconds = analyserCycleSeconds == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(analyserCycleSeconds));
    }

    /** Without HJ 212 settings. */
    public WaterSection(String id, String name, String river, String targetClass, String waterBody,
                        Double lat, Double lon, String mn, Integer expectedIntervalSeconds) {
        this(id, name, river, targetClass, waterBody, lat, lon, mn, expectedIntervalSeconds, null);
    }

    /** With the alert rules' default analyser cycles. */
    public WaterSection(String id, String name, String river, String targetClass, String waterBody,
                        Double lat, Double lon, String mn, Integer expectedIntervalSeconds, Hj212Options hj212) {
        this(id, name, river, targetClass, waterBody, lat, lon, mn, expectedIntervalSeconds, hj212, null);
    }

    @JsonIgnore
    public boolean isLake() {
        return "lake".equalsIgnoreCase(waterBody) || "reservoir".equalsIgnoreCase(waterBody);
    }
}

package io.envmon.model.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A river or lake monitoring section (CONTRACT §6) with the GB 3838 class its water body must meet.
 *
 * @param targetClass I, II, III, IV or V
 * @param waterBody   {@code river} (default) or {@code lake}; lakes and reservoirs have their own TP limits and a TN limit
 */
public record WaterSection(String id, String name, String river, String targetClass, String waterBody,
                           Double lat, Double lon, String mn, Integer expectedIntervalSeconds) {

    @JsonIgnore
    public boolean isLake() {
        return "lake".equalsIgnoreCase(waterBody) || "reservoir".equalsIgnoreCase(waterBody);
    }
}

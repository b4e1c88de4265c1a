package io.envmon.simulator.values;

import io.envmon.model.Parameter;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects one reading's values: rounds each to the precision a monitor reports and clamps it into the
 * parameter's physical range, so no model can emit a value the service would reject as {@code out_of_range}.
 */
final class ReadingValues {

    private final PointType type;
    private final Map<String, Double> values = new LinkedHashMap<>();

    ReadingValues(PointType type) {
        this.type = type;
    }

    ReadingValues put(String name, double value) {
        Parameter parameter = ParameterCatalog.find(type, name)
                .orElseThrow(() -> new IllegalArgumentException(name + " is not a parameter of " + type.registryName()));
        double scale = Math.pow(10, decimals(name));
        double rounded = Math.round(value * scale) / scale;
        values.put(name, Math.max(parameter.min(), Math.min(parameter.max(), rounded)));
        return this;
    }

    Map<String, Double> toMap() {
        return Collections.unmodifiableMap(values);
    }

    /** One decimal unless the parameter's usual values are small (tp 0.05 mg/L) or never fractional (flow). */
    private int decimals(String name) {
        return switch (name) {
            case "co", "ph", "nh3n", "tn" -> 2;
            case "tp" -> 3;
            case "flow", "conductivity" -> 0;
            default -> 1;
        };
    }
}

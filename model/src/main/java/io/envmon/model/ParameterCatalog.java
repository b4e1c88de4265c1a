package io.envmon.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical parameters of each point type, with units (CONTRACT §2) and physical ranges
 * (docs/parameters.md explains each bound). Unknown names are rejected as {@code unknown_parameter}.
 */
public final class ParameterCatalog {

    private static final Map<PointType, Map<String, Parameter>> CATALOG = build();

    private ParameterCatalog() {
    }

    public static Optional<Parameter> find(PointType type, String name) {
        return Optional.ofNullable(CATALOG.get(type).get(name));
    }

    /** The parameters of a point type, in the contract's order. */
    public static Map<String, Parameter> of(PointType type) {
        return CATALOG.get(type);
    }

    private static Map<PointType, Map<String, Parameter>> build() {
        Map<PointType, Map<String, Parameter>> all = new EnumMap<>(PointType.class);
        all.put(PointType.AIR_STATION, params(
                new Parameter("pm25", "µg/m³", 0, 2000, 0),
                new Parameter("pm10", "µg/m³", 0, 10000, 0),
                new Parameter("so2", "µg/m³", 0, 10000, 0),
                new Parameter("no2", "µg/m³", 0, 5000, 0),
                new Parameter("co", "mg/m³", 0, 200, 1),
                new Parameter("o3", "µg/m³", 0, 2000, 0),
                new Parameter("temp", "°C", -60, 60, 1),
                new Parameter("humidity", "%", 0, 100, 1),
                new Parameter("pressure", "hPa", 500, 1100, 1),
                new Parameter("wind_speed", "m/s", 0, 75, 1),
                new Parameter("wind_dir", "degrees", 0, 360, 0)));
        all.put(PointType.WATER_SECTION, params(
                new Parameter("ph", "", 0, 14, 2),
                new Parameter("do", "mg/L", 0, 25, 2),
                new Parameter("codmn", "mg/L", 0, 500, 1),
                new Parameter("cod", "mg/L", 0, 5000, 1),
                new Parameter("nh3n", "mg/L", 0, 500, 3),
                new Parameter("tp", "mg/L", 0, 100, 3),
                new Parameter("tn", "mg/L", 0, 500, 2),
                new Parameter("turbidity", "NTU", 0, 10000, 1),
                new Parameter("conductivity", "µS/cm", 0, 200000, 0),
                new Parameter("temp", "°C", -5, 50, 1)));
        all.put(PointType.STACK, params(
                new Parameter("particulate", "mg/m³", 0, 20000, 1),
                new Parameter("so2", "mg/m³", 0, 30000, 1),
                new Parameter("nox", "mg/m³", 0, 30000, 1),
                new Parameter("nmhc", "mg/m³", 0, 20000, 2),
                new Parameter("o2", "%", 0, 25, 2),
                new Parameter("flow", "m³/h", 0, 1.0e8, 0),
                new Parameter("temp", "°C", -50, 1500, 1)));
        all.put(PointType.WASTEWATER, params(
                new Parameter("cod", "mg/L", 0, 100000, 1),
                new Parameter("nh3n", "mg/L", 0, 10000, 3),
                new Parameter("tp", "mg/L", 0, 5000, 3),
                new Parameter("tn", "mg/L", 0, 10000, 2),
                new Parameter("ph", "", 0, 14, 2),
                new Parameter("flow", "m³/h", 0, 1.0e7, 2)));
        return Collections.unmodifiableMap(all);
    }

    private static Map<String, Parameter> params(Parameter... parameters) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            byName.put(p.name(), p);
        }
        return Collections.unmodifiableMap(byName);
    }
}

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
                new Parameter("pm25", "µg/m³", 0, 2000),
                new Parameter("pm10", "µg/m³", 0, 10000),
                new Parameter("so2", "µg/m³", 0, 10000),
                new Parameter("no2", "µg/m³", 0, 5000),
                new Parameter("co", "mg/m³", 0, 200),
                new Parameter("o3", "µg/m³", 0, 2000),
                new Parameter("temp", "°C", -60, 60),
                new Parameter("humidity", "%", 0, 100),
                new Parameter("pressure", "hPa", 500, 1100),
                new Parameter("wind_speed", "m/s", 0, 75),
                new Parameter("wind_dir", "degrees", 0, 360)));
        all.put(PointType.WATER_SECTION, params(
                new Parameter("ph", "", 0, 14),
                new Parameter("do", "mg/L", 0, 25),
                new Parameter("codmn", "mg/L", 0, 500),
                new Parameter("cod", "mg/L", 0, 5000),
                new Parameter("nh3n", "mg/L", 0, 500),
                new Parameter("tp", "mg/L", 0, 100),
                new Parameter("tn", "mg/L", 0, 500),
                new Parameter("turbidity", "NTU", 0, 10000),
                new Parameter("conductivity", "µS/cm", 0, 200000),
                new Parameter("temp", "°C", -5, 50)));
        all.put(PointType.STACK, params(
                new Parameter("particulate", "mg/m³", 0, 20000),
                new Parameter("so2", "mg/m³", 0, 30000),
                new Parameter("nox", "mg/m³", 0, 30000),
                new Parameter("nmhc", "mg/m³", 0, 20000),
                new Parameter("o2", "%", 0, 25),
                new Parameter("flow", "m³/h", 0, 1.0e8),
                new Parameter("temp", "°C", -50, 1500)));
        all.put(PointType.WASTEWATER, params(
                new Parameter("cod", "mg/L", 0, 100000),
                new Parameter("nh3n", "mg/L", 0, 10000),
                new Parameter("tp", "mg/L", 0, 5000),
                new Parameter("tn", "mg/L", 0, 10000),
                new Parameter("ph", "", 0, 14),
                new Parameter("flow", "m³/h", 0, 1.0e7)));
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

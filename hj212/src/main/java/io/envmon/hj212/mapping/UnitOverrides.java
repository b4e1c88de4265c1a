package io.envmon.hj212.mapping;

import io.envmon.model.PointType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one device really sends where it differs from {@link CodeMapping#assumedUnit()}: e.g. {@code a34004: ng/m3}
 * for a PM2.5 monitor that follows Annex B literally, {@code flow: m3/h} for a CEMS that sends hourly flow. Keys are
 * HJ 212 codes or canonical parameter names; a code key wins over a parameter key. Meant to come from the
 * registry, per device (docs/hj212.md, "Per-device settings in the registry").
 *
 * @param units key (code or parameter) to the unit the device sends
 */
public record UnitOverrides(Map<String, Unit> units) {

    public static final UnitOverrides NONE = new UnitOverrides(Map.of());

    public UnitOverrides {
        units = Map.copyOf(units);
    }

    /**
     * From the registry's text form.
     *
     * @throws IllegalArgumentException naming the key whose unit is not recognised
     */
    public static UnitOverrides parse(Map<String, String> text) {
        Map<String, Unit> units = new LinkedHashMap<>();
        text.forEach((key, symbol) -> units.put(key, Unit.parse(symbol).orElseThrow(() ->
                new IllegalArgumentException("unit override '" + key + "': unknown unit '" + symbol + "'"))));
        return new UnitOverrides(units);
    }

    /** The unit the device sends for a mapped code. */
    public Unit unitFor(CodeMapping mapping) {
        Unit byCode = units.get(mapping.code());
        if (byCode != null) {
            return byCode;
        }
        return units.getOrDefault(mapping.parameter(), mapping.assumedUnit());
    }

    /**
     * Configuration errors for a point type: keys that name no code or parameter of it, and units that cannot be
     * converted to the contract's. Empty when valid; meant for start-up validation.
     */
    public List<String> problems(PointType type) {
        List<String> problems = new ArrayList<>();
        units.forEach((key, unit) -> {
            List<CodeMapping> hits = ParameterMapping.of(type).stream()
                    .filter(m -> m.code().equals(key) || m.parameter().equals(key))
                    .toList();
            if (hits.isEmpty()) {
                problems.add("unit override '" + key + "' names no HJ 212 code or parameter of " + type);
            }
            for (CodeMapping m : hits) {
                if (!unit.convertibleTo(m.contractUnit())) {
                    problems.add("unit override '" + key + "': " + unit.symbol() + " cannot be converted to "
                            + m.parameter() + "'s " + m.contractUnit().symbol());
                    break;
                }
            }
        });
        return problems;
    }
}

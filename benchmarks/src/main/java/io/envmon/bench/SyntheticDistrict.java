package io.envmon.bench;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.util.List;

/**
 * A generated registry of N points, parsed from YAML text the way {@code config/taigu.yaml} is, so the engine sees
 * exactly what it sees in service.
 *
 * <ul>
 *   <li>{@link #air(int)}: N air stations {@code P-0 … P-(N-1)}.</li>
 *   <li>{@link #mix(int)}: the proportions of the Taigu registry (10 air stations, 8 water sections, 165 stack and
 *       24 wastewater outlets of 207 points), enterprises of two outlets, with the permit limits of a coal boiler
 *       (GB 13271) and a Grade 1 discharge (GB 8978).</li>
 * </ul>
 *
 * @param points every point, in registry order (air, water, outlets)
 */
public record SyntheticDistrict(Registry registry, List<MonitoredPoint> points) {

    private static final int TAIGU_POINTS = 207;

    public static SyntheticDistrict air(int n) {
        return parse(new StringBuilder("air:\n").append(airStations(n)).toString());
    }

    public static SyntheticDistrict mix(int n) {
        int air = Math.max(1, Math.round(n * 10f / TAIGU_POINTS));
        int water = Math.round(n * 8f / TAIGU_POINTS);
        int wastewater = Math.round(n * 24f / TAIGU_POINTS);
        int stacks = Math.max(0, n - air - water - wastewater);
        StringBuilder yaml = new StringBuilder("air:\n").append(airStations(air));
        if (water > 0) {
            yaml.append("water:\n");
            for (int i = 0; i < water; i++) {
                yaml.append("  - {id: W-").append(i).append(", name: W-").append(i)
                        .append(", river: R, targetClass: III, waterBody: river}\n");
            }
        }
        if (stacks + wastewater > 0) {
            yaml.append("enterprises:\n");
        }
        // outlets two per enterprise; wastewater outlets spread among the stacks, as in the Taigu registry
        int outlets = stacks + wastewater;
        for (int i = 0; i < outlets; i++) {
            if (i % 2 == 0) {
                yaml.append("  - id: E-").append(i / 2).append("\n    name: E-").append(i / 2)
                        .append("\n    industry: boiler\n    outlets:\n");
            }
            boolean wet = wastewater > 0 && (long) i * wastewater / outlets != (long) (i + 1) * wastewater / outlets;
            yaml.append(wet
                    ? "      - {id: DW" + i + ", name: DW" + i + ", type: wastewater, limits: {cod: 100, nh3n: 15, ph: [6, 9]}}\n"
                    : "      - {id: DA" + i + ", name: DA" + i + ", type: stack, referenceO2: 9, "
                            + "limits: {particulate: 30, so2: 200, nox: 200}}\n");
        }
        return parse(yaml.toString());
    }

    private static String airStations(int n) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < n; i++) {
            yaml.append("  - {id: P-").append(i).append(", name: P-").append(i).append("}\n");
        }
        return yaml.toString();
    }

    private static SyntheticDistrict parse(String yaml) {
        Registry registry = RegistryFiles.parse(yaml, "bench");
        return new SyntheticDistrict(registry, registry.points());
    }
}

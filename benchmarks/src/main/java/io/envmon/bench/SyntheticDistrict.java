package io.envmon.bench;

import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.model.registry.WaterSection;
import java.util.ArrayList;
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
        YamlText yaml = new YamlText();
        airStations(yaml, n);
        return yaml.district();
    }

    public static SyntheticDistrict mix(int n) {
        int air = Math.max(1, Math.round(n * 10f / TAIGU_POINTS));
        int water = Math.round(n * 8f / TAIGU_POINTS);
        int wastewater = Math.round(n * 24f / TAIGU_POINTS);
        int stacks = Math.max(0, n - air - water - wastewater);
        YamlText yaml = new YamlText();
        airStations(yaml, air);
        yaml.section("water");
        for (int i = 0; i < water; i++) {
            yaml.entry("  - {id: W-" + i + ", name: W-" + i + ", river: R, targetClass: III, waterBody: river}\n");
        }
        yaml.section("enterprises");
        // outlets two per enterprise; the wastewater outlets spread evenly among the stacks
        int outlets = stacks + wastewater;
        for (int first = 0; first < outlets; first += 2) {
            StringBuilder enterprise = new StringBuilder("  - id: E-" + first / 2 + "\n    name: E-" + first / 2
                    + "\n    industry: boiler\n    outlets:\n");
            for (int i = first; i < Math.min(first + 2, outlets); i++) {
                boolean wet = (long) i * wastewater / outlets != (long) (i + 1) * wastewater / outlets;
                enterprise.append(wet
                        ? "      - {id: DW" + i + ", name: DW" + i + ", type: wastewater, "
                                + "limits: {cod: 100, nh3n: 15, ph: [6, 9]}}\n"
                        : "      - {id: DA" + i + ", name: DA" + i + ", type: stack, referenceO2: 9, "
                                + "limits: {particulate: 30, so2: 200, nox: 200}}\n");
            }
            yaml.entry(enterprise.toString());
        }
        return yaml.district();
    }

    private static void airStations(YamlText yaml, int n) {
        yaml.section("air");
        for (int i = 0; i < n; i++) {
            yaml.entry("  - {id: P-" + i + ", name: P-" + i + "}\n");
        }
    }

    /**
     * Registry YAML written entry by entry. SnakeYAML refuses documents over 3 M characters (50,000 points are more),
     * so a large registry is written as several documents, each parsed by {@link RegistryFiles#parse}, and their
     * entries joined into one registry.
     */
    private static final class YamlText {

        private static final int MAX_CHARS = 2_000_000;

        private final List<Registry> parts = new ArrayList<>();
        private StringBuilder doc = new StringBuilder();
        private String section;

        void section(String key) {
            section = key;
            doc.append(key).append(":\n");
        }

        void entry(String text) {
            if (doc.length() + text.length() > MAX_CHARS) {
                parse();
                doc.append(section).append(":\n");
            }
            doc.append(text);
        }

        SyntheticDistrict district() {
            parse();
            Registry registry = parts.size() == 1 ? parts.get(0) : join();
            return new SyntheticDistrict(registry, registry.points());
        }

        private void parse() {
            parts.add(RegistryFiles.parse(doc.toString(), "bench"));
            doc = new StringBuilder();
        }

        private Registry join() {
            List<AirStation> air = new ArrayList<>();
            List<WaterSection> water = new ArrayList<>();
            List<Enterprise> enterprises = new ArrayList<>();
            for (Registry part : parts) {
                air.addAll(part.air());
                water.addAll(part.water());
                enterprises.addAll(part.enterprises());
            }
            return new Registry(air, water, enterprises);
        }
    }
}

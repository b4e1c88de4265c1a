package io.envmon.simulator.registry;

import io.envmon.model.ParameterCatalog;
import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.WaterSection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Writes a registry as compact, deterministic YAML in the layout of CONTRACT §6: one line per station,
 * section and outlet, keys in the contract's order, limits in the parameter catalogue's order.
 *
 * <p>Why not {@code RegistryFiles.toYaml}: the order of limit keys in its output changes from one JVM run to
 * the next ({@code Outlet} keeps limits in {@code Map.copyOf}, whose iteration order is salted per JVM), so
 * regenerating a committed file would produce a different diff each time; it also writes one line per field
 * (some 2,000 lines for the district) and has no place for the comment naming each outlet's standard.
 * Reading the output back with {@code RegistryFiles.load} is tested, so this writer cannot drift from the
 * model unnoticed.
 */
public final class RegistryYamlWriter {

    /** Strings that YAML would read as something else (null, booleans) and must be quoted. */
    private static final Set<String> RESERVED = Set.of("null", "~", "true", "false", "yes", "no", "on", "off", "y", "n");
    /** Plain scalars we can write unquoted in flow context: a letter first, no YAML indicators anywhere. */
    private static final Pattern PLAIN = Pattern.compile("^\\p{L}[\\p{L}\\p{N}_.()（）〔〕-]*$");

    /**
     * @param header     comment lines without the leading {@code #}, written first
     * @param outletNote a comment for an outlet's line, by {@code "E001/DA001"}, or {@code null} for none
     */
    public String write(Registry registry, List<String> header, Function<String, String> outletNote) {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
        if (!header.isEmpty()) {
            out.append('\n');
        }
        out.append("air:\n");
        registry.air().forEach(s -> out.append("  - ").append(air(s)).append('\n'));
        out.append("\nwater:\n");
        registry.water().forEach(s -> out.append("  - ").append(water(s)).append('\n'));
        out.append("\nenterprises:\n");
        for (Enterprise e : registry.enterprises()) {
            out.append("  - id: ").append(string(e.id())).append('\n');
            out.append("    name: ").append(string(e.name())).append('\n');
            out.append("    industry: ").append(string(e.industry())).append('\n');
            if (e.lat() != null) {
                out.append("    lat: ").append(number(e.lat())).append('\n');
            }
            if (e.lon() != null) {
                out.append("    lon: ").append(number(e.lon())).append('\n');
            }
            out.append("    outlets:\n");
            for (Outlet o : e.outlets()) {
                out.append("      - ").append(outlet(o));
                String note = outletNote.apply(e.id() + "/" + o.id());
                if (note != null) {
                    out.append("  # ").append(note);
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String air(AirStation s) {
        FlowMap map = new FlowMap().put("id", string(s.id())).put("name", string(s.name()))
                .putIfPresent("lat", s.lat()).putIfPresent("lon", s.lon()).putIfPresent("mn", s.mn());
        return map.putIfPresent("expectedIntervalSeconds", s.expectedIntervalSeconds()).toString();
    }


    private static String water(WaterSection s) {
        FlowMap map = new FlowMap().put("id", string(s.id())).put("name", string(s.name()))
                .putIfPresent("river", s.river()).putIfPresent("targetClass", s.targetClass())
                .putIfPresent("waterBody", s.waterBody()).putIfPresent("lat", s.lat()).putIfPresent("lon", s.lon())
                .putIfPresent("mn", s.mn());
        map.putIfPresent("expectedIntervalSeconds", s.expectedIntervalSeconds());
        return cycles(map, s.analyserCycleSeconds()).toString();
    }

    private static FlowMap cycles(FlowMap map, Map<String, Integer> cycles) {
        if (cycles.isEmpty()) {
            return map;
        }
        FlowMap byParameter = new FlowMap();
        cycles.forEach((p, seconds) -> byParameter.put(p, String.valueOf(seconds)));
        return map.put("analyserCycleSeconds", byParameter.toString());
    }

    private static String outlet(Outlet o) {
        FlowMap map = new FlowMap().put("id", string(o.id())).putIfPresent("name", o.name()).put("type", string(o.type()));
        if ("stack".equals(o.type()) && o.alphaRef() != null) {
            map.put("alphaRef", number(o.alphaRef()));
        } else if ("stack".equals(o.type())) {
            // written even when null: "no reference O2" is a decision (the measured value is judged), not a gap
            map.put("referenceO2", o.referenceO2() == null ? "null" : number(o.referenceO2()));
        }
        if (o.o2SuppressAt() != null) {
            map.put("o2SuppressAt", number(o.o2SuppressAt()));
        }
        map.putIfPresent("mn", o.mn()).put("limits", limits(o));
        map.putIfPresent("expectedIntervalSeconds", o.expectedIntervalSeconds());
        return cycles(map, o.analyserCycleSeconds()).toString();
    }

    private static String limits(Outlet o) {
        List<String> order = new ArrayList<>();
        try {
            order.addAll(ParameterCatalog.of(o.pointType()).keySet());
        } catch (IllegalArgumentException unknownType) {
            // the registry validated the type; keep going with the file's keys if a future type slips through
        }
        new TreeSet<>(o.limits().keySet()).stream().filter(p -> !order.contains(p)).forEach(order::add);
        FlowMap map = new FlowMap();
        for (String parameter : order) {
            Limit limit = o.limits().get(parameter);
            if (limit != null) {
                map.put(parameter, limit.isRange()
                        ? "[" + number(limit.min()) + ", " + number(limit.max()) + "]"
                        : number(limit.max()));
            }
        }
        return map.toString();
    }

    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String string(String value) {
        if (PLAIN.matcher(value).matches() && !RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** A one-line YAML flow mapping, {@code {key: value, …}}, keys in insertion order. */
    private static final class FlowMap {
        private final List<Map.Entry<String, String>> entries = new ArrayList<>();

        FlowMap put(String key, String renderedValue) {
            entries.add(Map.entry(key, renderedValue));
            return this;
        }

        FlowMap putIfPresent(String key, Object value) {
            if (value instanceof Number n) {
                return put(key, number(n.doubleValue()));
            }
            return value == null ? this : put(key, string(value.toString()));
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < entries.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(entries.get(i).getKey()).append(": ").append(entries.get(i).getValue());
            }
            return sb.append('}').toString();
        }
    }
}

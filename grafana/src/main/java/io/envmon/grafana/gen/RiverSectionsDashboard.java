package io.envmon.grafana.gen;

import static io.envmon.grafana.gen.Grafana.property;
import static io.envmon.grafana.gen.Iql.anyOf;
import static io.envmon.grafana.gen.Iql.num;
import static io.envmon.grafana.gen.Iql.positive;
import static io.envmon.grafana.gen.Iql.q;
import static io.envmon.grafana.gen.Json.arr;
import static io.envmon.grafana.gen.Json.obj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envmon.alerts.water.ClassLimit;
import io.envmon.alerts.water.Gb3838Item;
import io.envmon.alerts.water.WaterClass;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.WaterSection;

/**
 * 河流断面水质 River sections: each section's current GB 3838 class (worst single factor) next to its target class,
 * the sections off target with the share of the target-class limit, and per-parameter trends with class bands.
 * Class limits come from the alerts module's {@link Gb3838Item} table.
 */
public final class RiverSectionsDashboard {

    public static final String UID = "envmon-river-sections";
    static final String SECTION = "`section` =~ /^$section$/";
    /** Inclusive upper limits: the next class starts just above the limit. */
    private static final double ABOVE = 0.000001;

    private RiverSectionsDashboard() {
    }

    public static ObjectNode build(Registry registry) {
        List<WaterSection> sections = registry.water();
        Dashboard d = new Dashboard(UID, "河流断面水质 River sections",
                "象峪河、乌马河 monitoring sections against GB 3838-2002 (single-factor method, class limits of "
                        + "Table 1). Classes are computed here from the latest hourly means of the water measurement.")
                .tag("water").time("now-7d", "now").refresh("5m")
                .variable(Grafana.queryVariable("section", "断面 Section",
                        q("SHOW TAG VALUES FROM `water` WITH KEY = `section`"), true, true,
                        "Water sections that have reported (tag section of the water measurement)."))
                .annotation(Grafana.alertAnnotation("水质告警 Water alerts", q("`kind` = 'water'"), "#5794F2"));

        d.row("断面水质类别 Section class (GB 3838-2002)");
        d.add(currentClassTable(sections));
        d.add(offTargetTable(sections));

        d.row("分项趋势 Parameter trends with class bands");
        boolean anyLake = sections.stream().anyMatch(WaterSection::isLake);
        for (Gb3838Item item : Gb3838Item.values()) {
            if (!item.appliesTo(false) && !(anyLake && item.appliesTo(true))) {
                continue;
            }
            if (item == Gb3838Item.TP_LAKE || item == Gb3838Item.TN_LAKE) {
                continue; // river bands are drawn; lakes (none in Taigu) are judged in the class tables
            }
            d.add(Panel.timeseries(label(item.parameter()) + " 趋势 trend")
                    .description("Hourly means per section; the coloured bands are the GB 3838 classes "
                            + "(blue I–II, green III, yellow IV, orange V, red 劣V" + (item == Gb3838Item.TP_RIVER
                            ? "; river limits" : "") + ").")
                    .size(8, 8).interval("1h")
                    .influx(q("SELECT mean(`" + item.parameter() + "`) FROM `water` WHERE " + SECTION
                            + " AND $timeFilter GROUP BY time($__interval), `section` fill(null)"), "$tag_section")
                    .unit(unit(item.parameter())).thresholds(classThresholds(item))
                    .thresholdsStyle("line+area").colorMode("palette-classic")
                    .overrides(sectionNames(sections)));
        }
        return d.build();
    }

    private static Panel currentClassTable(List<WaterSection> sections) {
        Panel p = Panel.table("断面当前水质类别 Current class by section")
                .description("Latest hourly mean of each GB 3838 parameter, coloured by its class; 综合类别 is the "
                        + "worst single-factor class (GB 3838 §5.1), to read against the target class in the "
                        + "section column. pH outside 6–9 and values beyond class V are 劣V.")
                .size(24, 8);
        List<String> classFields = new ArrayList<>();
        for (Map.Entry<Boolean, List<WaterSection>> body : byWaterBody(sections).entrySet()) {
            boolean lake = body.getKey();
            List<String> cols = new ArrayList<>();
            for (Gb3838Item item : items(lake)) {
                String last = "last(`" + item.parameter() + "`)";
                cols.add(last + " AS `" + item.parameter() + "`");
                cols.add(classIndex(item, last) + " AS `" + item.parameter() + "_class`");
                if (!classFields.contains(item.parameter() + "_class")) {
                    classFields.add(item.parameter() + "_class");
                }
            }
            p.influxTable(q("SELECT " + String.join(", ", cols) + " FROM (" + hourlyMeans(lake, body.getValue())
                    + ") GROUP BY `section`"));
        }
        p.transformation("merge", obj())
                .transformation("calculateField", obj("mode", "reduceRow",
                        "reduce", obj("reducer", "max", "include", arr(classFields)),
                        "alias", "overall_class", "replaceFields", false))
                .transformation("organize", obj("excludeByName", excluded(classFields), "indexByName",
                        obj("section", 0, "overall_class", 1), "renameByName", obj()));
        p.override(Grafana.displayIds("section", sectionNameMapping(sections), "断面（目标类别） Section (target)"))
                .override(Grafana.overrideByName("overall_class", property("displayName", "综合类别 Class"),
                        property("mappings", arr(Palette.waterClassMapping())),
                        property("custom.cellOptions", obj("type", "color-background", "mode", "basic"))));
        for (Gb3838Item item : Gb3838Item.values()) {
            p.override(Grafana.overrideByName(item.parameter(),
                    property("displayName", label(item.parameter()) + " " + unitText(item.parameter())),
                    property("thresholds", classThresholds(item)), property("color", obj("mode", "thresholds")),
                    property("decimals", 3),
                    property("custom.cellOptions", obj("type", "color-background", "mode", "basic"))));
        }
        return p;
    }

    private static Panel offTargetTable(List<WaterSection> sections) {
        Panel p = Panel.table("未达水质目标断面 Sections off target")
                .description("Sections whose latest hourly mean of any parameter fails the target-class limit: "
                        + "each cell is the share of the target-class limit (C / limit; DO: limit / C; pH: distance "
                        + "from 7.5 over 1.5), red above 100 %. 超标倍数 (exceedance multiple) = share − 1. "
                        + "Sections on target are filtered out; an empty table means every section meets its target.")
                .size(24, 7);
        Map<String, List<WaterSection>> groups = new TreeMap<>();
        for (WaterSection s : sections) {
            groups.computeIfAbsent(WaterClass.parse(s.targetClass()).name() + (s.isLake() ? "/lake" : "/river"),
                    k -> new ArrayList<>()).add(s);
        }
        List<String> fields = new ArrayList<>();
        for (List<WaterSection> group : groups.values()) {
            boolean lake = group.get(0).isLake();
            WaterClass target = WaterClass.parse(group.get(0).targetClass());
            List<String> shares = new ArrayList<>();
            List<String> lasts = new ArrayList<>();
            for (Gb3838Item item : items(lake)) {
                shares.add(share(item, target) + " AS `" + item.parameter() + "`");
                lasts.add("last(`" + item.parameter() + "`) AS `" + item.parameter() + "`");
                if (!fields.contains(item.parameter())) {
                    fields.add(item.parameter());
                }
            }
            p.influxTable(q("SELECT " + String.join(", ", lasts) + " FROM (SELECT " + String.join(", ", shares)
                    + " FROM `water` WHERE `section` =~ " + anyOf(group.stream().map(WaterSection::id).toList())
                    + " AND " + SECTION + " AND $timeFilter GROUP BY time(1h), `section`) GROUP BY `section`"));
        }
        List<Object> filters = new ArrayList<>();
        for (String f : fields) {
            filters.add(obj("fieldName", f, "config", obj("id", "greater", "options", obj("value", 1))));
        }
        p.transformation("merge", obj())
                .transformation("filterByValue", obj("type", "include", "match", "any", "filters", arr(filters)))
                .transformation("organize", obj("excludeByName", obj("Time", true), "indexByName", obj("section", 0),
                        "renameByName", obj()));
        p.unit("percentunit").decimals(0).thresholds(Grafana.thresholds("green", 1 + ABOVE, "red"))
                .colorMode("thresholds")
                .override(Grafana.displayIds("section", sectionNameMapping(sections), "断面（目标类别） Section (target)"));
        for (String f : fields) {
            p.override(Grafana.overrideByName(f, property("displayName", label(f) + " 占目标限值 share"),
                    property("custom.cellOptions", obj("type", "color-background", "mode", "basic"))));
        }
        return p;
    }

    /** The hourly means of every evaluated parameter of the water body's sections in range. */
    private static String hourlyMeans(boolean lake, List<WaterSection> group) {
        List<String> means = new ArrayList<>();
        for (Gb3838Item item : items(lake)) {
            means.add("mean(`" + item.parameter() + "`) AS `" + item.parameter() + "`");
        }
        return "SELECT " + String.join(", ", means) + " FROM `water` WHERE `section` =~ "
                + anyOf(group.stream().map(WaterSection::id).toList()) + " AND " + SECTION
                + " AND $timeFilter GROUP BY time(1h), `section`";
    }

    /** The class index 1 (I) … 6 (劣V) of {@code value} for one item, as InfluxQL arithmetic. */
    static String classIndex(Gb3838Item item, String value) {
        StringBuilder sb = new StringBuilder("1");
        switch (item.direction()) {
            case RANGE -> sb.append(" + 5 * (").append(positive(num(Gb3838Item.PH_MIN) + " - " + value))
                    .append(" + ").append(positive(value + " - " + num(Gb3838Item.PH_MAX))).append(")");
            case MIN -> {
                for (WaterClass c : classes()) {
                    sb.append(" + ").append(positive(num(item.limit(c).min()) + " - " + value));
                }
            }
            case MAX -> {
                for (WaterClass c : classes()) {
                    sb.append(" + ").append(positive(value + " - " + num(item.limit(c).max())));
                }
            }
        }
        return sb.toString();
    }

    /** C / limit, limit / C (DO) or |pH − 7.5| / 1.5 against the target class, on the hourly mean. */
    private static String share(Gb3838Item item, WaterClass target) {
        String mean = "mean(`" + item.parameter() + "`)";
        ClassLimit limit = item.limit(target);
        return switch (item.direction()) {
            case RANGE -> {
                double mid = (Gb3838Item.PH_MIN + Gb3838Item.PH_MAX) / 2;
                double half = (Gb3838Item.PH_MAX - Gb3838Item.PH_MIN) / 2;
                yield "abs(" + mean + " - " + num(mid) + ") / " + num(half);
            }
            case MIN -> num(limit.min()) + " / " + mean;
            case MAX -> mean + " / " + num(limit.max());
        };
    }

    /** Colours of the classes on a value axis: blue I–II, green III, yellow IV, orange V, red 劣V. */
    static ObjectNode classThresholds(Gb3838Item item) {
        switch (item.direction()) {
            case RANGE:
                return Grafana.thresholds(Palette.WATER_WORSE_THAN_V, Gb3838Item.PH_MIN, Palette.WATER_I_II,
                        Gb3838Item.PH_MAX + ABOVE, Palette.WATER_WORSE_THAN_V);
            case MIN: {
                List<Object> steps = new ArrayList<>();
                List<WaterClass> worstFirst = new ArrayList<>(classes());
                java.util.Collections.reverse(worstFirst);
                for (WaterClass c : worstFirst) {
                    steps.add(item.limit(c).min());
                    steps.add(Palette.waterColour(c));
                }
                return Grafana.thresholds(Palette.WATER_WORSE_THAN_V, steps.toArray());
            }
            default: {
                List<Object> steps = new ArrayList<>();
                double previous = -1;
                List<WaterClass> all = classes();
                for (int i = 0; i < all.size(); i++) {
                    double limit = item.limit(all.get(i)).max();
                    if (limit == previous) {
                        continue; // COD 15 is both I and II: II never starts
                    }
                    WaterClass next = i + 1 < all.size() ? all.get(i + 1) : WaterClass.WORSE_THAN_V;
                    // the next class starts just above this limit, unless it shares it
                    if (i + 1 < all.size() && item.limit(next).max() == limit) {
                        next = i + 2 < all.size() ? all.get(i + 2) : WaterClass.WORSE_THAN_V;
                    }
                    steps.add(limit + ABOVE);
                    steps.add(Palette.waterColour(next));
                    previous = limit;
                }
                return Grafana.thresholds(Palette.waterColour(WaterClass.I), steps.toArray());
            }
        }
    }

    private static List<WaterClass> classes() {
        return List.of(WaterClass.I, WaterClass.II, WaterClass.III, WaterClass.IV, WaterClass.V);
    }

    private static List<Gb3838Item> items(boolean lake) {
        List<Gb3838Item> out = new ArrayList<>();
        for (Gb3838Item item : Gb3838Item.values()) {
            if (item.appliesTo(lake)) {
                out.add(item);
            }
        }
        return out;
    }

    private static Map<Boolean, List<WaterSection>> byWaterBody(List<WaterSection> sections) {
        Map<Boolean, List<WaterSection>> out = new LinkedHashMap<>();
        for (WaterSection s : sections) {
            out.computeIfAbsent(s.isLake(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    private static ObjectNode excluded(List<String> fields) {
        ObjectNode out = obj();
        fields.forEach(f -> out.put(f, true));
        return out;
    }

    static ObjectNode sectionNameMapping(List<WaterSection> sections) {
        List<Object> triples = new ArrayList<>();
        for (WaterSection s : sections) {
            triples.add(s.id());
            triples.add(s.id() + " " + s.name() + "（目标 " + WaterClass.parse(s.targetClass()).chineseLabel() + "）");
            triples.add(null);
        }
        return Grafana.valueMapping(triples.toArray());
    }

    static List<ObjectNode> sectionNames(List<WaterSection> sections) {
        return sections.stream()
                .map(s -> Grafana.overrideByName(s.id(), property("displayName", s.id() + " " + s.name())))
                .toList();
    }

    static String label(String parameter) {
        return switch (parameter) {
            case "ph" -> "pH";
            case "do" -> "溶解氧 DO";
            case "codmn" -> "高锰酸盐指数 CODMn";
            case "cod" -> "化学需氧量 COD";
            case "nh3n" -> "氨氮 NH₃-N";
            case "tp" -> "总磷 TP";
            case "tn" -> "总氮 TN";
            default -> parameter;
        };
    }

    private static String unitText(String parameter) {
        return "ph".equals(parameter) ? "" : "mg/L";
    }

    private static String unit(String parameter) {
        return "ph".equals(parameter) ? "none" : "suffix: mg/L";
    }
}

package io.envmon.grafana.gen;

import static io.envmon.grafana.gen.Grafana.property;
import static io.envmon.grafana.gen.Iql.num;
import static io.envmon.grafana.gen.Iql.pairs;
import static io.envmon.grafana.gen.Iql.positive;
import static io.envmon.grafana.gen.Iql.q;
import static io.envmon.grafana.gen.Json.arr;
import static io.envmon.grafana.gen.Json.obj;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envmon.alerts.config.PermitConfig;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;

/**
 * 企业排放 Enterprise emissions: for one enterprise (variable {@code enterprise}, so a link can be given to it) and
 * its outlets, hourly mean concentrations against the permit limits of the registry, exceedance hours and data
 * completeness.
 *
 * <p>The limits and reference O2 values are in the registry, not in InfluxDB, and differ per outlet. So the queries
 * are generated per group of outlets sharing a reference O2 (for the concentration, converted as GB 13271 / GB 39726
 * Eq. 1: {@code C × (21 − O2ref) / (21 − O2)}) or a limit (for the limit line and the exceedance count); each group
 * names its (enterprise, outlet) pairs, so only the groups of the selected enterprise return rows.
 */
public final class EnterpriseEmissionsDashboard {

    public static final String UID = "envmon-enterprise-emissions";
    static final String ENTERPRISE = "`enterprise` = '$enterprise'";
    static final String OUTLET = "`outlet` =~ /^$outlet$/";
    /** Stack samples at or above this O2 % are neither converted nor judged (config/alert-rules.yaml default). */
    static final double O2_SUPPRESS_AT = PermitConfig.defaults().o2SuppressAt();

    private EnterpriseEmissionsDashboard() {
    }

    /** One outlet of one enterprise. */
    record Point(Enterprise enterprise, Outlet outlet) {
        Map.Entry<String, String> pair() {
            return new AbstractMap.SimpleImmutableEntry<>(enterprise.id(), outlet.id());
        }
    }

    public static ObjectNode build(Registry registry) {
        Dashboard d = new Dashboard(UID, "企业排放 Enterprise emissions",
                "One enterprise's online monitoring (在线监测): hourly mean concentrations of each outlet against its "
                        + "permit limits from the registry (stacks converted to the reference O2 where the permit "
                        + "sets one), exceedance hours and data completeness. Share one enterprise's view with the "
                        + "link ?var-enterprise=E001 (docs/grafana.md: what this does and does not protect).")
                .tag("enterprise").time("now-24h", "now").refresh("1m")
                .variable(Grafana.queryVariable("enterprise", "企业 Enterprise",
                        q("SHOW TAG VALUES FROM `emission` WITH KEY = `enterprise`"), false, false,
                        "Enterprises that have reported (tag enterprise of the emission measurement)."))
                .variable(Grafana.queryVariable("outlet", "排放口 Outlet",
                        q("SHOW TAG VALUES FROM `emission` WITH KEY = `outlet` WHERE " + ENTERPRISE), true, true,
                        "The enterprise's outlets that have reported."))
                .variable(Grafana.customVariable("expected_interval", "应报间隔(秒) Expected interval (s)",
                        List.of("60", "30", "120", "300", "600", "3600"), "60", false,
                        "Seconds between two readings of a monitor (HJ 212 real-time data: 60 s by default, as "
                                + "config/alert-rules.yaml window.expectedInterval); data completeness counts "
                                + "against it."))
                .annotation(Grafana.alertAnnotation("企业告警 Enterprise alerts",
                        q("`kind` = 'enterprise' AND `site` = '$enterprise'"), "#F2495C"));

        List<Point> points = new ArrayList<>();
        for (Enterprise e : registry.enterprises()) {
            for (Outlet o : e.outlets()) {
                points.add(new Point(e, o));
            }
        }

        d.row("排放浓度与许可限值 Concentrations against permit limits (hourly means)");
        for (PointType type : List.of(PointType.STACK, PointType.WASTEWATER)) {
            for (String parameter : ParameterCatalog.of(type).keySet()) {
                List<Point> limited = points.stream()
                        .filter(p -> p.outlet().pointType() == type && p.outlet().limits().containsKey(parameter))
                        .toList();
                if (!limited.isEmpty()) {
                    d.add(concentrationPanel(type, parameter, limited));
                }
            }
        }

        d.row("超标与数据完整率 Exceedance hours and data completeness");
        d.add(exceedanceTable(points, registry.enterprises()));
        d.add(completenessTable(registry.enterprises()));
        d.add(Panel.table("最新数据 Latest readings")
                .description("The last value of every field per outlet in the range (measured, not converted; "
                        + "*_flag: HJ 212 data flags other than N).")
                .size(24, 7)
                .influxTable(q("SELECT last(*) FROM `emission` WHERE " + ENTERPRISE + " AND " + OUTLET
                        + " AND $timeFilter GROUP BY `enterprise`, `outlet`"))
                .override(Grafana.displayIds("enterprise", enterpriseNameMapping(registry.enterprises()),
                        "企业 Enterprise"))
                .override(Grafana.overrideByName("Time", property("displayName", "时间 Time"))));
        d.add(Panel.table("企业告警 Alerts of this enterprise")
                .description("Events of the alert measurement for this enterprise (permit limits, offline, "
                        + "flat lines, instrument flags), newest first.")
                .size(24, 7)
                .influxTable(q("SELECT `state`, `parameter`, `value`, `threshold`, `message` FROM `alert` "
                        + "WHERE `kind` = 'enterprise' AND `site` = '$enterprise' AND $timeFilter "
                        + "GROUP BY `rule`, `severity` ORDER BY time DESC LIMIT 200"))
                .override(Grafana.overrideByName("severity", property("displayName", "级别 Severity"),
                        property("mappings", arr(Palette.severityMapping())),
                        property("custom.cellOptions", obj("type", "color-background", "mode", "basic"))))
                .override(Grafana.overrideByName("state", property("displayName", "状态 State"),
                        property("mappings", arr(Palette.alertStateMapping())),
                        property("custom.cellOptions", obj("type", "color-text")))));
        return d.build();
    }

    private static Panel concentrationPanel(PointType type, String parameter, List<Point> limited) {
        boolean stack = type == PointType.STACK;
        String unit = ParameterCatalog.find(type, parameter).orElseThrow().unit();
        Panel p = Panel.timeseries(label(parameter) + (stack ? "（折算）" : "") + (unit.isEmpty() ? "" : " " + unit)
                        + " vs 许可限值 limit")
                .description((stack ? "Hourly means of " + parameter + ", converted to the outlet's reference O2 "
                        + "where its permit sets one (C × (21 − O2ref) / (21 − O2); samples at O2 ≥ "
                        + num(O2_SUPPRESS_AT) + " % are left out, as the alert engine does); outlets without a "
                        + "reference O2 as measured. " : "Hourly means of " + parameter + ". ")
                        + "The red dashed lines are each outlet's permit limit (registry).")
                .size(12, 8)
                .unit("none".equals(unit) || unit.isEmpty() ? "none" : "suffix: " + unit).min(0)
                .colorMode("palette-classic")
                .override(Grafana.overrideByRegexp(".*限值.*",
                        property("color", obj("mode", "fixed", "fixedColor", "red")),
                        property("custom.lineStyle", obj("fill", "dash", "dash", arr(10, 10))),
                        property("custom.lineWidth", 2), property("custom.fillOpacity", 0)));
        // concentrations, one query per reference O2
        Map<String, List<Point>> byReference = new TreeMap<>();
        for (Point pt : limited) {
            Double ref = stack ? pt.outlet().referenceO2() : null;
            byReference.computeIfAbsent(ref == null ? "" : num(ref), k -> new ArrayList<>()).add(pt);
        }
        for (Map.Entry<String, List<Point>> g : byReference.entrySet()) {
            p.influx(q(hourlyMean(parameter, g.getKey().isEmpty() ? null : Double.valueOf(g.getKey()),
                    g.getValue(), "`" + parameter + "`", true)), "$tag_outlet");
        }
        // limit lines, one query per limit
        Map<Limit, List<Point>> byLimit = new LinkedHashMap<>();
        limited.stream().sorted(java.util.Comparator.comparingDouble(pt -> pt.outlet().limits().get(parameter).max()))
                .forEach(pt -> byLimit.computeIfAbsent(pt.outlet().limits().get(parameter), k -> new ArrayList<>())
                        .add(pt));
        for (Map.Entry<Limit, List<Point>> g : byLimit.entrySet()) {
            Limit limit = g.getKey();
            String base = "max(`" + parameter + "`) * 0 + ";
            String select = limit.isRange()
                    ? base + num(limit.min()) + " AS `min`, " + base + num(limit.max()) + " AS `max`"
                    : base + num(limit.max()) + " AS `limit`";
            p.influx(q("SELECT " + select + " FROM `emission` WHERE " + ENTERPRISE + " AND " + OUTLET + " AND "
                    + pairs(g.getValue().stream().map(Point::pair).toList()) + " AND $timeFilter "
                    + "GROUP BY time(1h), `enterprise`, `outlet` fill(none)"),
                    limit.isRange() ? "$tag_outlet 限值 limit $col" : "$tag_outlet 限值 limit");
        }
        return p;
    }

    /**
     * The hourly mean of {@code parameter} per (enterprise, outlet) of {@code group}, converted to {@code reference}
     * O2 when it is not null, aliased {@code alias}.
     */
    private static String hourlyMean(String parameter, Double reference, List<Point> group, String alias,
                                     boolean fillNone) {
        String where = ENTERPRISE + " AND " + OUTLET + " AND " + pairs(group.stream().map(Point::pair).toList());
        String tail = " GROUP BY time(1h), `enterprise`, `outlet`" + (fillNone ? " fill(none)" : "");
        if (reference == null) {
            return "SELECT mean(`" + parameter + "`) AS " + alias + " FROM `emission` WHERE " + where
                    + " AND $timeFilter" + tail;
        }
        return "SELECT mean(`c`) AS " + alias + " FROM (SELECT `" + parameter + "` * (21 - " + num(reference)
                + ") / (21 - `o2`) AS `c` FROM `emission` WHERE " + where + " AND `o2` < " + num(O2_SUPPRESS_AT)
                + " AND $timeFilter) WHERE $timeFilter" + tail;
    }

    private static Panel exceedanceTable(List<Point> points, List<Enterprise> enterprises) {
        Panel p = Panel.table("超标小时数 Exceedance hours")
                .description("Hours whose mean (stacks: converted to the reference O2) is above the permit limit "
                        + "(limits inclusive; pH outside its range), per outlet and parameter, in the range. Only "
                        + "valid hours count: samples covering at least 45 minutes (readings × expected_interval), "
                        + "so the running hour counts once it has 45 minutes. 0: no valid hour exceeded; no cell: no "
                        + "data or no limit. Plain means of the stored samples: unlike the alert engine, samples "
                        + "flagged F, M, D… are not left out.")
                .size(12, 8);
        // one query per (parameter, limit, reference O2)
        record Key(String parameter, Limit limit, Double reference) {
        }
        Map<Key, List<Point>> groups = new LinkedHashMap<>();
        List<String> parameters = new ArrayList<>();
        for (PointType type : List.of(PointType.STACK, PointType.WASTEWATER)) {
            for (String parameter : ParameterCatalog.of(type).keySet()) {
                for (Point pt : points) {
                    Limit limit = pt.outlet().limits().get(parameter);
                    if (pt.outlet().pointType() == type && limit != null) {
                        Double ref = type == PointType.STACK ? pt.outlet().referenceO2() : null;
                        groups.computeIfAbsent(new Key(parameter, limit, ref), k -> new ArrayList<>()).add(pt);
                        if (!parameters.contains(parameter)) {
                            parameters.add(parameter);
                        }
                    }
                }
            }
        }
        for (Map.Entry<Key, List<Point>> g : groups.entrySet()) {
            Key k = g.getKey();
            String mean = "mean(`h`)";
            String over = k.limit().isRange()
                    ? positive(num(k.limit().min()) + " - " + mean) + " + " + positive(mean + " - " + num(k.limit().max()))
                    : positive(mean + " - " + num(k.limit().max()));
            // an hour counts only with a valid mean: samples covering at least 45 minutes (GB 3095 Table 4's rule,
            // which the alert engine applies to every hourly mean), i.e. count × expected interval ≥ 2700 s. The
            // ".5" keeps the expression a float: InfluxDB 1.6's abs() returns an integer argument unchanged.
            String valid = positive("count(`h`) * $expected_interval - 2699.5");
            String hourly = hourlyMeanSource(k.parameter(), k.reference(), g.getValue());
            p.influxTable(q("SELECT sum(`x`) AS `" + k.parameter() + "` FROM (SELECT (" + over + ") * " + valid
                    + " AS `x` FROM (" + hourly + ") WHERE $timeFilter GROUP BY time(1h), `enterprise`, `outlet`) "
                    + "GROUP BY `enterprise`, `outlet`"));
        }
        p.transformation("merge", obj())
                .transformation("organize", obj("excludeByName", obj("Time", true), "renameByName", obj()));
        p.decimals(0).thresholds(Grafana.thresholds(Palette.OK, 1, Palette.BAD)).colorMode("thresholds")
                .override(Grafana.displayIds("enterprise", enterpriseNameMapping(enterprises), "企业 Enterprise"))
                .override(Grafana.overrideByName("outlet", property("displayName", "排放口 Outlet")));
        for (String parameter : parameters) {
            p.override(Grafana.overrideByName(parameter, property("displayName", label(parameter) + " (h)"),
                    property("custom.cellOptions", obj("type", "color-background", "mode", "basic"))));
        }
        return p;
    }

    /** Samples of one group as field {@code h}: converted to the reference O2, or as measured. */
    private static String hourlyMeanSource(String parameter, Double reference, List<Point> group) {
        String where = ENTERPRISE + " AND " + OUTLET + " AND " + pairs(group.stream().map(Point::pair).toList());
        if (reference == null) {
            return "SELECT `" + parameter + "` AS `h` FROM `emission` WHERE " + where + " AND $timeFilter";
        }
        return "SELECT `" + parameter + "` * (21 - " + num(reference) + ") / (21 - `o2`) AS `h` FROM `emission` "
                + "WHERE " + where + " AND `o2` < " + num(O2_SUPPRESS_AT) + " AND $timeFilter";
    }

    private static Panel completenessTable(List<Enterprise> enterprises) {
        Panel p = Panel.table("数据完整率 Data completeness")
                .description("Readings received / readings expected in the range (range ÷ expected interval, "
                        + "variable expected_interval). Stacks are counted on particulate, wastewater outlets on "
                        + "cod, the parameters every permit here limits. Colour bands (90 %, 75 %) are a display "
                        + "choice, not a standard.")
                .size(12, 8);
        for (String parameter : List.of("particulate", "cod")) {
            p.influxTable(q("SELECT count(`" + parameter + "`) AS `readings`, count(`" + parameter
                    + "`) * $expected_interval / $__range_s AS `completeness` FROM `emission` WHERE " + ENTERPRISE
                    + " AND " + OUTLET + " AND $timeFilter GROUP BY `enterprise`, `outlet`"));
        }
        return p.transformation("merge", obj())
                .transformation("organize", obj("excludeByName", obj("Time", true), "renameByName", obj()))
                .override(Grafana.displayIds("enterprise", enterpriseNameMapping(enterprises), "企业 Enterprise"))
                .override(Grafana.overrideByName("outlet", property("displayName", "排放口 Outlet")))
                .override(Grafana.overrideByName("readings", property("displayName", "收到 Readings")))
                .override(Grafana.overrideByName("completeness", property("displayName", "完整率 Completeness"),
                        property("unit", "percentunit"), property("decimals", 0), property("min", 0),
                        property("max", 1), property("thresholds",
                                Grafana.thresholds(Palette.BAD, 0.75, Palette.WARNING, 0.9, Palette.OK)),
                        property("color", obj("mode", "thresholds")),
                        property("custom.cellOptions", obj("type", "gauge", "mode", "basic"))));
    }

    static ObjectNode enterpriseNameMapping(List<Enterprise> enterprises) {
        List<Object> triples = new ArrayList<>();
        for (Enterprise e : enterprises) {
            triples.add(e.id());
            triples.add(e.id() + " " + e.name());
            triples.add(null);
        }
        return Grafana.valueMapping(triples.toArray());
    }

    static String label(String parameter) {
        return switch (parameter) {
            case "particulate" -> "颗粒物 Particulate";
            case "so2" -> "二氧化硫 SO₂";
            case "nox" -> "氮氧化物 NOx";
            case "nmhc" -> "非甲烷总烃 NMHC";
            case "cod" -> "化学需氧量 COD";
            case "nh3n" -> "氨氮 NH₃-N";
            case "tp" -> "总磷 TP";
            case "tn" -> "总氮 TN";
            case "ph" -> "pH";
            default -> Objects.requireNonNull(parameter);
        };
    }
}

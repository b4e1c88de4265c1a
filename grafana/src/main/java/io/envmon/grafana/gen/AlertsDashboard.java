package io.envmon.grafana.gen;

import static io.envmon.grafana.gen.Grafana.property;
import static io.envmon.grafana.gen.Iql.q;
import static io.envmon.grafana.gen.Json.arr;
import static io.envmon.grafana.gen.Json.obj;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * 告警 Alerts: open alerts, new alerts over time, history, from the {@code alert} measurement (CONTRACT §4: tags kind,
 * site, rule, severity; fields state, alert_id, parameter, value, threshold, message).
 *
 * <p>An alert's latest event decides whether it is open. Severity is a tag and may rise during an alert
 * (escalated), so the latest event is taken per (kind, site, rule), across severities. Two alerts that share kind,
 * site and rule (e.g. one enterprise's particulate and SO2 permit alerts) are one series there, so the open-alerts
 * table shows the most recent of them; the history shows every event.
 */
public final class AlertsDashboard {

    public static final String UID = "envmon-alerts";
    static final String FILTER = "`kind` =~ /^$kind$/ AND `site` =~ /^$site$/";
    static final String LATEST = "SELECT last(`state`) AS `state`, `severity` AS `sev`, `alert_id`, `parameter`, "
            + "`value`, `threshold`, `message` FROM `alert` WHERE " + FILTER + " AND $timeFilter "
            + "GROUP BY `kind`, `site`, `rule`";
    static final String OPEN = "`state` != 'resolved' AND `sev` =~ /^$severity$/";

    private AlertsDashboard() {
    }

    public static ObjectNode build() {
        Dashboard d = new Dashboard(UID, "告警 Alerts",
                "Alerts raised by the alert engine (national standards, permit limits, device health), from the "
                        + "alert measurement. The same alerts appear as annotations on the other dashboards.")
                .tag("alerts").time("now-7d", "now").refresh("1m")
                .variable(Grafana.customVariable("kind", "类型 Kind", List.of("air", "water", "enterprise"), null,
                        true, "air: ambient stations, water: river sections, enterprise: outlets."))
                .variable(Grafana.customVariable("severity", "级别 Severity",
                        List.of("info", "warning", "major", "critical"), null, true,
                        "CONTRACT §5 severities."))
                .variable(Grafana.queryVariable("site", "站点 Site",
                        q("SHOW TAG VALUES FROM `alert` WITH KEY = `site` WHERE `kind` =~ /^$kind$/"), true, true,
                        "Stations, sections and enterprises with alerts (district: the district-wide episode)."))
                .annotation(Grafana.alertAnnotation("告警 Alerts",
                        q(FILTER + " AND `severity` =~ /^$severity$/"), "#F2495C"));

        d.add(Panel.stat("未关闭告警 Open alerts")
                .description("Alerts whose latest event (within the last 30 days) is open or escalated.")
                .size(6, 7).timeFrom("30d")
                .influx(q("SELECT count(`state`) FROM (" + LATEST + ") WHERE " + OPEN), "未关闭 open")
                .unit("none").decimals(0).thresholds(Grafana.thresholds(Palette.OK, 1, Palette.BAD))
                .colorMode("thresholds").option("textMode", "value"));
        d.add(Panel.of("piechart", "按规则 Events by rule")
                .description("Alerts opened in the range, by rule (pm25_1h_aqi, pm25_24h_limit, water_class, "
                        + "permit_limit, offline, flatline, flag_fault, flag_maintenance, heavy_pollution).")
                .size(6, 7)
                .influx(q("SELECT count(`alert_id`) FROM `alert` WHERE " + FILTER + " AND `severity` =~ /^$severity$/"
                        + " AND `state` = 'open' AND $timeFilter GROUP BY `rule`"), "$tag_rule")
                .option("reduceOptions", obj("calcs", arr("sum"), "fields", "", "values", false))
                .option("pieType", "donut").option("legend", obj("displayMode", "table", "placement", "right",
                        "showLegend", true, "values", arr("value")))
                .colorMode("palette-classic"));
        d.add(Panel.timeseries("新告警 New alerts per hour")
                .description("Alerts opened per hour, by severity.")
                .size(12, 7)
                .influx(q("SELECT count(`alert_id`) FROM `alert` WHERE " + FILTER + " AND `severity` =~ /^$severity$/"
                        + " AND `state` = 'open' AND $timeFilter GROUP BY time(1h), `severity` fill(none)"),
                        "$tag_severity")
                .custom("drawStyle", "bars").custom("fillOpacity", 80).custom("stacking",
                        obj("mode", "normal", "group", "A"))
                .unit("none").decimals(0).min(0).colorMode("palette-classic")
                .override(Grafana.overrideByName("info", property("color", obj("mode", "fixed", "fixedColor", "#8AB8FF"))))
                .override(Grafana.overrideByName("warning", property("color", obj("mode", "fixed", "fixedColor", "#FADE2A"))))
                .override(Grafana.overrideByName("major", property("color", obj("mode", "fixed", "fixedColor", "#FF9830"))))
                .override(Grafana.overrideByName("critical", property("color", obj("mode", "fixed", "fixedColor", "#F2495C")))));
        d.add(alertTable(Panel.table("未关闭告警 Open alerts")
                .description("The latest event of each open alert (last 30 days): when it opened or escalated, "
                        + "value against threshold, message for the duty officer.")
                .size(24, 9).timeFrom("30d")
                .influxTable(q("SELECT `state`, `sev` AS `severity`, `alert_id`, `parameter`, `value`, `threshold`, "
                        + "`message` FROM (" + LATEST + ") WHERE " + OPEN + " GROUP BY `kind`, `site`, `rule`"))));
        d.add(alertTable(Panel.table("告警历史 Alert history")
                .description("Every alert event in the range (open, escalated, resolved), newest first.")
                .size(24, 10)
                .influxTable(q("SELECT `state`, `alert_id`, `parameter`, `value`, `threshold`, `message` FROM `alert` "
                        + "WHERE " + FILTER + " AND `severity` =~ /^$severity$/ AND $timeFilter "
                        + "GROUP BY `kind`, `site`, `rule`, `severity` ORDER BY time DESC LIMIT 1000"))));
        return d.build();
    }

    private static Panel alertTable(Panel p) {
        return p.override(Grafana.overrideByName("Time", property("displayName", "时间 Time")))
                .override(Grafana.overrideByName("kind", property("displayName", "类型 Kind")))
                .override(Grafana.overrideByName("site", property("displayName", "站点 Site")))
                .override(Grafana.overrideByName("rule", property("displayName", "规则 Rule")))
                .override(Grafana.overrideByName("severity", property("displayName", "级别 Severity"),
                        property("mappings", arr(Palette.severityMapping())),
                        property("custom.cellOptions", obj("type", "color-background", "mode", "basic"))))
                .override(Grafana.overrideByName("state", property("displayName", "状态 State"),
                        property("mappings", arr(Palette.alertStateMapping())),
                        property("custom.cellOptions", obj("type", "color-text"))))
                .override(Grafana.overrideByName("alert_id", property("displayName", "告警编号 ID"),
                        property("custom.width", 140)))
                .override(Grafana.overrideByName("parameter", property("displayName", "参数 Parameter")))
                .override(Grafana.overrideByName("value", property("displayName", "数值 Value")))
                .override(Grafana.overrideByName("threshold", property("displayName", "阈值 Threshold")))
                .override(Grafana.overrideByName("message", property("displayName", "说明 Message"),
                        property("custom.width", 520)));
    }
}

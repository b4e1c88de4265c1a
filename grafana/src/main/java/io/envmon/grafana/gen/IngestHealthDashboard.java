package io.envmon.grafana.gen;

import static io.envmon.grafana.gen.Grafana.property;
import static io.envmon.grafana.gen.Iql.q;
import static io.envmon.grafana.gen.Json.obj;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * 接入服务健康 Ingest health: the ingest service's Prometheus metrics (docs/operations.md) and, from InfluxDB, the
 * rejections by reason and the devices that went silent.
 */
public final class IngestHealthDashboard {

    public static final String UID = "envmon-ingest-health";
    static final String RATE = "[$__rate_interval]";

    private IngestHealthDashboard() {
    }

    public static ObjectNode build() {
        Dashboard d = new Dashboard(UID, "接入服务健康 Ingest health",
                "The envmon ingest service: throughput, rejections, InfluxDB writes, back-pressure (Prometheus "
                        + "scraping /metrics), and from InfluxDB the rejected messages and silent devices.")
                .tag("operations").time("now-24h", "now").refresh("30s")
                .variable(Grafana.customVariable("silent_minutes", "静默阈值(分钟) Silent after (min)",
                        List.of("10", "30", "60", "180", "720"), "30", false,
                        "A device is listed as silent when it sent nothing in the last this many minutes but did "
                                + "earlier in the dashboard's time range."))
                .annotation(Grafana.alertAnnotation("设备告警 Device alerts (offline, flags, flat lines)",
                        q("`rule` =~ /^(offline|flag_fault|flag_maintenance|flatline)$/"), "#FF9830"));

        d.row("吞吐 Throughput (Prometheus)");
        d.add(Panel.timeseries("每秒读数 Readings per second")
                .description("Readings decoded and readings durably written to InfluxDB, per second, by kind. "
                        + "Stored below received for long means InfluxDB is slow or down (see lag).")
                .prom("sum by (kind) (rate(envmon_readings_received_total" + RATE + "))", "received {{kind}}")
                .prom("sum by (kind) (rate(envmon_readings_stored_total" + RATE + "))", "stored {{kind}}")
                .unit("cps").min(0).colorMode("palette-classic"));
        d.add(Panel.timeseries("每秒拒收（按原因） Rejected per second by reason")
                .description("Messages or readings dead-lettered per second, by reason (CONTRACT §3).")
                .prom("sum by (reason) (rate(envmon_readings_rejected_total" + RATE + ")) > 0", "{{reason}}")
                .unit("cps").min(0).colorMode("palette-classic"));
        d.add(Panel.timeseries("每秒消息 MQTT messages per second")
                .description("Device messages received and acknowledged (PUBACK after storage).")
                .size(8, 8)
                .prom("sum(rate(envmon_messages_received_total" + RATE + "))", "received")
                .prom("sum(rate(envmon_messages_acknowledged_total" + RATE + "))", "acknowledged")
                .unit("cps").min(0).colorMode("palette-classic"));
        d.add(Panel.timeseries("每秒写入点数 Points written per second")
                .description("Points written to InfluxDB (readings and rejected rows).")
                .size(8, 8)
                .prom("sum(rate(envmon_influx_points_written_total" + RATE + "))", "points")
                .unit("cps").min(0).colorMode("palette-classic"));
        d.add(Panel.stat("组件状态 Components")
                .description("1 when the component is reachable (envmon_up).")
                .size(8, 8)
                .prom("min by (component) (envmon_up)", "{{component}}")
                .mapping(Grafana.valueMapping(1, "正常 UP", "green", 0, "故障 DOWN", "red"))
                .thresholds(Grafana.thresholds(Palette.BAD, 1, Palette.OK)).colorMode("thresholds"));

        d.row("写入与背压 InfluxDB writes and back-pressure (Prometheus)");
        d.add(Panel.timeseries("InfluxDB 写入耗时 Write latency")
                .description("Batch write duration: p50 and p99 (client-side percentiles), mean and max.")
                .size(8, 8)
                .prom("max(envmon_influx_write_seconds{quantile=\"0.99\"})", "p99")
                .prom("max(envmon_influx_write_seconds{quantile=\"0.5\"})", "p50")
                .prom("sum(rate(envmon_influx_write_seconds_sum" + RATE + ")) / sum(rate(envmon_influx_write_seconds_count"
                        + RATE + "))", "mean")
                .prom("max(envmon_influx_write_seconds_max)", "max")
                .unit("s").min(0).colorMode("palette-classic"));
        d.add(Panel.timeseries("在途消息 Messages in flight")
                .description("Received, not yet acknowledged; the high-water mark never exceeds "
                        + "ENVMON_MQTT_RECEIVE_MAXIMUM. A window stuck full means storage is not keeping up. "
                        + "Alert queue: stored readings the alert engine has not evaluated yet; alerts are that "
                        + "far behind storage (after a burst it can take tens of seconds to drain).")
                .size(8, 8)
                .prom("sum(envmon_inflight_messages)", "in flight")
                .prom("max(envmon_inflight_messages_max)", "high-water mark")
                .prom("sum(envmon_alerts_queued_readings)", "alert queue")
                .unit("none").min(0).colorMode("palette-classic"));
        d.add(Panel.timeseries("延迟 Lag")
                .description("Ingest lag: MQTT arrival to storage of the latest batch. Reading age: wall clock "
                        + "minus the event time of the newest stored reading (grows when devices or the service "
                        + "stop, or devices send a backlog).")
                .size(8, 8)
                .prom("max(envmon_ingest_lag_seconds)", "ingest lag")
                .prom("max(envmon_reading_age_seconds)", "newest reading age")
                .unit("s").min(0).colorMode("palette-classic"));
        d.add(Panel.timeseries("写入失败 Write failures per second")
                .description("Failed InfluxDB write attempts by class (transient, overloaded, auth, not_found, "
                        + "data, too_large); each is retried or split as docs/operations.md describes.")
                .size(24, 6)
                .prom("sum by (kind) (rate(envmon_influx_write_failures_total" + RATE + "))", "{{kind}}")
                .unit("cps").min(0).colorMode("palette-classic"));

        d.row("拒收与静默设备 Rejections and silent devices (InfluxDB)");
        d.add(Panel.timeseries("拒收记录（按原因） Rejections by reason")
                .description("Rows of the rejected measurement per interval, by reason: what was dead-lettered, "
                        + "kept in InfluxDB.")
                .interval("1m")
                .influx(q("SELECT count(`topic`) FROM `rejected` WHERE $timeFilter "
                        + "GROUP BY time($__interval), `reason` fill(none)"), "$tag_reason")
                .custom("drawStyle", "bars").custom("fillOpacity", 80).custom("stacking",
                        obj("mode", "normal", "group", "A"))
                .unit("none").decimals(0).min(0).colorMode("palette-classic"));
        d.add(Panel.table("静默设备 Devices silent for $silent_minutes min")
                .description("Stations, sections and outlets that reported earlier in the time range but nothing in "
                        + "the last $silent_minutes minutes (air counted on pm25, water on ph, outlets on flow). "
                        + "A device silent for longer than the range is not listed: widen the range.")
                .influxTable(silent("air", "pm25", "`station`"))
                .influxTable(silent("water", "ph", "`section`"))
                .influxTable(silent("emission", "flow", "`enterprise`, `outlet`"))
                .transformation("merge", obj())
                .transformation("organize", obj("excludeByName", obj("n", true), "renameByName", obj()))
                .override(Grafana.overrideByName("Time", property("displayName", "静默起 Silent since (at least)")))
                .override(Grafana.overrideByName("station", property("displayName", "空气站 Station")))
                .override(Grafana.overrideByName("section", property("displayName", "断面 Section")))
                .override(Grafana.overrideByName("enterprise", property("displayName", "企业 Enterprise")))
                .override(Grafana.overrideByName("outlet", property("displayName", "排放口 Outlet"))));
        d.add(Panel.table("最近拒收 Latest rejections")
                .description("The newest rejected messages: reason, topic, why, and the first bytes of the payload.")
                .size(24, 8)
                .influxTable(q("SELECT `topic`, `detail`, `payload` FROM `rejected` WHERE $timeFilter "
                        + "GROUP BY `reason` ORDER BY time DESC LIMIT 100"))
                .override(Grafana.overrideByName("reason", property("displayName", "原因 Reason")))
                .override(Grafana.overrideByName("topic", property("displayName", "主题 Topic")))
                .override(Grafana.overrideByName("detail", property("displayName", "说明 Detail")))
                .override(Grafana.overrideByName("payload", property("displayName", "内容 Payload"))));
        return d.build();
    }

    /**
     * Sites with readings in the range but none in its last $silent_minutes: counts per window of that length,
     * windows aligned to end at the range's end (offset ${__to}ms), empty windows filled with 0; a site whose last
     * window is 0 is silent. (A plain "last reading older than N minutes" does not work in InfluxQL: an outer
     * time condition is pushed into the subquery.)
     */
    private static String silent(String measurement, String field, String tags) {
        return q("SELECT `n` FROM (SELECT last(`n`) AS `n` FROM (SELECT count(`" + field + "`) AS `n` FROM `"
                + measurement + "` WHERE time >= ${__from}ms AND time < ${__to}ms "
                + "GROUP BY time(${silent_minutes}m, ${__to}ms), " + tags + " fill(0)) GROUP BY " + tags
                + ") WHERE `n` = 0 GROUP BY " + tags);
    }
}

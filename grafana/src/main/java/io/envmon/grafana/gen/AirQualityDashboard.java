package io.envmon.grafana.gen;

import static io.envmon.grafana.gen.Grafana.property;
import static io.envmon.grafana.gen.Iql.num;
import static io.envmon.grafana.gen.Iql.q;
import static io.envmon.grafana.gen.Json.arr;
import static io.envmon.grafana.gen.Json.obj;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envmon.alerts.air.Gb3095;
import io.envmon.alerts.air.Gb3095Grade;
import io.envmon.alerts.air.Gb3095Version;
import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Registry;

/**
 * 空气质量总览 Air quality overview: current AQI and category per station (HJ 633 colours), a station map from the
 * registry's coordinates, the primary pollutant, PM2.5 1-h / 24-h means against GB 3095 Grade II, and the
 * district's PM2.5 this month next to the same days last year.
 */
public final class AirQualityDashboard {

    public static final String UID = "envmon-air-quality";
    static final String STATION = "`station` =~ /^$station$/";
    static final String UG = "suffix: µg/m³";

    private AirQualityDashboard() {
    }

    public static ObjectNode build(Registry registry) {
        List<AirStation> stations = registry.air();
        double limitNow = Gb3095.PM25_24H.limit(Gb3095Version.GB3095_2026_TRANSITIONAL, Gb3095Grade.II);
        double limit2012 = Gb3095.PM25_24H.limit(Gb3095Version.GB3095_2012, Gb3095Grade.II);
        ObjectNode pm25Thresholds = Grafana.thresholds("green", limitNow, "red", limit2012, "#99004C");
        String limitText = "GB 3095 二级 24 小时平均限值 Grade II 24-h limit: " + num(limitNow)
                + " µg/m³ (GB 3095-2026, from 2026-03-01; dashed red line) and " + num(limit2012)
                + " µg/m³ (GB 3095-2012, before; dashed purple line).";

        Dashboard d = new Dashboard(UID, "空气质量总览 Air quality overview",
                "太谷区环境空气自动监测站: AQI (HJ 633) and PM2.5 against GB 3095 Grade II. AQI values come from the "
                        + "air_hourly measurement written by the alert engine; concentrations from air.")
                .tag("air").time("now-24h", "now").refresh("5m")
                .variable(Grafana.queryVariable("station", "监测站 Station",
                        q("SHOW TAG VALUES FROM `air` WITH KEY = `station`"), true, true,
                        "Air stations that have reported (tag station of the air measurement)."))
                .annotation(Grafana.alertAnnotation("空气告警 Air alerts", q("`kind` = 'air'"), "#FF7E00"));

        d.row("当前空气质量 Current air quality (HJ 633)");
        d.add(Panel.stat("各站当前 AQI Current AQI by station")
                .description("Latest hourly AQI of each station (air_hourly.aqi, HJ 633 edition in force at that "
                        + "hour), coloured by the official category colours (HJ 633 Appendix A).")
                .size(12, 9)
                .influx(q("SELECT last(`aqi`) FROM `air_hourly` WHERE " + STATION + " AND $timeFilter "
                        + "GROUP BY `station`"), "$tag_station")
                .unit("none").decimals(0).min(0).thresholds(Palette.aqiThresholds()).colorMode("thresholds")
                .overrides(stationNames(stations)));
        d.add(stationMap(stations));
        d.add(Panel.table("AQI、类别与首要污染物 AQI, category and primary pollutant")
                .description("Latest hourly AQI record per station: AQI, category (1 优 … 6 严重污染), primary "
                        + "pollutants (none when AQI ≤ 50) and the HJ 633 edition used.")
                .size(12, 9)
                .influxTable(q("SELECT last(`aqi`) AS `aqi`, `category`, `primary`, `standard` FROM `air_hourly` "
                        + "WHERE " + STATION + " AND $timeFilter GROUP BY `station`"))
                .thresholds(Palette.aqiThresholds())
                .override(Grafana.displayIds("station", stationNameMapping(stations), "监测站 Station"))
                .override(Grafana.overrideByName("Time", property("displayName", "小时 Hour"),
                        property("unit", "time:YYYY-MM-DD HH:00")))
                .override(Grafana.overrideByName("aqi", property("displayName", "AQI"),
                        property("custom.cellOptions", obj("type", "color-background", "mode", "basic")),
                        property("color", obj("mode", "thresholds"))))
                .override(Grafana.overrideByName("category", property("displayName", "类别 Category"),
                        property("mappings", arr(Palette.aqiCategoryMapping())),
                        property("custom.cellOptions", obj("type", "color-background", "mode", "basic"))))
                .override(Grafana.overrideByName("primary", property("displayName", "首要污染物 Primary"),
                        property("mappings", arr(Palette.primaryPollutantMapping(),
                                Palette.emptyAsNone(1).get(0)))))
                .override(Grafana.overrideByName("standard", property("displayName", "标准 Standard"))));
        d.add(Panel.of("state-timeline", "首要污染物（逐时） Primary pollutant by hour")
                .description("air_hourly.primary per hour; green with no name: AQI ≤ 50, no primary pollutant.")
                .size(12, 9)
                .influx(q("SELECT `primary` FROM `air_hourly` WHERE " + STATION + " AND $timeFilter "
                        + "GROUP BY `station`"), "$tag_station")
                .mapping(Palette.primaryPollutantMapping()).mapping(Palette.emptyAsNone(1).get(0))
                .colorMode("fixed").defaultsField("color", obj("mode", "fixed", "fixedColor", "#8AB8FF"))
                .option("showValue", "auto").option("mergeValues", true).option("rowHeight", 0.9)
                .option("alignValue", "left").option("legend", obj("showLegend", false))
                .overrides(stationNames(stations)));

        d.row("PM2.5 与 GB 3095 二级标准 PM2.5 against GB 3095 Grade II");
        d.add(Panel.timeseries("PM2.5 小时均值 1-hour mean")
                .description("Hourly means of pm25 per station. " + limitText + " GB 3095 sets no 1-hour PM2.5 "
                        + "limit; the lines are the 24-h limits, for orientation.")
                .influx(q("SELECT mean(`pm25`) FROM `air` WHERE " + STATION + " AND $timeFilter "
                        + "GROUP BY time(1h), `station` fill(null)"), "$tag_station")
                .unit(UG).min(0).thresholds(pm25Thresholds).thresholdsStyle("dashed").colorMode("palette-classic")
                .overrides(stationNames(stations)));
        d.add(Panel.timeseries("PM2.5 24 小时滑动均值 24-hour sliding mean")
                .description("Mean of the last 24 hourly means at each hour (the query starts 24 h before the "
                        + "range so the first hours have their window). " + limitText + " A valid 24-h mean needs "
                        + "at least 20 hourly means (GB 3095 Table 4); this curve does not check that.")
                .influx(q("SELECT moving_average(mean(`pm25`), 24) FROM `air` WHERE " + STATION
                        + " AND time >= ${__from}ms - 24h AND time <= ${__to}ms GROUP BY time(1h), `station`"),
                        "$tag_station")
                .unit(UG).min(0).thresholds(pm25Thresholds).thresholdsStyle("dashed").colorMode("palette-classic")
                .overrides(stationNames(stations)));
        d.add(Panel.barGauge("最近 24 小时 PM2.5 均值 Mean of the last 24 h")
                .description("Mean pm25 of the last 24 hours per station. " + limitText)
                .size(8, 8).timeFrom("24h")
                .influx(q("SELECT mean(`pm25`) FROM `air` WHERE " + STATION + " AND $timeFilter GROUP BY `station`"),
                        "$tag_station")
                .unit(UG).decimals(0).min(0).max(150).thresholds(pm25Thresholds).colorMode("thresholds")
                .overrides(stationNames(stations)));
        d.add(Panel.timeseries("PM2.5 日均值（自然日） Daily mean, last 30 days")
                .description("Daily means over natural days in Beijing time (tz Asia/Shanghai). " + limitText)
                .size(16, 8).timeFrom("30d")
                .influx(q("SELECT mean(`pm25`) FROM `air` WHERE " + STATION + " AND $timeFilter "
                        + "GROUP BY time(1d), `station` fill(none) tz('Asia/Shanghai')"), "$tag_station")
                .custom("drawStyle", "bars").custom("fillOpacity", 60).custom("barAlignment", -1)
                .unit(UG).min(0).thresholds(pm25Thresholds).thresholdsStyle("dashed").colorMode("palette-classic")
                .overrides(stationNames(stations)));

        d.row("本月与去年同期 This month and the same days last year");
        String district = q("SELECT mean(`m`) FROM (SELECT mean(`pm25`) AS `m` FROM `air` WHERE $timeFilter "
                + "GROUP BY time(1d), `station` tz('Asia/Shanghai')) WHERE $timeFilter "
                + "GROUP BY time(1d) fill(none) tz('Asia/Shanghai')");
        d.add(Panel.timeseries("全区 PM2.5 日均值 · 本月 District PM2.5 daily mean, this month")
                .description("Mean of the stations' daily means, each natural day (Beijing time) of this month so "
                        + "far. " + limitText)
                .timeFrom("now/M")
                .influx(district, "本月 this month")
                .custom("drawStyle", "bars").custom("fillOpacity", 60).custom("barAlignment", -1)
                .unit(UG).min(0).thresholds(pm25Thresholds).thresholdsStyle("dashed")
                .colorMode("fixed").defaultsField("color", obj("mode", "fixed", "fixedColor", "#5794F2")));
        d.add(Panel.timeseries("去年同期 Same days last year")
                .description("The same query, shifted one calendar year back (panel time shift 1y): the days of "
                        + "this month so far, last year. Empty where no data was stored then.")
                .timeFrom("now/M").timeShift("1y")
                .influx(district, "去年同期 last year")
                .custom("drawStyle", "bars").custom("fillOpacity", 60).custom("barAlignment", -1)
                .unit(UG).min(0).thresholds(pm25Thresholds).thresholdsStyle("dashed")
                .colorMode("fixed").defaultsField("color", obj("mode", "fixed", "fixedColor", "#B877D9")));
        return d.build();
    }

    /** Geomap: one query per station with its registry coordinates added as constant columns, merged into one table. */
    private static Panel stationMap(List<AirStation> stations) {
        Panel map = Panel.of("geomap", "站点地图 Station map (current AQI)")
                .description("Stations at their registry coordinates (config/taigu.yaml, WGS 84), coloured by the "
                        + "latest hourly AQI. InfluxDB does not store coordinates: each station's query adds them as "
                        + "constants, generated from the registry (docs/grafana.md). Stations without lat/lon are "
                        + "not drawn.")
                .size(12, 9);
        double lat = 0;
        double lon = 0;
        int n = 0;
        for (AirStation s : stations) {
            if (s.lat() == null || s.lon() == null) {
                continue;
            }
            map.influxTable(q("SELECT last(`aqi`) AS `aqi`, last(`aqi`) * 0 + " + num(s.lat()) + " AS `lat`, "
                    + "last(`aqi`) * 0 + " + num(s.lon()) + " AS `lon` FROM `air_hourly` WHERE `station` = '"
                    + s.id() + "' AND " + STATION + " AND $timeFilter GROUP BY `station`"));
            lat += s.lat();
            lon += s.lon();
            n++;
        }
        return map.transformation("merge", obj())
                .unit("none").decimals(0).thresholds(Palette.aqiThresholds()).colorMode("thresholds")
                .override(Grafana.displayIds("station", stationNameMapping(stations), "监测站 Station"))
                .option("view", obj("id", "coords", "lat", round(n == 0 ? 37.43 : lat / n),
                        "lon", round(n == 0 ? 112.56 : lon / n), "zoom", 10.5, "allLayers", true))
                .option("controls", obj("showZoom", true, "mouseWheelZoom", true, "showAttribution", true,
                        "showScale", true, "showMeasure", false, "showDebug", false))
                .option("basemap", obj("type", "default", "name", "底图 Basemap", "config", obj()))
                .option("layers", arr(obj("type", "markers", "name", "监测站 Stations (AQI)", "tooltip", true,
                        "location", obj("mode", "coords", "latitude", "lat", "longitude", "lon"),
                        "config", obj("showLegend", true, "style", obj(
                                "color", obj("field", "aqi", "fixed", "dark-green"),
                                "opacity", 0.9,
                                "size", obj("fixed", 14, "min", 8, "max", 20),
                                "symbol", obj("mode", "fixed", "fixed", "img/icons/marker/circle.svg"),
                                "symbolAlign", obj("horizontal", "center", "vertical", "center"),
                                "text", obj("mode", "field", "field", "station", "fixed", ""),
                                "textConfig", obj("fontSize", 11, "offsetX", 0, "offsetY", -16,
                                        "textAlign", "center", "textBaseline", "middle"))))))
                .option("tooltip", obj("mode", "details"));
    }

    /** Station ID → "TG-A01 太谷区政府". */
    static ObjectNode stationNameMapping(List<AirStation> stations) {
        List<Object> triples = new ArrayList<>();
        for (AirStation s : stations) {
            triples.add(s.id());
            triples.add(s.id() + " " + s.name());
            triples.add(null);
        }
        return Grafana.valueMapping(triples.toArray());
    }

    /** Series named by station ID shown as "TG-A01 太谷区政府". */
    static List<ObjectNode> stationNames(List<AirStation> stations) {
        return stations.stream()
                .map(s -> Grafana.overrideByName(s.id(), property("displayName", s.id() + " " + s.name())))
                .toList();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}

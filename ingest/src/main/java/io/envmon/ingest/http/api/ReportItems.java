package io.envmon.ingest.http.api;

import io.envmon.alerts.aqi.AqiCategory;
import io.envmon.alerts.report.AirPeriodReport;
import io.envmon.alerts.report.OutletMonthReport;
import io.envmon.alerts.report.WaterMonthReport;
import io.envmon.ingest.schema.PointTags;
import io.envmon.ingest.schema.ReportRows;
import io.envmon.ingest.store.QueryRow;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reports' records as items: ordered columns, the same for JSON and CSV (docs/api.md#reports). */
final class ReportItems {

    private static final List<String> AIR = List.of("so2", "no2", "co", "o3", "pm10", "pm25");

    private ReportItems() {
    }

    /** One {@code air_daily} row. */
    static Map<String, Object> airDay(QueryRow row, String name) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("date", ReportRows.day(row.time()).toString());
        item.put("station", row.value(PointTags.STATION));
        item.put("name", name);
        Double aqi = row.number("aqi");
        item.put("aqi", aqi == null ? null : aqi.intValue());
        Double category = row.number("category");
        AqiCategory c = category == null ? null : AqiCategory.of(aqi.intValue());
        item.put("category", category == null ? null : category.intValue());
        item.put("categoryName", c == null ? null : c.chineseName());
        String primary = row.value("primary");
        item.put("primary", primary == null ? "" : primary);
        item.put("standard", row.value("standard"));
        Double stations = row.number("stations");
        item.put("stations", stations == null ? null : stations.intValue());
        Map<String, Double> values = ReportRows.concentrations(row);
        Map<String, Integer> iaqi = ReportRows.iaqi(row);
        for (String p : AIR) {
            Double v = values.get(p);
            item.put(p, v == null ? null : round(PointType.AIR_STATION, p, v));
        }
        for (String p : AIR) {
            item.put("iaqi_" + p, iaqi.get(p));
        }
        return item;
    }

    static Map<String, Object> airPeriod(AirPeriodReport r, String name) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("site", r.site());
        item.put("name", name);
        item.put("period", r.period());
        item.put("gb3095", r.gb3095());
        item.put("grade", r.grade());
        item.put("calendarDays", r.calendarDays());
        item.put("ratedDays", r.ratedDays());
        item.put("validDays", r.validDays());
        item.put("minValidDays", r.minValidDays());
        item.put("goodDays", r.goodDays());
        item.put("goodDayRatio", r.goodDayRatio());
        item.put("goodDayRatioTarget", r.goodDayRatioTarget());
        item.put("meetsGoodDayRatioTarget", r.meetsGoodDayRatioTarget());
        item.put("heavyDays", r.heavyDays());
        item.put("severeDays", r.severeDays());
        for (AirPeriodReport.Statistic s : List.of(r.pm25(), r.pm10(), r.o3())) {
            String k = s.parameter() + (s.statistic().equals("mean") ? "" : "P90");
            item.put(k, s.value());
            item.put(k + "Days", s.days());
            item.put(k + "Complete", s.complete());
            item.put(k + "Limit", s.limit());
            item.put(k + "ExceedsLimit", s.exceedsLimit());
            if (!s.parameter().equals("o3")) {
                item.put(k + "Target", s.target());
                item.put(k + "MeetsTarget", s.meetsTarget());
            }
        }
        return item;
    }

    static Map<String, Object> water(WaterMonthReport r, String river) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("section", r.site());
        item.put("name", r.name());
        item.put("river", river);
        item.put("period", r.period());
        item.put("target", r.target());
        item.put("hours", r.hours());
        item.put("class", r.sectionClass());
        item.put("meetsTarget", r.meetsTarget());
        item.put("deciding", r.deciding());
        List<String> exceedances = new ArrayList<>();
        for (WaterMonthReport.Exceedance e : r.exceedances()) {
            exceedances.add(e.parameter() + " " + round(PointType.WATER_SECTION, e.parameter(), e.value()) + " ("
                    + e.parameterClass() + (e.multiple() == null ? "" : ", ×" + e.multiple()) + ")");
        }
        item.put("exceedances", exceedances);
        ParameterCatalog.of(PointType.WATER_SECTION).keySet().forEach(p -> {
            Double v = r.means().get(p);
            item.put(p, v == null ? null : round(PointType.WATER_SECTION, p, v));
        });
        return item;
    }

    static Map<String, Object> outlet(OutletMonthReport r, PointType type) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("enterprise", r.enterprise());
        item.put("enterpriseName", r.enterpriseName());
        item.put("outlet", r.outlet());
        item.put("outletName", r.outletName());
        item.put("type", r.type());
        item.put("period", r.period());
        item.put("expectedHours", r.expectedHours());
        item.put("receivedHours", r.receivedHours());
        item.put("transmissionRate", r.transmissionRate());
        item.put("validityRate", r.validityRate());
        item.put("effectiveRate", r.effectiveRate());
        item.put("passes", r.passes());
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (OutletMonthReport.ParameterMonth p : r.parameters()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("parameter", p.parameter());
            pm.put("limit", p.limit());
            pm.put("validHours", p.validHours());
            pm.put("exceedanceHours", p.exceedanceHours());
            pm.put("max", p.max() == null ? null : round(type, p.parameter(), p.max()));
            parameters.add(pm);
        }
        item.put("parameters", parameters);
        return item;
    }

    private static double round(PointType type, String parameter, double v) {
        return ParameterCatalog.find(type, parameter).map(p -> p.round(v)).orElse(v);
    }
}

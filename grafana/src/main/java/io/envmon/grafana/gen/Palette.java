package io.envmon.grafana.gen;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envmon.alerts.aqi.AqiCategory;
import io.envmon.alerts.water.WaterClass;

/** Colours and category names of the standards, taken from the alerts module so dashboards and alerts agree. */
public final class Palette {

    /** GB 3838 / 2011 evaluation method display colours: I–II blue, III green, IV yellow, V orange, 劣V red. */
    public static final String WATER_I_II = "#3274D9";
    public static final String WATER_III = "#37872D";
    public static final String WATER_IV = "#FADE2A";
    public static final String WATER_V = "#FF780A";
    public static final String WATER_WORSE_THAN_V = "#E02F44";

    public static final String OK = "green";
    public static final String WARNING = "#FADE2A";
    public static final String BAD = "red";

    private Palette() {
    }

    /** HJ 633 Appendix A colours as AQI thresholds: 0 #00E400, 51 #FFFF00, 101 #FF7E00, 151, 201, 301. */
    public static ObjectNode aqiThresholds() {
        List<Object> steps = new ArrayList<>();
        AqiCategory[] categories = AqiCategory.values();
        for (int i = 1; i < categories.length; i++) {
            steps.add(categories[i - 1].maxAqi() + 1);
            steps.add(categories[i].hex());
        }
        return Grafana.thresholds(categories[0].hex(), steps.toArray());
    }

    /** Category level 1–6 → "优 Excellent" … in its official colour. */
    public static ObjectNode aqiCategoryMapping() {
        List<Object> triples = new ArrayList<>();
        for (AqiCategory c : AqiCategory.values()) {
            triples.add(c.level());
            triples.add(c.chineseName() + " " + c.englishName());
            triples.add(c.hex());
        }
        return Grafana.valueMapping(triples.toArray());
    }

    public static String waterColour(WaterClass c) {
        return switch (c) {
            case I, II -> WATER_I_II;
            case III -> WATER_III;
            case IV -> WATER_IV;
            case V -> WATER_V;
            case WORSE_THAN_V -> WATER_WORSE_THAN_V;
        };
    }

    /** Class index 1–6 (I…劣V) → "Ⅲ类 良好" in its display colour. */
    public static ObjectNode waterClassMapping() {
        List<Object> triples = new ArrayList<>();
        for (WaterClass c : WaterClass.values()) {
            triples.add(c.ordinal() + 1);
            triples.add(c.chineseLabel() + " " + c.status());
            triples.add(waterColour(c));
        }
        return Grafana.valueMapping(triples.toArray());
    }

    /** Alert severities of CONTRACT §5 in rising colours. */
    public static ObjectNode severityMapping() {
        return Grafana.valueMapping("info", "提示 info", "#8AB8FF", "warning", "警告 warning", "#FADE2A",
                "major", "严重 major", "#FF9830", "critical", "紧急 critical", "#F2495C");
    }

    public static ObjectNode alertStateMapping() {
        return Grafana.valueMapping("open", "未关闭 open", "#F2495C", "escalated", "已升级 escalated", "#FF9830",
                "resolved", "已解除 resolved", "#73BF69");
    }

    /** Primary pollutant codes of {@code air_hourly.primary} → the usual notation. */
    public static ObjectNode primaryPollutantMapping() {
        return Grafana.valueMapping("pm25", "PM2.5", "#FF7E00", "pm10", "PM10", "#C4162A",
                "o3", "O₃", "#8F3BB8", "no2", "NO₂", "#B877D9", "so2", "SO₂", "#FADE2A", "co", "CO", "#808080",
                "pm10,pm25", "PM10, PM2.5", "#C4162A");
    }

    static List<ObjectNode> emptyAsNone(int index) {
        return List.of(Grafana.specialMapping("empty", "— (AQI ≤ 50, 无首要污染物 none)", "#00E400", index));
    }
}

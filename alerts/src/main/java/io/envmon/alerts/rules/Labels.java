package io.envmon.alerts.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Wording shared by the rules' messages: parameter names, site labels, numbers, times (Beijing time). */
public final class Labels {

    private static final DateTimeFormatter BEIJING =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.ofHours(8));

    private static final Map<String, String[]> NAMES = Map.ofEntries(
            Map.entry("pm25", new String[] {"PM2.5", "PM2.5"}),
            Map.entry("pm10", new String[] {"PM10", "PM10"}),
            Map.entry("so2", new String[] {"二氧化硫", "SO2"}),
            Map.entry("no2", new String[] {"二氧化氮", "NO2"}),
            Map.entry("co", new String[] {"一氧化碳", "CO"}),
            Map.entry("o3", new String[] {"臭氧", "O3"}),
            Map.entry("temp", new String[] {"温度", "temperature"}),
            Map.entry("humidity", new String[] {"湿度", "humidity"}),
            Map.entry("pressure", new String[] {"气压", "pressure"}),
            Map.entry("wind_speed", new String[] {"风速", "wind speed"}),
            Map.entry("wind_dir", new String[] {"风向", "wind direction"}),
            Map.entry("ph", new String[] {"pH", "pH"}),
            Map.entry("do", new String[] {"溶解氧", "DO"}),
            Map.entry("codmn", new String[] {"高锰酸盐指数", "CODMn"}),
            Map.entry("cod", new String[] {"化学需氧量", "COD"}),
            Map.entry("nh3n", new String[] {"氨氮", "NH3-N"}),
            Map.entry("tp", new String[] {"总磷", "TP"}),
            Map.entry("tn", new String[] {"总氮", "TN"}),
            Map.entry("turbidity", new String[] {"浊度", "turbidity"}),
            Map.entry("conductivity", new String[] {"电导率", "conductivity"}),
            Map.entry("particulate", new String[] {"颗粒物", "particulate"}),
            Map.entry("nox", new String[] {"氮氧化物", "NOx"}),
            Map.entry("nmhc", new String[] {"非甲烷总烃", "NMHC"}),
            Map.entry("o2", new String[] {"含氧量", "O2"}),
            Map.entry("flow", new String[] {"流量", "flow"}));

    private Labels() {
    }

    public static String zh(String parameter) {
        String[] n = NAMES.get(parameter);
        return n == null ? parameter : n[0];
    }

    public static String en(String parameter) {
        String[] n = NAMES.get(parameter);
        return n == null ? parameter : n[1];
    }

    /** 太谷区政府(TG-A01), or 某公司(E001) 锅炉废气排放口(DA001). */
    public static String zhSite(SiteInfo s) {
        String site = (s.name() == null ? "" : s.name()) + "(" + s.point().site() + ")";
        if (s.point().outlet() == null) {
            return site;
        }
        return site + " " + (s.pointName() == null ? "" : s.pointName()) + "(" + s.point().outlet() + ")";
    }

    /** TG-A01, or E001/DA001. */
    public static String enSite(SiteInfo s) {
        return s.point().label();
    }

    /** A value for a message: 3 significant digits at most, no trailing zeros (118, 45.2, 1.62, 0.215). */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        BigDecimal d = BigDecimal.valueOf(v);
        double a = Math.abs(v);
        int scale = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
        return d.setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** " µg/m³", or "" for a dimensionless value. */
    public static String unit(String unit) {
        return unit == null || unit.isEmpty() ? "" : " " + unit;
    }

    /** 2026-11-28 08:00 (Beijing time). */
    public static String time(Instant t) {
        return BEIJING.format(t);
    }

    /** 2 小时 5 分钟 / 2 h 5 min. */
    public static String zhDuration(Duration d) {
        long h = d.toHours();
        long m = d.toMinutesPart();
        if (h == 0 && m == 0) {
            return d.toSecondsPart() + " 秒";
        }
        return h == 0 ? m + " 分钟" : m == 0 ? h + " 小时" : h + " 小时 " + m + " 分钟";
    }

    public static String enDuration(Duration d) {
        long h = d.toHours();
        long m = d.toMinutesPart();
        if (h == 0 && m == 0) {
            return d.toSecondsPart() + " s";
        }
        return h == 0 ? m + " min" : m == 0 ? h + " h" : h + " h " + m + " min";
    }

    /**
     * The {@code window} of an hourly judgement: {@code 1h}, or the analyser cycle a sample stands for when it is
     * longer ({@code 4h}).
     */
    static String window(java.time.Duration sampleSpan) {
        long hours = sampleSpan.toHours();
        return hours <= 1 ? "1h" : sampleSpan.equals(java.time.Duration.ofHours(hours)) ? hours + "h"
                : sampleSpan.toMinutes() + "m";
    }
}

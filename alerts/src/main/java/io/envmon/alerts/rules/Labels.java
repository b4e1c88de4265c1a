package io.envmon.alerts.rules;

import io.envmon.alerts.emission.O2Basis;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Wording shared by the rules' messages: parameter names, site labels, numbers, times. Times in messages are
 * Beijing time (UTC+8, {@code Asia/Shanghai}) and say so, as national networks report (standards.md §9.7); the
 * event's {@code startedAt} and {@code ts} stay UTC.
 */
public final class Labels {

    /** Decimals a message may show at most: the hourly means keep 4 ({@code HourEvaluator.DECIMALS}). */
    private static final int MAX_DECIMALS = 4;

    /** Beijing time: UTC+8, no daylight saving since 1991. */
    private static final ZoneId BEIJING_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter BEIJING =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BEIJING_ZONE);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(BEIJING_ZONE);

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
        return plain(BigDecimal.valueOf(v).setScale(baseScale(v), RoundingMode.HALF_EVEN));
    }

    /**
     * A value printed beside the limits it was judged against: as {@link #num(double)}, with more decimals until
     * it falls on the same side of every limit as the value itself, so that a value over a limit never prints
     * equal to it (TP 0.1004 against 0.1 prints 0.1004, not 0.1). Bounded at the {@value #MAX_DECIMALS} decimals
     * that hourly means keep: a difference finer than that is not shown.
     */
    public static String num(double v, double... limits) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        BigDecimal exact = BigDecimal.valueOf(v);
        BigDecimal shown = exact;
        for (int scale = baseScale(v); scale <= Math.max(baseScale(v), MAX_DECIMALS); scale++) {
            shown = exact.setScale(scale, RoundingMode.HALF_EVEN);
            if (sameSide(exact, shown, limits)) {
                break;
            }
        }
        return plain(shown);
    }

    /** An exceedance multiple (C − limit) / limit: never printed as 0 when it is over 0 ("< 0.0001" at worst). */
    public static String multiple(double m) {
        String shown = num(m, 0);
        return m > 0 && BigDecimal.ZERO.compareTo(new BigDecimal(shown)) == 0 ? "< 0.0001" : shown;
    }

    /** A limit as configured, every digit kept: 30, 0.025, 1. */
    public static String limit(double v) {
        return Double.isFinite(v) ? plain(BigDecimal.valueOf(v)) : String.valueOf(v);
    }

    private static int baseScale(double v) {
        double a = Math.abs(v);
        return a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    }

    private static boolean sameSide(BigDecimal exact, BigDecimal shown, double[] limits) {
        for (double limit : limits) {
            BigDecimal l = BigDecimal.valueOf(limit);
            if (exact.compareTo(l) != shown.compareTo(l)) {
                return false;
            }
        }
        return true;
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /** " µg/m³", or "" for a dimensionless value. */
    public static String unit(String unit) {
        return unit == null || unit.isEmpty() ? "" : " " + unit;
    }

    /** 2026-11-28 08:00 (Beijing time, unmarked: for texts that say so once). */
    public static String time(Instant t) {
        return BEIJING.format(t);
    }

    /** 2026-11-28 08:00（北京时间）. */
    public static String zhAt(Instant t) {
        return time(t) + "（北京时间）";
    }

    /** 2026-11-28 08:00 Beijing time. */
    public static String enAt(Instant t) {
        return time(t) + " Beijing time";
    }

    /**
     * An hour or a window in Beijing time, unmarked: 2026-01-15 08:00–09:00; 2026-01-15 23:00–24:00 (a period that
     * ends at midnight ends at 24:00 of its day, as the standards write it); 2026-01-14 09:00–2026-01-15 09:00.
     */
    public static String period(Instant start, Instant end) {
        LocalDateTime from = LocalDateTime.ofInstant(start, BEIJING_ZONE);
        LocalDateTime to = LocalDateTime.ofInstant(end, BEIJING_ZONE);
        String until;
        if (to.toLocalDate().equals(from.toLocalDate())) {
            until = CLOCK.format(end);
        } else if (to.toLocalTime().equals(LocalTime.MIDNIGHT)
                && to.toLocalDate().equals(from.toLocalDate().plusDays(1))) {
            until = "24:00";
        } else {
            until = BEIJING.format(end);
        }
        return BEIJING.format(start) + "–" + until;
    }

    /** 2026-01-15 08:00–09:00（北京时间）. */
    public static String zhPeriod(Instant start, Instant end) {
        return period(start, end) + "（北京时间）";
    }

    /** 2026-01-15 08:00–09:00 Beijing time. */
    public static String enPeriod(Instant start, Instant end) {
        return period(start, end) + " Beijing time";
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

    /**
     * What a judged value is, in Chinese: the 1-h mean, or for an analyser measuring every 2 h (its cycle, or a
     * monitor reporting that seldom) the mean of that window, "2小时均值"; converted to an O2 basis when given.
     */
    static String zhMean(Duration span, O2Basis basis) {
        String w = windowLength(span, "小时", "分钟");
        return basis == null ? w + "均值" : w + "折算均值（" + basis.zh() + "）";
    }

    /** {@link #zhMean} in English: "1-h mean", "2-h mean at 11 % O2". */
    static String enMean(Duration span, O2Basis basis) {
        String w = windowLength(span, "-h", "-min");
        return basis == null ? w + " mean" : w + " mean at " + basis.en();
    }

    private static String windowLength(Duration span, String hours, String minutes) {
        long h = span.toHours();
        return h <= 1 ? "1" + hours : span.equals(Duration.ofHours(h)) ? h + hours : span.toMinutes() + minutes;
    }
}

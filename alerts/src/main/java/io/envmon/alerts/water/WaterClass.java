package io.envmon.alerts.water;

import java.util.Locale;

/**
 * Surface-water quality classes: GB 3838-2002 §3 classes I–V, plus 劣V ("worse than class V") from the national
 * evaluation method 《地表水环境质量评价办法（试行）》 (2011), with the qualitative status of a section in each
 * class (standards.md §4.3: I–II 优, III 良好, IV 轻度污染, V 中度污染, 劣V 重度污染). English status names are
 * conventional translations. Declared best first, so {@code compareTo} orders from better to worse.
 */
public enum WaterClass {
    I("Ⅰ类", "优", "Excellent"),
    II("Ⅱ类", "优", "Excellent"),
    III("Ⅲ类", "良好", "Good"),
    IV("Ⅳ类", "轻度污染", "Lightly polluted"),
    V("Ⅴ类", "中度污染", "Moderately polluted"),
    WORSE_THAN_V("劣Ⅴ类", "重度污染", "Heavily polluted");

    private final String chineseLabel;
    private final String status;
    private final String statusEnglish;

    WaterClass(String chineseLabel, String status, String statusEnglish) {
        this.chineseLabel = chineseLabel;
        this.status = status;
        this.statusEnglish = statusEnglish;
    }

    /** Ⅰ类 … Ⅴ类, 劣Ⅴ类. */
    public String chineseLabel() {
        return chineseLabel;
    }

    /** 水质状况 of a section in this class: 优, 良好, 轻度污染, 中度污染, 重度污染. */
    public String status() {
        return status;
    }

    /** Excellent, Good, Lightly polluted, Moderately polluted, Heavily polluted. */
    public String statusEnglish() {
        return statusEnglish;
    }

    /** True when this class is worse than {@code other} (e.g. IV is worse than III). */
    public boolean isWorseThan(WaterClass other) {
        return compareTo(other) > 0;
    }

    /** The worse of two classes. */
    public static WaterClass worst(WaterClass a, WaterClass b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Parses a registry value: {@code I}…{@code V} (ASCII or Ⅰ…Ⅴ, optionally followed by 类) or 劣V /
     * {@code WORSE_THAN_V}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static WaterClass parse(String text) {
        if (text != null) {
            String t = text.trim().toUpperCase(Locale.ROOT)
                    .replace("Ⅰ", "I").replace("Ⅱ", "II").replace("Ⅲ", "III").replace("Ⅳ", "IV").replace("Ⅴ", "V");
            if (t.endsWith("类")) {
                t = t.substring(0, t.length() - 1);
            }
            if (t.equals("劣V") || t.equals("WORSE_THAN_V")) {
                return WORSE_THAN_V;
            }
            for (WaterClass c : values()) {
                if (c != WORSE_THAN_V && c.name().equals(t)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("water class '" + text + "' is not one of I, II, III, IV, V, 劣V");
    }
}

package io.envmon.alerts.aqi;

/**
 * AQI levels and categories (空气质量指数级别及类别) with the official colours.
 *
 * <p>Sources: HJ 633-2012 Table 2 and HJ 633-2026 Table 2 (bands and Chinese names); HJ 633 Appendix A,
 * Table A.1 (colours, identical in 2012 and 2026), as transcribed in standards.md §1.4. The English names
 * are conventional, not in HJ 633. The level-5 purple is the Chinese 153,0,76 (#99004C), not US-EPA's #8F3F97.
 *
 * <p>Bands: 0–50, 51–100, 101–150, 151–200, 201–300, &gt; 300. HJ 633-2026 writes level 1 as 1–50 (its AQI range
 * is 1–500); 0 is still accepted here as level 1, as HJ 633-2012 writes it.
 */
public enum AqiCategory {

    //          level 级别     类别         English                 max AQI  R    G    B    hex        CMYK
    EXCELLENT(1, "一级", "优", "Excellent", 50, 0, 228, 0, "#00E400", "40,0,100,0"),
    GOOD(2, "二级", "良", "Good", 100, 255, 255, 0, "#FFFF00", "0,0,100,0"),
    LIGHTLY_POLLUTED(3, "三级", "轻度污染", "Lightly polluted", 150, 255, 126, 0, "#FF7E00", "0,52,100,0"),
    MODERATELY_POLLUTED(4, "四级", "中度污染", "Moderately polluted", 200, 255, 0, 0, "#FF0000", "0,100,100,0"),
    HEAVILY_POLLUTED(5, "五级", "重度污染", "Heavily polluted", 300, 153, 0, 76, "#99004C", "10,100,40,30"),
    SEVERELY_POLLUTED(6, "六级", "严重污染", "Severely polluted", Integer.MAX_VALUE, 126, 0, 35, "#7E0023", "30,100,100,30");

    private final int level;
    private final String levelName;
    private final String chineseName;
    private final String englishName;
    private final int maxAqi;
    private final int red;
    private final int green;
    private final int blue;
    private final String hex;
    private final String cmyk;

    AqiCategory(int level, String levelName, String chineseName, String englishName, int maxAqi,
                int red, int green, int blue, String hex, String cmyk) {
        this.level = level;
        this.levelName = levelName;
        this.chineseName = chineseName;
        this.englishName = englishName;
        this.maxAqi = maxAqi;
        this.red = red;
        this.green = green;
        this.blue = blue;
        this.hex = hex;
        this.cmyk = cmyk;
    }

    /** The category of an AQI (an integer, as HJ 633 rounds it up). */
    public static AqiCategory of(int aqi) {
        if (aqi < 0) {
            throw new IllegalArgumentException("AQI must be ≥ 0, not " + aqi);
        }
        for (AqiCategory category : values()) {
            if (aqi <= category.maxAqi) {
                return category;
            }
        }
        throw new IllegalStateException("unreachable: the last band is open");
    }

    /** 1 to 6. */
    public int level() {
        return level;
    }

    /** 一级 … 六级. */
    public String levelName() {
        return levelName;
    }

    /** 优, 良, 轻度污染, 中度污染, 重度污染, 严重污染. */
    public String chineseName() {
        return chineseName;
    }

    /** Excellent … Severely polluted (conventional translation). */
    public String englishName() {
        return englishName;
    }

    /** Lowest AQI of the band: 0, 51, 101, 151, 201, 301. */
    public int minAqi() {
        return ordinal() == 0 ? 0 : values()[ordinal() - 1].maxAqi + 1;
    }

    /** Highest AQI of the band, {@link Integer#MAX_VALUE} for level 6 (the band is open). */
    public int maxAqi() {
        return maxAqi;
    }

    public int red() {
        return red;
    }

    public int green() {
        return green;
    }

    public int blue() {
        return blue;
    }

    /** {@code #RRGGBB}, upper case. */
    public String hex() {
        return hex;
    }

    /** CMYK as printed in Table A.1, e.g. {@code 10,100,40,30}. */
    public String cmyk() {
        return cmyk;
    }
}

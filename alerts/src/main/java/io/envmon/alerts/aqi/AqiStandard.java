package io.envmon.alerts.aqi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The edition of HJ 633 (环境空气质量指数（AQI）技术规定) used to rate a period.
 *
 * <p>HJ 633-2026 (issued 2026-02-14) replaced HJ 633-2012 on <b>2026-03-01 00:00 Beijing time</b>
 * (standards.md "Versions: read this first"). Historical data are re-rated under the edition in force at the
 * time of the data: pass the start of the rated period (the hour or the day) to {@link #inForceAt(Instant)}.
 */
public enum AqiStandard {

    /** HJ 633-2012: Table 1 breakpoints, PM real-time IAQI on the 24-h sliding mean (Table 4). */
    HJ633_2012("HJ633-2012"),

    /**
     * HJ 633-2026: Table 3 breakpoints (PM10 IAQI 100 at 120, PM2.5 at 60), PM real-time IAQI on the 1-h mean,
     * inputs rounded per GB/T 8170 (§4.2.2), SO2 1-h &gt; 800 → 200, O3 8-h &gt; 800 → 300, completeness rule §5.3.
     */
    HJ633_2026("HJ633-2026");

    /** 2026-03-01T00:00+08:00, the day HJ 633-2026 came into force. */
    public static final Instant HJ633_2026_IN_FORCE =
            OffsetDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();

    private final String code;

    AqiStandard(String code) {
        this.code = code;
    }

    /** The configuration value: {@code HJ633-2012} or {@code HJ633-2026}. */
    public String code() {
        return code;
    }

    /** The edition in force at {@code time}: 2026 from 2026-03-01T00:00+08:00 (inclusive), else 2012. */
    public static AqiStandard inForceAt(Instant time) {
        Objects.requireNonNull(time, "time");
        return time.isBefore(HJ633_2026_IN_FORCE) ? HJ633_2012 : HJ633_2026;
    }

    /**
     * Parses a configuration value ({@code HJ633-2012} or {@code HJ633-2026}; case, spaces and the dash are
     * ignored, so {@code "HJ 633-2026"} is accepted).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static AqiStandard fromCode(String code) {
        if (code != null) {
            String normalised = code.replace(" ", "").replace("_", "-").toUpperCase(java.util.Locale.ROOT);
            for (AqiStandard standard : values()) {
                if (standard.code.equals(normalised)) {
                    return standard;
                }
            }
        }
        throw new IllegalArgumentException("aqi_standard '" + code + "' is not one of HJ633-2012, HJ633-2026");
    }
}

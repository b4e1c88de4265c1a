package io.envmon.alerts.config;

import io.envmon.alerts.air.Gb3095Version;
import io.envmon.alerts.aqi.AqiStandard;
import io.envmon.alerts.aqi.HourlyAqi;
import java.time.Instant;

/**
 * Which editions of the standards apply: chosen by configuration, by default the one in force at the reading's time
 * (docs/alerts.md, docs/standards/README.md).
 *
 * @param aqi                {@code auto} (HJ 633 in force at the rated hour: {@link AqiStandard#inForceAt}),
 *                           {@code HJ633-2012} or {@code HJ633-2026}
 * @param gb3095             {@code auto} ({@link Gb3095Version#inForceAt}), {@code GB3095-2012},
 *                           {@code GB3095-2026-transitional} or {@code GB3095-2026-final}
 * @param particlesBasis2012 HJ 633-2012 real-time PM IAQI: {@code sliding24h} (Table 4 as written, the default) or
 *                           {@code 1h} (common library practice); see {@link HourlyAqi.ParticlesBasis2012}
 */
public record StandardsConfig(String aqi, String gb3095, String particlesBasis2012) {

    public StandardsConfig {
        ConfigChecks.present("aqi", aqi);
        ConfigChecks.present("gb3095", gb3095);
        ConfigChecks.present("particlesBasis2012", particlesBasis2012);
        if (!isAuto(aqi)) {
            try {
                AqiStandard.fromCode(aqi);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("aqi: '" + aqi + "' is not one of auto, HJ633-2012, HJ633-2026");
            }
        }
        if (!isAuto(gb3095) && gb3095Fixed(gb3095) == null) {
            throw new IllegalArgumentException("gb3095: '" + gb3095
                    + "' is not one of auto, GB3095-2012, GB3095-2026-transitional, GB3095-2026-final");
        }
        if (!particlesBasis2012.equals("sliding24h") && !particlesBasis2012.equals("1h")) {
            throw new IllegalArgumentException("particlesBasis2012: '" + particlesBasis2012
                    + "' is not one of sliding24h, 1h");
        }
    }

    public static StandardsConfig defaults() {
        return new StandardsConfig("auto", "auto", "sliding24h");
    }

    /** The HJ 633 edition that rates the period starting at {@code periodStart}. */
    public AqiStandard aqiAt(Instant periodStart) {
        return isAuto(aqi) ? AqiStandard.inForceAt(periodStart) : AqiStandard.fromCode(aqi);
    }

    /** The GB 3095 limit column for the period starting at {@code periodStart}. */
    public Gb3095Version gb3095At(Instant periodStart) {
        return isAuto(gb3095) ? Gb3095Version.inForceAt(periodStart) : gb3095Fixed(gb3095);
    }

    public HourlyAqi.ParticlesBasis2012 particles2012() {
        return particlesBasis2012.equals("1h") ? HourlyAqi.ParticlesBasis2012.ONE_HOUR
                : HourlyAqi.ParticlesBasis2012.SLIDING_24H_WHEN_GIVEN;
    }

    private static boolean isAuto(String v) {
        return v.trim().equalsIgnoreCase("auto");
    }

    private static Gb3095Version gb3095Fixed(String v) {
        for (Gb3095Version version : Gb3095Version.values()) {
            if (version.code().equalsIgnoreCase(v.trim())) {
                return version;
            }
        }
        return null;
    }
}

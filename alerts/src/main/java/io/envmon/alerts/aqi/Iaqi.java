package io.envmon.alerts.aqi;

import java.math.BigDecimal;

/**
 * The individual air quality index (空气质量分指数) of one {@link Pollutant} column: a {@link Value}, or
 * {@link NotComputed} where HJ 633-2012 says the column is not computed and names the column to use instead.
 */
public sealed interface Iaqi {

    Pollutant pollutant();

    /**
     * A sub-index.
     *
     * @param pollutant     the column rated
     * @param value         the IAQI, an integer rounded up (HJ 633-2012 §6.2, 2026 §4.2.6)
     * @param concentration the concentration rated: as given under 2012, GB/T 8170-rounded under 2026
     * @param basis         how the value was obtained
     */
    record Value(Pollutant pollutant, int value, BigDecimal concentration, Basis basis) implements Iaqi {
    }

    /** HJ 633-2012 notes (2) and (3): the column is not computed; {@code useInstead} is rated instead. */
    record NotComputed(Pollutant pollutant, Pollutant useInstead, String reason) implements Iaqi {
    }

    /** How a {@link Value} was obtained. */
    enum Basis {
        /** HJ 633 Eq. 1, rounded up. */
        INTERPOLATED,
        /** HJ 633-2026 notes: SO2 1-h &gt; 800 µg/m³ → 200; O3 8-h &gt; 800 µg/m³ → 300. */
        FIXED_BY_STANDARD,
        /** Above the column's top breakpoint; the standard defines nothing; local convention: 500. */
        CAPPED_AT_500
    }
}

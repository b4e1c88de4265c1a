package io.envmon.alerts.aqi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * The individual air quality index of one concentration (HJ 633-2012 §5.2 / HJ 633-2026 §4.2, Eq. 1):
 *
 * <pre>
 * IAQI_P = (IAQI_Hi − IAQI_Lo) / (BP_Hi − BP_Lo) × (C_P − BP_Lo) + IAQI_Lo        (Eq. 1)
 * </pre>
 *
 * <ul>
 *   <li><b>Rounding up.</b> The result is always rounded up to an integer ("全部进位取整数", 2012 §6.2;
 *       "向上进位取整", 2026 §4.2.6): a ceiling. The arithmetic is decimal ({@link BigDecimal}) so a value that is
 *       exactly an integer is not pushed up by binary noise.</li>
 *   <li><b>Input rounding (2026 only).</b> HJ 633-2026 §4.2.2: the concentration is first rounded per GB/T 8170
 *       ({@link Gbt8170}) to an integer µg/m³ (SO2, NO2, O3, PM10, PM2.5) or to 0.1 mg/m³ (CO). HJ 633-2012
 *       fixes no input rounding: the value is rated as given.</li>
 *   <li><b>Breakpoints.</b> A concentration exactly on a breakpoint gets that row's IAQI (the segments join).</li>
 *   <li><b>SO2 1-h &gt; 800 µg/m³</b> (Table 1/3 note 2): 2012 → {@link Iaqi.NotComputed} pointing to SO2_24H
 *       (report the SO2 IAQI from the 24-h mean); 2026 → IAQI 200.</li>
 *   <li><b>O3 8-h &gt; 800 µg/m³</b> (note 3): 2012 → {@link Iaqi.NotComputed} pointing to O3_1H; 2026 → IAQI 300.</li>
 *   <li><b>Above the top breakpoint</b> of the other columns the standard defines nothing; local convention
 *       (as the public libraries do): IAQI 500, marked {@link Iaqi.Basis#CAPPED_AT_500}.</li>
 *   <li>Negative, NaN or infinite concentrations are not measurements: {@link IllegalArgumentException}.</li>
 * </ul>
 *
 * <p>Pure and stateless.
 */
public final class IaqiCalculator {

    private IaqiCalculator() {
    }

    /** The IAQI of {@code concentration} (µg/m³; CO mg/m³) in column {@code pollutant} under {@code standard}. */
    public static Iaqi iaqi(Pollutant pollutant, double concentration, AqiStandard standard) {
        Objects.requireNonNull(pollutant, "pollutant");
        Objects.requireNonNull(standard, "standard");
        if (!Double.isFinite(concentration) || concentration < 0) {
            throw new IllegalArgumentException(
                    pollutant.label() + " concentration must be a finite number ≥ 0, not " + concentration);
        }
        BigDecimal c = standard == AqiStandard.HJ633_2026
                ? Gbt8170.round(concentration, pollutant.inputDecimals2026())
                : BigDecimal.valueOf(concentration);

        if (c.compareTo(pollutant.top(standard)) > 0) {
            return aboveTop(pollutant, c, standard);
        }
        return new Iaqi.Value(pollutant, interpolate(pollutant.breakpoints(standard), c), c, Iaqi.Basis.INTERPOLATED);
    }

    /** Eq. 1 on the segment holding {@code c} (BP_Lo ≤ c ≤ BP_Hi), rounded up. */
    static int interpolate(List<Breakpoint> table, BigDecimal c) {
        for (int i = 1; i < table.size(); i++) {
            Breakpoint hi = table.get(i);
            if (c.compareTo(hi.bp()) <= 0) {
                Breakpoint lo = table.get(i - 1);
                BigDecimal numerator = BigDecimal.valueOf(hi.iaqi() - lo.iaqi()).multiply(c.subtract(lo.bp()));
                BigDecimal step = numerator.divide(hi.bp().subtract(lo.bp()), 0, RoundingMode.CEILING);
                return lo.iaqi() + step.intValueExact();
            }
        }
        throw new IllegalStateException("concentration " + c + " above the table; checked by the caller");
    }

    private static Iaqi aboveTop(Pollutant pollutant, BigDecimal c, AqiStandard standard) {
        boolean y2012 = standard == AqiStandard.HJ633_2012;
        return switch (pollutant) {
            case SO2_1H -> y2012
                    ? new Iaqi.NotComputed(pollutant, Pollutant.SO2_24H,
                    "HJ 633-2012 Table 1 note (2): SO2 1-h mean " + c.toPlainString()
                            + " > 800 µg/m³, the 1-h IAQI is not computed; the SO2 IAQI comes from the 24-h mean")
                    : new Iaqi.Value(pollutant, 200, c, Iaqi.Basis.FIXED_BY_STANDARD);
            case O3_8H -> y2012
                    ? new Iaqi.NotComputed(pollutant, Pollutant.O3_1H,
                    "HJ 633-2012 Table 1 note (3): O3 8-h mean " + c.toPlainString()
                            + " > 800 µg/m³, the 8-h IAQI is not computed; the O3 IAQI comes from the 1-h mean")
                    : new Iaqi.Value(pollutant, 300, c, Iaqi.Basis.FIXED_BY_STANDARD);
            default -> new Iaqi.Value(pollutant, 500, c, Iaqi.Basis.CAPPED_AT_500);
        };
    }
}

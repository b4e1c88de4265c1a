package io.envmon.alerts.aqi;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * GB/T 8170-2008 数值修约 ("四舍六入五考虑"), as HJ 633-2026 §4.2.2 requires for AQI inputs.
 *
 * <p>The rule: when the first discarded digit is below 5, drop it; above 5, round up; exactly 5 followed by
 * non-zero digits, round up; exactly 5 followed by nothing (or only zeros), round to make the last kept digit
 * <b>even</b>. That is decimal round-half-to-even ({@link RoundingMode#HALF_EVEN}).
 *
 * <p>Decimal, not binary: the value is taken as its shortest decimal form ({@link BigDecimal#valueOf(double)}),
 * i.e. as the analyser or the mean printed it. So 2.45 rounds to 2.4 at one decimal, although the binary
 * double nearest 2.45 is 2.4500000000000001776… (which a binary-exact rounding would send to 2.5). Negative
 * values are rounded on their absolute value (GB/T 8170 §3.4), which HALF_EVEN does.
 */
public final class Gbt8170 {

    private Gbt8170() {
    }

    /** {@code value} rounded to {@code decimals} decimal places by GB/T 8170. */
    public static BigDecimal round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot round " + value);
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN);
    }
}

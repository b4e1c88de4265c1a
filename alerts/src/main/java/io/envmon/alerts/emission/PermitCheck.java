package io.envmon.alerts.emission;

import io.envmon.model.registry.Limit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Judges an outlet's hourly mean against its permit limit ({@link Limit}: an upper bound such as COD 50 mg/L, or
 * a range such as pH 6–9, GB 8978-1996 Table 4). Limits are inclusive: a value equal to the bound complies
 * ({@link Limit#isMet}).
 *
 * <ul>
 *   <li><b>Exceeded</b> when the limit is not met. Exceedance multiple 超标倍数 = (C − limit) / limit for an upper
 *       bound. A range (pH) gets no multiple, as pH gets none in the GB 3838 evaluation.</li>
 *   <li><b>Early warning</b> when compliant and the share of the limit is ≥ {@code earlyWarningShare} (default
 *       0.8: docs/alerts.md, {@code permit_limit}). Share = C / limit for an upper bound. For a range the share is the distance from
 *       the midpoint over the half-width (pH 6–9: pH 8.7 or 6.3 → 0.8), a local convention: "C / 9" would put
 *       neutral water (pH 7.2) at 80 %.</li>
 * </ul>
 */
public final class PermitCheck {

    /** Early warning at 80 % of the limit by default (docs/alerts.md, {@code permit_limit}). */
    public static final double DEFAULT_EARLY_WARNING_SHARE = 0.8;

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final double earlyWarningShare;

    public PermitCheck() {
        this(DEFAULT_EARLY_WARNING_SHARE);
    }

    /** @param earlyWarningShare in (0, 1] */
    public PermitCheck(double earlyWarningShare) {
        if (!(earlyWarningShare > 0 && earlyWarningShare <= 1)) {
            throw new IllegalArgumentException("early-warning share must be in (0, 1], not " + earlyWarningShare);
        }
        this.earlyWarningShare = earlyWarningShare;
    }

    /**
     * @throws IllegalArgumentException for a non-finite value, an upper bound ≤ 0, or a range with min ≥ max
     */
    public PermitResult check(double hourlyMean, Limit limit) {
        Objects.requireNonNull(limit, "limit");
        if (!Double.isFinite(hourlyMean)) {
            throw new IllegalArgumentException("hourly mean must be finite, not " + hourlyMean);
        }
        // decimal arithmetic: pH 8.7 in 6–9 is exactly 0.8 of the half-width, not 0.7999999999999998
        BigDecimal value = BigDecimal.valueOf(hourlyMean);
        BigDecimal max = BigDecimal.valueOf(limit.max());
        BigDecimal share;
        OptionalDouble multiple = OptionalDouble.empty();
        boolean exceeded = !limit.isMet(hourlyMean);
        if (limit.isRange()) {
            if (!(limit.min() < limit.max())) {
                throw new IllegalArgumentException("range limit " + limit + " needs min < max");
            }
            BigDecimal min = BigDecimal.valueOf(limit.min());
            BigDecimal mid = min.add(max).divide(TWO, MathContext.DECIMAL64);
            BigDecimal halfWidth = max.subtract(min).divide(TWO, MathContext.DECIMAL64);
            share = value.subtract(mid).abs().divide(halfWidth, MathContext.DECIMAL64);
        } else {
            if (!(limit.max() > 0)) {
                throw new IllegalArgumentException("upper-bound limit must be > 0, not " + limit.max());
            }
            share = value.divide(max, MathContext.DECIMAL64);
            if (exceeded) {
                multiple = OptionalDouble.of(value.subtract(max).divide(max, MathContext.DECIMAL64).doubleValue());
            }
        }
        PermitResult.Status status = exceeded ? PermitResult.Status.EXCEEDED
                : share.compareTo(BigDecimal.valueOf(earlyWarningShare)) >= 0 ? PermitResult.Status.EARLY_WARNING
                : PermitResult.Status.COMPLIANT;
        return new PermitResult(hourlyMean, limit, status, share.doubleValue(), multiple);
    }
}

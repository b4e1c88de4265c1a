package io.envmon.alerts.aqi;

import java.math.BigDecimal;

/**
 * One row of an HJ 633 breakpoint column: the concentration {@code bp} at which the sub-index reaches
 * {@code iaqi} (HJ 633-2012 Table 1; HJ 633-2026 Table 3). Concentrations are decimal, as printed in the
 * standard, so that interpolation and ceiling rounding are exact.
 */
public record Breakpoint(int iaqi, BigDecimal bp) {
}

/**
 * HJ 633 air quality index, 2012 and 2026 editions (standards.md §1): breakpoint tables as data
 * ({@link io.envmon.alerts.aqi.Pollutant}), Eq. 1 with ceiling rounding ({@link io.envmon.alerts.aqi.IaqiCalculator}),
 * categories and colours ({@link io.envmon.alerts.aqi.AqiCategory}), and the real-time and daily reports
 * ({@link io.envmon.alerts.aqi.HourlyAqi}, {@link io.envmon.alerts.aqi.DailyAqi}). Pure functions: no clock, no I/O;
 * pick the edition with {@link io.envmon.alerts.aqi.AqiStandard#inForceAt(java.time.Instant)} and pass it in.
 */
package io.envmon.alerts.aqi;

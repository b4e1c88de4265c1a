/**
 * GB 3095 ambient air limits (2012, 2026 transitional and final; standards.md §2.1) and the data-validity rules
 * of GB 3095 Table 4 (§2.2): 1-h means need ≥ 45 min of sampling, daily means ≥ 20 hourly means, O3 8-h means
 * ≥ 6 hourly means. Callers pass the window starts (Beijing-time hours and days); nothing reads the clock.
 */
package io.envmon.alerts.air;

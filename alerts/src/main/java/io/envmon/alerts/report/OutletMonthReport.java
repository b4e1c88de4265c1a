package io.envmon.alerts.report;

import java.util.List;

/**
 * An enterprise outlet's month (docs/api.md#reports): data transmission and validity (standards.md §9.8) and the
 * hours over its permit limits.
 *
 * @param expectedHours     closed hours of the period (up to {@code now})
 * @param receivedHours     hours with at least one stored reading
 * @param transmissionRate  receivedHours ÷ expectedHours (数据传输率), 4 decimals
 * @param validityRate      valid hourly values ÷ received hourly values of the assessed parameters (数据有效率)
 * @param effectiveRate     transmission × validity (数据传输有效率), 4 decimals
 * @param passes            effectiveRate ≥ the pass mark (config {@code reports.transmissionPassMark})
 * @param parameters        the assessed parameters: those the permit limits
 */
public record OutletMonthReport(String enterprise, String enterpriseName, String outlet, String outletName,
                                String type, String period, int expectedHours, int receivedHours,
                                double transmissionRate, double validityRate, double effectiveRate, boolean passes,
                                List<ParameterMonth> parameters) {

    public OutletMonthReport {
        parameters = List.copyOf(parameters);
    }

    /**
     * @param limit           the permit limit as written ({@code 30}, {@code 6-9})
     * @param validHours      hours with a valid hourly value (a wet-chemistry sample counts for the hours of its cycle)
     * @param exceedanceHours valid hours over the limit (the value judged: converted to the reference O2 where the
     *                        outlet has one, as the alerts judge it)
     * @param max             the largest judged hourly value, or null
     */
    public record ParameterMonth(String parameter, String limit, int validHours, int exceedanceHours, Double max) {
    }
}

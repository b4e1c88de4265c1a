package io.envmon.alerts.report;

import java.util.List;
import java.util.Map;

/**
 * A water section's class over a month against its target (GB 3838-2002 single-factor method on the month's mean
 * of each parameter; docs/api.md#reports).
 *
 * @param site        the section ID
 * @param name        its name
 * @param period      {@code 2026-11}
 * @param target      the target class ({@code III})
 * @param hours       closed hours with a record (any parameter)
 * @param means       per parameter, the mean of its valid hourly means in the month (4 decimals)
 * @param hoursByParameter per parameter, how many hourly means it is computed from
 * @param sectionClass the worst class of the evaluated parameters ({@code IV}, {@code 劣V}); null without any
 * @param meetsTarget  true when the class is not worse than the target; null without a class
 * @param deciding     the parameters whose class is the section class
 * @param exceedances  the parameters worse than the target class, with their multiples
 */
public record WaterMonthReport(String site, String name, String period, String target, int hours,
                               Map<String, Double> means, Map<String, Integer> hoursByParameter, String sectionClass,
                               Boolean meetsTarget, List<String> deciding, List<Exceedance> exceedances) {

    public WaterMonthReport {
        means = Map.copyOf(means);
        hoursByParameter = Map.copyOf(hoursByParameter);
        deciding = List.copyOf(deciding);
        exceedances = List.copyOf(exceedances);
    }

    /**
     * @param multiple 超标倍数 (C − limit) / limit against the target class, 2 decimals; null for pH and DO
     */
    public record Exceedance(String parameter, double value, String parameterClass, Double multiple) {
    }
}

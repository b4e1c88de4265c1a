package io.envmon.hj212.mapping;

/**
 * The statistics of one parameter over a minute, hour or day (hj212.md §4.2), in the contract's unit except
 * {@code cou}. {@code null} where the frame did not send a value.
 *
 * @param cou   the cumulative amount ({@code -Cou}) in the annex's cumulative unit as sent (kg for
 *              concentrations, m³ for flow, standards.md §5.1): a different quantity, so not converted
 * @param zsAvg the converted (折算, O2-referenced) mean, likewise {@code zsMin} and {@code zsMax}
 * @param flag  the contract's flag letter ({@link FlagMapping}); {@code N} when none was sent
 */
public record AggregateValues(Double avg, Double min, Double max, Double cou, Double zsAvg, Double zsMin,
                              Double zsMax, String flag) {
}

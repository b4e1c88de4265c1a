package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;

/**
 * Rule {@code integrity_copied_series}: an outlet's values identical, to the last digit and reading by reading, to
 * another outlet's (of the same or another enterprise) for several hours: one series copied into the other's data.
 * docs/alerts.md#integrity-rules.
 *
 * @param audience        {@code bureau}: the bureau only (default); {@code enterprise}: shared with it
 * @param minSamples      values a parameter needs in the hour for its series to be compared
 * @param minDistinct     distinct values it needs among them (a constant series, zeros, a stopped analyser: not)
 * @param minParameters   parameters that must be identical in the same hour (one shared by chance, the ambient
 *                        temperature of two cold flues, is not a copy)
 * @param hours           consecutive hours identical to the same other outlet (with the same shift) to raise
 * @param clearAfterHours consecutive compared hours without a copy that resolve the alert
 */
public record CopiedSeriesConfig(boolean enabled, Severity severity, String audience, int minSamples,
                                 int minDistinct, int minParameters, int hours, int clearAfterHours) {

    /** The rule's ID, in events. */
    public static final String RULE = "integrity_copied_series";

    public CopiedSeriesConfig {
        ConfigChecks.severity("severity", severity);
        ConfigChecks.audience("audience", audience);
        ConfigChecks.between("minSamples", minSamples, 2, 3600);
        ConfigChecks.between("minDistinct", minDistinct, 2, 3600);
        if (minDistinct > minSamples) {
            throw new IllegalArgumentException("minDistinct: must be ≤ minSamples (" + minSamples + "), not "
                    + minDistinct);
        }
        ConfigChecks.between("minParameters", minParameters, 1, 20);
        ConfigChecks.between("hours", hours, 1, 48);
        ConfigChecks.between("clearAfterHours", clearAfterHours, 1, 24);
    }

    public static CopiedSeriesConfig defaults() {
        return new CopiedSeriesConfig(true, Severity.WARNING, "bureau", 30, 5, 2, 3, 1);
    }

    /** How far before an observed hour the rule reads hourly records. */
    public int lookbackHours() {
        return hours;
    }
}

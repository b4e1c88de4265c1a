package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;

/**
 * Rule {@code integrity_dilution}: air let into a stack to bring its concentrations down. O2 rises well above the
 * outlet's own running level <b>and</b> the flow rises with it (more load gives more flue gas and less excess air;
 * less load, more excess air and less flow: only air let in raises both), at an hour when the concentration brought
 * back to the usual O2 (and to the permit's basis) is near or over the limit. docs/alerts.md#integrity-rules.
 *
 * @param audience          {@code bureau}: the bureau only (default); {@code enterprise}: shared with it
 * @param historyHours      the hours before the judged hour whose running hours (O2 under the suppression
 *                          threshold) give the outlet's usual O2 and flow (their medians)
 * @param minHistoryHours   running hours needed in that history, else the hour is not judged
 * @param o2RiseAtLeast     percentage points of O2 above the usual level
 * @param flowRatioAtLeast  the hour's flow at least this multiple of the usual flow
 * @param nearLimitShare    the undiluted value at least this share of the permit limit
 * @param hours             consecutive hours with the pattern needed to raise
 * @param clearAfterHours   consecutive hours without it that resolve the alert
 */
public record DilutionConfig(boolean enabled, Severity severity, String audience, int historyHours,
                             int minHistoryHours, double o2RiseAtLeast, double flowRatioAtLeast,
                             double nearLimitShare, int hours, int clearAfterHours) {

    /** The rule's ID, in events. */
    public static final String RULE = "integrity_dilution";

    public DilutionConfig {
        ConfigChecks.severity("severity", severity);
        ConfigChecks.audience("audience", audience);
        ConfigChecks.between("historyHours", historyHours, 6, 168);
        ConfigChecks.between("minHistoryHours", minHistoryHours, 3, 168);
        if (minHistoryHours > historyHours) {
            throw new IllegalArgumentException("minHistoryHours: must be ≤ historyHours (" + historyHours + "), not "
                    + minHistoryHours);
        }
        if (!(o2RiseAtLeast > 0 && o2RiseAtLeast < 21)) {
            throw new IllegalArgumentException("o2RiseAtLeast: must be > 0 and < 21 (percentage points), not "
                    + ConfigChecks.plain(o2RiseAtLeast));
        }
        if (!(flowRatioAtLeast >= 1 && flowRatioAtLeast <= 10)) {
            throw new IllegalArgumentException("flowRatioAtLeast: must be between 1 and 10, not "
                    + ConfigChecks.plain(flowRatioAtLeast));
        }
        ConfigChecks.share("nearLimitShare", nearLimitShare, 0, 2);
        ConfigChecks.between("hours", hours, 1, 24);
        ConfigChecks.between("clearAfterHours", clearAfterHours, 1, 24);
    }

    public static DilutionConfig defaults() {
        return new DilutionConfig(true, Severity.WARNING, "bureau", 48, 12, 3, 1.15, 0.9, 2, 2);
    }

    /** How far before an observed hour the rule reads hourly records. */
    public int lookbackHours() {
        return historyHours + hours;
    }
}

package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;

/**
 * Rule {@code permit_limit}: an outlet's hourly mean (stacks: converted to the outlet's reference O2) against its
 * permit limit. One alert per parameter that escalates from the early warning to the exceedance.
 *
 * @param earlyWarningShare   warning once the mean uses this share of the limit (80 % by default, docs/alerts.md)
 * @param clearAtOrBelowShare resolves once the mean is back at or below this share (below the early warning)
 * @param o2SuppressAt        O2 % at or above which a stack sample is not converted and not judged
 */
public record PermitConfig(boolean enabled, double earlyWarningShare, Severity earlyWarningSeverity,
                           Severity exceededSeverity, double clearAtOrBelowShare, double o2SuppressAt,
                           int raiseAfterHours, int clearAfterHours) {

    public PermitConfig {
        ConfigChecks.share("earlyWarningShare", earlyWarningShare, 0, 1);
        ConfigChecks.severity("earlyWarningSeverity", earlyWarningSeverity);
        ConfigChecks.severity("exceededSeverity", exceededSeverity);
        ConfigChecks.share("clearAtOrBelowShare", clearAtOrBelowShare, 0, 1);
        if (clearAtOrBelowShare >= earlyWarningShare) {
            throw new IllegalArgumentException("clearAtOrBelowShare: must be below earlyWarningShare ("
                    + ConfigChecks.plain(earlyWarningShare) + "), not " + ConfigChecks.plain(clearAtOrBelowShare));
        }
        ConfigChecks.share("o2SuppressAt", o2SuppressAt, 0, 21);
        ConfigChecks.between("raiseAfterHours", raiseAfterHours, 1, 24);
        ConfigChecks.between("clearAfterHours", clearAfterHours, 1, 24);
    }

    public static PermitConfig defaults() {
        return new PermitConfig(true, 0.8, Severity.WARNING, Severity.CRITICAL, 0.75, 19, 1, 1);
    }
}

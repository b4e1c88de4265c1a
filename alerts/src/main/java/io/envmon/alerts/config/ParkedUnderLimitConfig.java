package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;

/**
 * Rule {@code integrity_parked_under_limit}: an outlet's hourly values (stacks: at the reference O2, as the permit
 * judges them) held in a narrow band just under the permit limit, with much less hour-to-hour movement than the
 * outlet's own recent history, for many consecutive hours.
 *
 * @param audience          {@code bureau}: the bureau only (default); {@code enterprise}: shared with it
 * @param bandFromShare     the band is [this share of the limit, the limit): every hour of the run in it
 * @param hours             consecutive judged hours in the band (a missing hour breaks the run)
 * @param historyHours      the hours before the run whose movement the run is compared with
 * @param minHistoryHours   judged hours needed in that history; fewer: not judged (a new outlet, a long stop)
 * @param variabilityRatio  raised when the run's median hour-to-hour change is at most this share of the history's
 * @param clearAfterHours   consecutive hours outside the band that resolve it
 */
public record ParkedUnderLimitConfig(boolean enabled, Severity severity, String audience, double bandFromShare,
                                     int hours, int historyHours, int minHistoryHours, double variabilityRatio,
                                     int clearAfterHours) {

    /** The rule's ID, in events. */
    public static final String RULE = "integrity_parked_under_limit";

    public ParkedUnderLimitConfig {
        ConfigChecks.severity("severity", severity);
        ConfigChecks.audience("audience", audience);
        if (!(bandFromShare > 0 && bandFromShare < 1)) {
            throw new IllegalArgumentException("bandFromShare: must be > 0 and < 1, not "
                    + ConfigChecks.plain(bandFromShare));
        }
        ConfigChecks.between("hours", hours, 3, 168);
        ConfigChecks.between("historyHours", historyHours, 6, 168);
        ConfigChecks.between("minHistoryHours", minHistoryHours, 4, 168);
        if (minHistoryHours > historyHours) {
            throw new IllegalArgumentException("minHistoryHours: must be ≤ historyHours (" + historyHours + "), not "
                    + minHistoryHours);
        }
        if (!(variabilityRatio > 0 && variabilityRatio < 1)) {
            throw new IllegalArgumentException("variabilityRatio: must be > 0 and < 1, not "
                    + ConfigChecks.plain(variabilityRatio));
        }
        ConfigChecks.between("clearAfterHours", clearAfterHours, 1, 24);
    }

    public static ParkedUnderLimitConfig defaults() {
        return new ParkedUnderLimitConfig(true, Severity.WARNING, "bureau", 0.9, 12, 48, 24, 0.25, 2);
    }

    /** How far before an observed hour the rule reads hourly records. */
    public int lookbackHours() {
        return hours + historyHours;
    }
}

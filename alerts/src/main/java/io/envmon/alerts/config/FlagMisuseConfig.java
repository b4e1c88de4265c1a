package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;
import io.envmon.model.DataFlag;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rule {@code integrity_flag_misuse}: maintenance or calibration flags covering long or frequent periods of an
 * outlet's data (level 1), and worse (level 2) when they do so around high values, or when data go missing just
 * after an hour near the limit, more than once. docs/alerts.md#integrity-rules.
 *
 * @param severity            level 1: long or frequent flags
 * @param aroundHighSeverity  level 2: the same around high values, or data missing at high values
 * @param audience            {@code bureau}: the bureau only (default); {@code enterprise}: shared with it
 * @param flags               the HJ 212 letters that count (M maintenance, C calibration)
 * @param windowHours         the rolling window the flags are counted over, ending at the judged hour
 * @param flaggedHoursAtLeast flagged time in the window that is "long" (hours, the rows' share of each hour)
 * @param periodsAtLeast      separate flagged stretches in the window that are "frequent"
 * @param highShare           a value at or above this share of the permit limit is "high"
 * @param missingAtHighAtLeast gaps in a limited pollutant's data right after a high hour, in the window, for
 *                            level 2 on their own
 * @param clearAfterHours     consecutive hours without any of it that resolve the alert
 */
public record FlagMisuseConfig(boolean enabled, Severity severity, Severity aroundHighSeverity, String audience,
                               List<String> flags, int windowHours, double flaggedHoursAtLeast, int periodsAtLeast,
                               double highShare, int missingAtHighAtLeast, int clearAfterHours) {

    /** The rule's ID, in events. */
    public static final String RULE = "integrity_flag_misuse";

    public FlagMisuseConfig {
        ConfigChecks.severity("severity", severity);
        ConfigChecks.severity("aroundHighSeverity", aroundHighSeverity);
        ConfigChecks.audience("audience", audience);
        flags = ConfigChecks.list("flags", flags);
        if (flags.isEmpty()) {
            throw new IllegalArgumentException("flags: name at least one HJ 212 flag");
        }
        for (String f : flags) {
            if (!DataFlag.isKnown(f) || f.equals("N") || f.length() != 1) {
                throw new IllegalArgumentException("flags: '" + f + "' is not an HJ 212 flag other than N");
            }
        }
        ConfigChecks.between("windowHours", windowHours, 2, 168);
        if (!(flaggedHoursAtLeast > 0 && flaggedHoursAtLeast <= windowHours)) {
            throw new IllegalArgumentException("flaggedHoursAtLeast: must be > 0 and ≤ windowHours (" + windowHours
                    + "), not " + ConfigChecks.plain(flaggedHoursAtLeast));
        }
        ConfigChecks.between("periodsAtLeast", periodsAtLeast, 2, 1000);
        ConfigChecks.share("highShare", highShare, 0, 1);
        ConfigChecks.between("missingAtHighAtLeast", missingAtHighAtLeast, 1, 100);
        ConfigChecks.between("clearAfterHours", clearAfterHours, 1, 24);
    }

    public static FlagMisuseConfig defaults() {
        return new FlagMisuseConfig(true, Severity.WARNING, Severity.MAJOR, "bureau", List.of("M", "C"), 24, 6, 4,
                0.8, 2, 1);
    }

    /** The flag letters, as the hour evaluator compares them. */
    public Set<Character> letters() {
        return flags.stream().map(f -> f.charAt(0)).collect(Collectors.toUnmodifiableSet());
    }

    /** How far before an observed hour the rule reads hourly records. */
    public int lookbackHours() {
        return windowHours + 1;
    }
}

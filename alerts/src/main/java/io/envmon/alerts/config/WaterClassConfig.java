package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;
import io.envmon.alerts.water.SectionClassifier.LakeNitrogen;

/**
 * Rule {@code water_class}: a parameter's GB 3838 single-factor class (on its hourly mean) worse than the section's
 * target class. One alert per parameter; the message gives the section class (the worst parameter).
 *
 * @param severity            for classes worse than the target up to V
 * @param worseThanVSeverity  for 劣V
 * @param clearAtOrBelowShare resolves once the value uses at most this share of the target-class limit (upper
 *                            bound: value / limit; DO: limit / value; pH: distance from 7.5 over 1.5)
 * @param lakeTotalNitrogen   {@code separate} (the default, the 2011 evaluation method 环办〔2011〕22号): lake and
 *                            reservoir TN has its own alert but does not decide the section class; {@code inClass}:
 *                            TN is one more single factor of the class (GB 3838 §5.1 read alone)
 */
public record WaterClassConfig(boolean enabled, Severity severity, Severity worseThanVSeverity,
                               double clearAtOrBelowShare, int raiseAfterHours, int clearAfterHours,
                               String lakeTotalNitrogen) {

    private static final String SEPARATE = "separate";
    private static final String IN_CLASS = "inClass";

    public WaterClassConfig {
        ConfigChecks.severity("severity", severity);
        ConfigChecks.severity("worseThanVSeverity", worseThanVSeverity);
        ConfigChecks.share("clearAtOrBelowShare", clearAtOrBelowShare, 0, 1);
        ConfigChecks.between("raiseAfterHours", raiseAfterHours, 1, 24);
        ConfigChecks.between("clearAfterHours", clearAfterHours, 1, 24);
        ConfigChecks.present("lakeTotalNitrogen", lakeTotalNitrogen);
        if (!lakeTotalNitrogen.equals(SEPARATE) && !lakeTotalNitrogen.equals(IN_CLASS)) {
            throw new IllegalArgumentException("lakeTotalNitrogen: '" + lakeTotalNitrogen + "' is not one of "
                    + SEPARATE + ", " + IN_CLASS);
        }
    }

    public static WaterClassConfig defaults() {
        return new WaterClassConfig(true, Severity.MAJOR, Severity.CRITICAL, 0.95, 1, 2, SEPARATE);
    }

    /** {@link #lakeTotalNitrogen} for {@code SectionClassifier}. */
    public LakeNitrogen lakeNitrogen() {
        return lakeTotalNitrogen.equals(IN_CLASS) ? LakeNitrogen.IN_CLASS : LakeNitrogen.SEPARATE;
    }
}

package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;
import io.envmon.model.DataFlag;
import java.time.Duration;
import java.util.List;

/**
 * Rules {@code flag_fault} and {@code flag_maintenance}: a point's readings carry one of {@code flags} (on any
 * parameter) without a break for at least {@code minDuration}.
 */
public record FlagRuleConfig(boolean enabled, List<String> flags, Severity severity, Duration minDuration) {

    public FlagRuleConfig {
        flags = ConfigChecks.list("flags", flags);
        if (flags.isEmpty()) {
            throw new IllegalArgumentException("flags: name at least one HJ 212 flag");
        }
        for (String f : flags) {
            if (!DataFlag.isKnown(f) || f.equals("N")) {
                throw new IllegalArgumentException("flags: '" + f + "' is not an HJ 212 flag other than N");
            }
        }
        ConfigChecks.severity("severity", severity);
        ConfigChecks.positive("minDuration", minDuration);
    }

    public static FlagRuleConfig faultDefaults() {
        return new FlagRuleConfig(true, List.of("D", "B"), Severity.WARNING, Duration.ofMinutes(30));
    }

    public static FlagRuleConfig maintenanceDefaults() {
        return new FlagRuleConfig(true, List.of("M", "C"), Severity.INFO, Duration.ofHours(2));
    }
}

package io.envmon.alerts.config;

/**
 * The data-integrity rules (docs/alerts.md#integrity-rules): patterns of failing or falsified monitoring data at enterprise outlets,
 * for the bureau's inspectors. Each has its own {@code audience} (default {@code bureau}: the bureau only).
 */
public record IntegrityConfig(ParkedUnderLimitConfig parkedUnderLimit,
                              ImpossibleCombinationConfig impossibleCombination) {

    public IntegrityConfig {
        ConfigChecks.present("parkedUnderLimit", parkedUnderLimit);
        ConfigChecks.present("impossibleCombination", impossibleCombination);
    }

    public static IntegrityConfig defaults() {
        return new IntegrityConfig(ParkedUnderLimitConfig.defaults(), ImpossibleCombinationConfig.defaults());
    }

    /** How far before an observed hour the enabled integrity rules read hourly records (0: none enabled). */
    public int lookbackHours() {
        return Math.max(parkedUnderLimit.enabled() ? parkedUnderLimit.lookbackHours() : 0,
                impossibleCombination.enabled() ? impossibleCombination.lookbackHours() : 0);
    }

    /** True when {@code ruleId} is an integrity rule whose {@code audience} is {@code bureau}. */
    public boolean bureauOnly(String ruleId) {
        String audience = switch (ruleId) {
            case ParkedUnderLimitConfig.RULE -> parkedUnderLimit.audience();
            case ImpossibleCombinationConfig.RULE -> impossibleCombination.audience();
            default -> "enterprise";
        };
        return audience.equals("bureau");
    }
}

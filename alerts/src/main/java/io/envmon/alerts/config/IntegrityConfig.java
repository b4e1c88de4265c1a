package io.envmon.alerts.config;

/**
 * The data-integrity rules (issue 17): patterns of failing or falsified monitoring data at enterprise outlets,
 * for the bureau's inspectors. Each has its own {@link Audience} (default: the bureau only).
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

    /** The audience of a rule by its ID, empty for a rule that is not an integrity rule. */
    public java.util.Optional<Audience> audienceOf(String ruleId) {
        return switch (ruleId) {
            case ParkedUnderLimitConfig.RULE -> java.util.Optional.of(parkedUnderLimit.audience());
            case ImpossibleCombinationConfig.RULE -> java.util.Optional.of(impossibleCombination.audience());
            default -> java.util.Optional.empty();
        };
    }
}

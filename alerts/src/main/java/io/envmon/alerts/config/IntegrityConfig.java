package io.envmon.alerts.config;

/**
 * The data-integrity rules: patterns of failing or falsified monitoring data at enterprise outlets, for the
 * bureau's inspectors (docs/alerts.md#integrity-rules). Each has its own {@code audience} (default {@code bureau}:
 * the bureau only).
 */
public record IntegrityConfig(ParkedUnderLimitConfig parkedUnderLimit,
                              ImpossibleCombinationConfig impossibleCombination, DilutionConfig dilution,
                              CopiedSeriesConfig copiedSeries, FlagMisuseConfig flagMisuse) {

    public IntegrityConfig {
        ConfigChecks.present("parkedUnderLimit", parkedUnderLimit);
        ConfigChecks.present("impossibleCombination", impossibleCombination);
        ConfigChecks.present("dilution", dilution);
        ConfigChecks.present("copiedSeries", copiedSeries);
        ConfigChecks.present("flagMisuse", flagMisuse);
    }

    public static IntegrityConfig defaults() {
        return new IntegrityConfig(ParkedUnderLimitConfig.defaults(), ImpossibleCombinationConfig.defaults(),
                DilutionConfig.defaults(), CopiedSeriesConfig.defaults(), FlagMisuseConfig.defaults());
    }

    /** How far before an observed hour the enabled integrity rules read hourly records (0: none enabled). */
    public int lookbackHours() {
        int max = parkedUnderLimit.enabled() ? parkedUnderLimit.lookbackHours() : 0;
        max = Math.max(max, impossibleCombination.enabled() ? impossibleCombination.lookbackHours() : 0);
        max = Math.max(max, dilution.enabled() ? dilution.lookbackHours() : 0);
        max = Math.max(max, copiedSeries.enabled() ? copiedSeries.lookbackHours() : 0);
        return Math.max(max, flagMisuse.enabled() ? flagMisuse.lookbackHours() : 0);
    }

    /** True when {@code ruleId} is an integrity rule whose {@code audience} is {@code bureau}. */
    public boolean bureauOnly(String ruleId) {
        String audience = switch (ruleId) {
            case ParkedUnderLimitConfig.RULE -> parkedUnderLimit.audience();
            case ImpossibleCombinationConfig.RULE -> impossibleCombination.audience();
            case DilutionConfig.RULE -> dilution.audience();
            case CopiedSeriesConfig.RULE -> copiedSeries.audience();
            case FlagMisuseConfig.RULE -> flagMisuse.audience();
            default -> "enterprise";
        };
        return audience.equals("bureau");
    }

    /** The IDs of the integrity rules, in events. */
    public static java.util.List<String> ruleIds() {
        return java.util.List.of(ParkedUnderLimitConfig.RULE, ImpossibleCombinationConfig.RULE, DilutionConfig.RULE,
                CopiedSeriesConfig.RULE, FlagMisuseConfig.RULE);
    }
}

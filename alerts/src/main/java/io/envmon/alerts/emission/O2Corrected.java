package io.envmon.alerts.emission;

import java.util.OptionalDouble;

/**
 * The outcome of converting a stack concentration to its reference O2 (折算浓度): {@link Corrected},
 * {@link NotRequired} (the outlet has no reference O2: the measured value is judged) or {@link Suppressed}
 * (O2 too close to 21 %: no value to judge, flag the period instead of alarming).
 */
public sealed interface O2Corrected {

    /** The value to judge against the limit; empty when suppressed. */
    OptionalDouble judgedValue();

    /** True when the result must not be used for alarms and should be flagged. */
    default boolean suppressed() {
        return this instanceof Suppressed;
    }

    /** {@code value = measured × factor}, factor = (21 − O2ref) / (21 − O2). */
    record Corrected(double value, double measured, double o2, double referenceO2, double factor)
            implements O2Corrected {
        @Override
        public OptionalDouble judgedValue() {
            return OptionalDouble.of(value);
        }
    }

    /** No reference O2 applies (e.g. other foundry processes, GB 39726): the measured value is judged as is. */
    record NotRequired(double measured) implements O2Corrected {
        @Override
        public OptionalDouble judgedValue() {
            return OptionalDouble.of(measured);
        }
    }

    /** Not corrected: O2 at or above the suppression threshold. {@code reason} says so in words. */
    record Suppressed(double measured, double o2, double threshold, String reason) implements O2Corrected {
        @Override
        public OptionalDouble judgedValue() {
            return OptionalDouble.empty();
        }
    }
}

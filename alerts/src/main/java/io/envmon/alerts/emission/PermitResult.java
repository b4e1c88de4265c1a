package io.envmon.alerts.emission;

import io.envmon.model.registry.Limit;
import java.util.OptionalDouble;

/**
 * An hourly mean judged against a permit limit by {@link PermitCheck}.
 *
 * @param value    the hourly mean judged (O2-corrected where the outlet has a reference O2)
 * @param limit    the permit limit
 * @param status   compliant, early warning (share ≥ the configured share) or exceeded
 * @param share    how much of the limit is used: value / max for an upper bound; for a range, the distance from the
 *                 range's midpoint as a share of the half-width (0 at the midpoint, 1 at either bound)
 * @param multiple 超标倍数 (value − max) / max when an upper bound is exceeded; empty when compliant and for ranges
 */
public record PermitResult(double value, Limit limit, Status status, double share, OptionalDouble multiple) {

    public enum Status {
        COMPLIANT,
        EARLY_WARNING,
        EXCEEDED
    }

    public boolean exceeded() {
        return status == Status.EXCEEDED;
    }
}

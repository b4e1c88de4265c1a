package io.envmon.model.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * A permit limit on an hourly mean: an upper bound ({@code cod: 50}) or a range ({@code ph: [6, 9]}).
 * {@code min} is {@code null} for an upper bound.
 */
public record Limit(Double min, double max) {

    public static Limit upTo(double max) {
        return new Limit(null, max);
    }

    public static Limit range(double min, double max) {
        return new Limit(min, max);
    }

    public boolean isRange() {
        return min != null;
    }

    public boolean isMet(double value) {
        return value <= max && (min == null || value >= min);
    }

    @JsonCreator
    static Limit fromYaml(Object value) {
        if (value instanceof Number number) {
            return upTo(number.doubleValue());
        }
        if (value instanceof List<?> list && list.size() == 2
                && list.get(0) instanceof Number lo && list.get(1) instanceof Number hi) {
            if (lo.doubleValue() > hi.doubleValue()) {
                throw new IllegalArgumentException("range [" + lo + ", " + hi + "] has its bounds reversed");
            }
            return range(lo.doubleValue(), hi.doubleValue());
        }
        throw new IllegalArgumentException("a limit is a number (upper bound) or [min, max], not " + value);
    }

    @JsonValue
    Object toYaml() {
        return isRange() ? List.of(min, max) : max;
    }
}

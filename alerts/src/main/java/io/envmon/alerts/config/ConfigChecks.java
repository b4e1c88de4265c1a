package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Validation for the config records' constructors. Each failure is an {@link IllegalArgumentException} whose
 * message starts with the key ({@code "clearAfterHours: must be ≥ 1, not 0"}); the parser prefixes the path.
 */
final class ConfigChecks {

    private ConfigChecks() {
    }

    static <T> T present(String key, T value) {
        if (value == null) {
            throw new IllegalArgumentException(key + ": is missing");
        }
        return value;
    }

    static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + ": must be ≥ " + min + ", not " + value);
        }
        return value;
    }

    static int between(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + ": must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** {@code lowExclusive < value ≤ high}. */
    static double share(String key, double value, double lowExclusive, double high) {
        if (!(value > lowExclusive && value <= high)) {
            throw new IllegalArgumentException(key + ": must be > " + plain(lowExclusive) + " and ≤ " + plain(high)
                    + ", not " + plain(value));
        }
        return value;
    }

    static Duration positive(String key, Duration value) {
        present(key, value);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + ": must be a positive duration, not " + DurationText.format(value));
        }
        return value;
    }

    static Severity severity(String key, Severity value) {
        return present(key, value);
    }

    static <T> List<T> list(String key, List<T> value) {
        present(key, value);
        for (T v : value) {
            if (v == null) {
                throw new IllegalArgumentException(key + ": has an empty entry");
            }
        }
        return List.copyOf(value);
    }

    static <K, V> Map<K, V> map(String key, Map<K, V> value) {
        present(key, value);
        value.forEach((k, v) -> {
            if (v == null) {
                throw new IllegalArgumentException(key + "." + k + ": is missing");
            }
        });
        return Map.copyOf(value);
    }

    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}

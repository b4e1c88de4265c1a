package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;
import io.envmon.model.Durations;
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
            throw new IllegalArgumentException(key + ": must be a positive duration, not " + Durations.format(value));
        }
        return value;
    }

    static Severity severity(String key, Severity value) {
        return present(key, value);
    }

    /**
     * Who may see a rule's alerts (docs/alerts.md#integrity-rules): {@code bureau} (the bureau only, never the enterprise the alert is
     * about) or {@code enterprise} (the bureau and that enterprise).
     */
    static String audience(String key, String value) {
        present(key, value);
        if (!value.equals("bureau") && !value.equals("enterprise")) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not one of bureau, enterprise");
        }
        return value;
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

    /**
     * A duration per parameter per point type ({@code air}, {@code water}, {@code stack}, {@code wastewater}):
     * every type and parameter known, every duration between {@code min} and {@code max}; returned sorted by
     * parameter, immutable.
     */
    static Map<String, Map<String, Duration>> durationsByParameter(String key, Map<String, Map<String, Duration>> value,
                                                                  Duration min, Duration max) {
        Map<String, Map<String, Duration>> copy = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Duration>> byType : map(key, value).entrySet()) {
            io.envmon.model.PointType type = java.util.Arrays.stream(io.envmon.model.PointType.values())
                    .filter(t -> t.registryName().equals(byType.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(key + "." + byType.getKey()
                            + ": not a point type (air, water, stack, wastewater)"));
            Map<String, Duration> params = map(key + "." + byType.getKey(), byType.getValue());
            for (Map.Entry<String, Duration> p : params.entrySet()) {
                String at = key + "." + byType.getKey() + "." + p.getKey();
                if (io.envmon.model.ParameterCatalog.find(type, p.getKey()).isEmpty()) {
                    throw new IllegalArgumentException(at + ": not a parameter of " + byType.getKey() + " ("
                            + String.join(", ", io.envmon.model.ParameterCatalog.of(type).keySet()) + ")");
                }
                present(at, p.getValue());
                if (p.getValue().compareTo(min) < 0 || p.getValue().compareTo(max) > 0) {
                    throw new IllegalArgumentException(at + ": must be between " + Durations.format(min) + " and "
                            + Durations.format(max) + ", not " + Durations.format(p.getValue()));
                }
            }
            copy.put(byType.getKey(), java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params)));
        }
        return java.util.Collections.unmodifiableMap(copy);
    }
}

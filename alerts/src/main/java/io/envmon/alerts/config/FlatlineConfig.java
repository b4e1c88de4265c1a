package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;
import io.envmon.model.PointType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rule {@code flatline}: one parameter repeats exactly the same value (readings flagged N only) for at least its
 * duration and at least {@code minReadings} readings: a stuck analyser or a frozen data logger.
 *
 * @param ignoreZero  a run of exact zeros is not flagged (SO2 below detection at a gas-fired boiler, no discharge)
 * @param minDuration per point type ({@code air}, {@code water}, {@code stack}, {@code wastewater}): parameter →
 *                    duration; parameters not listed (or {@code 0s}) are not checked. Meteorological values
 *                    (wind_dir in calm air, humidity at 100 %) and O2/flow/temp are legitimately constant and not
 *                    listed by default; wet-chemistry analysers (CODMn, NH3-N, TP, TN, COD) measure every 1–4 h and
 *                    repeat the value in between, hence 12 h.
 */
public record FlatlineConfig(boolean enabled, Severity severity, int minReadings, boolean ignoreZero,
                             Map<String, Map<String, Duration>> minDuration) {

    public FlatlineConfig {
        ConfigChecks.severity("severity", severity);
        ConfigChecks.between("minReadings", minReadings, 2, 100_000);
        minDuration = ConfigChecks.durationsByParameter("minDuration", minDuration, Duration.ZERO,
                Duration.ofDays(366));
    }

    public static FlatlineConfig defaults() {
        Duration h2 = Duration.ofHours(2);
        Duration h6 = Duration.ofHours(6);
        Duration h12 = Duration.ofHours(12);
        return new FlatlineConfig(true, Severity.WARNING, 3, true, Map.of(
                "air", Map.of("pm25", h2, "pm10", h2, "so2", h2, "no2", h2, "co", h2, "o3", h2),
                "water", Map.of("ph", h6, "do", h6, "conductivity", h6, "turbidity", h6,
                        "codmn", h12, "cod", h12, "nh3n", h12, "tp", h12, "tn", h12),
                "stack", Map.of("particulate", h2, "so2", h2, "nox", h2),
                "wastewater", Map.of("cod", h12, "nh3n", h12, "tp", h12, "tn", h12, "ph", h6)));
    }

    /** The duration for a parameter of a point type, empty when it is not checked. */
    public Optional<Duration> durationFor(PointType type, String parameter) {
        Duration d = minDuration.getOrDefault(type.registryName(), Map.of()).get(parameter);
        return d == null || d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /** The parameters checked for a point type. */
    public Map<String, Duration> parametersOf(PointType type) {
        Map<String, Duration> out = new LinkedHashMap<>();
        minDuration.getOrDefault(type.registryName(), Map.of()).forEach((p, d) -> {
            if (!d.isZero()) {
                out.put(p, d);
            }
        });
        return out;
    }
}

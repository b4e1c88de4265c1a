package io.envmon.alerts.aqi;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Eq. 2 (AQI = max IAQI), the primary pollutant rule and the HJ 633-2026 §5.3 completeness rule, shared by
 * {@link HourlyAqi} and {@link DailyAqi}.
 */
final class AqiAggregation {

    private AqiAggregation() {
    }

    static AqiResult combine(AqiStandard standard, AqiResult.Report report, Map<Pollutant, Iaqi> rated,
                             Set<Pollutant> missing, List<String> notesSoFar) {
        Map<Pollutant, Iaqi> subIndices = new EnumMap<>(rated);
        List<String> notes = new ArrayList<>(notesSoFar);
        OptionalInt max = subIndices.values().stream()
                .filter(Iaqi.Value.class::isInstance)
                .mapToInt(i -> ((Iaqi.Value) i).value())
                .max();
        String missingLabels = missing.stream().sorted().map(Pollutant::label).collect(Collectors.joining(", "));
        if (max.isEmpty()) {
            notes.add("no pollutant could be rated: AQI not available");
            return na(standard, report, subIndices, missing, notes);
        }
        int aqi = max.getAsInt();
        if (!missing.isEmpty()) {
            if (standard == AqiStandard.HJ633_2026 && aqi <= 100) {
                notes.add("HJ 633-2026 §5.3: " + missingLabels + " missing and the AQI of the others is " + aqi
                        + " (≤ 100): AQI published as NA, the IAQIs only");
                return na(standard, report, subIndices, missing, notes);
            }
            notes.add(standard == AqiStandard.HJ633_2026
                    ? "HJ 633-2026 §5.3: " + missingLabels + " missing; AQI " + aqi + " > 100 from the others is published"
                    : "HJ 633-2012 has no completeness rule: AQI from the rated pollutants only (" + missingLabels
                    + " missing)");
        }
        List<Pollutant> primary = new ArrayList<>();
        if (aqi > 50) {
            subIndices.forEach((p, i) -> {
                if (i instanceof Iaqi.Value v && v.value() == aqi) {
                    primary.add(p);
                }
            });
        }
        int published = aqi;
        if (standard == AqiStandard.HJ633_2026 && aqi == 0) {
            published = 1;
            notes.add("HJ 633-2026 gives the AQI range as 1–500: every IAQI is 0, AQI reported as 1");
        }
        return new AqiResult(standard, report, OptionalInt.of(published), Optional.of(AqiCategory.of(published)),
                primary, subIndices, missing, notes);
    }

    private static AqiResult na(AqiStandard standard, AqiResult.Report report, Map<Pollutant, Iaqi> subIndices,
                                Set<Pollutant> missing, List<String> notes) {
        return new AqiResult(standard, report, OptionalInt.empty(), Optional.empty(), List.of(), subIndices, missing,
                notes);
    }
}

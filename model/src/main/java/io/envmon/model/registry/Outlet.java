package io.envmon.model.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.envmon.model.PointType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One monitored outlet of an enterprise: a stack (flue gas) or a wastewater outlet.
 *
 * @param referenceO2 reference O2 in % for converting stack concentrations (GB 13271, GB 39726), or {@code null}
 *                    where the measured value is judged
 * @param limits      permit limits on hourly means, by canonical parameter
 * @param hj212       optional per-device HJ 212 settings (needs {@code mn}), or {@code null}
 * @param alphaRef    reference excess-air coefficient α (GB 9078-1996, GB 29620-2013: 1.7) for stacks whose standard
 *                    converts by α rather than by a reference O2; exclusive with {@code referenceO2}
 * @param o2SuppressAt O2 % at or above which this stack's samples are not converted nor judged, or {@code null} for
 *                    the alert rules' {@code permit.o2SuppressAt} (kilns run at high O2: set it above their normal
 *                    operation)
 * @param analyserCycleSeconds per parameter, the analyser's measuring cycle when it is longer than the point's
 *                    reporting interval (wet-chemistry COD, NH3-N, TP, TN: 1-4 h), overriding the alert rules'
 *                    default for the point type
 */
public record Outlet(String id, String name, String type, Double referenceO2, String mn, Map<String, Limit> limits,
                     Integer expectedIntervalSeconds, Hj212Options hj212, Double alphaRef, Double o2SuppressAt,
                     Map<String, Integer> analyserCycleSeconds) {

    public Outlet {
        // insertion order kept, so a registry written back out lists limits as the file did
        limits = limits == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(limits));
        analyserCycleSeconds = analyserCycleSeconds == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(analyserCycleSeconds));
    }

    /** Without HJ 212 settings. */
    public Outlet(String id, String name, String type, Double referenceO2, String mn, Map<String, Limit> limits,
                  Integer expectedIntervalSeconds) {
        this(id, name, type, referenceO2, mn, limits, expectedIntervalSeconds, null);
    }

    /** With the reference O2 basis only (no excess-air basis, default suppression, default analyser cycles). */
    public Outlet(String id, String name, String type, Double referenceO2, String mn, Map<String, Limit> limits,
                  Integer expectedIntervalSeconds, Hj212Options hj212) {
        this(id, name, type, referenceO2, mn, limits, expectedIntervalSeconds, hj212, null, null, null);
    }

    /**
     * The O2 % this stack's concentrations are converted to: {@code referenceO2}, or the O2 equivalent of
     * {@code alphaRef} (21 − 21 / α: the same factor, since α = 21 / (21 − O2)); {@code null} when none.
     */
    @JsonIgnore
    public Double conversionO2() {
        if (alphaRef != null) {
            return 21 - 21 / alphaRef;
        }
        return referenceO2;
    }

    public PointType pointType() {
        return PointType.ofOutletType(type);
    }
}

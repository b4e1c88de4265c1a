package io.envmon.model.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optional per-device HJ 212 settings of a station, section or outlet that has an {@code mn} (an envmon extension
 * of CONTRACT §6, docs/registry.md). Every field is optional.
 *
 * @param password the device's {@code PW}: when set, frames whose PW differs are refused ({@code unknown_site}) and
 *                 not answered; when {@code null}, any PW is accepted
 * @param units    what the device sends where it differs from the units envmon assumes, keyed by HJ 212 code or
 *                 canonical parameter ({@code {a34004: ng/m3}}); checked against the code tables at service start
 * @param timeZone the zone of the device's clock ({@code DataTime}); {@code null} means the service's
 *                 {@code ENVMON_HJ212_TIME_ZONE} (default Asia/Shanghai)
 */
public record Hj212Options(String password, Map<String, String> units, String timeZone) {

    public Hj212Options {
        units = units == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(units));
    }
}

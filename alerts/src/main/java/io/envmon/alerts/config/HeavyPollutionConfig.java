package io.envmon.alerts.config;

import io.envmon.alerts.event.Severity;
import io.envmon.model.SiteIds;
import java.util.List;

/**
 * Rule {@code heavy_pollution}: the district's observed heavy-pollution episode on the 2018 yellow/orange/red
 * criteria (环办大气函〔2018〕875号, standards.md §3), on the district's rolling 24-h AQI.
 *
 * @param site            the alert's site ID (kind {@code air}); topic {@code {root}/alerts/air/{site}}
 * @param name            the district's name in messages
 * @param stations        the air stations averaged; empty means all stations of the registry
 * @param minStations     how many stations need a valid 24-h PM2.5 mean for a district value
 * @param clearAfterHours resolves after this many consecutive hours with no criterion met and the rolling AQI
 *                        ≤ 200 (the 2024 lifting rule: below the yellow criterion for 36 h)
 */
public record HeavyPollutionConfig(boolean enabled, String site, String name, Severity severity,
                                   List<String> stations, int minStations, int clearAfterHours) {

    public HeavyPollutionConfig {
        ConfigChecks.present("site", site);
        if (!SiteIds.isValid(site)) {
            throw new IllegalArgumentException("site: '" + site + "' does not match ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
        }
        ConfigChecks.present("name", name);
        ConfigChecks.severity("severity", severity);
        stations = ConfigChecks.list("stations", stations);
        ConfigChecks.atLeast("minStations", minStations, 1);
        ConfigChecks.between("clearAfterHours", clearAfterHours, 1, 96);
    }

    public static HeavyPollutionConfig defaults() {
        return new HeavyPollutionConfig(true, "district", "太谷区", Severity.INFO, List.of(), 1, 36);
    }
}

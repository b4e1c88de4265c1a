package io.envmon.alerts.rules;

import io.envmon.alerts.config.HeavyPollutionConfig;
import io.envmon.alerts.config.StandardsConfig;
import io.envmon.alerts.window.HourRecord;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;

/**
 * What the district rule sees: the evaluated hours of every station it averages.
 *
 * @param replayStart the start of the replayed range (from the newest station reading)
 * @param observeFrom observations start here ({@code clearAfterHours} before {@code replayStart}, to warm up the
 *                    clear count)
 * @param closedUpTo  hours starting before this have been evaluated at one station at least
 * @param days        the daily AQI of the windows computed in earlier runs, kept up to date by the engine
 */
public record DistrictView(HeavyPollutionConfig config, StandardsConfig standards,
                           Map<String, NavigableMap<Instant, HourRecord>> stations, Instant replayStart,
                           Instant observeFrom, Instant closedUpTo, DistrictDays days) {

    /** A view with nothing known from earlier runs. */
    public DistrictView(HeavyPollutionConfig config, StandardsConfig standards,
                        Map<String, NavigableMap<Instant, HourRecord>> stations, Instant replayStart,
                        Instant observeFrom, Instant closedUpTo) {
        this(config, standards, stations, replayStart, observeFrom, closedUpTo, new DistrictDays());
    }
}

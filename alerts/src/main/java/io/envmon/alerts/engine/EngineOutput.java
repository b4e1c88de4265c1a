package io.envmon.alerts.engine;

import io.envmon.alerts.event.AlertEvent;
import java.util.List;

/**
 * What one call of the engine produced, for the caller to publish and store (in this order: nothing here has been
 * sent anywhere).
 *
 * @param events     alert events (CONTRACT §5), each alert's in the order they happened: publish to
 *                   {@code {root}/alerts/{kind}/{site}}, write to the {@code alert} measurement, notify webhooks
 * @param hourlyAqi  hourly AQI records to write to {@code air_hourly} (CONTRACT §4); a re-evaluated hour gives the
 *                   same station and timestamp again, which overwrites the point
 * @param faults     rules that threw, isolated and counted; the other rules ran
 * @param skipped    readings not taken into the windows, with the reason
 * @param reloads    points whose stored readings the engine needs to take a late reading in: answer each with
 *                   {@link AlertEngine#onReload} (or {@link AlertEngine#reloadFailed})
 * @param dailyAqi   daily AQI records to write to {@code air_daily}: a station's once its natural day (Beijing time)
 *                   is closed, the district's once every district station has closed it (or the grace passed), and
 *                   again whenever late data change them (the same station and day overwrite the point)
 * @param pointHours the hourly means of water sections and enterprise outlets, to write to {@code water_hourly} and
 *                   {@code emission_hourly} (again when re-evaluated)
 */
public record EngineOutput(List<AlertEvent> events, List<HourlyAqiRecord> hourlyAqi, List<RuleFault> faults,
                           List<SkippedReading> skipped, List<ReloadRequest> reloads, List<DailyAqiRecord> dailyAqi,
                           List<PointHourRecord> pointHours) {

    public static final EngineOutput EMPTY = new EngineOutput(List.of(), List.of(), List.of(), List.of(), List.of());

    public EngineOutput {
        events = List.copyOf(events);
        hourlyAqi = List.copyOf(hourlyAqi);
        faults = List.copyOf(faults);
        skipped = List.copyOf(skipped);
        reloads = List.copyOf(reloads);
        dailyAqi = List.copyOf(dailyAqi);
        pointHours = List.copyOf(pointHours);
    }

    public EngineOutput(List<AlertEvent> events, List<HourlyAqiRecord> hourlyAqi, List<RuleFault> faults,
                        List<SkippedReading> skipped, List<ReloadRequest> reloads) {
        this(events, hourlyAqi, faults, skipped, reloads, List.of(), List.of());
    }

    public EngineOutput(List<AlertEvent> events, List<HourlyAqiRecord> hourlyAqi, List<RuleFault> faults,
                        List<SkippedReading> skipped) {
        this(events, hourlyAqi, faults, skipped, List.of());
    }

    public boolean isEmpty() {
        return events.isEmpty() && hourlyAqi.isEmpty() && faults.isEmpty() && skipped.isEmpty() && reloads.isEmpty()
                && dailyAqi.isEmpty() && pointHours.isEmpty();
    }
}

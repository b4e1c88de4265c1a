package io.envmon.alerts.engine;

import io.envmon.alerts.event.AlertEvent;
import java.util.ArrayList;
import java.util.List;

/** Collects what one engine call produces. */
final class Output {

    final List<AlertEvent> events = new ArrayList<>();
    final List<HourlyAqiRecord> records = new ArrayList<>();
    final List<RuleFault> faults = new ArrayList<>();
    final List<SkippedReading> skipped = new ArrayList<>();
    final List<ReloadRequest> reloads = new ArrayList<>();
    final List<DailyAqiRecord> daily = new ArrayList<>();
    final List<PointHourRecord> pointHours = new ArrayList<>();

    /** Empties it for the next call (the engine reuses one for readings: nothing is kept after {@link #build}). */
    Output reset() {
        events.clear();
        records.clear();
        faults.clear();
        skipped.clear();
        reloads.clear();
        daily.clear();
        pointHours.clear();
        return this;
    }

    EngineOutput build() {
        if (events.isEmpty() && records.isEmpty() && faults.isEmpty() && skipped.isEmpty() && reloads.isEmpty()
                && daily.isEmpty() && pointHours.isEmpty()) {
            return EngineOutput.EMPTY;
        }
        return new EngineOutput(events, records, faults, skipped, reloads, daily, pointHours);
    }
}

package io.envmon.alerts.engine;

import io.envmon.alerts.rules.SiteInfo;
import io.envmon.alerts.window.HourRecord;
import io.envmon.alerts.window.SampleWindow;
import io.envmon.model.ParameterCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;
import java.util.TreeSet;

/** The engine's state for one point: its window, evaluated hours, and where event time and closing stand. */
final class PointState {

    final SiteInfo site;
    final SampleWindow window;
    final TreeMap<Instant, HourRecord> hours = new TreeMap<>();
    /** Hours whose readings changed since they were last evaluated. */
    final TreeSet<Instant> pending = new TreeSet<>();
    /** The hourly AQI record last given out per hour (air stations). */
    final TreeMap<Instant, HourlyAqiRecord> published = new TreeMap<>();
    /** The newest reading's time (event time). */
    Instant watermark;
    /** Hours starting before this have been evaluated. */
    Instant closedUpTo;
    /** The {@code now} of the last reading that changed the window (arrival time). */
    Instant lastArrival;
    boolean hourlyDirty;

    PointState(SiteInfo site) {
        this.site = site;
        this.window = new SampleWindow(ParameterCatalog.of(site.point().type()).keySet());
    }

    /** The oldest hour kept: the newest reading's hour − {@code retainHours}; null before any reading. */
    Instant horizon(int retainHours) {
        return watermark == null ? null : floorHour(watermark).minus(Duration.ofHours(retainHours));
    }

    static Instant floorHour(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }
}

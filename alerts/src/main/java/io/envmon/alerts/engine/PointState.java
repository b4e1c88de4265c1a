package io.envmon.alerts.engine;

import io.envmon.alerts.rules.SiteInfo;
import io.envmon.alerts.window.HourRecord;
import io.envmon.alerts.window.SampleWindow;
import io.envmon.model.Reading;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The engine's state for one point: the rows of its open hours, the records of its closed hours, its per-reading
 * rules' trackers, and where event time, closing and reloading stand. Raw readings of closed hours are not kept.
 */
final class PointState {

    final SiteInfo site;
    /** The rows of the hours not yet closed (stamped at or after {@link #closedUpTo}). */
    final SampleWindow window;
    /** Evaluated (closed) hours. */
    final TreeMap<Instant, HourRecord> hours = new TreeMap<>();
    final Streams streams;
    /** The newest reading's time (event time). */
    Instant watermark;
    /** Hours starting before this have been evaluated. */
    Instant closedUpTo;
    /** The {@code now} of the last reading that changed the window (arrival time). */
    Instant lastArrival;
    boolean hourlyDirty;
    /** An air station still behind the district's newest closed hour (see the engine's district rule). */
    boolean districtLagging;
    /** A reload has been asked for and not yet answered. */
    boolean reloadInFlight;
    /** A reload is needed (asked again at the next tick after a failure). */
    boolean reloadWanted;
    /** Readings taken while a reload was outstanding: applied on top of what it brings. */
    final List<Reading> sinceReload = new ArrayList<>(0);
    /** The late readings that asked for the outstanding reload. */
    int lateReadings;
    /** The horizon the point was last pruned to ({@code null}: prune at the next chance). */
    Instant prunedTo;
    private long horizonHour;
    private Instant horizon;

    PointState(SiteInfo site, Streams streams, SampleWindow window) {
        this.site = site;
        this.streams = streams;
        this.window = window;
    }

    /** The oldest hour kept: the newest reading's hour − {@code retainHours}; null before any reading. */
    Instant horizon(int retainHours) {
        if (watermark == null) {
            return null;
        }
        long hour = Math.floorDiv(watermark.getEpochSecond(), 3600);
        if (hour != horizonHour || horizon == null) { // asked several times per reading; changes once an hour
            horizonHour = hour;
            horizon = Instant.ofEpochSecond((hour - retainHours) * 3600);
        }
        return horizon;
    }

    static Instant floorHour(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }
}

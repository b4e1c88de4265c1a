package io.envmon.alerts.engine;

import io.envmon.alerts.aqi.AqiStandard;
import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.emission.O2Basis;
import io.envmon.alerts.emission.OxygenCorrection;
import io.envmon.alerts.rules.DistrictDays;
import io.envmon.alerts.window.HourEvaluator;
import io.envmon.alerts.window.HourRecord;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Closes and evaluates the hours of a point: hour H is evaluated from its rows once {@code by} (the point's newest
 * reading, or the wall clock once the point is quiet) passes H + 1 h + grace, and again when a reload brings late
 * readings; gives the station's hourly AQI records; drops what no rule needs any more.
 */
final class HourCloser {

    private static final Duration HOUR = Duration.ofHours(1);
    /** Hourly rules observe this far before the replayed range to warm up the lifecycle's counts (≤ 24 h). */
    static final Duration WARM_UP = Duration.ofHours(24);
    /** The district rule looks four rolling days back from each hour it observes. */
    private static final Duration FOUR_DAYS = Duration.ofHours(96);
    private static final String HOURLY_MEANS = "hourly_means";

    private final AlertRulesConfig config;
    private final HourEvaluator evaluator;
    private final Counters counters;
    private static final long HOUR_MS = 3_600_000L;

    private final DistrictDays districtDays;
    private final DailyRecords daily;
    private final SeriesIndex series;
    private final Duration grace;
    private final int retainHours;

    HourCloser(AlertRulesConfig config, Counters counters, DistrictDays districtDays, DailyRecords daily,
               SeriesIndex series) {
        this.config = config;
        this.districtDays = districtDays;
        this.daily = daily;
        this.series = series;
        this.counters = counters;
        this.evaluator = new HourEvaluator(Set.copyOf(config.window().validFlags()));
        this.grace = config.window().hourCloseGrace();
        this.retainHours = config.window().retainHours();
    }

    Duration grace() {
        return grace;
    }

    /**
     * How long hourly records are kept before the replayed range, per kind: the lifecycle's warm-up, plus for air
     * the district rule's four days and clear count, and for enterprise outlets the hours the integrity rules
     * look back on from the oldest hour they observe (so that an hour's judgement never depends on how much
     * history happens to be left).
     */
    Duration history(SiteKind kind) {
        return switch (kind) {
            case AIR -> FOUR_DAYS.plus(Duration.ofHours(config.heavyPollution().clearAfterHours()));
            case ENTERPRISE -> WARM_UP.plus(Duration.ofHours(config.integrityLookbackHours()));
            default -> WARM_UP;
        };
    }

    /**
     * Closes the hours that {@code by} has passed by the grace: evaluates them from the open rows, moves the
     * per-reading rules' checkpoint and drops the rows.
     *
     * @return true when an air station's hour records changed (the district rule must look again; the engine
     *         also looks again when the district's newest closed hour moves)
     */
    boolean close(PointState st, Instant by, Output out) {
        // in milliseconds: asked on every reading, and nothing closes on nearly all of them
        long closed = Math.floorDiv(by.toEpochMilli() - grace.toMillis(), HOUR_MS) * HOUR_MS;
        if (st.closedUpTo != null && closed <= st.closedUpTo.toEpochMilli()) {
            return false;
        }
        return closeTo(st, Instant.ofEpochMilli(closed), null, out);
    }

    /**
     * Closes the hours before {@code closed}, evaluating those with rows and, from {@code reevaluateFrom} on, those
     * with a record (a reload: an hour may have lost its rows).
     */
    boolean closeTo(PointState st, Instant closed, Instant reevaluateFrom, Output out) {
        boolean air = st.site.point().kind() == SiteKind.AIR;
        boolean changed = false;
        if (st.closedUpTo == null || closed.isAfter(st.closedUpTo)) {
            st.closedUpTo = closed;
            st.hourlyDirty = true;
        }
        TreeSet<Instant> toEvaluate = new TreeSet<>();
        int end = st.window.from(closed);
        for (int row = 0; row < end; row++) {
            toEvaluate.add(PointState.floorHour(st.window.ts(row)));
        }
        if (reevaluateFrom != null && reevaluateFrom.isBefore(closed)) {
            toEvaluate.addAll(st.hours.subMap(reevaluateFrom, true, closed, false).keySet());
        }
        for (Instant hour : toEvaluate) {
            changed |= evaluate(st, hour, out) && air;
        }
        st.streams.advanceCheckpoint(st.window, closed);
        st.window.pruneBefore(closed);
        if (air) {
            daily.flush(st, completeFrom(st), out);
        }
        return changed;
    }

    /**
     * The oldest hour of an air station's history that is complete: hours before it were pruned (or never loaded at
     * a restore), so a day starting before it is not rated again.
     */
    Instant completeFrom(PointState st) {
        Instant horizon = st.horizon(retainHours);
        return horizon == null ? null : horizon.minus(history(SiteKind.AIR));
    }

    /** Drops pending rows, records and observations older than the point needs. */
    void prune(PointState st) {
        Instant horizon = st.horizon(retainHours);
        if (horizon == null || horizon == st.prunedTo) {
            return; // nothing older than the horizon gets in (too old), so once per hour is enough
        }
        st.prunedTo = horizon;
        st.window.pruneBefore(horizon);
        NavigableMap<Instant, HourRecord> dropped = st.hours.headMap(horizon.minus(history(st.site.point().kind())),
                false);
        dropped.forEach((hour, record) -> series.remove(st, hour, record.facts()));
        dropped.clear();
        st.streams.prune(horizon);
    }

    /** @return true when the hour's record changed */
    private boolean evaluate(PointState st, Instant hour, Output out) {
        MonitoredPoint p = st.site.point();
        HourRecord record;
        try {
            Outlet outlet = st.site.outlet();
            double suppressAt = outlet != null && outlet.o2SuppressAt() != null ? outlet.o2SuppressAt()
                    : config.rulesFor(p).permit().o2SuppressAt();
            // enterprise outlets: the integrity rules' facts too (fingerprints, maintenance flags)
            Set<Character> flags = p.kind() == SiteKind.ENTERPRISE
                    ? config.rulesFor(p).integrity().flagMisuse().letters() : null;
            record = evaluator.evaluate(p.type(), hour, st.window, st.site::sampleSpan, O2Basis.of(outlet),
                    new OxygenCorrection(suppressAt), flags);
        } catch (RuntimeException e) {
            counters.fault(out, HOURLY_MEANS, p.label() + " " + hour, e);
            return false;
        }
        boolean air = p.kind() == SiteKind.AIR;
        Map<Instant, HourlyAqiRecord> before = air ? aqiRecords(st, hour, out) : Map.of();
        HourRecord old = record == null ? st.hours.remove(hour) : st.hours.put(hour, record);
        if (Objects.equals(old, record)) {
            return false;
        }
        st.hourlyDirty = true;
        for (PointState partner : series.replace(st, hour, old, record)) {
            partner.hourlyDirty = true; // it closed this hour before the match existed
        }
        if (!air && record != null) {
            out.pointHours.add(new PointHourRecord(p, hour, record.means(), record.corrected()));
        }
        if (air) {
            districtDays.hourChanged(hour);
            daily.hourChanged(p.site(), hour);
            aqiRecords(st, hour, out).forEach((h, after) -> {
                if (!after.equals(before.get(h))) {
                    out.records.add(after);
                }
            });
        }
        return true;
    }

    /**
     * The AQI records that {@code hour}'s record enters: its own and, under HJ 633-2012 (sliding means), those of
     * the next 23 closed hours. Built before and after the hour's record changes, so that only changed records are
     * given out, without keeping what was given out.
     */
    private Map<Instant, HourlyAqiRecord> aqiRecords(PointState st, Instant hour, Output out) {
        Map<Instant, HourlyAqiRecord> records = new LinkedHashMap<>();
        for (Instant h = hour; h.isBefore(st.closedUpTo) && h.isBefore(hour.plus(Duration.ofHours(24)));
             h = h.plus(HOUR)) {
            if (!h.equals(hour) && config.standards().aqiAt(h) != AqiStandard.HJ633_2012) {
                continue;
            }
            HourlyAqiRecord record = aqiRecord(st, h, out);
            if (record != null) {
                records.put(h, record);
            }
        }
        return records;
    }

    /** The AQI record of one closed hour of an air station, or null (no valid data, or a fault, counted). */
    HourlyAqiRecord aqiRecord(PointState st, Instant h, Output out) {
        try {
            return AqiRecords.build(st.site.point().site(), h, st.hours, config.standards());
        } catch (RuntimeException e) {
            counters.fault(out, "air_hourly", st.site.point().label() + " " + h, e);
            return null;
        }
    }
}

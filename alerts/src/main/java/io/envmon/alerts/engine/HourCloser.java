package io.envmon.alerts.engine;

import io.envmon.alerts.aqi.AqiStandard;
import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.emission.OxygenCorrection;
import io.envmon.alerts.window.HourEvaluator;
import io.envmon.alerts.window.HourRecord;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Closes and evaluates the hours of a point: hour H is evaluated once {@code by} (the point's newest reading, or
 * the wall clock once the point is quiet) passes H + 1 h + grace, and again whenever its readings change; gives
 * the station's hourly AQI records; drops what no rule needs any more.
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
    private final Duration grace;
    private final int retainHours;

    HourCloser(AlertRulesConfig config, Counters counters) {
        this.config = config;
        this.counters = counters;
        this.evaluator = new HourEvaluator(Set.copyOf(config.window().validFlags()));
        this.grace = config.window().hourCloseGrace();
        this.retainHours = config.window().retainHours();
    }

    Duration grace() {
        return grace;
    }

    /** How long hourly records are kept before the replayed range, per kind. */
    Duration history(SiteKind kind) {
        return kind == SiteKind.AIR ? FOUR_DAYS.plus(Duration.ofHours(config.heavyPollution().clearAfterHours()))
                : WARM_UP;
    }

    /**
     * Closes the hours that {@code by} has passed by the grace and evaluates the pending ones.
     *
     * @return true when an air station's hours changed (the district rule must look again)
     */
    boolean close(PointState st, Instant by, Output out) {
        boolean air = st.site.point().kind() == SiteKind.AIR;
        boolean changed = false;
        Instant closed = PointState.floorHour(by.minus(grace));
        if (st.closedUpTo == null || closed.isAfter(st.closedUpTo)) {
            st.closedUpTo = closed;
            st.hourlyDirty = true;
            changed = air;
        }
        for (Instant hour : List.copyOf(st.pending.headSet(st.closedUpTo, false))) {
            st.pending.remove(hour);
            changed |= evaluate(st, hour, out) && air;
        }
        return changed;
    }

    /** Drops readings, pending hours and records older than the point needs. */
    void prune(PointState st) {
        Instant horizon = st.horizon(retainHours);
        if (horizon == null) {
            return;
        }
        st.window.pruneBefore(horizon);
        st.pending.headSet(horizon, false).clear();
        st.hours.headMap(horizon.minus(history(st.site.point().kind())), false).clear();
        st.published.headMap(horizon, false).clear();
    }

    /** @return true when the hour's record changed */
    private boolean evaluate(PointState st, Instant hour, Output out) {
        MonitoredPoint p = st.site.point();
        HourRecord record;
        try {
            List<Reading> readings = st.window.readings(hour, hour.plus(HOUR));
            Double referenceO2 = st.site.outlet() == null ? null : st.site.outlet().referenceO2();
            double suppressAt = config.rulesFor(p).permit().o2SuppressAt();
            record = readings.isEmpty() ? null : evaluator.evaluate(p.type(), hour, readings, st.window.parameters(),
                    st.site.interval(), referenceO2, new OxygenCorrection(suppressAt));
        } catch (RuntimeException e) {
            counters.fault(out, HOURLY_MEANS, p.label() + " " + hour, e);
            return false;
        }
        HourRecord old = record == null ? st.hours.remove(hour) : st.hours.put(hour, record);
        if (Objects.equals(old, record)) {
            return false;
        }
        st.hourlyDirty = true;
        if (p.kind() == SiteKind.AIR) {
            publishAqi(st, hour, out);
        }
        return true;
    }

    /** The AQI records of {@code hour} and, under HJ 633-2012 (sliding means), of the next 23 closed hours. */
    private void publishAqi(PointState st, Instant hour, Output out) {
        for (Instant h = hour; h.isBefore(st.closedUpTo) && h.isBefore(hour.plus(Duration.ofHours(24)));
             h = h.plus(HOUR)) {
            if (!h.equals(hour) && config.standards().aqiAt(h) != AqiStandard.HJ633_2012) {
                continue;
            }
            try {
                HourlyAqiRecord record = AqiRecords.build(st.site.point().site(), h, st.hours, config.standards());
                if (record != null && !record.equals(st.published.get(h))) {
                    st.published.put(h, record);
                    out.records.add(record);
                }
            } catch (RuntimeException e) {
                counters.fault(out, "air_hourly", st.site.point().label() + " " + h, e);
            }
        }
    }
}

package io.envmon.alerts.rules;

import io.envmon.alerts.config.RuleSet;
import io.envmon.alerts.config.StandardsConfig;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.series.TimedValue;
import io.envmon.alerts.window.HourRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;

/**
 * What an hourly rule sees of one point: registry facts, its rules, its hourly records, and the range it replays.
 *
 * @param replayStart the start of the replayed range (the oldest hour whose readings are all still kept); alerts
 *                    open before it are carried in from the book
 * @param observeFrom hourly rules observe from here (up to 24 h before {@code replayStart}): the observations before
 *                    the range only warm up the lifecycle's counts
 * @param closedUpTo  hours starting before this have been evaluated ({@code null}: none yet)
 * @param hours       evaluated hours, including up to 96 h before {@code replayStart} (for 24-h means)
 * @param others      the other points' hours with the same values ({@code integrity_copied_series})
 */
public record PointView(SiteInfo site, RuleSet rules, StandardsConfig standards, Instant replayStart,
                        Instant observeFrom, Instant closedUpTo, NavigableMap<Instant, HourRecord> hours,
                        SeriesLookup others) {

    public PointView {
        others = others == null ? SeriesLookup.NONE : others;
    }

    /** A view that knows nothing of the other points. */
    public PointView(SiteInfo site, RuleSet rules, StandardsConfig standards, Instant replayStart,
                     Instant observeFrom, Instant closedUpTo, NavigableMap<Instant, HourRecord> hours) {
        this(site, rules, standards, replayStart, observeFrom, closedUpTo, hours, SeriesLookup.NONE);
    }

    /** The evaluated hours from {@code observeFrom} to {@code closedUpTo}. */
    public NavigableMap<Instant, HourRecord> replayHours() {
        if (closedUpTo == null || !closedUpTo.isAfter(observeFrom)) {
            return Collections.emptyNavigableMap();
        }
        return hours.subMap(observeFrom, true, closedUpTo, false);
    }

    /** The valid hourly means of one parameter from {@code from} on, stamped at their hour's start, oldest first. */
    public List<TimedValue> hourlyFrom(String parameter, Instant from) {
        return hourly(parameter, hours.tailMap(from, true));
    }

    private static List<TimedValue> hourly(String parameter, NavigableMap<Instant, HourRecord> hours) {
        List<TimedValue> out = new ArrayList<>();
        hours.forEach((h, r) -> {
            Double m = r.means().get(parameter);
            if (m != null) {
                out.add(new TimedValue(h, m));
            }
        });
        return out;
    }

    /** The alert key of this point for a rule and parameter. */
    public AlertKey key(String rule, String parameter) {
        return new AlertKey(site.kind(), site.point().site(), site.point().outlet(), rule, parameter);
    }
}

package io.envmon.alerts.rules;

import io.envmon.alerts.window.HourRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;

/**
 * The hours on which an hourly rule judges one parameter of a point. A parameter measured every minute: each
 * closed hour with a valid mean. A wet-chemistry parameter whose analyser measures every 1-4 h (its cycle,
 * {@link SiteInfo#sampleSpan}): its sample stands for the cycle, so the hour of the sample and the closed hours
 * after it, up to the cycle's end or the next sample, are judged on that sample. The counts of the lifecycle
 * ({@code raiseAfterHours}, {@code clearAfterHours}) thus stay in hours, and a missing sample (an hour beyond the
 * cycle without one) breaks a run as a missing hour does.
 */
final class JudgedHours {

    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * One judged hour.
     *
     * @param sampled the hour whose record holds the value (earlier than {@code hour} when a sample stands for it)
     * @param record  that hour's record
     * @param span    how long the value stands for: 1 h, or the analyser's cycle ({@link SiteInfo#sampleSpan})
     */
    record Hour(Instant hour, Instant sampled, double value, HourRecord record, Duration span) {

        /** The window the value was judged on (what an alert's text names): the hour, or the cycle from its sample. */
        Instant windowStart() {
            return sampled;
        }

        Instant windowEnd() {
            return sampled.plus(span.compareTo(HOUR) > 0 ? span : HOUR);
        }
    }

    private JudgedHours() {
    }

    /** The judged hours of {@code parameter} in the view's replayed range, oldest first. */
    static List<Hour> of(PointView view, String parameter, Function<HourRecord, Double> valueOf) {
        return from(view, parameter, valueOf, view.observeFrom());
    }

    /**
     * The judged hours of {@code parameter} from {@code from} (which may lie before the replayed range, in the
     * history the point keeps) up to the last closed hour, oldest first.
     */
    static List<Hour> from(PointView view, String parameter, Function<HourRecord, Double> valueOf, Instant from) {
        List<Hour> out = new ArrayList<>();
        Instant end = view.closedUpTo();
        if (end == null || !end.isAfter(from)) {
            return out;
        }
        NavigableMap<Instant, HourRecord> range = view.hours().subMap(from, true, end, false);
        if (range.isEmpty()) {
            return out;
        }
        Duration span = view.site().sampleSpan(parameter);
        Map.Entry<Instant, HourRecord> carried = span.compareTo(HOUR) > 0 ? sampleBefore(view, from, valueOf, span)
                : null;
        for (Map.Entry<Instant, HourRecord> e : range.entrySet()) {
            Double value = valueOf.apply(e.getValue());
            if (value != null) {
                fill(out, carried, valueOf, from, e.getKey(), span);
                out.add(new Hour(e.getKey(), e.getKey(), value, e.getValue(), span));
                carried = span.compareTo(HOUR) > 0 ? e : null;
            }
        }
        fill(out, carried, valueOf, from, end, span);
        return out;
    }

    /** The hours from {@code from} and before {@code before} that the carried sample's cycle covers after it. */
    private static void fill(List<Hour> out, Map.Entry<Instant, HourRecord> carried,
                             Function<HourRecord, Double> valueOf, Instant from, Instant before, Duration span) {
        if (carried == null) {
            return;
        }
        Instant cycleEnd = carried.getKey().plus(span);
        double value = valueOf.apply(carried.getValue());
        for (Instant h = carried.getKey().plus(HOUR); h.isBefore(before) && h.isBefore(cycleEnd); h = h.plus(HOUR)) {
            if (!h.isBefore(from)) {
                out.add(new Hour(h, carried.getKey(), value, carried.getValue(), span));
            }
        }
    }

    /** The newest sample before the range whose cycle reaches into it, or {@code null}. */
    private static Map.Entry<Instant, HourRecord> sampleBefore(PointView view, Instant rangeStart,
                                                               Function<HourRecord, Double> valueOf, Duration span) {
        Instant from = rangeStart.minus(span);
        for (Map.Entry<Instant, HourRecord> e : view.hours().subMap(from, false, rangeStart, false)
                .descendingMap().entrySet()) {
            if (valueOf.apply(e.getValue()) != null) {
                return e;
            }
        }
        return null;
    }
}

package io.envmon.alerts.report;

import io.envmon.alerts.config.IntegrityConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The monthly integrity view (docs/api.md#integrity): per enterprise and outlet, how many integrity alerts of each
 * pattern overlapped the month and how many hours they covered in it. Pure: built from the stored events of the
 * integrity rules (every event of each alert the caller could read, in any order) and the time now. A month is a
 * natural month in Beijing time.
 *
 * <p>An alert covers {@code [startedAt, end)}, where {@code end} is the time of its last event if that resolved it
 * (an alert withdrawn and raised again is open), or now while it is open; hours count once per outlet and pattern however many alerts (one per pollutant) cover them, and once
 * per outlet in its total.
 */
public final class IntegrityMonth {

    /** The district's local time: months are Beijing-time months. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Duration HOUR = Duration.ofHours(1);

    /** One pattern (rule) at one outlet: alerts and hours covered in the month. */
    public record Pattern(int alerts, long hours) {
    }

    /** One outlet: its total and its patterns, by rule. */
    public record OutletMonth(String enterprise, String outlet, int alerts, long hours, Map<String, Pattern> patterns) {
    }

    /** The month's view: the period and the outlets with at least one integrity alert, by enterprise and outlet. */
    public record View(YearMonth month, Instant from, Instant to, List<OutletMonth> outlets,
                       Map<String, Pattern> totals) {
    }

    private IntegrityMonth() {
    }

    /** {@code [from, to)} of a Beijing-time month. */
    public static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(BEIJING).toInstant();
    }

    public static Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }

    /**
     * @param events the stored events of integrity alerts that may overlap the month (others are ignored)
     * @param now    the end of alerts still open
     */
    public static View of(YearMonth month, List<AlertEvent> events, Instant now) {
        Objects.requireNonNull(month, "month");
        Instant from = start(month);
        Instant to = end(month);
        Map<String, Span> spans = new LinkedHashMap<>();
        for (AlertEvent e : events) {
            if (!IntegrityConfig.ruleIds().contains(e.rule()) || !"enterprise".equals(e.kind()) || e.point() == null) {
                continue;
            }
            Span s = spans.computeIfAbsent(e.id(), id -> new Span(e.site(), e.point(), e.rule(), e.startedAt()));
            s.take(e);
        }
        // outlet → rule → the hours covered, as hour starts
        Map<String, Map<String, java.util.TreeSet<Instant>>> hours = new TreeMap<>();
        Map<String, Map<String, Integer>> alerts = new TreeMap<>();
        for (Span s : spans.values()) {
            Instant end = s.last.state() == AlertState.RESOLVED ? s.last.ts() : now;
            Instant a = s.start.isAfter(from) ? s.start : from;
            Instant b = end.isBefore(to) ? end : to;
            boolean overlaps = a.isBefore(b) || !s.start.isBefore(from) && s.start.isBefore(to);
            if (!overlaps) {
                continue;
            }
            String outlet = s.site + "/" + s.point;
            alerts.computeIfAbsent(outlet, k -> new TreeMap<>()).merge(s.rule, 1, Integer::sum);
            java.util.TreeSet<Instant> covered = hours.computeIfAbsent(outlet, k -> new TreeMap<>())
                    .computeIfAbsent(s.rule, k -> new java.util.TreeSet<>());
            for (Instant h = floorHour(a); h.isBefore(b); h = h.plus(HOUR)) {
                covered.add(h);
            }
        }
        List<OutletMonth> outlets = new ArrayList<>();
        Map<String, int[]> totalAlerts = new TreeMap<>();
        Map<String, Long> totalHours = new TreeMap<>();
        for (Map.Entry<String, Map<String, Integer>> o : alerts.entrySet()) {
            Map<String, Pattern> patterns = new TreeMap<>();
            java.util.TreeSet<Instant> any = new java.util.TreeSet<>();
            int n = 0;
            for (Map.Entry<String, Integer> r : o.getValue().entrySet()) {
                java.util.TreeSet<Instant> covered = hours.get(o.getKey()).get(r.getKey());
                patterns.put(r.getKey(), new Pattern(r.getValue(), covered.size()));
                any.addAll(covered);
                n += r.getValue();
                totalAlerts.computeIfAbsent(r.getKey(), k -> new int[1])[0] += r.getValue();
                totalHours.merge(r.getKey(), (long) covered.size(), Long::sum);
            }
            String[] ids = o.getKey().split("/", 2);
            outlets.add(new OutletMonth(ids[0], ids[1], n, any.size(), patterns));
        }
        outlets.sort(Comparator.comparing(OutletMonth::enterprise).thenComparing(OutletMonth::outlet));
        Map<String, Pattern> totals = new TreeMap<>();
        totalAlerts.forEach((rule, n) -> totals.put(rule, new Pattern(n[0], totalHours.get(rule))));
        return new View(month, from, to, List.copyOf(outlets), totals);
    }

    private static Instant floorHour(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 3600) * 3600);
    }

    /** One alert's extent: from its start to its last event, if that resolved it (else it is still open). */
    private static final class Span {
        final String site;
        final String point;
        final String rule;
        final Instant start;
        AlertEvent last;

        Span(String site, String point, String rule, Instant start) {
            this.site = site;
            this.point = point;
            this.rule = rule;
            this.start = start;
        }

        /** Keeps the event that happened last: by time, then in lifecycle order (open, escalated, resolved). */
        void take(AlertEvent e) {
            if (last == null || e.ts().isAfter(last.ts())
                    || e.ts().equals(last.ts()) && e.state().ordinal() > last.state().ordinal()) {
                last = e;
            }
        }
    }
}

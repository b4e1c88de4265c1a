package io.envmon.simulator.ledger;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.simulator.scenario.Scenario.ExpectedAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects what a run hands to the transport, from the runner's thread: per point, the injected messages and
 * the rejections they should cause. {@link #toLedger} freezes it.
 */
public final class LedgerRecorder {

    private final Map<String, Counter> points = new LinkedHashMap<>();
    private final Map<String, Long> expectedRejections = new TreeMap<>();
    private long injected;

    private static final class Counter {
        final MonitoredPoint point;
        long messages;
        long readings;
        long rejected;
        long overwritten;
        long lost;
        Instant first;
        Instant last;

        Counter(MonitoredPoint point) {
            this.point = point;
        }
    }

    /** Registers a point so that it appears in the ledger even if it sends nothing. */
    public synchronized void register(MonitoredPoint point) {
        points.computeIfAbsent(point.label(), k -> new Counter(point));
    }

    /** One message of a point: {@code readings} readings from {@code first} to {@code last}, {@code rejected} of
     *  them expected to be rejected as {@code out_of_range}. */
    public void sent(MonitoredPoint point, int readings, int rejected, Instant first, Instant last) {
        sent(point, readings, rejected, java.util.Collections.nCopies(rejected, "out_of_range"), 0, first, last);
    }

    /**
     * One message of a point: {@code readings} readings stamped {@code first} … {@code last}; {@code rejected} of
     * them expected to be rejected, for {@code reasons}; {@code overwritten} stamped like a reading already
     * sent (a device clock set back), so stored over it rather than beside it.
     */
    public synchronized void sent(MonitoredPoint point, int readings, int rejected, List<String> reasons,
                                  int overwritten, Instant first, Instant last) {
        Counter c = points.computeIfAbsent(point.label(), k -> new Counter(point));
        c.messages++;
        c.readings += readings;
        c.rejected += rejected;
        c.overwritten += overwritten;
        c.first = c.first == null || first.isBefore(c.first) ? first : c.first;
        c.last = c.last == null || last.isAfter(c.last) ? last : c.last;
        reasons.forEach(r -> expectedRejections.merge(r, 1L, Long::sum));
    }

    /** Readings a device lost before sending them (its buffer overflowed while offline). */
    public synchronized void lostAtDevice(MonitoredPoint point, int readings) {
        points.computeIfAbsent(point.label(), k -> new Counter(point)).lost += readings;
    }

    /** A raw scenario message expected to be rejected with {@code reason}. */
    public synchronized void injected(String reason) {
        injected++;
        expectedRejections.merge(reason, 1L, Long::sum);
    }

    public synchronized Ledger toLedger(String command, List<String> scenarios, String topicRoot, String interval,
                                        Instant wallFrom, Instant wallTo, long acknowledged, long failed,
                                        List<ExpectedAlert> alerts) {
        List<Ledger.PointEntry> entries = new ArrayList<>();
        long messages = 0;
        long readings = 0;
        long stored = 0;
        long lost = 0;
        Instant from = null;
        Instant to = null;
        for (Counter c : points.values()) {
            Ledger.PointEntry entry = new Ledger.PointEntry(c.point.label(), measurement(c.point), tags(c.point),
                    c.messages, c.readings, c.rejected, c.overwritten, c.lost, str(c.first), str(c.last));
            entries.add(entry);
            messages += c.messages;
            readings += c.readings;
            stored += entry.expectedStored();
            lost += c.lost;
            from = c.first != null && (from == null || c.first.isBefore(from)) ? c.first : from;
            to = c.last != null && (to == null || c.last.isAfter(to)) ? c.last : to;
        }
        List<Ledger.AlertEntry> expected = alerts.stream()
                .map(a -> new Ledger.AlertEntry(a.kind(), a.site(), a.rule(), a.minSeverity())).toList();
        return new Ledger(1, command, scenarios, topicRoot, interval, str(from), str(to), str(wallFrom), str(wallTo),
                new Ledger.Totals(messages + injected, readings, stored, injected, acknowledged, failed, lost), entries,
                new TreeMap<>(expectedRejections), expected);
    }

    static String measurement(MonitoredPoint p) {
        return switch (p.kind()) {
            case AIR -> "air";
            case WATER -> "water";
            case ENTERPRISE -> "emission";
        };
    }

    static Map<String, String> tags(MonitoredPoint p) {
        return switch (p.kind()) {
            case AIR -> Map.of("station", p.site());
            case WATER -> Map.of("section", p.site());
            case ENTERPRISE -> new TreeMap<>(Map.of("enterprise", p.site(), "outlet", p.outlet()));
        };
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}

package io.envmon.simulator.verify;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of comparing a ledger with InfluxDB.
 *
 * @param extra readings stored beyond what the ledger expected (another writer, or a reading the ledger expected
 *              to be rejected that was stored)
 */
public record VerifyReport(long sent, long expectedStored, long stored, long missing, long extra,
                           List<PointResult> points, Map<String, long[]> rejections, List<AlertResult> alerts) {

    /** @param expected sent minus expected rejections */
    public record PointResult(String label, long sent, long expected, long stored) {
        public long missing() {
            return Math.max(0, expected - stored);
        }
    }

    /** @param found the worst severity stored for that kind/site/rule, or null */
    public record AlertResult(String kind, String site, String rule, String minSeverity, String found, boolean met) {
    }

    /** Nothing missing, every expected rejection count met exactly, every expected alert found. */
    public boolean ok() {
        return missing == 0 && rejections.values().stream().allMatch(v -> v[0] == v[1])
                && alerts.stream().allMatch(AlertResult::met);
    }

    public String format() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "readings:   sent %d, expected stored %d (sent minus expected rejections), "
                + "stored %d, missing %d, extra %d%n", sent, expectedStored, stored, missing, extra));
        b.append("duplicated: 0 by construction: InfluxDB merges a redelivered reading (same series, same ts) into one "
                + "point; a stored count above the expected one shows as 'extra'\n");
        long incomplete = points.stream().filter(p -> p.missing() > 0).count();
        b.append(String.format(Locale.ROOT, "points:     %d, complete %d, with missing readings %d%n", points.size(),
                points.size() - incomplete, incomplete));
        points.stream().filter(p -> p.missing() > 0 || p.stored() > p.expected()).limit(20).forEach(p ->
                b.append(String.format(Locale.ROOT, "  %-28s sent %6d  expected %6d  stored %6d  missing %6d%n",
                        p.label(), p.sent(), p.expected(), p.stored(), p.missing())));
        b.append("rejected (by reason, in the run's wall-clock window):\n");
        if (rejections.isEmpty()) {
            b.append("  none expected, none found\n");
        }
        rejections.forEach((reason, v) -> b.append(String.format(Locale.ROOT, "  %-18s expected %5d  found %5d  %s%n",
                reason, v[0], v[1], v[0] == v[1] ? "ok" : "MISMATCH")));
        b.append("alerts (expected):\n");
        if (alerts.isEmpty()) {
            b.append("  none expected\n");
        }
        alerts.forEach(a -> b.append(String.format(Locale.ROOT, "  %-10s %-12s %-16s >= %-8s found %-8s %s%n",
                a.kind(), a.site(), a.rule(), a.minSeverity(), a.found() == null ? "-" : a.found(), a.met() ? "ok" : "MISSING")));
        b.append(ok() ? "RESULT: OK\n" : "RESULT: FAILED\n");
        return b.toString();
    }
}

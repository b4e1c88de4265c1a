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
                           List<PointResult> points, Map<String, Rejections> rejections, List<AlertResult> alerts) {

    /**
     * One rejection reason.
     *
     * @param deadLetters seen on the dead-letter topic during the run, or -1 when the run did not watch it
     */
    public record Rejections(long expected, long stored, long deadLetters) {
        public boolean ok() {
            return stored == expected && (deadLetters < 0 || deadLetters == expected);
        }
    }

    /** @param expected sent minus expected rejections and overwrites (a device clock set back) */
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
        return missing == 0 && rejections.values().stream().allMatch(Rejections::ok)
                && alerts.stream().allMatch(AlertResult::met);
    }

    public String format() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "readings:   sent %d, expected stored %d (sent minus expected rejections and overwrites), "
                + "stored %d, missing %d, extra %d%n", sent, expectedStored, stored, missing, extra));
        b.append("duplicated: 0 by construction: InfluxDB merges a redelivered reading (same series, same ts) into one "
                + "point; a stored count above the expected one shows as 'extra'\n");
        long incomplete = points.stream().filter(p -> p.missing() > 0).count();
        b.append(String.format(Locale.ROOT, "points:     %d, complete %d, with missing readings %d%n", points.size(),
                points.size() - incomplete, incomplete));
        points.stream().filter(p -> p.missing() > 0 || p.stored() > p.expected()).limit(20).forEach(p ->
                b.append(String.format(Locale.ROOT, "  %-28s sent %6d  expected %6d  stored %6d  missing %6d%n",
                        p.label(), p.sent(), p.expected(), p.stored(), p.missing())));
        boolean watched = rejections.values().stream().anyMatch(r -> r.deadLetters() >= 0);
        b.append("rejected (by reason, in the run's wall-clock window: the 'rejected' measurement")
                .append(watched ? " and the dead-letter topic" : "").append("):\n");
        if (rejections.isEmpty()) {
            b.append("  none expected, none found\n");
        }
        rejections.forEach((reason, r) -> b.append(String.format(Locale.ROOT, "  %-18s expected %5d  stored %5d%s  %s%n",
                reason, r.expected(), r.stored(),
                r.deadLetters() < 0 ? "" : String.format(Locale.ROOT, "  dead-lettered %5d", r.deadLetters()),
                r.ok() ? "ok" : "MISMATCH")));
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

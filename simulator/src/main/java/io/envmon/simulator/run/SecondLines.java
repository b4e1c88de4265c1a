package io.envmon.simulator.run;

import java.time.Duration;

/**
 * The per-second lines of a load run: what was sent in each second, what the broker has acknowledged so far and
 * the running average (of the seconds after the warm-up, once past it). Each second is reported once, whether the
 * live clock or the end of the run asks first.
 */
final class SecondLines {

    private final SecondCounts counts;
    private final RunStats stats;
    private final LoadReport report;
    private final long warmUpSeconds;
    private long printed;

    SecondLines(SecondCounts counts, RunStats stats, LoadReport report, long warmUpSeconds) {
        this.counts = counts;
        this.stats = stats;
        this.report = report;
        this.warmUpSeconds = warmUpSeconds;
    }

    /** Prints the seconds before {@code seconds} not printed yet; {@code elapsed} is the run's wall time so far. */
    synchronized void printUpTo(long seconds, Duration elapsed) {
        double elapsedSeconds = Math.max(0.001, elapsed.toNanos() / 1e9);
        for (; printed < seconds; printed++) {
            long s = printed;
            long from = s < warmUpSeconds ? 0 : warmUpSeconds;
            double average = (counts.readingsUpTo(s) - (from == 0 ? 0 : counts.readingsUpTo(from - 1)))
                    / Math.max(0.001, Math.min(s + 1, elapsedSeconds) - from);
            report.second(s + 1, counts.readings(s), counts.messages(s), stats.snapshot().acknowledged(), average,
                    s < warmUpSeconds);
        }
    }
}

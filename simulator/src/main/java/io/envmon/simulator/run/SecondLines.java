package io.envmon.simulator.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The per-second lines of a load run: what was sent in each second, what the broker has acknowledged so far and
 * the running average (of the seconds after the warm-up, once past it). Each second is printed once, whether the
 * live clock or the end of the run asks first.
 */
final class SecondLines {

    private final SecondCounts counts;
    private final RunStats stats;
    private final PrintWriter out;
    private final long warmUpSeconds;
    private long printed;

    SecondLines(SecondCounts counts, RunStats stats, PrintWriter out, long warmUpSeconds) {
        this.counts = counts;
        this.stats = stats;
        this.out = out;
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
            out.printf(Locale.ROOT, "%5ds  sent %7d readings / %6d msgs in that second, acknowledged %d msgs, "
                            + "average %.0f readings/s%s%n", s + 1, counts.readings(s), counts.messages(s),
                    stats.snapshot().acknowledged(), average, s < warmUpSeconds ? "  (warm-up)" : "");
        }
        out.flush();
    }
}

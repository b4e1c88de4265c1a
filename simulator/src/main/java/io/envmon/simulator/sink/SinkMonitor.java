package io.envmon.simulator.sink;

import io.envmon.simulator.run.Pacer;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The sink's clock: prints one line per second of what arrived, and ends the run after {@code duration}, after
 * {@code idle} without a message (once the first has come), when the connection is lost, or on an interrupt
 * (Ctrl-C); then prints the totals.
 */
public final class SinkMonitor {

    /**
     * When to stop by itself.
     *
     * @param duration wall-clock length, or {@code null}
     * @param idle     quiet time after the last message, counted from the first message on, or {@code null}
     */
    public record Limits(Duration duration, Duration idle) {
    }

    /** @param connectionLost why the connection dropped, or {@code null} */
    public record Outcome(SinkCounts.Snapshot totals, String stopReason, String connectionLost) {
        public boolean ok() {
            return connectionLost == null;
        }
    }

    private final SinkCounts counts;
    private final Pacer pacer;
    private final PrintWriter out;
    private final boolean quiet;
    private final boolean countReadings;
    private final Limits limits;
    private final Supplier<String> connectionLost;

    /** @param connectionLost why the subscription's connection was lost, {@code null} while it holds */
    public SinkMonitor(SinkCounts counts, Pacer pacer, PrintWriter out, boolean quiet, boolean countReadings,
                       Limits limits, Supplier<String> connectionLost) {
        this.counts = counts;
        this.pacer = pacer;
        this.out = out;
        this.quiet = quiet;
        this.countReadings = countReadings;
        this.limits = limits;
        this.connectionLost = connectionLost;
    }

    public Outcome run() {
        Instant start = pacer.now();
        Instant end = limits.duration() == null ? null : start.plus(limits.duration());
        Instant nextLine = start.plusSeconds(1);
        SinkCounts.Snapshot previous = counts.snapshot();
        String reason;
        while (true) {
            Instant now = pacer.now();
            SinkCounts.Snapshot s = counts.snapshot();
            reason = stopReason(now, end, s);
            if (reason != null) {
                break;
            }
            if (!now.isBefore(nextLine)) {
                line(Duration.between(start, nextLine).toSeconds(), previous, s);
                previous = s;
                nextLine = nextLine.plusSeconds(1);
                continue;
            }
            Instant wake = nextLine;
            wake = end != null && end.isBefore(wake) ? end : wake;
            Instant idleEnd = idleEnd(s);
            wake = idleEnd != null && idleEnd.isBefore(wake) ? idleEnd : wake;
            try {
                pacer.sleepUntil(wake);
            } catch (InterruptedException e) {
                reason = "stopped by a signal";
                break;
            }
        }
        SinkCounts.Snapshot totals = counts.snapshot();
        summary(reason, totals);
        return new Outcome(totals, reason, connectionLost.get());
    }

    private String stopReason(Instant now, Instant end, SinkCounts.Snapshot s) {
        if (connectionLost.get() != null) {
            return "connection lost: " + connectionLost.get();
        }
        if (end != null && !now.isBefore(end)) {
            return "--duration " + text(limits.duration()) + " elapsed";
        }
        Instant idleEnd = idleEnd(s);
        if (idleEnd != null && !now.isBefore(idleEnd)) {
            return "no message for " + text(limits.idle());
        }
        return null;
    }

    private Instant idleEnd(SinkCounts.Snapshot s) {
        return limits.idle() == null || s.last() == null ? null : s.last().plus(limits.idle());
    }

    private void line(long second, SinkCounts.Snapshot before, SinkCounts.Snapshot now) {
        if (quiet) {
            return;
        }
        String readings = countReadings ? String.format(Locale.ROOT, " (%d readings/s)", now.readings() - before.readings()) : "";
        String total = countReadings ? String.format(Locale.ROOT, ", %d readings", now.readings()) : "";
        out.printf(Locale.ROOT, "%5ds  received %7d msgs/s%s, %s/s; total %d msgs%s, %s%n", second,
                now.messages() - before.messages(), readings, size(now.bytes() - before.bytes()), now.messages(), total,
                size(now.bytes()));
        out.flush();
    }

    private void summary(String reason, SinkCounts.Snapshot t) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "done (%s): received %d messages", reason, t.messages()));
        if (countReadings) {
            line.append(String.format(Locale.ROOT, ", %d readings", t.readings()));
        }
        line.append(", ").append(size(t.bytes()));
        if (t.first() != null) {
            double span = Duration.between(t.first(), t.last()).toNanos() / 1e9;
            line.append(String.format(Locale.ROOT, " in %.1f s from the first to the last message", span));
            if (span > 0) {
                line.append(String.format(Locale.ROOT, " (%.0f msgs/s)", t.messages() / span));
            }
        }
        if (countReadings) {
            line.append(String.format(Locale.ROOT, "; unreadable payloads %d", t.unreadable()));
        }
        out.println(line);
        out.flush();
    }

    static String size(long bytes) {
        if (bytes < 10_000) {
            return bytes + " B";
        }
        return bytes < 10_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String text(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}

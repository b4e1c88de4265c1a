package io.envmon.simulator.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress of a run: messages and readings sent, the recent rate, acknowledgements, simulated time. On a terminal
 * one line is redrawn every second (and left in place at the end); otherwise, e.g. into a log file, a new line
 * is printed every few seconds.
 */
public final class ProgressReporter implements AutoCloseable {

    static final DateTimeFormatter SIMULATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final RunStats stats;
    private final PrintWriter out;
    private final Duration every;
    private final ScheduledExecutorService timer;
    private final boolean redraw;
    private RunStats.Snapshot previous;
    private boolean drawn;

    public ProgressReporter(RunStats stats, PrintWriter out, Duration every) {
        this(stats, out, every, false);
    }

    /** @param redraw redraw one line in place every second (a terminal) instead of a line every {@code every} */
    public ProgressReporter(RunStats stats, PrintWriter out, Duration every, boolean redraw) {
        this.stats = stats;
        this.out = out;
        this.redraw = redraw;
        this.every = redraw ? Duration.ofSeconds(1) : every;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        previous = stats.snapshot();
        timer.scheduleAtFixedRate(this::report, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void report() {
        RunStats.Snapshot now = stats.snapshot();
        double rate = (now.messages() - previous.messages()) / (every.toMillis() / 1000.0);
        previous = now;
        if (redraw) {
            // \r back to the start, ESC[K clears what a longer previous line left
            out.print("\r" + line(now, rate) + "\u001b[K");
            drawn = true;
        } else {
            out.println(line(now, rate));
        }
        out.flush();
    }

    static String line(RunStats.Snapshot s, double messagesPerSecond) {
        String simulated = s.simulatedTime() == null ? "-" : format(s.simulatedTime());
        return String.format(Locale.ROOT, "sent %d msgs / %d readings (%.1f msg/s), acked %d, failed %d, simulated time %s",
                s.messages(), s.readings(), messagesPerSecond, s.acknowledged(), s.failed(), simulated);
    }

    /** A simulated time in the district's local time (UTC+8), as operators read it. */
    static String format(java.time.Instant simulated) {
        return SIMULATED.format(simulated.atOffset(java.time.ZoneOffset.ofHours(8)));
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (drawn) {
            out.println(); // the summary goes below the last progress line
            out.flush();
        }
    }
}

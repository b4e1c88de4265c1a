package io.envmon.simulator.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints a progress line every few seconds: messages and readings sent, the recent rate, simulated time. */
public final class ProgressReporter implements AutoCloseable {

    static final DateTimeFormatter SIMULATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final RunStats stats;
    private final PrintWriter out;
    private final Duration every;
    private final ScheduledExecutorService timer;
    private RunStats.Snapshot previous;

    public ProgressReporter(RunStats stats, PrintWriter out, Duration every) {
        this.stats = stats;
        this.out = out;
        this.every = every;
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

    private void report() {
        RunStats.Snapshot now = stats.snapshot();
        double rate = (now.messages() - previous.messages()) / (every.toMillis() / 1000.0);
        previous = now;
        out.println(line(now, rate));
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
    public void close() {
        timer.shutdownNow();
    }
}

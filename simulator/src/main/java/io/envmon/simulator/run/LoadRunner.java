package io.envmon.simulator.run;

import io.envmon.simulator.transport.Transport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code load}: publishes readings at a target rate (readings per second), point after point and tick after tick,
 * spreading the points over several connections (point {@code i} on connection {@code i mod n}). Reading number
 * {@code r} is due at {@code wallStart + r / rate}; a run that falls more than a second behind stops catching up (no bursts)
 * and goes on at the target rate from there; the summary reports the rate achieved. Prints one line per wall second unless quiet, and a summary.
 */
public final class LoadRunner {

    private final List<PointFeed> feeds;
    private final List<Transport> transports;
    private final double rate;
    private final Instant simStart;
    private final Duration interval;
    private final Duration duration;
    private final Long readings;
    private final Pacer pacer;
    private final PrintWriter out;
    private final boolean quiet;
    private static final Duration MAX_CATCH_UP = Duration.ofSeconds(1);
    private final RunStats stats = new RunStats();

    /** How the load run ended. */
    public record Result(long messages, long readings, long acknowledged, long failed, int unacknowledged,
                         Duration wall, double achievedRate, boolean completed) {
        public boolean ok() {
            return failed == 0 && unacknowledged == 0;
        }
    }

    /**
     * @param duration wall-clock length, or {@code null}
     * @param readings total readings to send, or {@code null}; one of duration and readings is set
     */
    public LoadRunner(List<PointFeed> feeds, List<Transport> transports, double rate, Instant simStart, Duration interval,
                      Duration duration, Long readings, Pacer pacer, PrintWriter out, boolean quiet) {
        if (feeds.isEmpty() || transports.isEmpty() || !(rate > 0) || (duration == null) == (readings == null)) {
            throw new IllegalArgumentException("feeds, transports, a positive rate and one of duration/readings are needed");
        }
        this.feeds = List.copyOf(feeds);
        this.transports = List.copyOf(transports);
        this.rate = rate;
        this.simStart = simStart;
        this.interval = interval;
        this.duration = duration;
        this.readings = readings;
        this.pacer = pacer;
        this.out = out;
        this.quiet = quiet;
    }

    /** Connects every transport, plays, drains. @throws io.envmon.simulator.transport.TransportException on connect */
    public Result run(Duration drainTimeout) throws io.envmon.simulator.transport.TransportException {
        for (Transport t : transports) {
            t.connect();
        }
        Instant wallStart = pacer.now();
        Instant wallEnd = duration == null ? null : wallStart.plus(duration);
        boolean completed = true;
        long produced = 0;
        long second = 0;
        long lastReadings = 0;
        long lastMessages = 0;
        Instant base = wallStart;
        long producedAtBase = 0;
        try {
            outer:
            for (long tick = 0; ; tick++) {
                Instant ts = simStart.plus(interval.multipliedBy(tick));
                for (int slot = 0; slot < feeds.size(); slot++) {
                    if (readings != null && produced >= readings) {
                        break outer;
                    }
                    Instant due = base.plusNanos(Math.round((produced - producedAtBase) * 1e9 / rate));
                    Instant now = pacer.now();
                    if (wallEnd != null && (!due.isBefore(wallEnd) || !now.isBefore(wallEnd))) {
                        break outer;
                    }
                    if (Duration.between(due, now).compareTo(MAX_CATCH_UP) > 0) {
                        // fallen behind by more than a second (slow broker, GC): hold the rate from here instead of
                        // bursting to catch up, so the rate stays steady and the achieved rate tells the truth
                        base = now;
                        producedAtBase = produced;
                        due = now;
                    }
                    pacer.sleepUntil(due);
                    produced++;
                    send(slot, feeds.get(slot).next(ts));
                    long elapsed = Duration.between(wallStart, pacer.now()).toSeconds();
                    if (elapsed > second) {
                        RunStats.Snapshot s = stats.snapshot();
                        if (!quiet) {
                            out.printf(Locale.ROOT, "%5ds  sent %7d readings / %6d msgs in the last second, total %d readings, "
                                            + "acknowledged %d msgs, average %.0f readings/s%n", elapsed,
                                    s.readings() - lastReadings, s.messages() - lastMessages, s.readings(), s.acknowledged(),
                                    s.readings() / Math.max(0.001, Duration.between(wallStart, pacer.now()).toNanos() / 1e9));
                            out.flush();
                        }
                        second = elapsed;
                        lastReadings = s.readings();
                        lastMessages = s.messages();
                    }
                }
            }
            for (int slot = 0; slot < feeds.size(); slot++) {
                send(slot, feeds.get(slot).flush());
            }
        } catch (InterruptedException e) {
            Thread.interrupted();
            completed = false;
        }
        Duration sending = Duration.between(wallStart, pacer.now());
        int unacknowledged = 0;
        for (Transport t : transports) {
            unacknowledged += t.close(drainTimeout);
        }
        RunStats.Snapshot s = stats.snapshot();
        double achieved = s.readings() / Math.max(0.001, sending.toNanos() / 1e9);
        Result result = new Result(s.messages(), s.readings(), s.acknowledged(), s.failed(), unacknowledged, sending,
                achieved, completed);
        out.printf(Locale.ROOT, "%s: %d readings / %d messages over %d connections in %.1f s: target %.0f readings/s, "
                        + "achieved %.0f readings/s; acknowledged %d, failed %d, unacknowledged at exit %d%n",
                completed ? "done" : "stopped", s.readings(), s.messages(), transports.size(), sending.toMillis() / 1000.0,
                rate, achieved, s.acknowledged(), s.failed(), unacknowledged);
        out.flush();
        return result;
    }

    /** The topic of a point under {@code root}, as {@link Simulation} publishes it. */
    public static String topic(io.envmon.model.registry.MonitoredPoint point, String root) {
        return Simulation.topicOf(point).render(root);
    }

    private void send(int slot, Optional<OutgoingMessage> message) throws InterruptedException {
        if (message.isPresent()) {
            OutgoingMessage m = message.get();
            stats.published(m, transports.get(slot % transports.size()).publish(m.point(), m.topic(), m.payload()));
        }
    }
}

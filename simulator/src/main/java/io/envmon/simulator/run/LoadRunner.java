package io.envmon.simulator.run;

import io.envmon.model.registry.MonitoredPoint;
import io.envmon.simulator.transport.Transport;
import io.envmon.simulator.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code load}: publishes readings at a target rate (readings per second) over several connections, point
 * {@code i} on connection {@code i mod n}. Each connection is a {@link LoadLane} with its own sender thread,
 * its own points and a share of the rate proportional to its points (so all lanes go through the ticks at the
 * same pace and the shares add up to the target). Reports ({@link LoadReport}) one line per wall second unless
 * quiet, and a summary with the achieved rate and the {@link Steadiness} figures.
 */
public final class LoadRunner {

    /** How long lanes asked to stop (Ctrl-C) may take to hand over their last batches before being interrupted. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** The live line of a second is printed a little after it ends, when the senders have counted its messages. */
    private static final Duration LINE_DELAY = Duration.ofMillis(50);
    private static final int CONNECTING_AT_ONCE = 16;

    private final List<PointFeed> feeds;
    private final List<Transport> transports;
    private final LoadTarget target;
    private final LoadClocks clocks;
    private final LoadReport report;
    private final boolean quiet;
    private final RunStats stats = new RunStats();
    private final SecondCounts seconds = new SecondCounts();

    /** How the load run ended. */
    public record Result(long messages, long readings, long acknowledged, long failed, int unacknowledged,
                         Instant wallFrom, Instant wallTo, Duration wall, double achievedRate, Steadiness steadiness,
                         boolean completed) {
        public boolean ok() {
            return failed == 0 && unacknowledged == 0;
        }
    }

    public LoadRunner(List<PointFeed> feeds, List<Transport> transports, LoadTarget target, LoadClocks clocks,
                      LoadReport report, boolean quiet) {
        if (feeds.isEmpty() || transports.isEmpty() || transports.size() > feeds.size()) {
            throw new IllegalArgumentException("feeds and 1 to feeds.size() transports are needed");
        }
        this.feeds = List.copyOf(feeds);
        this.transports = List.copyOf(transports);
        this.target = target;
        this.clocks = clocks;
        this.report = report;
        this.quiet = quiet;
    }

    /** The topic of a point under {@code root}, as {@link Simulation} publishes it. */
    public static String topic(MonitoredPoint point, String root) {
        return Simulation.topicOf(point).render(root);
    }

    /** Connects every transport, plays, drains. @throws TransportException when a connection fails */
    public Result run(Duration drainTimeout) throws TransportException {
        connectAll();
        Pacer clock = clocks.lane().apply(0);
        Instant wallStart = clock.now();
        List<LoadLane> lanes = lanes(wallStart, clock);
        int warmUp = (int) target.warmUp().toSeconds();
        SecondLines lines = new SecondLines(seconds, stats, report, warmUp);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            Thread t = new Thread(lanes.get(i), "load-" + i);
            t.start();
            threads.add(t);
        }
        Thread ticker = null;
        if (!quiet && clocks.live() != null) {
            ticker = new Thread(() -> tick(clocks.live(), wallStart, lines), "load-seconds");
            ticker.setDaemon(true);
            ticker.start();
        }
        awaitLanes(lanes, threads);
        if (ticker != null) {
            ticker.interrupt();
            joinQuietly(ticker);
        }
        Instant sendingEnd = lanes.stream().map(LoadLane::finishedAt).max(Instant::compareTo).orElse(wallStart);
        Duration sending = Duration.between(wallStart, sendingEnd);
        int unacknowledged = 0;
        for (Transport t : transports) {
            unacknowledged += t.close(drainTimeout);
        }
        return summarise(lanes, wallStart, sending, unacknowledged, clock.now(), lines);
    }

    /** The last lines and the result: totals, the achieved rate after the warm-up, the steadiness figures. */
    private Result summarise(List<LoadLane> lanes, Instant wallStart, Duration sending, int unacknowledged,
                             Instant wallEnd, SecondLines lines) {
        int warmUp = (int) target.warmUp().toSeconds();
        RunStats.Snapshot s = stats.snapshot();
        int counted = (int) Math.max(seconds.seconds(), (sending.toNanos() + 999_999_999L) / 1_000_000_000L);
        if (!quiet) {
            lines.printUpTo(counted, sending);
        }
        // the warm-up is sent and counted in the totals, but not in the achieved rate and the figures; the rate
        // counts the readings made after it (with batches, some of the warm-up's are sent in the first seconds)
        long[] measured = seconds.readingsPerSecond(counted);
        measured = Arrays.copyOfRange(measured, Math.min(warmUp, measured.length), measured.length);
        long madeInWarmUp = lanes.stream().mapToLong(LoadLane::producedInWarmUp).sum();
        double measuredSeconds = (sending.toNanos() - target.warmUp().toNanos()) / 1e9;
        double achieved = Math.max(0, s.readings() - madeInWarmUp) / Math.max(0.001, measuredSeconds);
        boolean completed = lanes.stream().allMatch(LoadLane::completed);
        Result result = new Result(s.messages(), s.readings(), s.acknowledged(), s.failed(), unacknowledged, wallStart,
                wallEnd, sending, achieved, Steadiness.of(target.rate(), achieved, measured), completed);
        report.summary(result, transports.size(), warmUp);
        return result;
    }

    /**
     * Connects the transports side by side: one after the other, a few hundred connections would take minutes.
     * If one fails, the others are closed again.
     */
    private void connectAll() throws TransportException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(transports.size(), CONNECTING_AT_ONCE));
        try {
            List<Future<?>> connecting = new ArrayList<>();
            for (Transport t : transports) {
                connecting.add(pool.submit(() -> {
                    t.connect();
                    return null;
                }));
            }
            for (Future<?> f : connecting) {
                f.get();
            }
        } catch (ExecutionException e) {
            transports.forEach(t -> t.close(Duration.ZERO));
            throw e.getCause() instanceof TransportException te ? te
                    : new TransportException("cannot connect: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            transports.forEach(t -> t.close(Duration.ZERO));
            throw new TransportException("interrupted while connecting", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Lane {@code k}: the feeds {@code i} with {@code i mod n == k}, its share of the rate and of the count. */
    private List<LoadLane> lanes(Instant wallStart, Pacer first) {
        int n = transports.size();
        List<LoadLane> lanes = new ArrayList<>(n);
        int assigned = 0;
        long quotaBefore = 0;
        for (int k = 0; k < n; k++) {
            List<PointFeed> own = new ArrayList<>();
            for (int i = k; i < feeds.size(); i += n) {
                own.add(feeds.get(i));
            }
            assigned += own.size();
            // cumulative rounding: the shares of --count add up to exactly the count
            long quotaUpTo = target.readings() == null ? 0 : target.readings() * assigned / feeds.size();
            long quota = target.readings() == null ? Long.MAX_VALUE : quotaUpTo - quotaBefore;
            quotaBefore = quotaUpTo;
            double rate = target.rate() * own.size() / feeds.size();
            Pacer pacer = k == 0 ? first : clocks.lane().apply(k);
            lanes.add(new LoadLane(own, transports.get(k), target, rate, quota, wallStart, pacer, stats, seconds));
        }
        return lanes;
    }

    /** Waits for the lanes; on an interrupt (Ctrl-C) asks them to stop, then interrupts those that do not. */
    private static void awaitLanes(List<LoadLane> lanes, List<Thread> threads) {
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            lanes.forEach(LoadLane::stop);
            try {
                long deadline = System.nanoTime() + STOP_GRACE.toNanos();
                for (Thread t : threads) {
                    t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException again) {
                // asked twice: stop waiting for the grace period
            }
            threads.forEach(Thread::interrupt);
            threads.forEach(LoadRunner::joinQuietly);
        }
    }

    private void tick(Pacer live, Instant wallStart, SecondLines lines) {
        try {
            for (long s = 1; ; s++) {
                live.sleepUntil(wallStart.plusSeconds(s).plus(LINE_DELAY));
                lines.printUpTo(s, Duration.between(wallStart, live.now()));
            }
        } catch (InterruptedException e) {
            // the run has ended: the remaining lines are printed by run()
        }
    }

    /** Joins whatever happens: the run is ending and still has to drain and report (a second Ctrl-C waits too). */
    private static void joinQuietly(Thread t) {
        while (true) {
            try {
                t.join();
                return;
            } catch (InterruptedException e) {
                // keep waiting: the thread has been told to stop and ends within a pacing step
            }
        }
    }
}

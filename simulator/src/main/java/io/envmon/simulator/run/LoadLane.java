package io.envmon.simulator.run;

import io.envmon.simulator.transport.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One connection of a load run with the points it owns, fed by its own thread at its share of the target rate,
 * so that a connection waiting for its broker window slows only its own points.
 *
 * <p>Reading {@code r} of the lane is due at {@code base + r / rate}. A lane more than a second behind (slow
 * broker, GC pause) stops catching up: it moves its base to now and goes on at its rate from there, so the run
 * never bursts and the per-second counts show what the broker really took. At the end of the warm-up it does so
 * as soon as it is behind at all.
 */
final class LoadLane implements Runnable {

    private static final Duration MAX_CATCH_UP = Duration.ofSeconds(1);

    private final List<PointFeed> feeds;
    private final Transport transport;
    private final LoadTarget target;
    private final double rate;
    private final long quota;
    private final Instant wallStart;
    private final Instant wallEnd;
    private final Instant measuredFrom;
    private boolean warmedUp;
    private volatile long producedInWarmUp;
    private final Pacer pacer;
    private final RunStats stats;
    private final SecondCounts seconds;
    private volatile boolean stopRequested;
    private volatile boolean completed = true;
    private volatile Instant finishedAt;

    /**
     * @param rate  readings per second of this lane
     * @param quota readings this lane sends at most (its share of {@code --count}), {@link Long#MAX_VALUE} for a
     *              run of a duration
     */
    LoadLane(List<PointFeed> feeds, Transport transport, LoadTarget target, double rate, long quota, Instant wallStart,
             Pacer pacer, RunStats stats, SecondCounts seconds) {
        this.feeds = List.copyOf(feeds);
        this.transport = transport;
        this.target = target;
        this.rate = rate;
        this.quota = quota;
        this.wallStart = wallStart;
        this.wallEnd = target.duration() == null ? null : wallStart.plus(target.wallLength());
        this.measuredFrom = wallStart.plus(target.warmUp());
        this.pacer = pacer;
        this.stats = stats;
        this.seconds = seconds;
        this.finishedAt = wallStart;
    }

    /** Asks the lane to stop after the reading it is sending and to flush its batches (Ctrl-C). */
    void stop() {
        stopRequested = true;
    }

    /** @return {@code false} when the lane was stopped before its end */
    boolean completed() {
        return completed;
    }

    /** Readings due before the warm-up ended (all of them when the lane ended before it). */
    long producedInWarmUp() {
        return producedInWarmUp;
    }

    /** The lane's wall time when it sent its last message. */
    Instant finishedAt() {
        return finishedAt;
    }

    @Override
    public void run() {
        try {
            play();
            for (PointFeed feed : feeds) {
                send(feed.flush());
            }
        } catch (InterruptedException e) {
            // stopped hard (a broker that no longer acknowledges): a batch packed but not handed over is in the
            // ledger without having been sent; a stop by stop() never loses one
            completed = false;
        }
        finishedAt = pacer.now();
    }

    private void play() throws InterruptedException {
        Instant base = wallStart;
        long producedAtBase = 0;
        long produced = 0;
        for (long tick = 0; ; tick++) {
            Instant ts = target.timestamp(tick);
            for (PointFeed feed : feeds) {
                if (produced >= quota) {
                    return;
                }
                if (stopRequested) {
                    completed = false;
                    return;
                }
                Instant due = base.plusNanos(Math.round((produced - producedAtBase) * 1e9 / rate));
                Instant now = pacer.now();
                if (wallEnd != null && (!due.isBefore(wallEnd) || !now.isBefore(wallEnd))) {
                    return;
                }
                boolean warmUpEnds = !warmedUp && !now.isBefore(measuredFrom);
                warmedUp |= warmUpEnds;
                // behind by more than a second (slow broker, GC): hold the rate from here instead of bursting to
                // catch up; and what the warm-up fell behind is not made up in the measured seconds either
                if (Duration.between(due, now).compareTo(warmUpEnds ? Duration.ZERO : MAX_CATCH_UP) > 0) {
                    base = now;
                    producedAtBase = produced;
                    due = now;
                }
                pacer.sleepUntil(due);
                produced++;
                if (due.isBefore(measuredFrom)) {
                    producedInWarmUp = produced;
                }
                send(feed.next(ts));
            }
        }
    }

    private void send(Optional<OutgoingMessage> message) throws InterruptedException {
        if (message.isEmpty()) {
            return;
        }
        OutgoingMessage m = message.get();
        stats.published(m, transport.publish(m.point(), m.topic(), m.payload()));
        seconds.add(Duration.between(wallStart, pacer.now()).toSeconds(), m.readings());
    }
}

package io.envmon.simulator.run;

import io.envmon.simulator.transport.Transport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the schedule: for every tick, every point in turn sleeps until its slot, produces its reading and
 * hands the message to the transport (or keeps it, while its connection is down: {@link PointFeed}). Stops after {@code ticks} ticks or when the next slot would fall at or after
 * {@code wallEnd}, whichever is given; an interrupt (Ctrl-C) stops it early.
 */
public final class SimulationRunner {

    private static final Logger log = LoggerFactory.getLogger(SimulationRunner.class);

    private final List<PointFeed> feeds;
    private final PublishSchedule schedule;
    private final Instant wallEnd;
    private final Long ticks;
    private final Pacer pacer;
    private final Transport transport;
    private final RunStats stats;
    private final ScenarioInjector injector;

    /**
     * @param wallEnd stop before any slot due at or after this wall time, or {@code null}
     * @param ticks   readings per point, or {@code null} for no limit
     */
    public SimulationRunner(List<PointFeed> feeds, PublishSchedule schedule, Instant wallEnd, Long ticks,
                            Pacer pacer, Transport transport, RunStats stats) {
        this(feeds, schedule, wallEnd, ticks, pacer, transport, stats, null);
    }

    /** @param injector the scenarios' raw messages, sent when simulated time reaches them, or {@code null} */
    public SimulationRunner(List<PointFeed> feeds, PublishSchedule schedule, Instant wallEnd, Long ticks,
                            Pacer pacer, Transport transport, RunStats stats, ScenarioInjector injector) {
        if (feeds.size() != schedule.points()) {
            throw new IllegalArgumentException("the schedule has " + schedule.points() + " slots for " + feeds.size() + " points");
        }
        this.feeds = List.copyOf(feeds);
        this.schedule = schedule;
        this.wallEnd = wallEnd;
        this.ticks = ticks;
        this.pacer = pacer;
        this.transport = transport;
        this.stats = stats;
        this.injector = injector;
    }

    /** @return {@code true} when the run reached its end, {@code false} when it was interrupted */
    public boolean run() {
        try {
            play();
            // the last, partly filled batches and the backlogs of devices still offline belong to the run too
            for (PointFeed feed : feeds) {
                for (OutgoingMessage m : feed.flushAll()) {
                    send(Optional.of(m));
                }
            }
            return true;
        } catch (InterruptedException e) {
            log.info("stopped before the end of the run");
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void play() throws InterruptedException {
        for (long tick = 0; ticks == null || tick < ticks; tick++) {
            Instant ts = schedule.timestamp(tick);
            for (int slot = 0; slot < feeds.size(); slot++) {
                Instant due = schedule.due(tick, slot);
                // a run that has fallen behind (slow broker) still stops on time: --duration is wall-clock
                if (wallEnd != null && (!due.isBefore(wallEnd) || !pacer.now().isBefore(wallEnd))) {
                    return;
                }
                pacer.sleepUntil(due);
                if (slot == 0 && injector != null) {
                    for (OutgoingMessage m : injector.due(ts, pacer.now())) {
                        send(Optional.of(m));
                    }
                }
                PointFeed feed = feeds.get(slot);
                for (OutgoingMessage m : feed.next(ts, transport.isConnected(feed.point()), pacer.now())) {
                    send(Optional.of(m));
                }
            }
        }
    }

    private void send(Optional<OutgoingMessage> message) throws InterruptedException {
        if (message.isPresent()) {
            OutgoingMessage m = message.get();
            stats.published(m, transport.publish(m.point(), m.topic(), m.payload()));
        }
    }
}

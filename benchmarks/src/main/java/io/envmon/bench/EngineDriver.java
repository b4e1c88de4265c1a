package io.envmon.bench;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.engine.AlertEngine;
import io.envmon.alerts.engine.EngineOutput;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drives an {@link AlertEngine} the way the ingest service does: every stored reading goes to
 * {@link AlertEngine#onReading}, and {@link AlertEngine#onTick} runs every 10 s. With every point sending once a
 * minute the service receives {@code points / 6} readings between two ticks, so here a tick follows every
 * {@code points × 10 / 60} readings (833 at 5,000 points, 83 at 500).
 */
public final class EngineDriver {

    /** Event time of the first reading: a Monday, midnight UTC. */
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final int TICK_SECONDS = 10;

    private final AlertEngine engine;
    private final MinuteFeed feed;
    private final int points;
    private final int tickEvery;
    private final Map<String, Long> surprises = new TreeMap<>();

    public EngineDriver(SyntheticDistrict district) {
        this.engine = new AlertEngine(district.registry(), AlertRulesConfig.defaults());
        this.feed = new MinuteFeed(district.points(), START);
        this.points = district.points().size();
        this.tickEvery = Math.max(1, points * TICK_SECONDS / 60);
    }

    /** Feeds the next reading. */
    public EngineOutput onReading() {
        Reading reading = feed.next();
        return engine.onReading(feed.point(), reading, feed.now());
    }

    /** Ticks when 10 s' worth of readings went in since the last tick, else returns {@link EngineOutput#EMPTY}. */
    public EngineOutput tickIfDue() {
        return feed.fed() % tickEvery == 0 ? engine.onTick(feed.now()) : EngineOutput.EMPTY;
    }

    /**
     * Feeds minute readings for every point, with the ticks, counting the {@link #surprises}: {@code hours} of
     * them, or fewer when {@code budget} runs out first (checked after every reading).
     *
     * @return the readings fed
     */
    public long feedHours(int hours, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        long readings = hours * 60L * points;
        long fed = 0;
        while (fed < readings && System.nanoTime() - deadline < 0) {
            count(onReading());
            count(tickIfDue());
            fed++;
        }
        return fed;
    }

    /** Feeds {@code hours} of minute readings for every point, however long it takes. */
    public void feedHours(int hours) {
        feedHours(hours, Duration.ofDays(365));
    }

    private void count(EngineOutput out) {
        for (AlertEvent e : out.events()) {
            surprises.merge("event " + e.rule(), 1L, Long::sum);
        }
        add("rule fault", out.faults().size());
        add("skipped reading", out.skipped().size());
        add("reload request", out.reloads().size());
    }

    private void add(String what, int n) {
        if (n > 0) {
            surprises.merge(what, (long) n, Long::sum);
        }
    }

    public AlertEngine engine() {
        return engine;
    }

    public int tickEvery() {
        return tickEvery;
    }

    /**
     * What {@link #feedHours} got besides hourly AQI records, counted: alert events by rule, rule faults, skipped
     * readings, reload requests. Empty is expected: the feed is in order and stays within every limit.
     */
    public Map<String, Long> surprises() {
        return surprises;
    }
}

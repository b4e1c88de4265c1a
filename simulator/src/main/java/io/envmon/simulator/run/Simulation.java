package io.envmon.simulator.run;

import io.envmon.model.ReadingCodec;
import io.envmon.model.Topic;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.simulator.ledger.LedgerRecorder;
import io.envmon.simulator.scenario.ScenarioSet;
import io.envmon.simulator.transport.Transport;
import io.envmon.simulator.transport.TransportException;
import io.envmon.simulator.values.AnalyserCycleModel;
import io.envmon.simulator.values.ValueModel;
import io.envmon.simulator.values.ValueModelFactory;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code run} from connect to summary: builds a feed per monitored point, connects (sinks before
 * sources), plays the schedule, drains the acknowledgements and reports.
 */
public final class Simulation {

    private static final Logger log = LoggerFactory.getLogger(Simulation.class);

    private final Registry registry;
    private final RunConfig config;
    private final Transport transport;
    private final Pacer pacer;
    private final PrintWriter out;
    private final ScenarioSet scenarios;
    private final LedgerRecorder ledger;

    public Simulation(Registry registry, RunConfig config, Transport transport, Pacer pacer, PrintWriter out) {
        this(registry, config, transport, pacer, out, ScenarioSet.none(), null);
    }

    /**
     * @param scenarios effects and injections over the normal values (may be empty)
     * @param ledger    records what is sent, or {@code null}
     */
    public Simulation(Registry registry, RunConfig config, Transport transport, Pacer pacer, PrintWriter out,
                      ScenarioSet scenarios, LedgerRecorder ledger) {
        this.scenarios = scenarios;
        this.ledger = ledger;
        this.registry = registry;
        this.config = config;
        this.transport = transport;
        this.pacer = pacer;
        this.out = out;
    }

    /** How the run ended. {@code ok} means every message was acknowledged. */
    public record Outcome(boolean completed, RunStats.Snapshot totals, int unacknowledged, Instant simStart,
                          Instant wallStart, Instant wallEnd) {
        public boolean ok() {
            return totals.failed() == 0 && unacknowledged == 0;
        }
    }

    /** The point's values, its wet-chemistry parameters once per analyser cycle unless the run asks otherwise. */
    private ValueModel model(ValueModelFactory models, MonitoredPoint point) {
        ValueModel values = models.create(point);
        return config.analyserCycles() ? new AnalyserCycleModel(values, registry.analyserCycles(point)) : values;
    }

    /** @throws TransportException when the broker cannot be reached at the start */
    public Outcome run() throws TransportException {
        List<MonitoredPoint> points = registry.points();
        ValueModelFactory models = new ValueModelFactory(registry, config.seed());
        ReadingCodec codec = new ReadingCodec();
        transport.connect();
        Instant wallStart = pacer.now();
        Instant simStart = config.start() != null ? config.start()
                : StartTimeRule.defaultStart(wallStart, config.interval(), config.speed(), config.duration(), config.count());
        List<PointFeed> feeds = new ArrayList<>(points.size());
        for (MonitoredPoint point : points) {
            if (ledger != null) {
                ledger.register(point);
            }
            feeds.add(new PointFeed(point, topicOf(point).render(config.topicRoot()), model(models, point),
                    config.batch(), codec, scenarios.effectsFor(point, registry, simStart, p -> model(models, p)), ledger,
                    config.deviceBuffer()));
        }
        ScenarioInjector injector = scenarios.isEmpty() ? null
                : new ScenarioInjector(scenarios.injections(simStart), config.topicRoot(), points.get(0), ledger);
        PublishSchedule schedule = new PublishSchedule(simStart, wallStart, config.interval(), config.speed(), points.size());
        Instant wallEnd = config.duration() == null ? null : wallStart.plus(config.duration());
        RunStats stats = new RunStats();
        if (simStart.isAfter(wallStart)) {
            log.info("simulated time starts {} in the future; readings wait for the wall clock (the service rejects "
                    + "timestamps too far ahead)", Duration.between(wallStart, simStart));
        }
        announce(points.size(), simStart);

        boolean completed;
        int unacknowledged;
        // a terminal gets one live line; a log file or pipe a line every few seconds
        boolean terminal = System.console() != null;
        try (ProgressReporter progress = new ProgressReporter(stats, out, config.progressEvery(), terminal)) {
            if (!config.quiet()) {
                progress.start();
            }
            completed = new SimulationRunner(feeds, schedule, wallEnd, config.count(), pacer, transport, stats, injector).run();
            if (!completed) {
                // the stop request (Ctrl-C) is handled by stopping; clear it so the drain below can still wait
                Thread.interrupted();
            }
        } finally {
            unacknowledged = transport.close(config.drainTimeout());
        }
        Outcome outcome = new Outcome(completed, stats.snapshot(), unacknowledged, simStart, wallStart, pacer.now());
        summarise(outcome, points.size(), simStart, Duration.between(wallStart, pacer.now()));
        return outcome;
    }

    static Topic topicOf(MonitoredPoint point) {
        return switch (point.kind()) {
            case AIR -> Topic.air(point.site());
            case WATER -> Topic.water(point.site());
            case ENTERPRISE -> Topic.enterprise(point.site(), point.outlet());
        };
    }

    private void announce(int points, Instant simStart) {
        if (config.quiet()) {
            return;
        }
        String end = config.duration() != null ? "for " + config.duration().toString().substring(2).toLowerCase(Locale.ROOT) + " (wall clock)"
                : config.count() != null ? config.count() + " readings per point" : "until stopped (Ctrl-C)";
        out.printf(Locale.ROOT, "%d points (%s); one reading each per %s of simulated time at %s, %s%n",
                points, registry.summary(), config.interval().toString().substring(2).toLowerCase(Locale.ROOT),
                speed(config.speed()), config.batch() == 1 ? "one reading per message" : "batches of up to " + config.batch());
        out.printf(Locale.ROOT, "simulated time starts %s; runs %s%n", ProgressReporter.format(simStart), end);
        out.flush();
    }

    private void summarise(Outcome outcome, int points, Instant simStart, Duration wall) {
        RunStats.Snapshot t = outcome.totals();
        out.printf(Locale.ROOT, "%s: %d messages / %d readings from %d points in %.1f s, acknowledged %d, failed %d, "
                        + "unacknowledged at exit %d; simulated %s .. %s%n",
                outcome.completed() ? "done" : "stopped", t.messages(), t.readings(), points, wall.toMillis() / 1000.0,
                t.acknowledged(), t.failed(), outcome.unacknowledged(), ProgressReporter.format(simStart),
                t.simulatedTime() == null ? "-" : ProgressReporter.format(t.simulatedTime()));
        out.flush();
    }

    private static String speed(double value) {
        return Double.isInfinite(value) ? "unlimited speed (as fast as the in-flight window allows)" : stripZeros(value) + "x";
    }

    private static String stripZeros(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

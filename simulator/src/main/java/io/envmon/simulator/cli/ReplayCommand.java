package io.envmon.simulator.cli;

import io.envmon.model.ReadingCodec;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryException;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.simulator.ledger.LedgerRecorder;
import io.envmon.simulator.run.RunConfig;
import io.envmon.simulator.run.Simulation;
import io.envmon.simulator.run.SystemPacer;
import io.envmon.simulator.scenario.ScenarioException;
import io.envmon.simulator.scenario.ScenarioSet;
import io.envmon.simulator.transport.DeadLetterWatch;
import io.envmon.simulator.transport.MqttSettings;
import io.envmon.simulator.transport.TransportException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code replay}: a past period with historical timestamps, as fast as asked. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {
                "Publishes the readings of every point of the registry for a PAST period (--from/--to or --day), "
                        + "one per point per --interval, with their historical timestamps, then exits with the "
                        + "totals. Same value models, scenarios, topics and payloads as 'run'; only the pacing "
                        + "differs: as fast as the broker's in-flight window allows, or at --speed / --rate.",
                "",
                "The period must end at or before the wall clock (the service rejects timestamps in the future)."},
        footer = {"", "Examples:",
                "  replay --registry config/taigu.yaml --day 2026-11-20 --ledger /tmp/day.json",
                "  replay --registry config/taigu.yaml --from 2026-11-20T00:00:00+08:00 --to 2026-11-20T06:00:00+08:00",
                "         --scenario bad-input,enterprise-exceedance --ledger /tmp/6h.json",
                "  replay --registry config/taigu.yaml --day 2026-11-20 --rate 2000 --batch 10 --quiet",
                "", "Exit codes: 0 all messages acknowledged, 1 broker unreachable or messages not acknowledged, "
                        + "2 usage error."})
public final class ReplayCommand implements Callable<Integer> {

    /** China Standard Time: a --day is the local day of the district. */
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    @Spec
    private CommandSpec spec;

    @Option(names = "--registry", required = true, paramLabel = "FILE", description = "Registry YAML, e.g. config/taigu.yaml.")
    private Path registry;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Period period;

    static final class Period {
        @Option(names = "--day", paramLabel = "DATE", description = "One day in China Standard Time (UTC+8), e.g. 2026-11-20.")
        LocalDate day;

        @ArgGroup(exclusive = false)
        Range range;
    }

    static final class Range {
        @Option(names = "--from", required = true, paramLabel = "TIME", converter = TimestampConverter.class,
                description = "First timestamp (inclusive), RFC 3339, e.g. 2026-11-20T00:00:00+08:00.")
        Instant from;

        @Option(names = "--to", required = true, paramLabel = "TIME", converter = TimestampConverter.class,
                description = "End of the period (exclusive).")
        Instant to;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Pace pace;

    static final class Pace {
        @Option(names = "--speed", paramLabel = "FACTOR", description = "Simulated time runs FACTOR x the wall clock.")
        Double speed;

        @Option(names = "--rate", paramLabel = "N", description = "About N messages per second.")
        Double rate;
    }

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Simulated time between two readings of a point (default: ${DEFAULT-VALUE}). Note: the "
                    + "service computes hourly means (and so hourly alerts) only from points reporting every minute "
                    + "unless the registry sets expectedIntervalSeconds.")
    private Duration interval;

    @Option(names = "--topic-root", paramLabel = "ROOT", defaultValue = "env", description = "First topic level (default: ${DEFAULT-VALUE}).")
    private String topicRoot;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the value generators (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
            description = "Readings per message, 1 to " + ReadingCodec.MAX_BATCH + " (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--quiet", description = "No start-up and progress lines; only the final totals.")
    private boolean quiet;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private ScenarioOptions scenarioOptions;

    @Mixin
    private AnalyserCycleOption analyserCycles;

    @Override
    public Integer call() {
        Instant from = period.day != null ? period.day.atStartOfDay().toInstant(CST) : period.range.from;
        Instant to = period.day != null ? period.day.plusDays(1).atStartOfDay().toInstant(CST) : period.range.to;
        require(to.isAfter(from), "--to must be after --from");
        require(!to.isAfter(Instant.now()), "the period must end at or before now (" + Instant.now() + ")");
        require(interval.toMillis() >= 1, "--interval must be at least 1ms");
        require(batch >= 1 && batch <= ReadingCodec.MAX_BATCH, "--batch must be between 1 and " + ReadingCodec.MAX_BATCH);
        MqttSettings mqtt = connection.settings(spec.commandLine());
        long count = (Duration.between(from, to).toMillis() + interval.toMillis() - 1) / interval.toMillis();
        Registry points;
        ScenarioSet scenarios;
        try {
            points = RegistryFiles.load(registry);
            scenarios = scenarioOptions.load(points);
        } catch (RegistryException | ScenarioException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
        double speed = speed(points.points().size());
        RunConfig config = new RunConfig(interval, speed, from, null, count, seed, batch, topicRoot, quiet,
                Duration.ofSeconds(5), Duration.ofSeconds(60), connection.deviceBuffer(),
                analyserCycles.enabled());
        LedgerRecorder recorder = scenarioOptions.recorder();
        DeadLetterWatch deadLetters = null;
        try {
            deadLetters = scenarioOptions.watchDeadLetters(mqtt, topicRoot, connection.operatorLogin());
            Simulation.Outcome outcome = new Simulation(points, config, connection.transport(points.points(), mqtt), new SystemPacer(),
                    spec.commandLine().getOut(), scenarios, recorder).run();
            scenarioOptions.write("replay", recorder, scenarios, config, outcome, false, deadLetters);
            if (!outcome.ok()) {
                spec.commandLine().getErr().println("error: " + (outcome.totals().failed() + outcome.unacknowledged())
                        + " messages were not acknowledged by the broker");
            }
            return outcome.ok() ? 0 : 1;
        } catch (TransportException | IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } finally {
            if (deadLetters != null) {
                deadLetters.close();
            }
        }
    }

    /** --speed as given, --rate converted (messages per interval / interval length), else unlimited. */
    private double speed(int points) {
        if (pace != null && pace.speed != null) {
            require(pace.speed > 0, "--speed must be > 0");
            return pace.speed;
        }
        if (pace != null && pace.rate != null) {
            require(pace.rate > 0, "--rate must be > 0");
            return pace.rate * (interval.toMillis() / 1000.0) * batch / points;
        }
        return Double.POSITIVE_INFINITY;
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}

package io.envmon.simulator.cli;

import io.envmon.model.ReadingCodec;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryException;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.simulator.hj212.Hj212Run;
import io.envmon.simulator.run.RunConfig;
import io.envmon.simulator.run.Simulation;
import io.envmon.simulator.run.SystemPacer;
import io.envmon.simulator.transport.DeadLetterWatch;
import io.envmon.simulator.transport.MqttSettings;
import io.envmon.simulator.transport.Transport;
import io.envmon.simulator.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code run}: publishes simulated readings of every point of a registry over MQTT. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {
                "Publishes one reading per monitored point (every air station, water section and enterprise outlet "
                        + "of the registry) per interval of SIMULATED time, to {root}/air/{station}, "
                        + "{root}/water/{section} and {root}/enterprise/{enterprise}/{outlet} as reading JSON "
                        + "(CONTRACT §1-2). The points of one interval are spread evenly over its wall-clock length.",
                "",
                "Each site is a device with its own MQTT connection (--connections per-site): it reconnects on "
                        + "its own, keeps its readings while offline (--device-buffer) and sends them as batches "
                        + "when it is back; --credentials logs each site in as its own broker user.",
                "",
                "Simulated time never runs ahead of the wall clock: a reading is never sent before its own "
                        + "timestamp. Without --start, simulated time starts so that the run ends at the wall clock: "
                        + "now - S*(1 - 1/speed), S being the simulated span (--duration x --speed, or --count x "
                        + "--interval; 1 day when unbounded, after which the run continues in real time). At speed 1 "
                        + "that is now. The start is rounded down to a whole interval."},
        footer = {"", "Examples:",
                "  run --registry config/taigu.yaml --mqtt-url tcp://127.0.0.1:1883 --speed 60 --duration 10m",
                "  run --registry config/taigu.yaml --start 2026-11-28T00:00:00+08:00 --speed 3600 --count 24",
                "  run --registry config/taigu.yaml --speed 600 --count 60 --batch 10 --qos 0 --quiet",
                "  run --registry config/taigu.yaml --protocol hj212-tcp --hj212-tcp 127.0.0.1:9212 --speed 60 --count 5"})
public final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--registry", required = true, paramLabel = "FILE",
            description = "Registry YAML with the points to simulate (CONTRACT §6), e.g. config/taigu.yaml.")
    private Path registry;

    @Option(names = "--topic-root", paramLabel = "ROOT", defaultValue = "env",
            description = "First topic level, the service's ENVMON_TOPIC_ROOT (default: ${DEFAULT-VALUE}).")
    private String topicRoot;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Simulated time between two readings of a point: 500ms, 60s, 10m, 1h, PT1M… (default: ${DEFAULT-VALUE}).")
    private Duration interval;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
            description = "How much faster than the wall clock simulated time runs; 60 with --interval 60s makes "
                    + "every point publish once per wall second. Capped so that simulated time never overtakes "
                    + "the wall clock (default: ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--start", paramLabel = "TIME", converter = TimestampConverter.class,
            description = "First simulated timestamp, e.g. 2026-11-28T00:00:00+08:00 (RFC 3339 with an offset). "
                    + "Default: chosen so that the run ends at the wall clock, see above. A start in the future "
                    + "waits for the wall clock.")
    private Instant start;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Length length;

    /** How long to run: at most one of the two; neither means until Ctrl-C. */
    static final class Length {
        @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Stop after this much WALL-CLOCK time, e.g. 10m.")
        Duration duration;

        @Option(names = "--count", paramLabel = "N",
                description = "Stop after N readings per point (N intervals).")
        Long count;
    }

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the value generators: the same seed, registry and start give the same values "
                    + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
            description = "Readings per message: 1 sends single readings, N > 1 sends {\"readings\": [...]} "
                    + "batches of up to N readings of one point (at most " + ReadingCodec.MAX_BATCH + ") "
                    + "(default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--quiet", description = "No start-up and progress lines; only the final totals.")
    private boolean quiet;

    @Option(names = "--protocol", paramLabel = "json|hj212-mqtt|hj212-tcp", defaultValue = "json",
            description = "json: reading JSON on the contract's topics. hj212-mqtt / hj212-tcp: every point with a "
                    + "registry mn sends each reading as an HJ 212 CN=2011 frame (Flag=5) to {root}/hj212/{mn} or "
                    + "to the gateway at --hj212-tcp (one connection per device), and counts a reading as "
                    + "acknowledged when its 9014 comes back (resent after 10 s, 3 times); points without an mn "
                    + "are left out (default: ${DEFAULT-VALUE}).")
    private String protocol;

    @Option(names = "--hj212-tcp", paramLabel = "HOST:PORT",
            description = "The service's HJ 212 TCP gateway (ENVMON_HJ212_TCP_PORT), for --protocol hj212-tcp.")
    private String hj212Tcp;

    @picocli.CommandLine.Mixin
    private ConnectionOptions connection = new ConnectionOptions();

    @picocli.CommandLine.Mixin
    private ScenarioOptions scenarioOptions = new ScenarioOptions();

    @picocli.CommandLine.Mixin
    private AnalyserCycleOption analyserCycles = new AnalyserCycleOption();

    @Override
    public Integer call() {
        MqttSettings mqtt = connection.settings(spec.commandLine());
        RunConfig config = config();
        checkProtocol();
        Registry points;
        io.envmon.simulator.scenario.ScenarioSet scenarios;
        try {
            points = RegistryFiles.load(registry);
            scenarios = scenarioOptions.load(points);
        } catch (RegistryException | io.envmon.simulator.scenario.ScenarioException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
        require(scenarios.isEmpty() || Hj212Run.JSON.equals(protocol),
                "--scenario needs --protocol json (scenario effects and bad input are JSON readings)");
        Hj212Run hj212 = hj212(points, mqtt);
        if (hj212 != null) {
            points = hj212.points();
            if (!config.quiet()) {
                spec.commandLine().getOut().println(hj212.announcement());
            }
        }
        StopOnSignal stop = StopOnSignal.install(Duration.ofSeconds(35));
        DeadLetterWatch deadLetters = null;
        try {
            Transport transport = hj212 != null ? hj212.transport() : connection.transport(points.points(), mqtt);
            io.envmon.simulator.ledger.LedgerRecorder recorder = scenarioOptions.recorder();
            deadLetters = scenarioOptions.watchDeadLetters(mqtt, topicRoot, connection.operatorLogin());
            Simulation.Outcome outcome = new Simulation(points, config, transport, new SystemPacer(),
                    spec.commandLine().getOut(), scenarios, recorder).run();
            scenarioOptions.write("run", recorder, scenarios, config, outcome, true, deadLetters);
            if (hj212 != null) {
                spec.commandLine().getOut().println(hj212.transport().totals());
                spec.commandLine().getOut().flush();
            }
            if (!outcome.ok()) {
                spec.commandLine().getErr().println("error: " + (outcome.totals().failed() + outcome.unacknowledged())
                        + " messages were not acknowledged by the broker");
            }
            return outcome.ok() ? 0 : 1;
        } catch (TransportException | java.io.IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } finally {
            if (deadLetters != null) {
                deadLetters.close();
            }
            stop.close();
        }
    }

    /** The HJ 212 devices and transport for --protocol hj212-*, or {@code null} for json. */
    private void checkProtocol() {
        require(Hj212Run.PROTOCOLS.contains(protocol), "--protocol must be one of " + String.join(", ", Hj212Run.PROTOCOLS));
        require(Hj212Run.HJ212_TCP.equals(protocol) == (hj212Tcp != null),
                "--hj212-tcp HOST:PORT goes with --protocol hj212-tcp (and only with it)");
        require(hj212Tcp == null || hj212Tcp.matches(".+:\\d{1,5}"), "--hj212-tcp must be HOST:PORT");
    }

    private Hj212Run hj212(Registry points, MqttSettings mqtt) {
        if (Hj212Run.JSON.equals(protocol)) {
            return null;
        }
        try {
            return Hj212Run.prepare(protocol, points, hj212Tcp, mqtt, topicRoot);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--protocol " + protocol + ": " + e.getMessage());
        }
    }

    private RunConfig config() {
        require(interval.toMillis() >= 1, "--interval must be at least 1ms");
        require(speed > 0 && speed <= 1_000_000, "--speed must be > 0 and at most 1000000");
        require(batch >= 1 && batch <= ReadingCodec.MAX_BATCH, "--batch must be between 1 and " + ReadingCodec.MAX_BATCH);
        TopicRoot.require(spec, topicRoot);
        Duration duration = length == null ? null : length.duration;
        Long count = length == null ? null : length.count;
        require(duration == null || !duration.isNegative() && !duration.isZero(), "--duration must be positive");
        require(count == null || count >= 1, "--count must be at least 1");
        return new RunConfig(interval, speed, start, duration, count, seed, batch, topicRoot, quiet,
                Duration.ofSeconds(5), Duration.ofSeconds(30), connection.deviceBuffer(),
                analyserCycles.enabled());
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}

package io.envmon.simulator.cli;

import io.envmon.model.ReadingCodec;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryException;
import io.envmon.model.registry.RegistryFiles;
import io.envmon.simulator.ledger.LedgerRecorder;
import io.envmon.simulator.run.LoadClocks;
import io.envmon.simulator.run.LoadReport;
import io.envmon.simulator.run.LoadRunner;
import io.envmon.simulator.run.LoadTarget;
import io.envmon.simulator.run.PointFeed;
import io.envmon.simulator.scenario.PointEffects;
import io.envmon.simulator.transport.MqttSettings;
import io.envmon.simulator.transport.PahoMqttTransport;
import io.envmon.simulator.transport.Transport;
import io.envmon.simulator.transport.TransportException;
import io.envmon.simulator.values.ValueModelFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code load}: a target rate of readings per second over many connections. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {
                "Publishes readings of every point of the registry at a steady target RATE (readings per second), "
                        + "over --connections MQTT connections (point i on connection i mod n), each fed by its own "
                        + "thread at its share of the rate, for a wall-clock --duration or a --count of readings.",
                "",
                "Prints, each second, the readings and messages sent in that second, the messages the broker has "
                        + "acknowledged so far and the running average; at the end the totals, the achieved rate and "
                        + "whether it was held steadily: min/median/max of the per-second counts, the first and last "
                        + "second left out ('held' when every one is at >= 95 %% of the target).",
                "",
                "Pacing: a connection more than a second behind its schedule (slow broker) does not burst to catch "
                        + "up; it goes on at its rate from there, so the figures show what the broker really took.",
                "",
                "Timestamps: one reading per point per --interval of simulated time, starting far enough in the past "
                        + "that the last reading is stamped about now (or --until); so every reading is a distinct "
                        + "point in InfluxDB and none is in the future."},
        footer = {"", "Examples:",
                "  load --registry config/taigu.yaml --rate 5000 --duration 60s --connections 20",
                "  load --registry config/taigu.yaml --rate 50000 --count 1000000 --batch 50 --qos 1 --quiet",
                "  load --registry config/taigu.yaml --rate 10000 --duration 10s --ledger /tmp/load.json",
                "  verify --ledger /tmp/load.json --wait 60s      (did the service store all of it?)",
                "", "Exit codes: 0 all messages acknowledged, 1 broker unreachable or messages not acknowledged, "
                        + "2 usage error."})
public final class LoadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--registry", required = true, paramLabel = "FILE", description = "Registry YAML, e.g. config/taigu.yaml.")
    private Path registry;

    @Option(names = "--rate", required = true, paramLabel = "N", description = "Target readings per second, over all connections.")
    private double rate;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Length length;

    static final class Length {
        @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Wall-clock length, e.g. 60s.")
        Duration duration;

        @Option(names = "--count", paramLabel = "N", description = "Total readings to send (exactly this many).")
        Long count;
    }

    @Option(names = "--warm-up", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "With --duration: first send at the rate for this long (whole seconds), on top of the "
                    + "duration and left out of the achieved rate and the per-second figures, because a new JVM, new "
                    + "connections and the broker take a moment to reach speed. Its readings are sent, acknowledged "
                    + "and in the ledger like the others (default: ${DEFAULT-VALUE}).")
    private Duration warmUp;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "10",
            description = "MQTT connections, each with its own sender thread, client IDs <client-id>-<i>; at most one "
                    + "per point (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
            description = "Readings per message, 1 to " + ReadingCodec.MAX_BATCH + " (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Simulated time between two readings of a point (default: ${DEFAULT-VALUE}).")
    private Duration interval;

    @Option(names = "--until", paramLabel = "TIME", converter = TimestampConverter.class,
            description = "No reading is stamped after TIME, RFC 3339 (default: now). Runs checked one after the other "
                    + "against one database use it to keep their time ranges apart, e.g. the previous ledger's "
                    + "simulatedFrom minus one interval.")
    private Instant until;

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "Write what was sent (per point counts and time range) as JSON to FILE, for 'verify'.")
    private Path ledger;

    @Option(names = "--topic-root", paramLabel = "ROOT", defaultValue = "env", description = "First topic level (default: ${DEFAULT-VALUE}).")
    private String topicRoot;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the value generators (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--quiet", description = "No per-second lines; only the summary.")
    private boolean quiet;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for a person; the wording may change) or json: one JSON object per line, "
                    + "{\"type\":\"second\",...} each second and {\"type\":\"summary\",\"sent\":...,\"acked\":...,"
                    + "\"rate\":...,\"elapsed\":...,\"held\":...} at the end, for scripts (docs/simulator.md) "
                    + "(default: ${DEFAULT-VALUE}).")
    private String output;

    @picocli.CommandLine.Mixin
    private BrokerOptions broker = new BrokerOptions();

    @Override
    public Integer call() {
        MqttSettings mqtt = broker.settings(spec.commandLine(), "envmon-load");
        require(rate > 0, "--rate must be > 0");
        require(connections >= 1 && connections <= 10_000, "--connections must be between 1 and 10000");
        require(batch >= 1 && batch <= ReadingCodec.MAX_BATCH, "--batch must be between 1 and " + ReadingCodec.MAX_BATCH);
        require(interval.toMillis() >= 1, "--interval must be at least 1ms");
        require(length.count == null || length.count >= 1, "--count must be at least 1");
        require(length.duration == null || !length.duration.isNegative() && !length.duration.isZero(), "--duration must be positive");
        TopicRoot.require(spec, topicRoot);
        require(!warmUp.isNegative() && warmUp.toMillis() % 1000 == 0, "--warm-up must be whole seconds, e.g. 2s");
        require(warmUp.isZero() || length.duration != null, "--warm-up goes with --duration");
        require(output.equals("text") || output.equals("json"), "--output must be text or json");
        require(until == null || !until.isAfter(Instant.now()), "--until must not be in the future");
        Registry points;
        try {
            points = RegistryFiles.load(registry);
        } catch (RegistryException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
        List<MonitoredPoint> all = points.points();
        LoadTarget target = new LoadTarget(rate, simStart(all.size()), interval, length.duration, length.count, warmUp);
        LedgerRecorder recorder = ledger == null ? null : new LedgerRecorder();
        List<PointFeed> feeds = feeds(points, recorder);
        StopOnSignal stop = StopOnSignal.install(Duration.ofSeconds(45));
        try {
            List<Transport> transports = new ArrayList<>();
            for (int i = 0; i < Math.min(connections, all.size()); i++) {
                transports.add(new PahoMqttTransport(mqtt.forClient(mqtt.clientId() + "-" + i, null, null)));
            }
            LoadRunner.Result result = new LoadRunner(feeds, transports, target, LoadClocks.system(),
                    report(), quiet).run(Duration.ofSeconds(30));
            if (recorder != null) {
                recorder.toLedger("load", List.of(), topicRoot, interval.toString(), result.wallFrom(), result.wallTo(),
                        result.acknowledged(), result.failed(), List.of()).write(ledger);
            }
            if (!result.ok()) {
                spec.commandLine().getErr().println("error: " + (result.failed() + result.unacknowledged())
                        + " messages were not acknowledged by the broker");
            }
            return result.ok() ? 0 : 1;
        } catch (TransportException | IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } finally {
            stop.close();
        }
    }

    private LoadReport report() {
        return output.equals("json") ? LoadReport.json(spec.commandLine().getOut())
                : LoadReport.text(spec.commandLine().getOut());
    }

    /** Far enough back that the last reading is stamped at --until (or now) at the latest. */
    private Instant simStart(int points) {
        double total = length.count != null ? length.count : rate * length.duration.plus(warmUp).toMillis() / 1000.0;
        long ticks = (long) Math.ceil(total / points) + 1;
        Instant end = until != null ? until : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return end.minus(interval.multipliedBy(ticks));
    }

    private List<PointFeed> feeds(Registry points, LedgerRecorder recorder) {
        ValueModelFactory models = new ValueModelFactory(points, seed);
        ReadingCodec codec = new ReadingCodec();
        List<PointFeed> feeds = new ArrayList<>();
        List<MonitoredPoint> all = points.points();
        for (int i = 0; i < all.size(); i++) {
            MonitoredPoint p = all.get(i);
            if (recorder != null) {
                recorder.register(p);
            }
            // staggered first batches: the points' batches fill on different ticks, so messages flow evenly
            feeds.add(new PointFeed(p, LoadRunner.topic(p, topicRoot), models.create(p), batch, codec,
                    PointEffects.none(p), recorder).withFirstBatchOf(1 + i % batch));
        }
        return feeds;
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}

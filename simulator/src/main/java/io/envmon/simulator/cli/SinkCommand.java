package io.envmon.simulator.cli;

import io.envmon.simulator.run.SystemPacer;
import io.envmon.simulator.sink.MqttSubscriber;
import io.envmon.simulator.sink.PayloadReadings;
import io.envmon.simulator.sink.SinkCounts;
import io.envmon.simulator.sink.SinkMonitor;
import io.envmon.simulator.transport.MqttSettings;
import io.envmon.simulator.transport.TransportException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sink}: a subscriber that counts and discards, to measure the broker alone. */
@Command(name = "sink", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {
                "Subscribes to <topic-root>/# and discards every message after counting it (messages, bytes and, "
                        + "with --count-readings, readings), so that 'load' can be measured against the broker alone, "
                        + "without the ingest service. QoS 1 messages are acknowledged as they arrive.",
                "",
                "Prints one line per second (messages per second, totals) and a summary at the end. Stops after "
                        + "--duration, after --idle without a message (once the first has arrived), or on Ctrl-C. "
                        + "Start it before 'load': it only sees what is published while it is subscribed."},
        footer = {"", "Examples:",
                "  sink --mqtt-url tcp://127.0.0.1:1883 --idle 5s",
                "  sink --count-readings --duration 60s --quiet      (and in another shell: load ... --batch 20)",
                "", "Exit codes: 0 stopped as asked, 1 broker unreachable, subscription refused or connection lost, "
                        + "2 usage error."})
public final class SinkCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--mqtt-url", paramLabel = "URL", defaultValue = "tcp://127.0.0.1:1883", description = "Broker URL (default: ${DEFAULT-VALUE}).")
    private String mqttUrl;

    @Option(names = "--topic-root", paramLabel = "ROOT", defaultValue = "env",
            description = "First topic level; the sink subscribes to ROOT/# (default: ${DEFAULT-VALUE}).")
    private String topicRoot;

    @Option(names = "--qos", paramLabel = "0|1|2", defaultValue = "1",
            description = "Subscription QoS: the most the broker delivers with; with 1 every message is acknowledged "
                    + "(PUBACK) as a real subscriber does (default: ${DEFAULT-VALUE}).")
    private int qos;

    @Option(names = "--client-id", paramLabel = "ID", description = "MQTT client ID (default: envmon-sink-<process id>).")
    private String clientId;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this wall-clock time, e.g. 60s (default: until --idle or Ctrl-C).")
    private Duration duration;

    @Option(names = "--idle", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop when no message has arrived for this long, counted once the first message has "
                    + "arrived, e.g. 3s (default: never).")
    private Duration idle;

    @Option(names = "--count-readings", description = "Parse each payload and count its readings: a batch "
            + "{\"readings\": [...]} counts its elements, a single reading one, anything else is counted as "
            + "unreadable. Costs a few microseconds a message.")
    private boolean countReadings;

    @Option(names = "--quiet", description = "No per-second lines; only the summary.")
    private boolean quiet;

    @Override
    public Integer call() {
        require(qos >= 0 && qos <= 2, "--qos must be 0, 1 or 2");
        TopicRoot.require(spec, topicRoot);
        require(duration == null || !duration.isNegative() && !duration.isZero(), "--duration must be positive");
        require(idle == null || !idle.isNegative() && !idle.isZero(), "--idle must be positive");
        require(mqttUrl.matches("(?i)(tcp|ssl|ws|wss)://.+"), "--mqtt-url must look like tcp://host:port (or ssl://, ws://, wss://)");
        String id = clientId != null ? clientId : "envmon-sink-" + ProcessHandle.current().pid();
        SystemPacer clock = new SystemPacer();
        SinkCounts counts = new SinkCounts();
        PayloadReadings readings = new PayloadReadings();
        PrintWriter out = spec.commandLine().getOut();
        StopOnSignal stop = StopOnSignal.install(Duration.ofSeconds(10));
        // the in-flight window (1) is for publishing, which the sink never does
        try (MqttSubscriber subscriber = new MqttSubscriber(new MqttSettings(mqttUrl, id, qos, 1, Duration.ofSeconds(10)),
                (topic, payload) -> counts.arrived(payload.length, countReadings ? readings.count(payload) : 0, clock.now()))) {
            String filter = topicRoot + "/#";
            subscriber.subscribe(filter);
            // the line scripts wait for before they start publishing
            out.printf(Locale.ROOT, "subscribed to %s on %s with QoS %d as %s%n", filter, mqttUrl, qos, id);
            out.flush();
            SinkMonitor.Outcome outcome = new SinkMonitor(counts, clock, out, quiet, countReadings,
                    new SinkMonitor.Limits(duration, idle), subscriber::lost).run();
            if (!outcome.ok()) {
                spec.commandLine().getErr().println("error: connection to " + mqttUrl + " lost: " + outcome.connectionLost());
            }
            return outcome.ok() ? 0 : 1;
        } catch (TransportException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } finally {
            stop.close();
        }
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}

package io.envmon.simulator.cli;

import io.envmon.model.registry.Registry;
import io.envmon.simulator.ledger.Ledger;
import io.envmon.simulator.ledger.LedgerRecorder;
import io.envmon.simulator.run.RunConfig;
import io.envmon.simulator.run.Simulation;
import io.envmon.simulator.scenario.ScenarioException;
import io.envmon.simulator.scenario.ScenarioFiles;
import io.envmon.simulator.scenario.ScenarioSet;
import io.envmon.simulator.transport.DeadLetterWatch;
import io.envmon.simulator.transport.MqttCredentials;
import io.envmon.simulator.transport.MqttSettings;
import io.envmon.simulator.transport.TransportException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --scenario}, {@code --scenario-dir} and {@code --ledger}, shared by {@code run} and {@code replay}. */
public final class ScenarioOptions {

    private static final Duration DEAD_LETTER_QUIET = Duration.ofSeconds(2);
    private static final Duration DEAD_LETTER_WAIT = Duration.ofSeconds(60);

    @Option(names = "--scenario", paramLabel = "NAME", split = ",",
            description = "Scenario to play over the normal values: a name in --scenario-dir (normal-day, "
                    + "enterprise-exceedance, device-faults, bad-input, winter-episode, section-off-target) or a "
                    + "path to a .yaml file. Repeat (or separate with commas) to combine; effects apply in order. "
                    + "Scenario times are offsets from the first simulated timestamp.")
    List<String> names = new ArrayList<>();

    @Option(names = "--scenario-dir", paramLabel = "DIR", defaultValue = "config/scenarios",
            description = "Where scenario names are looked up (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "Write what was sent (per point counts, time range, expected rejections and alerts) as "
                    + "JSON to FILE, for 'verify'. The run then also watches {root}/deadletter and records the dead "
                    + "letters by reason.")
    Path ledger;

    /** @throws ScenarioException naming the file or site at fault */
    ScenarioSet load(Registry registry) throws ScenarioException {
        ScenarioSet set = ScenarioFiles.load(dir, names);
        set.check(registry);
        return set;
    }

    LedgerRecorder recorder() {
        return ledger == null ? null : new LedgerRecorder();
    }

    /**
     * With a ledger, starts watching the dead-letter topic (before anything is sent: dead letters are not
     * retained); {@code null} without one.
     *
     * @throws TransportException when the broker refuses the subscription
     */
    DeadLetterWatch watchDeadLetters(MqttSettings mqtt, String topicRoot, MqttCredentials.Login login)
            throws TransportException {
        if (ledger == null) {
            return null;
        }
        DeadLetterWatch watch = new DeadLetterWatch(mqtt, topicRoot, login);
        watch.start();
        return watch;
    }

    /**
     * Writes the ledger file when one was asked for; returns the ledger (or null). With a dead-letter watch, first
     * gives the service time to reject what the run sent (until the expected number arrived, at most a minute).
     */
    Ledger write(String command, LedgerRecorder recorder, ScenarioSet scenarios, RunConfig config,
                 Simulation.Outcome outcome, boolean live, DeadLetterWatch deadLetters) throws IOException {
        if (recorder == null) {
            return null;
        }
        Duration span = outcome.totals().simulatedTime() == null ? Duration.ZERO
                : Duration.between(outcome.simStart(), outcome.totals().simulatedTime()).plus(config.interval());
        Ledger l = recorder.toLedger(command, scenarios.names(), config.topicRoot(), config.interval().toString(),
                outcome.wallStart(), outcome.wallEnd(), outcome.totals().acknowledged(), outcome.totals().failed(),
                scenarios.expectedAlerts(span, live));
        if (deadLetters != null) {
            long expected = l.expectedRejections().values().stream().mapToLong(Long::longValue).sum();
            try {
                deadLetters.awaitSettled(expected, DEAD_LETTER_QUIET, DEAD_LETTER_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            l = l.withDeadLetters(deadLetters.counts());
        }
        l.write(ledger);
        return l;
    }
}

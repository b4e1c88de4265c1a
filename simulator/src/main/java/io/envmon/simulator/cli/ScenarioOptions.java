package io.envmon.simulator.cli;

import io.envmon.model.registry.Registry;
import io.envmon.simulator.ledger.Ledger;
import io.envmon.simulator.ledger.LedgerRecorder;
import io.envmon.simulator.run.RunConfig;
import io.envmon.simulator.run.Simulation;
import io.envmon.simulator.scenario.ScenarioException;
import io.envmon.simulator.scenario.ScenarioFiles;
import io.envmon.simulator.scenario.ScenarioSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --scenario}, {@code --scenario-dir} and {@code --ledger}, shared by {@code run} and {@code replay}. */
public final class ScenarioOptions {

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
                    + "JSON to FILE, for 'verify'.")
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

    /** Writes the ledger file when one was asked for; returns the ledger (or null). */
    Ledger write(String command, LedgerRecorder recorder, ScenarioSet scenarios, RunConfig config,
                 Simulation.Outcome outcome, boolean live) throws IOException {
        if (recorder == null) {
            return null;
        }
        Duration span = outcome.totals().simulatedTime() == null ? Duration.ZERO
                : Duration.between(outcome.simStart(), outcome.totals().simulatedTime()).plus(config.interval());
        Ledger l = recorder.toLedger(command, scenarios.names(), config.topicRoot(), config.interval().toString(),
                outcome.wallStart(), outcome.wallEnd(), outcome.totals().acknowledged(), outcome.totals().failed(),
                scenarios.expectedAlerts(span, live));
        l.write(ledger);
        return l;
    }
}

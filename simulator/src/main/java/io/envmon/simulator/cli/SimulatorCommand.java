package io.envmon.simulator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; it only dispatches to sub-commands. */
@Command(name = "envmon-simulator", mixinStandardHelpOptions = true, usageHelpWidth = 100, versionProvider = SimulatorCommand.Version.class,
        subcommands = {RegistryCommand.class, RunCommand.class, ReplayCommand.class, VerifyCommand.class, LoadCommand.class, SinkCommand.class, CommandLine.HelpCommand.class},
        description = {"Plays the Taigu District monitoring network for envmon: generates the registry of sites and "
                + "publishes simulated readings of every air station, river section and enterprise outlet over MQTT: live (run), "
                + "for a past period (replay) or at a target rate (load, with 'sink' as a counting subscriber), with combinable scenarios (config/scenarios) "
                + "and a ledger that 'verify' checks against InfluxDB. See docs/simulator.md."},
        footer = {"", "Exit codes: 0 success, 1 runtime failure (e.g. broker unreachable), 2 usage error, "
                + "3 verify: something missing or an expectation not met.",
                "Run 'envmon-simulator help <command>' or '<command> --help' for a command's options."})
public final class SimulatorCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // no sub-command given: that is a usage error, answered with the usage text and exit code 2
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: registry, run, replay, verify, load or sink");
    }

    /** The version from the jar's manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SimulatorCommand.class.getPackage().getImplementationVersion();
            return new String[] {"envmon-simulator " + (version == null ? "development build" : version)};
        }
    }
}

package io.envmon.simulator;

import io.envmon.simulator.cli.SimulatorCommand;
import picocli.CommandLine;

/** Entry point of {@code envmon-simulator.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new SimulatorCommand());
    }
}

package io.envmon.simulator.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The check of {@code --topic-root}, the same for every command that publishes or subscribes under it. */
final class TopicRoot {

    private TopicRoot() {
    }

    /** @throws ParameterException (exit code 2) when {@code root} has a wildcard or a leading or trailing '/' */
    static void require(CommandSpec spec, String root) {
        if (root.isEmpty() || root.contains("+") || root.contains("#") || root.startsWith("/") || root.endsWith("/")) {
            throw new ParameterException(spec.commandLine(),
                    "--topic-root must be a topic without wildcards and without a leading or trailing '/'");
        }
    }
}

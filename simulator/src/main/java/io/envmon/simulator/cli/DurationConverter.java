package io.envmon.simulator.cli;

import io.envmon.model.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads durations on the command line in the grammar of every envmon duration (docs/configuration.md). */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration such as 500ms, 60s, 10m, 1h30m, 2d or PT1M");
        }
    }
}

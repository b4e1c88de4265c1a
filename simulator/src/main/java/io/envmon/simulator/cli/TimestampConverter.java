package io.envmon.simulator.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Reads an RFC 3339 time with an offset ({@code 2026-11-28T00:00:00+08:00} or {@code …Z}). */
public final class TimestampConverter implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not an RFC 3339 time with an offset, e.g. 2026-11-28T00:00:00+08:00");
        }
    }
}

package io.envmon.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One reading as a device sends it (CONTRACT §2), decoded but not yet checked against the registry.
 *
 * @param ts     event time, millisecond precision
 * @param values parameter name to value, in the contract's unit; insertion-ordered
 * @param flags  parameter name to HJ 212 flag letter; parameters absent here are {@code N}
 * @param seq    the device's sequence number, or {@code null}
 */
public record Reading(Instant ts, Map<String, Double> values, Map<String, String> flags, Long seq) {

    public Reading {
        Objects.requireNonNull(ts, "ts");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        flags = flags == null || flags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    public Reading(Instant ts, Map<String, Double> values) {
        this(ts, values, Map.of(), null);
    }

    /** The flag of a parameter, {@code N} when none was sent. */
    public String flagOf(String parameter) {
        return flags.getOrDefault(parameter, DataFlag.N.name());
    }
}

package io.envmon.simulator.values;

import java.time.Instant;
import java.util.Map;

/**
 * Produces the values one monitored point reports at a simulated time: canonical parameters (CONTRACT §2)
 * in the contract's units, rounded, and within the {@code ParameterCatalog} physical range.
 *
 * <p>A model may keep state (slowly varying noise, a process's mode) and is called with non-decreasing times;
 * the same seed and the same sequence of times give the same values. Later generators (meteorology, pollution
 * episodes, instrument faults with HJ 212 flags) are meant to wrap or replace these models.
 */
public interface ValueModel {

    Map<String, Double> valuesAt(Instant ts);
}

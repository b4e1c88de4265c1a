package io.envmon.alerts.window;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one point's readings give for one hour.
 *
 * @param hourStart    the hour {@code [hourStart, hourStart + 1 h)}
 * @param means        the valid 1-h means by parameter (GB 3095 ≥ 45 minutes of valid data); invalid ones absent
 * @param corrected    stacks with a reference O2: the valid 1-h means of the concentrations converted to it
 * @param o2Suppressed stack parameters with enough data but too little left after leaving out samples at
 *                     O2 ≥ the suppression threshold (start-up, shutdown): not judged against the permit
 * @param facts        enterprise outlets: what the integrity rules need of the hour's raw rows (fingerprints,
 *                     flagged time); {@link HourFacts#NONE} otherwise
 */
public record HourRecord(Instant hourStart, Map<String, Double> means, Map<String, Double> corrected,
                         Set<String> o2Suppressed, HourFacts facts) {

    public HourRecord {
        Objects.requireNonNull(hourStart, "hourStart");
        means = ParameterValues.of(means);
        corrected = ParameterValues.of(corrected);
        o2Suppressed = o2Suppressed.isEmpty() ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(o2Suppressed));
        facts = facts == null ? HourFacts.NONE : facts;
    }

    public HourRecord(Instant hourStart, Map<String, Double> means, Map<String, Double> corrected,
                      Set<String> o2Suppressed) {
        this(hourStart, means, corrected, o2Suppressed, HourFacts.NONE);
    }
}

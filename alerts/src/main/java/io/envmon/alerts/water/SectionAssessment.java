package io.envmon.alerts.water;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The single-factor assessment of one section's values against its target class (GB 3838-2002 §5.1;
 * standards.md §4.3).
 *
 * @param target           the class the water body's function requires
 * @param lake             true for a lake or reservoir
 * @param sectionClass     the worst class among the evaluated parameters; empty when none was evaluated
 * @param parameterClasses the class of each evaluated parameter, in GB 3838 Table 1 order
 * @param exceedances      the parameters worse than the target class, in Table 1 order
 * @param notEvaluated     the given parameters GB 3838 does not classify here (temp, turbidity, TN in rivers…)
 */
public record SectionAssessment(WaterClass target, boolean lake, Optional<WaterClass> sectionClass,
                                Map<String, WaterClass> parameterClasses, List<Exceedance> exceedances,
                                List<String> notEvaluated) {

    public SectionAssessment {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sectionClass, "sectionClass");
        parameterClasses = Collections.unmodifiableMap(new LinkedHashMap<>(parameterClasses));
        exceedances = List.copyOf(exceedances);
        notEvaluated = List.copyOf(notEvaluated);
    }

    /** True when at least one parameter was evaluated and none is worse than the target class. */
    public boolean meetsTarget() {
        return sectionClass.isPresent() && exceedances.isEmpty();
    }

    /** The parameters whose class is the section class (the ones that decide it), in Table 1 order. */
    public List<String> decidingParameters() {
        return sectionClass.map(worst -> parameterClasses.entrySet().stream()
                .filter(e -> e.getValue() == worst).map(Map.Entry::getKey).toList()).orElse(List.of());
    }

    /**
     * One parameter worse than the target class.
     *
     * @param parameter      canonical name
     * @param value          the value assessed
     * @param parameterClass its class
     * @param targetLimit    the target class's criterion it fails
     * @param multiple       超标倍数 (C − limit) / limit against the target-class limit; empty for pH, and for DO
     *                       unless {@link SectionClassifier.DoMultiple#RELATIVE_SHORTFALL} is chosen
     */
    public record Exceedance(String parameter, double value, WaterClass parameterClass, ClassLimit targetLimit,
                             OptionalDouble multiple) {
    }
}

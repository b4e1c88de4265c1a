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
 * @param sectionClass     the worst class among the evaluated parameters that take part in it; empty when none did
 * @param parameterClasses the class of each evaluated parameter, in GB 3838 Table 1 order
 * @param exceedances      the parameters worse than the target class, in Table 1 order (those assessed separately
 *                         included)
 * @param notEvaluated     the given parameters GB 3838 does not classify here (temp, turbidity, TN in rivers…)
 * @param separate         evaluated parameters assessed on their own, outside the section class (lake TN under the
 *                         2011 evaluation method; {@link SectionClassifier.LakeNitrogen})
 */
public record SectionAssessment(WaterClass target, boolean lake, Optional<WaterClass> sectionClass,
                                Map<String, WaterClass> parameterClasses, List<Exceedance> exceedances,
                                List<String> notEvaluated, List<String> separate) {

    public SectionAssessment {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sectionClass, "sectionClass");
        parameterClasses = Collections.unmodifiableMap(new LinkedHashMap<>(parameterClasses));
        exceedances = List.copyOf(exceedances);
        notEvaluated = List.copyOf(notEvaluated);
        separate = List.copyOf(separate);
    }

    /**
     * True when the section has a class and it is not worse than the target. A parameter assessed separately (lake
     * TN) may still be an exceedance: it is reported on its own.
     */
    public boolean meetsTarget() {
        return sectionClass.isPresent() && !sectionClass.get().isWorseThan(target);
    }

    /** The parameters whose class is the section class (the ones that decide it), in Table 1 order. */
    public List<String> decidingParameters() {
        return sectionClass.map(worst -> parameterClasses.entrySet().stream()
                .filter(e -> e.getValue() == worst && !separate.contains(e.getKey()))
                .map(Map.Entry::getKey).toList()).orElse(List.of());
    }

    /** True when {@code parameter} is assessed on its own, outside the section class. */
    public boolean isSeparate(String parameter) {
        return separate.contains(parameter);
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

package io.envmon.alerts.water;

import io.envmon.model.registry.WaterSection;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Classifies a river or lake section by the single-factor method (GB 3838-2002 §5.1; standards.md §4.3):
 *
 * <ul>
 *   <li>each evaluated parameter gets its class ({@link Gb3838});</li>
 *   <li>section class = the <b>worst</b> class among them; worse than class V is 劣V;</li>
 *   <li>lake/reservoir total N: by default assessed <b>separately</b> ({@link LakeNitrogen#SEPARATE}): it gets its
 *       class and, when worse than the target, its exceedance, but it does not enter the section class;</li>
 *   <li>every parameter worse than the <b>target</b> class is an exceedance, with its exceedance multiple
 *       超标倍数 = (C − limit) / limit against the target class's limit (GB 3838 §5.1 "超标项目和超标倍数").</li>
 * </ul>
 *
 * <p>Multiples for pH and DO. The 2011 national evaluation method (环办〔2011〕22号) computes no exceedance
 * multiple for water temperature, pH and dissolved oxygen (several public implementations quote it; not in
 * standards.md). pH never gets one. For DO the default follows that method ({@link DoMultiple#NOT_COMPUTED});
 * {@link DoMultiple#RELATIVE_SHORTFALL} gives (limit − C) / limit instead, e.g. for alert texts.
 *
 * <p>Lake total N. GB 3838 Table 1 gives TN limits for lakes and reservoirs, and §5.1 evaluates every item by the
 * single factor, so by GB 3838 alone TN can decide a lake's class ({@link LakeNitrogen#IN_CLASS}). The 2011
 * evaluation method, which national and provincial bulletins follow, leaves water temperature, TN and fecal
 * coliform out of the class and assesses lake TN separately (standards.md §4.3, marked there as not re-verified),
 * so that is the default.
 */
public final class SectionClassifier {

    /** Whether a DO exceedance carries a multiple. */
    public enum DoMultiple {
        /** No multiple for DO (2011 evaluation method). */
        NOT_COMPUTED,
        /** (limit − C) / limit: how far below the target-class minimum, as a share of it. */
        RELATIVE_SHORTFALL
    }

    /** Whether lake/reservoir total N takes part in the section class. */
    public enum LakeNitrogen {
        /** Classified and reported, not part of the section class (2011 evaluation method). */
        SEPARATE,
        /** Part of the section class like every other item (GB 3838 §5.1 read alone). */
        IN_CLASS
    }

    private final DoMultiple doMultiple;
    private final LakeNitrogen lakeNitrogen;

    /** The 2011 evaluation method: no DO multiple, lake TN assessed separately. */
    public SectionClassifier() {
        this(DoMultiple.NOT_COMPUTED, LakeNitrogen.SEPARATE);
    }

    public SectionClassifier(DoMultiple doMultiple) {
        this(doMultiple, LakeNitrogen.SEPARATE);
    }

    public SectionClassifier(DoMultiple doMultiple, LakeNitrogen lakeNitrogen) {
        this.doMultiple = Objects.requireNonNull(doMultiple, "doMultiple");
        this.lakeNitrogen = Objects.requireNonNull(lakeNitrogen, "lakeNitrogen");
    }

    /**
     * Assesses a registry section: its {@code targetClass} (I–V) and water body (river, or lake/reservoir).
     *
     * @throws IllegalArgumentException when the section has no valid target class
     */
    public SectionAssessment assess(WaterSection section, Map<String, Double> values) {
        Objects.requireNonNull(section, "section");
        WaterClass target;
        try {
            target = WaterClass.parse(section.targetClass());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("section " + section.id() + ": " + e.getMessage(), e);
        }
        return assess(values, target, section.isLake());
    }

    /**
     * Assesses values by canonical parameter name (null values are skipped) against {@code target} (I–V).
     *
     * @throws IllegalArgumentException for a 劣V target, or a negative/NaN value of an evaluated parameter
     */
    public SectionAssessment assess(Map<String, Double> values, WaterClass target, boolean lake) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(target, "target");
        if (target == WaterClass.WORSE_THAN_V) {
            throw new IllegalArgumentException("the target class must be I to V, not 劣V");
        }
        Map<String, WaterClass> classes = new LinkedHashMap<>();
        List<SectionAssessment.Exceedance> exceedances = new ArrayList<>();
        List<String> separate = new ArrayList<>();
        WaterClass worst = null;
        for (Gb3838Item item : Gb3838Item.values()) {
            Double value = values.get(item.parameter());
            if (value == null || !item.appliesTo(lake)) {
                continue;
            }
            WaterClass c = item.classify(value);
            classes.put(item.parameter(), c);
            if (item == Gb3838Item.TN_LAKE && lakeNitrogen == LakeNitrogen.SEPARATE) {
                separate.add(item.parameter());
            } else {
                worst = worst == null ? c : WaterClass.worst(worst, c);
            }
            if (c.isWorseThan(target)) {
                ClassLimit limit = item.limit(target);
                exceedances.add(new SectionAssessment.Exceedance(item.parameter(), value, c, limit,
                        multiple(item, value, limit)));
            }
        }
        List<String> notEvaluated = values.entrySet().stream()
                .filter(e -> e.getValue() != null && !classes.containsKey(e.getKey()))
                .map(Map.Entry::getKey).toList();
        return new SectionAssessment(target, lake, Optional.ofNullable(worst), classes, exceedances, notEvaluated,
                separate);
    }

    private OptionalDouble multiple(Gb3838Item item, double value, ClassLimit limit) {
        return switch (item.direction()) {
            case MAX -> OptionalDouble.of(relative(value, limit.max()));
            case MIN -> doMultiple == DoMultiple.RELATIVE_SHORTFALL
                    ? OptionalDouble.of(-relative(value, limit.min()))
                    : OptionalDouble.empty();
            case RANGE -> OptionalDouble.empty();
        };
    }

    /** (value − limit) / limit in decimal, so (0.25 − 0.2) / 0.2 is 0.25, not 0.2500000000000001. */
    private static double relative(double value, double limit) {
        BigDecimal l = BigDecimal.valueOf(limit);
        return BigDecimal.valueOf(value).subtract(l).divide(l, MathContext.DECIMAL64).doubleValue();
    }
}

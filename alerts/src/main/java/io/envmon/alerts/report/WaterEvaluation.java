package io.envmon.alerts.report;

import io.envmon.alerts.water.SectionAssessment;
import io.envmon.alerts.water.SectionClassifier;
import io.envmon.alerts.water.WaterClass;
import io.envmon.model.registry.WaterSection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A section's monthly class: the mean of each parameter's valid hourly means over the month (hours of a
 * wet-chemistry analyser count once, at the hour of their sample), classified by {@link SectionClassifier}
 * (GB 3838-2002 §5.1 single factor, lake TN assessed separately: docs/standards/README.md items 9, 10, 17).
 * Monthly evaluation of automatic-station data this way is a local convention: standards.md compiles no rule for
 * the monthly statistic of a section.
 */
public final class WaterEvaluation {

    private final SectionClassifier classifier;

    public WaterEvaluation(SectionClassifier classifier) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    /** @param hourlyMeans the section's hourly means of the month, one map per hour */
    public WaterMonthReport evaluate(WaterSection section, String period, Collection<Map<String, Double>> hourlyMeans) {
        Map<String, double[]> sums = new TreeMap<>();
        for (Map<String, Double> hour : hourlyMeans) {
            hour.forEach((p, v) -> {
                if (v != null && Double.isFinite(v)) {
                    double[] s = sums.computeIfAbsent(p, x -> new double[2]);
                    s[0] += v;
                    s[1]++;
                }
            });
        }
        Map<String, Double> means = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        sums.forEach((p, s) -> {
            means.put(p, round(s[0] / s[1], 4));
            counts.put(p, (int) s[1]);
        });
        SectionAssessment a = classifier.assess(section, means);
        List<WaterMonthReport.Exceedance> exceedances = new ArrayList<>();
        for (SectionAssessment.Exceedance e : a.exceedances()) {
            exceedances.add(new WaterMonthReport.Exceedance(e.parameter(), e.value(), label(e.parameterClass()),
                    e.multiple().isPresent() ? round(e.multiple().getAsDouble(), 2) : null));
        }
        String sectionClass = a.sectionClass().map(WaterEvaluation::label).orElse(null);
        return new WaterMonthReport(section.id(), section.name(), period, section.targetClass(), hourlyMeans.size(),
                means, counts, sectionClass, a.sectionClass().isPresent() ? a.meetsTarget() : null,
                a.decidingParameters(), exceedances);
    }

    private static String label(WaterClass c) {
        return c == WaterClass.WORSE_THAN_V ? "劣V" : c.name();
    }

    private static double round(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }
}

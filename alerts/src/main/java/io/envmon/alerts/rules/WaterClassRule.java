package io.envmon.alerts.rules;

import io.envmon.alerts.config.WaterClassConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.water.ClassLimit;
import io.envmon.alerts.water.Gb3838;
import io.envmon.alerts.water.Gb3838Item;
import io.envmon.alerts.water.SectionAssessment;
import io.envmon.alerts.water.SectionClassifier;
import io.envmon.alerts.water.WaterClass;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import io.envmon.model.registry.WaterSection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code water_class}: every hour, the section's hourly means are assessed by the GB 3838 single-factor method
 * ({@link SectionClassifier}); each parameter worse than the section's target class raises its own alert (level =
 * its class, so IV → V → 劣V escalates), {@code major} by default and {@code critical} for 劣V. The threshold is the
 * target class's limit; the message gives the class, the exceedance multiple and the section class (the worst
 * parameter, which decides it). Lake TN, by default, is assessed separately (2011 evaluation method): it has its
 * own alert, but does not decide the section class, and its message says so ({@code lakeTotalNitrogen}).
 * Resolves when the value uses at most {@code clearAtOrBelowShare} of the target-class limit (upper bounds:
 * value / limit; DO: limit / value; pH: distance from 7.5 over 1.5).
 */
public final class WaterClassRule implements PointRule {

    public static final String ID = "water_class";
    private static final Duration HOUR = Duration.ofHours(1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Cadence cadence() {
        return Cadence.HOURLY;
    }

    @Override
    public boolean appliesTo(PointView view) {
        return view.site().point().type() == PointType.WATER_SECTION && view.site().section() != null
                && view.rules().waterClass().enabled();
    }

    @Override
    public List<AlertKey> keys(PointView view) {
        boolean lake = view.site().section().isLake();
        Set<String> present = new LinkedHashSet<>();
        view.replayHours().values().forEach(r -> present.addAll(r.means().keySet()));
        List<AlertKey> keys = new ArrayList<>();
        for (Gb3838Item item : Gb3838Item.values()) {
            if (item.appliesTo(lake) && present.contains(item.parameter())) {
                keys.add(view.key(ID, item.parameter()));
            }
        }
        return keys;
    }

    @Override
    public ObservationSeries observe(PointView view, AlertKey key) {
        WaterClassConfig cfg = view.rules().waterClass();
        WaterSection section = view.site().section();
        WaterClass target = WaterClass.parse(section.targetClass());
        boolean lake = section.isLake();
        String p = key.parameter();
        List<Observation> out = new ArrayList<>();
        SectionClassifier classifier = new SectionClassifier(SectionClassifier.DoMultiple.NOT_COMPUTED,
                cfg.lakeNitrogen());
        ClassLimit limit = Gb3838.limit(p, target, lake).orElse(null);
        double[] bounds = classBounds(p, lake);
        for (JudgedHours.Hour judged : limit == null ? List.<JudgedHours.Hour>of()
                : JudgedHours.of(view, p, r -> r.means().get(p))) {
            double value = judged.value();
            Instant hour = judged.hour();
            Instant end = hour.plus(HOUR);
            SectionAssessment a = classifier.assess(judged.record().means(), target, lake);
            WaterClass c = a.parameterClasses().get(p);
            if (c == null) {
                continue;
            }
            double threshold = threshold(limit, value);
            OptionalDouble multiple = a.exceedances().stream().filter(x -> x.parameter().equals(p))
                    .map(SectionAssessment.Exceedance::multiple).findFirst().orElse(OptionalDouble.empty());
            ClassDetail detail = new ClassDetail(view.site(), judged, p, value, bounds, c, target, threshold, multiple,
                    a.sectionClass(), a.decidingParameters(), a.isSeparate(p));
            if (c.isWorseThan(target)) {
                Severity s = c == WaterClass.WORSE_THAN_V ? cfg.worseThanVSeverity() : cfg.severity();
                out.add(Observation.raise(hour, end, hour, c.ordinal(), s, value, threshold, detail));
            } else if (share(limit, value) <= cfg.clearAtOrBelowShare()) {
                out.add(Observation.clear(hour, end, value, threshold, detail));
            } else {
                out.add(Observation.hold(hour, end, value, threshold, detail));
            }
        }
        String unit = ParameterCatalog.find(PointType.WATER_SECTION, p).map(x -> x.unit()).orElse("");
        return new ObservationSeries(key, out, MachineSettings.hourly(cfg.raiseAfterHours(), cfg.clearAfterHours()),
                unit, Labels.window(view.site().sampleSpan(p)));
    }

    @Override
    public int rankOf(AlertEvent event, PointView view) {
        if (event.value() == null || event.parameter() == null || view.site().section() == null) {
            return 1;
        }
        return Gb3838.classify(event.parameter(), event.value(), view.site().section().isLake())
                .map(Enum::ordinal).orElse(1);
    }

    /**
     * Every class bound of the parameter's GB 3838 row (I–V; pH 6 and 9): the value is printed on the right side of
     * each, so that its class can be read from the message.
     */
    private static double[] classBounds(String parameter, boolean lake) {
        return java.util.Arrays.stream(WaterClass.values()).filter(c -> c != WaterClass.WORSE_THAN_V)
                .map(c -> Gb3838.limit(parameter, c, lake).orElse(null)).filter(java.util.Objects::nonNull)
                .flatMap(l -> java.util.stream.Stream.of(l.min(), l.max())).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).distinct().toArray();
    }

    /** The bound of the target class that the value is judged against: the max, DO's min, pH's nearer bound. */
    private static double threshold(ClassLimit limit, double value) {
        if (limit.min() == null) {
            return limit.max();
        }
        if (limit.max() == null) {
            return limit.min();
        }
        return value < (limit.min() + limit.max()) / 2 ? limit.min() : limit.max();
    }

    /** How much of the target-class limit is used: ≤ 1 meets it. */
    static double share(ClassLimit limit, double value) {
        if (limit.min() != null && limit.max() != null) {
            double mid = (limit.min() + limit.max()) / 2;
            return Math.abs(value - mid) / ((limit.max() - limit.min()) / 2);
        }
        if (limit.max() != null) {
            return value / limit.max();
        }
        return value <= 0 ? Double.POSITIVE_INFINITY : limit.min() / value;
    }

    private record ClassDetail(SiteInfo site, JudgedHours.Hour judged, String parameter, double value, double[] bounds,
                               WaterClass parameterClass,
                               WaterClass target, double threshold, OptionalDouble multiple,
                               Optional<WaterClass> sectionClass, List<String> deciding, boolean separate)
            implements AlertWording {
        @Override
        public BilingualText text(AlertState state) {
            String unit = Labels.unit(ParameterCatalog.find(PointType.WATER_SECTION, parameter)
                    .map(x -> x.unit()).orElse(""));
            String v = Labels.num(value, bounds) + unit;
            String t = Labels.limit(threshold) + unit;
            // the window judged: a water station's CODMn measured every 4 h gives a 4-h mean, not a 1-h one
            String zhHead = Labels.zhSite(site) + " " + Labels.zhPeriod(judged.windowStart(), judged.windowEnd())
                    + Labels.zh(parameter) + " " + Labels.zhMean(judged.span(), null) + " " + v;
            String enHead = Labels.enSite(site) + " " + Labels.en(parameter) + " " + Labels.enMean(judged.span(), null)
                    + " " + v + " (" + Labels.enPeriod(judged.windowStart(), judged.windowEnd()) + ")";
            String zhSection = (separate ? "；" + Labels.zh(parameter) + "单独评价，不参与断面定类" : "")
                    + sectionClass.map(sc -> "；断面水质" + sc.chineseLabel() + "（" + sc.status() + "，"
                            + String.join("、", deciding.stream().map(Labels::zh).toList()) + "定类）").orElse("");
            String enSection = (separate ? "; " + Labels.en(parameter) + " assessed separately, not in the section "
                    + "class" : "") + sectionClass.map(sc -> "; section class " + roman(sc) + " ("
                            + sc.statusEnglish().toLowerCase(java.util.Locale.ROOT) + ", decided by "
                            + String.join(", ", deciding.stream().map(Labels::en).toList()) + ")").orElse("");
            if (state == AlertState.RESOLVED) {
                return new BilingualText(zhHead + "，" + parameterClass.chineseLabel() + "，已达到目标" + target.chineseLabel()
                                + "，告警解除",
                        enHead + ": class " + roman(parameterClass) + ", meets the target class " + roman(target)
                                + ": resolved");
            }
            String zhMultiple = multiple.isPresent() ? "，超标 " + Labels.multiple(multiple.getAsDouble()) + " 倍" : "";
            String enMultiple = multiple.isPresent() ? ", " + Labels.multiple(multiple.getAsDouble()) + "× over" : "";
            return new BilingualText(zhHead + "，" + parameterClass.chineseLabel() + "，劣于目标" + target.chineseLabel()
                            + "（限值 " + t + "）" + zhMultiple + zhSection,
                    enHead + ": class " + roman(parameterClass) + ", worse than the target class " + roman(target)
                            + " (limit " + t + ")" + enMultiple + enSection);
        }

        private static String roman(WaterClass c) {
            return c == WaterClass.WORSE_THAN_V ? "worse than V" : c.name();
        }
    }
}

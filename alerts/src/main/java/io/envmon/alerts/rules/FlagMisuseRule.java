package io.envmon.alerts.rules;

import io.envmon.alerts.config.FlagMisuseConfig;
import io.envmon.alerts.emission.O2Basis;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.window.HourEvaluator;
import io.envmon.alerts.window.HourFacts;
import io.envmon.alerts.window.HourRecord;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code integrity_flag_misuse} (docs/alerts.md#integrity-rules), per enterprise outlet, over the rolling
 * {@code windowHours} ending at each closed hour:
 * <ul>
 *   <li>level 1: maintenance or calibration flags (M, C) covering at least {@code flaggedHoursAtLeast} hours of the
 *       window (long), or in at least {@code periodsAtLeast} separate stretches (frequent);</li>
 *   <li>level 2: the same around high values (a flagged hour whose flagged values of a limited pollutant, or the
 *       judged hour just before or after it, are at least {@code highShare} of the limit), or, flags or not, a
 *       limited pollutant's data missing right after a high hour and coming back later, at least
 *       {@code missingAtHighAtLeast} times in the window.</li>
 * </ul>
 * False-positive guards: one daily calibration of 20 minutes is neither long nor frequent; a gap is counted only
 * when the hour before it was high and data came back after it (not the end of the data, not a stop, whose
 * readings keep coming flagged N with low values); an analyser's value stands for its cycle, so the hours between
 * two wet-chemistry samples are not gaps.
 */
public final class FlagMisuseRule implements PointRule {

    public static final String ID = FlagMisuseConfig.RULE;
    private static final Duration HOUR = Duration.ofHours(1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean appliesTo(PointView view) {
        return view.site().point().kind() == SiteKind.ENTERPRISE && view.site().outlet() != null
                && view.rules().integrity().flagMisuse().enabled();
    }

    @Override
    public List<AlertKey> keys(PointView view) {
        return List.of(view.key(ID, null));
    }

    @Override
    public ObservationSeries observe(PointView view, AlertKey key) {
        FlagMisuseConfig cfg = view.rules().integrity().flagMisuse();
        List<Observation> out = new ArrayList<>();
        if (view.closedUpTo() != null && view.closedUpTo().isAfter(view.observeFrom())) {
            Instant from = view.observeFrom().minus(Duration.ofHours(cfg.lookbackHours()));
            Map<String, Pollutant> pollutants = pollutants(view, from);
            for (Instant h = view.observeFrom(); h.isBefore(view.closedUpTo()); h = h.plus(HOUR)) {
                if (!view.hours().containsKey(h)) {
                    continue; // nothing to say of an hour without data: it neither raises nor clears
                }
                Window w = window(view, cfg, pollutants, h);
                Instant end = h.plus(HOUR);
                AlertWording detail = new Misuse(view.site(), cfg, w);
                if (w.level() == 0) {
                    out.add(Observation.clear(h, end, w.flaggedHours(), cfg.flaggedHoursAtLeast(), detail));
                } else {
                    out.add(Observation.raise(h, end, w.since(), w.level(),
                            w.level() == 2 ? cfg.aroundHighSeverity() : cfg.severity(), w.flaggedHours(),
                            cfg.flaggedHoursAtLeast(), detail));
                }
            }
        }
        return new ObservationSeries(key, out, MachineSettings.hourly(1, cfg.clearAfterHours()), "h",
                cfg.windowHours() + "h");
    }

    /** Each limited pollutant's judged hours as measured (presence) and at the permit's basis (how high). */
    private static Map<String, Pollutant> pollutants(PointView view, Instant from) {
        Map<String, Pollutant> out = new TreeMap<>();
        O2Basis basis = O2Basis.of(view.site().outlet());
        for (Map.Entry<String, Limit> e : view.site().outlet().limits().entrySet()) {
            String p = e.getKey();
            if (e.getValue().isRange() || p.equals("flow")) {
                continue;
            }
            boolean converted = basis != null && HourEvaluator.CONCENTRATIONS.contains(p);
            Map<Instant, Double> present = new HashMap<>();
            JudgedHours.from(view, p, r -> r.means().get(p), from).forEach(h -> present.put(h.hour(), h.value()));
            Map<Instant, Double> judged = new HashMap<>();
            JudgedHours.from(view, p, r -> converted ? r.corrected().get(p) : r.means().get(p), from)
                    .forEach(h -> judged.put(h.hour(), h.value()));
            out.put(p, new Pollutant(p, e.getValue().max(), present, judged));
        }
        return out;
    }

    private static Window window(PointView view, FlagMisuseConfig cfg, Map<String, Pollutant> pollutants, Instant h) {
        Instant first = h.minus(Duration.ofHours(cfg.windowHours() - 1L));
        double flaggedHours = 0;
        int periods = 0;
        List<Instant> flagged = new ArrayList<>();
        List<String> high = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        Instant firstGap = null;
        HourFacts before = null;
        Instant beforeHour = null;
        for (Instant t = first; !t.isAfter(h); t = t.plus(HOUR)) {
            HourRecord r = view.hours().get(t);
            HourFacts f = r == null ? HourFacts.NONE : r.facts();
            if (f.flaggedRows() > 0) {
                flaggedHours += f.flaggedShare();
                boolean joined = before != null && t.minus(HOUR).equals(beforeHour) && before.lastFlagged()
                        && f.firstFlagged();
                periods += f.flaggedStarts() - (joined ? 1 : 0);
                flagged.add(t);
                high.addAll(highAround(f, t, h, pollutants, cfg));
            }
            before = f;
            beforeHour = t;
            for (Pollutant p : pollutants.values()) {
                Double previous = p.judged().get(t.minus(HOUR));
                if (!p.present().containsKey(t) && previous != null && previous >= cfg.highShare() * p.limit()
                        && cameBack(p, t, h)) {
                    firstGap = firstGap == null ? t.minus(HOUR) : firstGap;
                    gaps.add(Labels.zh(p.parameter()) + " " + Labels.zhAt(t) + "（前一小时 " + Labels.num(previous)
                            + "）|" + Labels.en(p.parameter()) + " " + Labels.enAt(t) + " (hour before "
                            + Labels.num(previous) + ")");
                }
            }
        }
        boolean longOrFrequent = flaggedHours >= cfg.flaggedHoursAtLeast() || periods >= cfg.periodsAtLeast();
        int level = longOrFrequent && !high.isEmpty() || gaps.size() >= cfg.missingAtHighAtLeast() ? 2
                : longOrFrequent ? 1 : 0;
        Instant since = flagged.isEmpty() ? firstGap
                : firstGap == null || flagged.get(0).isBefore(firstGap) ? flagged.get(0) : firstGap;
        since = since == null ? first : since;
        return new Window(first, h, level, since, Math.round(flaggedHours * 100) / 100.0, periods, flagged, high, gaps);
    }

    /** The flagged values, or the judged hours next to a flagged hour, that are high. */
    private static List<String> highAround(HourFacts f, Instant t, Instant last, Map<String, Pollutant> pollutants,
                                           FlagMisuseConfig cfg) {
        List<String> out = new ArrayList<>();
        for (Pollutant p : pollutants.values()) {
            double high = cfg.highShare() * p.limit();
            Double flaggedMean = f.flaggedMean(p.parameter());
            Double previous = p.judged().get(t.minus(HOUR));
            Double next = t.plus(HOUR).isAfter(last) ? null : p.judged().get(t.plus(HOUR));
            Double worst = max(flaggedMean, max(previous, next));
            if (worst != null && worst >= high) {
                out.add(Labels.zh(p.parameter()) + " " + Labels.zhAt(t) + " " + Labels.num(worst) + "|"
                        + Labels.en(p.parameter()) + " " + Labels.enAt(t) + " " + Labels.num(worst));
            }
        }
        return out;
    }

    private static boolean cameBack(Pollutant p, Instant gap, Instant last) {
        for (Instant t = gap.plus(HOUR); !t.isAfter(last); t = t.plus(HOUR)) {
            if (p.present().containsKey(t)) {
                return true;
            }
        }
        return false;
    }

    private static Double max(Double a, Double b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Math.max(a, b);
    }

    @Override
    public int rankOf(AlertEvent event, PointView view) {
        FlagMisuseConfig cfg = view.rules().integrity().flagMisuse();
        return event.severity() == cfg.aroundHighSeverity() && cfg.aroundHighSeverity() != cfg.severity() ? 2 : 1;
    }

    private record Pollutant(String parameter, double limit, Map<Instant, Double> present,
                             Map<Instant, Double> judged) {
    }

    /** What the window ending at {@code hour} holds: the evidence. */
    private record Window(Instant first, Instant hour, int level, Instant since, double flaggedHours, int periods,
                          List<Instant> flagged, List<String> high, List<String> gaps) {
    }

    private record Misuse(SiteInfo site, FlagMisuseConfig cfg, Window w) implements AlertWording {

        @Override
        public BilingualText text(AlertState state) {
            Instant end = w.hour().plus(HOUR);
            String zhWhere = Labels.zhSite(site) + " " + Labels.zhPeriod(w.first(), end);
            String enWhere = Labels.enSite(site) + " (" + Labels.enPeriod(w.first(), end) + ")";
            String flags = String.join("/", cfg.flags());
            String zhFlags = flags + " 标记共 " + Labels.num(w.flaggedHours()) + " 小时、" + w.periods() + " 段";
            String enFlags = flags + " flags on " + Labels.num(w.flaggedHours()) + " h in " + w.periods() + " stretches";
            if (state == AlertState.RESOLVED || w.level() == 0) {
                String tail = state == AlertState.RESOLVED ? "，已无长时间或频繁标记，高值后也无数据缺失，告警解除" : "";
                String enTail = state == AlertState.RESOLVED
                        ? ": neither long nor frequent flags nor data missing after high values any more, resolved" : "";
                return new BilingualText(zhWhere + zhFlags + tail, enWhere + " " + enFlags + enTail);
            }
            String hours = w.flagged().stream().map(Labels::time).collect(Collectors.joining(", "));
            StringBuilder zh = new StringBuilder(zhWhere).append(zhFlags);
            StringBuilder en = new StringBuilder(enWhere).append(" ").append(enFlags);
            if (!w.flagged().isEmpty()) {
                zh.append("（标记时段：").append(hours).append("）");
                en.append(" (flagged hours: ").append(hours).append(")");
            }
            if (!w.high().isEmpty()) {
                zh.append("；标记前后或标记数据为高值：").append(part(w.high(), 0, "，"));
                en.append("; high values in or next to the flagged hours: ").append(part(w.high(), 1, ", "));
            }
            if (!w.gaps().isEmpty()) {
                zh.append("；高值后数据缺失 ").append(w.gaps().size()).append(" 次：").append(part(w.gaps(), 0, "，"));
                en.append("; data missing right after a high hour ").append(w.gaps().size()).append(" times: ")
                        .append(part(w.gaps(), 1, ", "));
            }
            zh.append("：疑似滥用维护/校准标记，请核查");
            en.append(": possibly misused maintenance/calibration flags, to be checked");
            return new BilingualText(zh.toString(), en.toString());
        }

        private static String part(List<String> items, int i, String sep) {
            return items.stream().map(s -> s.split("\\|", 2)[i]).collect(Collectors.joining(sep));
        }
    }
}

package io.envmon.alerts.rules;

import io.envmon.alerts.config.ParkedUnderLimitConfig;
import io.envmon.alerts.emission.O2Basis;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.window.HourEvaluator;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code integrity_parked_under_limit} (docs/alerts.md#integrity-rules): the hourly values of a limited pollutant (stacks: at the
 * reference O2, as {@code permit_limit} judges them) all in the band [{@code bandFromShare} × limit, limit) for
 * {@code hours} consecutive hours, while they move from hour to hour much less than the outlet's own values did in
 * the {@code historyHours} before: the median hour-to-hour change of the run at most {@code variabilityRatio} of
 * the history's. A value held just under the limit by a hand on the data rather than by the process.
 *
 * <p>False-positive guards: a plant that runs near its limit with its usual variability is not raised (the
 * comparison is with its own history, not an absolute figure); without {@code minHistoryHours} judged hours of
 * history, or with a history that did not move at all (a stuck analyser: {@code flatline}'s business), the hour
 * is not judged; the median of the changes is not moved by a start-up or a stop in the history. Once open, the
 * alert holds while the values stay in the band (the history then becomes the parked values themselves) and
 * resolves after {@code clearAfterHours} hours outside it. Ranges (pH) are not judged.
 */
public final class ParkedUnderLimitRule implements PointRule {

    public static final String ID = ParkedUnderLimitConfig.RULE;
    private static final Duration HOUR = Duration.ofHours(1);

    @Override
    public boolean appliesTo(PointView view) {
        return view.site().point().kind() == SiteKind.ENTERPRISE && view.site().outlet() != null
                && view.rules().integrity().parkedUnderLimit().enabled();
    }

    @Override
    public List<AlertKey> keys(PointView view) {
        return view.site().outlet().limits().entrySet().stream().filter(e -> !e.getValue().isRange())
                .map(e -> e.getKey()).sorted().map(p -> view.key(ID, p)).toList();
    }

    @Override
    public ObservationSeries observe(PointView view, AlertKey key) {
        ParkedUnderLimitConfig cfg = view.rules().integrity().parkedUnderLimit();
        Outlet outlet = view.site().outlet();
        String p = key.parameter();
        Limit limit = outlet.limits().get(p);
        String unit = ParameterCatalog.find(view.site().point().type(), p).map(x -> x.unit()).orElse("");
        List<Observation> out = new ArrayList<>();
        if (limit != null && !limit.isRange() && view.closedUpTo() != null) {
            O2Basis basis = HourEvaluator.CONCENTRATIONS.contains(p) ? O2Basis.of(outlet) : null;
            Instant from = view.observeFrom().minus(Duration.ofHours(cfg.lookbackHours()));
            List<JudgedHours.Hour> hours = JudgedHours.from(view, p,
                    r -> basis != null ? r.corrected().get(p) : r.means().get(p), from);
            double low = cfg.bandFromShare() * limit.max();
            for (int i = 0; i < hours.size(); i++) {
                JudgedHours.Hour h = hours.get(i);
                if (h.hour().isBefore(view.observeFrom())) {
                    continue;
                }
                Instant end = h.hour().plus(HOUR);
                double v = h.value();
                if (v < low || v >= limit.max()) {
                    out.add(Observation.clear(h.hour(), end, v, limit.max(),
                            new ParkedDetail(view.site(), p, unit, basis, limit.max(), cfg, h, null)));
                    continue;
                }
                Run run = run(hours, i, cfg, low, limit.max());
                ParkedDetail d = new ParkedDetail(view.site(), p, unit, basis, limit.max(), cfg, h, run);
                out.add(run != null && run.parked(cfg)
                        ? Observation.raise(h.hour(), end, run.start(), 1, cfg.severity(), v, limit.max(), d)
                        : Observation.hold(h.hour(), end, v, limit.max(), d));
            }
        }
        return new ObservationSeries(key, out, MachineSettings.hourly(1, cfg.clearAfterHours()), unit,
                cfg.hours() + "h");
    }

    /**
     * The run of {@code cfg.hours()} consecutive judged hours ending at {@code i}, all in the band, with its
     * history; {@code null} when there is no such run or too little history.
     */
    private static Run run(List<JudgedHours.Hour> hours, int i, ParkedUnderLimitConfig cfg, double low, double limit) {
        int first = i - cfg.hours() + 1;
        if (first < 0) {
            return null;
        }
        Instant start = hours.get(first).hour();
        if (!start.plus(Duration.ofHours(cfg.hours() - 1L)).equals(hours.get(i).hour())) {
            return null; // a missing hour inside the run
        }
        List<JudgedHours.Hour> run = hours.subList(first, i + 1);
        for (JudgedHours.Hour h : run) {
            if (h.value() < low || h.value() >= limit) {
                return null;
            }
        }
        Instant historyFrom = start.minus(Duration.ofHours(cfg.historyHours()));
        List<JudgedHours.Hour> history = new ArrayList<>();
        for (int j = first - 1; j >= 0 && !hours.get(j).hour().isBefore(historyFrom); j--) {
            history.add(0, hours.get(j));
        }
        if (history.size() < cfg.minHistoryHours()) {
            return null;
        }
        return new Run(start, List.copyOf(run), medianStep(run), medianStep(history));
    }

    /**
     * The median of the absolute changes between consecutive samples (hours that hold their own sample: an
     * analyser's value carried over its cycle is not a change); NaN with fewer than two changes.
     */
    static double medianStep(List<JudgedHours.Hour> hours) {
        List<Double> steps = new ArrayList<>();
        Double previous = null;
        for (JudgedHours.Hour h : hours) {
            if (!h.hour().equals(h.sampled())) {
                continue;
            }
            if (previous != null) {
                steps.add(Math.abs(h.value() - previous));
            }
            previous = h.value();
        }
        return steps.size() < 2 ? Double.NaN : Medians.of(steps);
    }

    /** One level only. */
    @Override
    public int rankOf(AlertEvent event, PointView view) {
        return 1;
    }

    @Override
    public String id() {
        return ID;
    }

    /** A run in the band, with the median hour-to-hour change of the run and of its history. */
    private record Run(Instant start, List<JudgedHours.Hour> hours, double runStep, double historyStep) {

        boolean parked(ParkedUnderLimitConfig cfg) {
            return !Double.isNaN(runStep) && !Double.isNaN(historyStep) && historyStep > 0
                    && runStep <= cfg.variabilityRatio() * historyStep;
        }
    }

    private record ParkedDetail(SiteInfo site, String parameter, String unit, O2Basis basis, double limit,
                                ParkedUnderLimitConfig cfg, JudgedHours.Hour hour, Run run) implements AlertWording {

        @Override
        public BilingualText text(AlertState state) {
            String u = Labels.unit(unit);
            String l = Labels.limit(limit) + u;
            String zhMean = Labels.zhMean(hour.span(), basis);
            String enMean = Labels.enMean(hour.span(), basis);
            String band = Labels.num(cfg.bandFromShare() * 100) + "–100%";
            if (run == null || !run.parked(cfg) || state == AlertState.RESOLVED) {
                Instant end = hour.windowEnd();
                String v = Labels.num(hour.value(), limit, cfg.bandFromShare() * limit) + u;
                String pct = Labels.num(hour.value() / limit * 100, 100, cfg.bandFromShare() * 100);
                String tail = state == AlertState.RESOLVED ? "，已离开限值下方的窄带，告警解除" : "";
                String enTail = state == AlertState.RESOLVED ? ": off the narrow band under the limit, resolved" : "";
                return new BilingualText(Labels.zhSite(site) + " " + Labels.zhPeriod(hour.windowStart(), end) + Labels.zh(parameter)
                        + " " + zhMean + " " + v + "，为许可限值 " + l + " 的 " + pct + "%" + tail,
                        Labels.enSite(site) + " " + Labels.en(parameter) + " " + enMean + " " + v + " ("
                                + Labels.enPeriod(hour.windowStart(), end) + "), " + pct + " % of the permit limit " + l
                                + enTail);
            }
            Instant end = run.hours().get(run.hours().size() - 1).hour().plus(HOUR);
            String values = run.hours().stream().map(h -> Labels.num(h.value(), limit))
                    .collect(Collectors.joining(", "));
            String runStep = Labels.num(run.runStep()) + u;
            String histStep = Labels.num(run.historyStep()) + u;
            String ratio = Labels.num(run.runStep() / run.historyStep() * 100);
            int n = run.hours().size();
            return new BilingualText(Labels.zhSite(site) + " " + Labels.zhPeriod(run.start(), end) + Labels.zh(parameter) + " "
                    + zhMean + "连续 " + n + " 小时处于许可限值 " + l + " 的 " + band + "（" + values + u
                    + "），逐时变化中位数 " + runStep + "，仅为此前 " + cfg.historyHours() + " 小时（" + histStep + "）的 "
                    + ratio + "%：疑似数据被控制在限值下方，请核查",
                    Labels.enSite(site) + " " + Labels.en(parameter) + " " + enMean + " held at " + band.replace("%",
                            " %") + " of the permit limit " + l + " for " + n + " h ("
                            + Labels.enPeriod(run.start(), end) + ": " + values + u
                            + "); median hour-to-hour change " + runStep + ", " + ratio + " % of the preceding "
                            + cfg.historyHours() + " h (" + histStep + "): possibly parked under the limit, to be "
                            + "checked");
        }
    }
}

package io.envmon.alerts.rules;

import io.envmon.alerts.config.DilutionConfig;
import io.envmon.alerts.emission.O2Basis;
import io.envmon.alerts.emission.OxygenCorrection;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.window.HourRecord;
import io.envmon.model.PointType;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code integrity_dilution}: air let into a stack to bring its concentrations down (docs/alerts.md#integrity-rules).
 * Per stack outlet with an O2 analyser, hour by hour: the hour's O2 at least {@code o2RiseAtLeast} points above the
 * outlet's usual running O2 and its flow at least {@code flowRatioAtLeast} × the usual flow (the medians of its
 * running hours, O2 under the suppression threshold, in the {@code historyHours} before), while a limited
 * pollutant brought back to the usual O2, and then to the permit's basis, is at least {@code nearLimitShare} of its
 * limit. Raised after {@code hours} such consecutive hours.
 *
 * <p>Why both O2 and flow: a plant at lower load burns with more excess air (O2 up) but makes less flue gas (flow
 * down); at higher load the opposite. Only air let in raises both. The dilution-invariant value, {@code C/(21 − O2)},
 * is what the O2 conversion computes; for an outlet judged on the measured value dilution lowers what is judged, for
 * one judged at a reference O2 it helps only by pushing O2 over the suppression threshold, where the hour is not
 * judged at all: both show here, the message says which. Dust extraction stacks, whose O2 is ambient anyway, have
 * no running hours under the threshold and are not judged.
 */
public final class DilutionRule implements PointRule {

    public static final String ID = DilutionConfig.RULE;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String O2 = "o2";
    private static final String FLOW = "flow";
    /** Converts without suppression: what the hour would have been judged at, O2 threshold or not. */
    private static final OxygenCorrection UNSUPPRESSED = new OxygenCorrection(21);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean appliesTo(PointView view) {
        return view.site().point().kind() == SiteKind.ENTERPRISE && view.site().outlet() != null
                && view.site().point().type() == PointType.STACK && view.rules().integrity().dilution().enabled();
    }

    @Override
    public List<AlertKey> keys(PointView view) {
        return List.of(view.key(ID, O2));
    }

    @Override
    public ObservationSeries observe(PointView view, AlertKey key) {
        DilutionConfig cfg = view.rules().integrity().dilution();
        Outlet outlet = view.site().outlet();
        double suppressAt = outlet.o2SuppressAt() != null ? outlet.o2SuppressAt()
                : view.rules().permit().o2SuppressAt();
        List<Observation> out = new ArrayList<>();
        if (view.closedUpTo() != null) {
            Instant from = view.observeFrom().minus(Duration.ofHours(cfg.lookbackHours()));
            Instant runStart = null;
            Instant previous = null;
            for (HourRecord r : view.hours().subMap(from, true, view.closedUpTo(), false).values()) {
                Instant h = r.hourStart();
                Hour hour = judge(view, r, cfg, suppressAt);
                boolean candidate = hour != null && hour.diluted() && !hour.near().isEmpty();
                boolean continues = previous != null && previous.plus(HOUR).equals(h);
                runStart = candidate ? (continues && runStart != null ? runStart : h) : null;
                previous = candidate ? h : null;
                if (h.isBefore(view.observeFrom())) {
                    continue;
                }
                Instant end = h.plus(HOUR);
                Double o2 = r.means().get(O2);
                if (hour == null) {
                    out.add(Observation.hold(h, end, o2, null, new Diluted(view.site(), null, null)));
                } else if (!hour.diluted()) {
                    out.add(Observation.clear(h, end, hour.o2(), hour.threshold(cfg), new Diluted(view.site(), hour, null)));
                } else if (candidate && Duration.between(runStart, h).toHours() + 1 >= cfg.hours()) {
                    out.add(Observation.raise(h, end, runStart, 1, cfg.severity(), hour.o2(), hour.threshold(cfg),
                            new Diluted(view.site(), hour, runStart)));
                } else {
                    out.add(Observation.hold(h, end, hour.o2(), hour.threshold(cfg), new Diluted(view.site(), hour, null)));
                }
            }
        }
        return new ObservationSeries(key, out, MachineSettings.hourly(1, cfg.clearAfterHours()), "%", "1h");
    }

    /** The hour judged against the outlet's usual O2 and flow; {@code null} when it cannot be. */
    private static Hour judge(PointView view, HourRecord r, DilutionConfig cfg, double suppressAt) {
        Double o2 = r.means().get(O2);
        Double flow = r.means().get(FLOW);
        if (o2 == null || flow == null || o2 >= 20.9) {
            return null;
        }
        List<Double> o2s = new ArrayList<>();
        List<Double> flows = new ArrayList<>();
        Instant h = r.hourStart();
        for (HourRecord past : view.hours().subMap(h.minus(Duration.ofHours(cfg.historyHours())), true, h, false)
                .values()) {
            Double o = past.means().get(O2);
            Double f = past.means().get(FLOW);
            if (o != null && f != null && o < suppressAt) {
                o2s.add(o);
                flows.add(f);
            }
        }
        if (o2s.size() < cfg.minHistoryHours()) {
            return null;
        }
        double usualO2 = Medians.of(o2s);
        double usualFlow = Medians.of(flows);
        boolean diluted = o2 >= usualO2 + cfg.o2RiseAtLeast() && flow >= cfg.flowRatioAtLeast() * usualFlow;
        List<Pollutant> near = new ArrayList<>();
        if (diluted) {
            O2Basis basis = O2Basis.of(view.site().outlet());
            for (Map.Entry<String, Limit> e : view.site().outlet().limits().entrySet()) {
                Double raw = r.means().get(e.getKey());
                if (e.getValue().isRange() || raw == null || e.getKey().equals(FLOW)) {
                    continue;
                }
                double undiluted = basis == null ? raw * (21 - usualO2) / (21 - o2)
                        : UNSUPPRESSED.convert(raw, o2, basis).judgedValue().orElse(Double.NaN);
                if (undiluted >= cfg.nearLimitShare() * e.getValue().max()) {
                    Double judged = basis == null ? raw : r.corrected().get(e.getKey());
                    near.add(new Pollutant(e.getKey(), raw, undiluted, judged, e.getValue().max()));
                }
            }
            near.sort((a, b) -> a.parameter().compareTo(b.parameter()));
        }
        return new Hour(h, o2, usualO2, flow, usualFlow, diluted, near);
    }

    @Override
    public int rankOf(AlertEvent event, PointView view) {
        return 1;
    }

    /**
     * A limited pollutant near its limit once the dilution is undone.
     *
     * @param undiluted the value brought back to the usual O2 and to the permit's basis
     * @param judged    what the service judged ({@code null}: not judged, O2 over the suppression threshold)
     */
    record Pollutant(String parameter, double raw, double undiluted, Double judged, double limit) {
    }

    /** One hour against the outlet's usual running O2 and flow. */
    record Hour(Instant hour, double o2, double usualO2, double flow, double usualFlow, boolean diluted,
                List<Pollutant> near) {

        double threshold(DilutionConfig cfg) {
            return usualO2 + cfg.o2RiseAtLeast();
        }
    }

    private record Diluted(SiteInfo site, Hour hour, Instant runStart) implements AlertWording {

        @Override
        public BilingualText text(AlertState state) {
            if (hour == null) {
                return new BilingualText(Labels.zhSite(site) + " 无足够的运行数据判断稀释", Labels.enSite(site)
                        + ": not enough running data to judge dilution");
            }
            Instant start = runStart != null ? runStart : hour.hour();
            Instant end = hour.hour().plus(HOUR);
            String zhO2 = "含氧量 " + Labels.num(hour.o2()) + "%（通常 " + Labels.num(hour.usualO2()) + "%），流量 "
                    + Labels.num(hour.flow()) + " m³/h（通常 " + Labels.num(hour.usualFlow()) + " m³/h）";
            String enO2 = "O2 " + Labels.num(hour.o2()) + " % (usually " + Labels.num(hour.usualO2()) + " %), flow "
                    + Labels.num(hour.flow()) + " m³/h (usually " + Labels.num(hour.usualFlow()) + " m³/h)";
            if (state == AlertState.RESOLVED || runStart == null) {
                String tail = state == AlertState.RESOLVED ? "，已无稀释迹象，告警解除" : "";
                String enTail = state == AlertState.RESOLVED ? ": no sign of dilution any more, resolved" : "";
                return new BilingualText(Labels.zhSite(site) + " " + Labels.zhPeriod(hour.hour(), end) + zhO2 + tail,
                        Labels.enSite(site) + " (" + Labels.enPeriod(hour.hour(), end) + ") " + enO2 + enTail);
            }
            String zhNear = hour.near().stream().map(p -> Labels.zh(p.parameter()) + " 实测 " + Labels.num(p.raw())
                    + "，还原稀释后 " + Labels.num(p.undiluted()) + "（限值 " + Labels.limit(p.limit()) + "，"
                    + (p.judged() == null ? "因含氧量过高未参与判定" : "判定值 " + Labels.num(p.judged())) + "）")
                    .collect(Collectors.joining("；"));
            String enNear = hour.near().stream().map(p -> Labels.en(p.parameter()) + " measured " + Labels.num(p.raw())
                    + ", " + Labels.num(p.undiluted()) + " with the dilution undone (limit " + Labels.limit(p.limit())
                    + ", " + (p.judged() == null ? "not judged: O2 over the threshold" : "judged " + Labels.num(
                    p.judged())) + ")").collect(Collectors.joining("; "));
            long hours = Duration.between(start, end).toHours();
            return new BilingualText(Labels.zhSite(site) + " " + Labels.zhPeriod(start, end) + "连续 " + hours + " 小时含氧量与流量同时"
                    + "升高（最近一小时" + zhO2 + "），污染物浓度接近限值时被稀释：" + zhNear + "。疑似稀释排放，请核查",
                    Labels.enSite(site) + " (" + Labels.enPeriod(start, end) + ") O2 and flow up together for " + hours
                            + " h (last hour " + enO2 + ") while the concentrations neared the limit: " + enNear
                            + ". Possibly diluted with air, to be checked");
        }
    }
}

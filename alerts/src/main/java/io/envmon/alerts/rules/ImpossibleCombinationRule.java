package io.envmon.alerts.rules;

import io.envmon.alerts.config.ImpossibleCombinationConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.window.HourRecord;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.stream.Collectors;

/**
 * {@code integrity_impossible_combination} (docs/alerts.md#integrity-rules), per outlet and limited pollutant, on the hourly means as
 * measured (not O2-converted), hour by hour:
 * <ul>
 *   <li><b>no flow, yet a concentration</b>: the hourly flow at or below {@code zeroFlowAtOrBelow} while the
 *       pollutant's mean is at least {@code positiveShareOfLimit} of its limit: raised on the hour;</li>
 *   <li><b>the plant runs, yet no concentration</b>: the flow above {@code runningFlowAbove} while the mean is at
 *       or below {@code zeroAtOrBelow} for {@code zeroHours} consecutive hours: raised on the last of them, started
 *       at the first.</li>
 * </ul>
 * False-positive guards: only hours with valid means of both (a stop flagged F, maintenance M/C or a fault D
 * gives no mean and is not judged); the "present" bound is a share of the limit, above an analyser's zero drift;
 * a pollutant that was never present in the {@code historyHours} before the run (SO2 at a gas-fired boiler) is
 * not judged for zero concentration. An hour with neither contradiction clears; ranges (pH) are not judged.
 */
public final class ImpossibleCombinationRule implements PointRule {

    public static final String ID = ImpossibleCombinationConfig.RULE;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String FLOW = "flow";

    /** The contradiction seen in an hour. */
    enum Pattern { NO_FLOW, NO_CONCENTRATION }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean appliesTo(PointView view) {
        PointType type = view.site().point().type();
        return view.site().point().kind() == SiteKind.ENTERPRISE && view.site().outlet() != null
                && (type == PointType.STACK || type == PointType.WASTEWATER)
                && view.rules().integrity().impossibleCombination().enabled();
    }

    @Override
    public List<AlertKey> keys(PointView view) {
        return view.site().outlet().limits().entrySet().stream().filter(e -> !e.getValue().isRange())
                .map(Map.Entry::getKey).filter(p -> !p.equals(FLOW)).sorted().map(p -> view.key(ID, p)).toList();
    }

    @Override
    public ObservationSeries observe(PointView view, AlertKey key) {
        ImpossibleCombinationConfig cfg = view.rules().integrity().impossibleCombination();
        String p = key.parameter();
        Limit limit = view.site().outlet().limits().get(p);
        PointType type = view.site().point().type();
        String unit = ParameterCatalog.find(type, p).map(x -> x.unit()).orElse("");
        List<Observation> out = new ArrayList<>();
        if (limit != null && !limit.isRange() && view.closedUpTo() != null) {
            double present = cfg.positiveShareOfLimit() * limit.max();
            Instant from = view.observeFrom().minus(Duration.ofHours(cfg.lookbackHours()));
            NavigableMap<Instant, HourRecord> hours = view.hours().subMap(from, true, view.closedUpTo(), false);
            List<Hour> zeros = new ArrayList<>(); // the current run of running hours at zero concentration
            for (HourRecord r : hours.values()) {
                Double c = r.means().get(p);
                Double flow = r.means().get(FLOW);
                Instant h = r.hourStart();
                if (c == null || flow == null) {
                    zeros.clear(); // a missing hour breaks the run
                    continue;
                }
                // a running hour at zero concentration; judged only when the pollutant was present before
                boolean candidate = flow > cfg.runningFlowOf(type) && c <= cfg.zeroAtOrBelow();
                boolean zero = candidate && wasPresent(hours, h, p, present, cfg);
                if (zero) {
                    if (!zeros.isEmpty() && !zeros.get(zeros.size() - 1).hour().plus(HOUR).equals(h)) {
                        zeros.clear();
                    }
                    zeros.add(new Hour(h, c, flow));
                } else {
                    zeros.clear();
                }
                if (h.isBefore(view.observeFrom())) {
                    continue;
                }
                Instant end = h.plus(HOUR);
                Hour hour = new Hour(h, c, flow);
                if (flow <= cfg.zeroFlowOf(type) && c >= present) {
                    out.add(Observation.raise(h, end, h, 1, cfg.severity(), c, present,
                            new Contradiction(view.site(), p, unit, Pattern.NO_FLOW, List.of(hour), present, limit.max())));
                } else if (zero && zeros.size() >= cfg.zeroHours()) {
                    List<Hour> run = List.copyOf(zeros.subList(zeros.size() - cfg.zeroHours(), zeros.size()));
                    out.add(Observation.raise(h, end, run.get(0).hour(), 1, cfg.severity(), c, cfg.zeroAtOrBelow(),
                            new Contradiction(view.site(), p, unit, Pattern.NO_CONCENTRATION, run, present, limit.max())));
                } else if (candidate) {
                    // building up to zeroHours, or not judged (never present before, or present only before a
                    // zero run longer than the history): neither raises nor clears
                    out.add(Observation.hold(h, end, c, cfg.zeroAtOrBelow(),
                            new Contradiction(view.site(), p, unit, null, List.of(hour), present, limit.max())));
                } else {
                    out.add(Observation.clear(h, end, c, null,
                            new Contradiction(view.site(), p, unit, null, List.of(hour), present, limit.max())));
                }
            }
        }
        return new ObservationSeries(key, out, MachineSettings.hourly(1, cfg.clearAfterHours()), unit, "1h");
    }

    /** True when the pollutant was present in one of the {@code historyHours} before {@code hour}. */
    private static boolean wasPresent(NavigableMap<Instant, HourRecord> hours, Instant hour, String p, double present,
                                      ImpossibleCombinationConfig cfg) {
        for (HourRecord r : hours.subMap(hour.minus(Duration.ofHours(cfg.historyHours())), true, hour, false)
                .values()) {
            Double c = r.means().get(p);
            if (c != null && c >= present) {
                return true;
            }
        }
        return false;
    }

    /** One level only. */
    @Override
    public int rankOf(AlertEvent event, PointView view) {
        return 1;
    }

    /** One judged hour: the pollutant's and the flow's hourly means. */
    record Hour(Instant hour, double value, double flow) {
    }

    private record Contradiction(SiteInfo site, String parameter, String unit, Pattern pattern, List<Hour> hours,
                                 double present, double limit) implements AlertWording {

        @Override
        public BilingualText text(AlertState state) {
            String u = Labels.unit(unit);
            Instant start = hours.get(0).hour();
            Instant end = hours.get(hours.size() - 1).hour().plus(HOUR);
            String zhWhere = Labels.zhSite(site) + " " + Labels.zhPeriod(start, end);
            String enWhere = Labels.enSite(site) + " (" + Labels.enPeriod(start, end) + ")";
            String values = hours.stream().map(h -> Labels.num(h.value())).collect(Collectors.joining(", ")) + u;
            String flows = hours.stream().map(h -> Labels.num(h.flow())).collect(Collectors.joining(", "))
                    + " m³/h";
            if (pattern == null || state == AlertState.RESOLVED) {
                String tail = state == AlertState.RESOLVED ? "，流量与浓度不再矛盾，告警解除" : "";
                String enTail = state == AlertState.RESOLVED ? ": flow and concentration agree again, resolved" : "";
                return new BilingualText(zhWhere + Labels.zh(parameter) + " 1小时均值 " + values + "，流量 " + flows + tail,
                        enWhere + " " + Labels.en(parameter) + " 1-h mean " + values + ", flow " + flows + enTail);
            }
            if (pattern == Pattern.NO_FLOW) {
                String share = Labels.num(present / limit * 100);
                String l = Labels.limit(limit) + u;
                return new BilingualText(zhWhere + "流量 " + flows + "（无排放），" + Labels.zh(parameter) + " 1小时均值却为 "
                        + values + "（≥ 许可限值 " + l + " 的 " + share + "%）：无流量却有浓度，数据矛盾，请核查",
                        enWhere + " flow " + flows + " (no discharge), yet " + Labels.en(parameter) + " 1-h mean "
                                + values + " (≥ " + share + " % of the permit limit " + l + "): a concentration with "
                                + "no flow, contradictory data, to be checked");
            }
            return new BilingualText(zhWhere + "连续 " + hours.size() + " 小时流量 " + flows + "（在运行），"
                    + Labels.zh(parameter) + " 1小时均值却为 " + values + "：运行中浓度为零，数据矛盾，请核查",
                    enWhere + " flow " + flows + " for " + hours.size() + " h (running), yet "
                            + Labels.en(parameter) + " 1-h mean " + values + ": no concentration while the plant "
                            + "runs, contradictory data, to be checked");
        }
    }
}

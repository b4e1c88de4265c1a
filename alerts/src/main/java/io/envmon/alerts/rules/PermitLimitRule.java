package io.envmon.alerts.rules;

import io.envmon.alerts.config.PermitConfig;
import io.envmon.alerts.emission.O2Basis;
import io.envmon.alerts.emission.PermitCheck;
import io.envmon.alerts.emission.PermitResult;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.window.HourEvaluator;
import io.envmon.alerts.window.HourRecord;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.Limit;
import io.envmon.model.registry.Outlet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code permit_limit}: each hourly mean of a parameter with a permit limit (stacks: the concentration converted to
 * the outlet's reference O2, samples at O2 ≥ 19 % left out) judged by {@link PermitCheck}: at or above the
 * early-warning share (80 %) of the limit → level 1 ({@code warning}); over the limit → level 2
 * ({@code critical}), escalating the same alert. Resolves at or below {@code clearAtOrBelowShare} (75 %). Ranges
 * such as pH 6–9 use the distance from the range's middle. Hours with too little data left after O2 suppression,
 * or with the monitor flagged stopped (F), are not judged.
 */
public final class PermitLimitRule implements PointRule {

    public static final String ID = "permit_limit";
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
        return view.site().point().kind() == SiteKind.ENTERPRISE && view.site().outlet() != null
                && view.rules().permit().enabled();
    }

    @Override
    public List<AlertKey> keys(PointView view) {
        return view.site().outlet().limits().keySet().stream().sorted().map(p -> view.key(ID, p)).toList();
    }

    @Override
    public ObservationSeries observe(PointView view, AlertKey key) {
        PermitConfig cfg = view.rules().permit();
        Outlet outlet = view.site().outlet();
        String p = key.parameter();
        Limit limit = outlet.limits().get(p);
        String unit = ParameterCatalog.find(view.site().point().type(), p).map(x -> x.unit()).orElse("");
        List<Observation> out = new ArrayList<>();
        if (limit != null) {
            PermitCheck check = new PermitCheck(cfg.earlyWarningShare());
            O2Basis basis = HourEvaluator.CONCENTRATIONS.contains(p) ? O2Basis.of(outlet) : null;
            boolean corrected = basis != null;
            for (JudgedHours.Hour judged : JudgedHours.of(view, p,
                    r -> corrected ? r.corrected().get(p) : r.means().get(p))) {
                double value = judged.value();
                Instant hour = judged.hour();
                Instant end = hour.plus(HOUR);
                PermitResult r = check.check(value, limit);
                double threshold = limit.isRange() && value < (limit.min() + limit.max()) / 2 ? limit.min()
                        : limit.max();
                PermitDetail d = new PermitDetail(view.site(), judged, p, unit, r, threshold,
                        basis, cfg.earlyWarningShare());
                switch (r.status()) {
                    case EXCEEDED -> out.add(Observation.raise(hour, end, hour, 2, cfg.exceededSeverity(), value,
                            threshold, d));
                    case EARLY_WARNING -> out.add(Observation.raise(hour, end, hour, 1, cfg.earlyWarningSeverity(),
                            value, threshold, d));
                    default -> out.add(r.share() <= cfg.clearAtOrBelowShare()
                            ? Observation.clear(hour, end, value, threshold, d)
                            : Observation.hold(hour, end, value, threshold, d));
                }
            }
        }
        return new ObservationSeries(key, out, MachineSettings.hourly(cfg.raiseAfterHours(), cfg.clearAfterHours()),
                unit, Labels.window(view.site().sampleSpan(p)));
    }

    @Override
    public int rankOf(AlertEvent event, PointView view) {
        Outlet outlet = view.site().outlet();
        Limit limit = outlet == null || event.parameter() == null ? null : outlet.limits().get(event.parameter());
        if (limit == null || event.value() == null) {
            return 1;
        }
        return new PermitCheck(view.rules().permit().earlyWarningShare()).check(event.value(), limit).exceeded() ? 2 : 1;
    }

    private record PermitDetail(SiteInfo site, JudgedHours.Hour judged, String parameter, String unit,
                                PermitResult result,
                                double threshold,
                                O2Basis basis, double earlyShare) implements AlertWording {
        @Override
        public BilingualText text(AlertState state) {
            String u = Labels.unit(unit);
            Limit limit = result.limit();
            String v = (limit.isRange() ? Labels.num(result.value(), limit.min(), limit.max())
                    : Labels.num(result.value(), limit.max())) + u;
            String l = limit.isRange() ? Labels.limit(limit.min()) + "–" + Labels.limit(limit.max()) + u
                    : Labels.limit(limit.max()) + u;
            // the window judged: an analyser measuring every 2 h gives a 2-h mean, not a 1-h one
            Instant from = judged.windowStart();
            Instant to = judged.windowEnd();
            String zh = Labels.zhSite(site) + " " + Labels.zhPeriod(from, to) + Labels.zh(parameter) + " "
                    + Labels.zhMean(judged.span(), basis) + " " + v;
            String en = Labels.enSite(site) + " " + Labels.en(parameter) + " " + Labels.enMean(judged.span(), basis)
                    + " " + v + " (" + Labels.enPeriod(from, to) + ")";
            String early = Labels.num(earlyShare * 100);
            String pct = Labels.num(result.share() * 100, 100, earlyShare * 100);
            if (state == AlertState.RESOLVED) {
                return new BilingualText(zh + "，为许可限值 " + l + " 的 " + pct + "%，告警解除",
                        en + ", " + pct + " % of the permit limit " + l + ": resolved");
            }
            if (result.exceeded()) {
                String zhX = result.multiple().isPresent()
                        ? "，超标 " + Labels.multiple(result.multiple().getAsDouble()) + " 倍" : "";
                String enX = result.multiple().isPresent()
                        ? " by " + Labels.multiple(result.multiple().getAsDouble()) + "×" : "";
                return new BilingualText(zh + "，超过排污许可限值 " + l + zhX, en + " exceeds the permit limit " + l + enX);
            }
            return new BilingualText(zh + "，已达许可限值 " + l + " 的 " + pct + "%（预警线 " + early + "%）",
                    en + " is at " + pct + " % of the permit limit " + l + " (early warning at " + early + " %)");
        }
    }
}

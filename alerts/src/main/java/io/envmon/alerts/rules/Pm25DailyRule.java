package io.envmon.alerts.rules;

import io.envmon.alerts.air.DailyMeanCalculator;
import io.envmon.alerts.air.Gb3095;
import io.envmon.alerts.air.Gb3095Version;
import io.envmon.alerts.config.Pm25DailyConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.series.TimedValue;
import io.envmon.alerts.window.HourEvaluator;
import io.envmon.model.PointType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code pm25_24h_limit}: at the end of each hour, the PM2.5 24-h sliding mean of the 24 hours ending then
 * ({@link DailyMeanCalculator}: valid with ≥ 20 hourly means) against the GB 3095 24-h limit of the version in
 * force at the <b>start</b> of the 24 hours (Grade II: 75 µg/m³ under GB 3095-2012, 60 under the 2026 transitional
 * column, 50 final). A window that began before a new version came into force holds data measured under the old
 * one and is judged by it, so the first window judged by GB 3095-2026 is 2026-03-01 00:00–03-02 00:00 (Beijing
 * time), as the first natural day is (docs/standards/README.md item 16). Over the limit raises; at or below
 * {@code clearAtOrBelowShare} of it clears.
 */
public final class Pm25DailyRule implements PointRule {

    public static final String ID = "pm25_24h_limit";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofHours(24);

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
        return view.site().point().type() == PointType.AIR_STATION && view.rules().pm25Daily().enabled();
    }

    @Override
    public List<AlertKey> keys(PointView view) {
        return List.of(view.key(ID, "pm25"));
    }

    @Override
    public ObservationSeries observe(PointView view, AlertKey key) {
        Pm25DailyConfig cfg = view.rules().pm25Daily();
        List<Observation> out = new ArrayList<>();
        if (view.closedUpTo() != null) {
            // the first replayed hour's 24-h window starts 23 h before it
            List<TimedValue> hourly = view.hourlyFrom("pm25", view.observeFrom().minus(DAY));
            for (Instant hour = view.observeFrom(); hour.isBefore(view.closedUpTo()); hour = hour.plus(HOUR)) {
                Instant end = hour.plus(HOUR);
                Optional<Double> mean = DailyMeanCalculator.mean(hourly, end.minus(DAY));
                if (mean.isEmpty()) {
                    continue;
                }
                Gb3095Version version = view.standards().gb3095At(end.minus(DAY));
                double limit = Gb3095.PM25_24H.limit(version, cfg.gb3095Grade());
                // judged at the decimals it is shown with, as the hourly means are (HourEvaluator.DECIMALS): a mean
                // of 60.0000042 is not "60 over the limit 60"
                double m = BigDecimal.valueOf(mean.get()).setScale(HourEvaluator.DECIMALS, RoundingMode.HALF_EVEN)
                        .doubleValue();
                DayDetail detail = new DayDetail(view.site(), end, m, limit, version, cfg.grade());
                if (m > limit) {
                    out.add(Observation.raise(hour, end, hour, 1, cfg.severity(), m, limit, detail));
                } else if (m <= limit * cfg.clearAtOrBelowShare()) {
                    out.add(Observation.clear(hour, end, m, limit, detail));
                } else {
                    out.add(Observation.hold(hour, end, m, limit, detail));
                }
            }
        }
        return new ObservationSeries(key, out, MachineSettings.hourly(cfg.raiseAfterHours(), cfg.clearAfterHours()),
                "µg/m³", "24h");
    }

    @Override
    public int rankOf(AlertEvent event, PointView view) {
        return 1;
    }

    private record DayDetail(SiteInfo site, Instant end, double mean, double limit, Gb3095Version version,
                             String grade) implements AlertWording {
        @Override
        public BilingualText text(AlertState state) {
            String zhSite = Labels.zhSite(site) + " " + Labels.zhPeriod(end.minus(DAY), end);
            String when = " (" + Labels.enPeriod(end.minus(DAY), end) + ")";
            String v = Labels.num(mean, limit);
            String l = Labels.limit(limit);
            String zhGrade = grade.equals("I") ? "一级" : "二级";
            if (state == AlertState.RESOLVED) {
                return new BilingualText(zhSite + "PM2.5 24小时滑动均值回落至 " + v + " µg/m³（" + version.code()
                                + " " + zhGrade + "限值 " + l + " µg/m³），告警解除",
                        Labels.enSite(site) + " PM2.5 24-h mean back to " + v + " µg/m³" + when + ", "
                                + version.code() + " Grade " + grade + " limit " + l + " µg/m³: resolved");
            }
            return new BilingualText(zhSite + "PM2.5 24小时滑动均值 " + v + " µg/m³，超过 " + version.code() + " "
                            + zhGrade + "浓度限值 " + l + " µg/m³",
                    Labels.enSite(site) + " PM2.5 24-h mean " + v + " µg/m³" + when + " exceeds the "
                            + version.code() + " Grade " + grade + " limit " + l + " µg/m³");
        }
    }
}

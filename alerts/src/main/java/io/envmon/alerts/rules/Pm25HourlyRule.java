package io.envmon.alerts.rules;

import io.envmon.alerts.aqi.AqiCategory;
import io.envmon.alerts.aqi.AqiStandard;
import io.envmon.alerts.aqi.Breakpoint;
import io.envmon.alerts.aqi.Iaqi;
import io.envmon.alerts.aqi.IaqiCalculator;
import io.envmon.alerts.aqi.Pollutant;
import io.envmon.alerts.config.Pm25HourlyConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.window.HourRecord;
import io.envmon.model.PointType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pm25_1h_aqi}: each valid PM2.5 1-h mean is rated with HJ 633 (the IAQI of the 24-h breakpoint column, as
 * the 2026 real-time report rates PM; edition by the hour unless configured) and alerted by its AQI category:
 * 轻度污染 (IAQI 101–150) warning, 中度 (151–200) major, 重度/严重 (&gt; 200) critical. Level = category, so a
 * worsening category escalates the same alert. Resolves when the IAQI is back at or below
 * {@code clearAtOrBelowIaqi} (default 90) for {@code clearAfterHours} hours; 91–100 holds.
 */
public final class Pm25HourlyRule implements PointRule {

    public static final String ID = "pm25_1h_aqi";
    private static final String UNIT = "µg/m³";

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
        return view.site().point().type() == PointType.AIR_STATION && view.rules().pm25Hourly().enabled();
    }

    @Override
    public List<AlertKey> keys(PointView view) {
        return List.of(view.key(ID, "pm25"));
    }

    @Override
    public ObservationSeries observe(PointView view, AlertKey key) {
        Pm25HourlyConfig cfg = view.rules().pm25Hourly();
        List<Observation> out = new ArrayList<>();
        for (Map.Entry<Instant, HourRecord> e : view.replayHours().entrySet()) {
            Double mean = e.getValue().means().get("pm25");
            if (mean == null) {
                continue;
            }
            Instant hour = e.getKey();
            Instant end = hour.plus(Duration.ofHours(1));
            AqiStandard standard = view.standards().aqiAt(hour);
            int iaqi = iaqi(mean, standard);
            AqiCategory category = AqiCategory.of(iaqi);
            Optional<Severity> severity = cfg.severityFor(category.level());
            HourDetail detail = new HourDetail(view.site(), hour, mean, iaqi, category, standard);
            if (severity.isPresent()) {
                out.add(Observation.raise(hour, end, hour, category.level(), severity.get(), mean,
                        floorOf(category, standard), detail));
            } else if (iaqi <= cfg.clearAtOrBelowIaqi()) {
                out.add(Observation.clear(hour, end, mean, floorOf(AqiCategory.LIGHTLY_POLLUTED, standard), detail));
            } else {
                out.add(Observation.hold(hour, end, mean, floorOf(AqiCategory.LIGHTLY_POLLUTED, standard), detail));
            }
        }
        return new ObservationSeries(key, out, MachineSettings.hourly(cfg.raiseAfterHours(), cfg.clearAfterHours()),
                UNIT, "1h");
    }

    @Override
    public int rankOf(AlertEvent event, PointView view) {
        if (event.value() == null) {
            return 3;
        }
        AqiStandard standard = view.standards().aqiAt(event.ts().minus(Duration.ofHours(1)));
        return AqiCategory.of(iaqi(event.value(), standard)).level();
    }

    private static int iaqi(double mean, AqiStandard standard) {
        return ((Iaqi.Value) IaqiCalculator.iaqi(Pollutant.PM25_24H, mean, standard)).value();
    }

    /** The concentration above which a value is in {@code category}: 75 (2012) / 60 (2026), 115, 150, 250. */
    static double floorOf(AqiCategory category, AqiStandard standard) {
        int below = category.minAqi() - 1;
        for (Breakpoint b : Pollutant.PM25_24H.breakpoints(standard)) {
            if (b.iaqi() == below) {
                return b.bp().doubleValue();
            }
        }
        return 0;
    }

    private record HourDetail(SiteInfo site, Instant hour, double mean, int iaqi, AqiCategory category,
                              AqiStandard standard) implements AlertWording {
        @Override
        public BilingualText text(AlertState state) {
            Instant end = hour.plus(Duration.ofHours(1));
            String zhSite = Labels.zhSite(site) + " " + Labels.zhPeriod(hour, end);
            String enSite = Labels.enSite(site);
            String when = " (" + Labels.enPeriod(hour, end) + ")";
            // beside the breakpoints that decide the category: 75.04 (IAQI 101 under 2012) does not print as 75
            String v = Labels.num(mean, Pollutant.PM25_24H.breakpoints(standard).stream()
                    .mapToDouble(b -> b.bp().doubleValue()).toArray());
            String std = standard.code();
            if (state == AlertState.RESOLVED) {
                return new BilingualText(zhSite + "PM2.5 1小时均值回落至 " + v + " µg/m³（分指数 " + iaqi + "，"
                                + category.chineseName() + "），告警解除（" + std + "）",
                        enSite + " PM2.5 1-h mean back to " + v + " µg/m³" + when + ", IAQI " + iaqi + " ("
                                + category.englishName().toLowerCase(java.util.Locale.ROOT) + "): resolved (" + std + ")");
            }
            return new BilingualText(zhSite + "PM2.5 1小时均值 " + v + " µg/m³，分指数 " + iaqi + "，空气质量"
                            + category.chineseName() + "（" + std + "）",
                    enSite + " PM2.5 1-h mean " + v + " µg/m³" + when + ", IAQI " + iaqi + ": "
                            + category.englishName().toLowerCase(java.util.Locale.ROOT) + " (" + std + ")");
        }
    }
}

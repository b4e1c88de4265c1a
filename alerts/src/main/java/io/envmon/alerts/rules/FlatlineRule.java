package io.envmon.alerts.rules;

import io.envmon.alerts.config.FlatlineConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.Detail;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.lifecycle.Text;
import io.envmon.alerts.window.SampleWindow;
import io.envmon.model.ParameterCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code flatline}: a parameter repeats exactly the same value in consecutive readings (flag N only; readings
 * with other flags or without the parameter are skipped, a gap in the data does not break the run) for at least
 * its configured duration and at least {@code minReadings} readings → one alert per parameter, {@code startedAt}
 * = the first reading of the run. The first different value resolves it. Runs of exact zeros are not flagged
 * while {@code ignoreZero} is set.
 */
public final class FlatlineRule implements PointRule {

    public static final String ID = "flatline";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Cadence cadence() {
        return Cadence.READING;
    }

    @Override
    public boolean appliesTo(PointView view) {
        return view.rules().flatline().enabled() && view.samples() != null;
    }

    @Override
    public List<AlertKey> keys(PointView view) {
        return view.rules().flatline().parametersOf(view.site().point().type()).keySet().stream().sorted()
                .map(p -> view.key(ID, p)).toList();
    }

    @Override
    public ObservationSeries observe(PointView view, AlertKey key) {
        FlatlineConfig cfg = view.rules().flatline();
        String p = key.parameter();
        String unit = ParameterCatalog.find(view.site().point().type(), p).map(x -> x.unit()).orElse("");
        List<Observation> out = new ArrayList<>();
        Duration min = cfg.durationFor(view.site().point().type(), p).orElse(null);
        if (min != null) {
            Double previous = null;
            Instant runStart = null;
            int count = 0;
            boolean raised = false;
            boolean changedBefore = false;
            int column = view.samples().indexOf(p);
            for (Map.Entry<Instant, SampleWindow.Row> e : column < 0 ? List.<Map.Entry<Instant, SampleWindow.Row>>of()
                    : view.replayRows().entrySet()) {
                SampleWindow.Row row = e.getValue();
                if (!row.has(column) || row.flagOf(column) != 'N') {
                    continue;
                }
                Instant ts = e.getKey();
                double v = row.value(column);
                if (previous != null && Double.compare(v, previous) == 0) {
                    count++;
                    Duration run = Duration.between(runStart, ts);
                    if (!raised && run.compareTo(min) >= 0 && count >= cfg.minReadings() && !(cfg.ignoreZero() && v == 0)) {
                        out.add(Observation.raise(ts, ts, runStart, 1, cfg.severity(), v, null,
                                new FlatDetail(view.site(), p, unit, v, runStart, ts, min)));
                        raised = true;
                    }
                    continue;
                }
                // a new value: clears a raised run (and, the first time, an alert carried in from before the range)
                if (previous != null && (raised || !changedBefore)) {
                    out.add(Observation.clear(ts, ts, v, null, new FlatDetail(view.site(), p, unit, v, runStart, ts, min)));
                }
                changedBefore = previous != null || changedBefore;
                previous = v;
                runStart = ts;
                count = 1;
                raised = false;
            }
        }
        return new ObservationSeries(key, out, MachineSettings.immediate(), unit,
                min == null ? "instant" : io.envmon.alerts.config.DurationText.format(min));
    }

    @Override
    public int rankOf(AlertEvent event, PointView view) {
        return 1;
    }

    private record FlatDetail(SiteInfo site, String parameter, String unit, double value, Instant runStart,
                              Instant at, Duration min) implements Detail {
        @Override
        public Text text(AlertState state) {
            String v = Labels.num(value) + Labels.unit(unit);
            if (state == AlertState.RESOLVED) {
                return new Text(Labels.zhSite(site) + " " + Labels.zh(parameter) + " 数值恢复变化（" + v + "，"
                                + Labels.time(at) + "），告警解除",
                        Labels.enSite(site) + " " + Labels.en(parameter) + " changing again (" + v + " at "
                                + Labels.time(at) + "): resolved");
            }
            Duration run = Duration.between(runStart, at);
            return new Text(Labels.zhSite(site) + " " + Labels.zh(parameter) + " 自 " + Labels.time(runStart) + " 起连续 "
                            + Labels.zhDuration(run) + " 数值不变（" + v + "），疑似仪器或数采仪故障",
                    Labels.enSite(site) + " " + Labels.en(parameter) + " unchanged at " + v + " for "
                            + Labels.enDuration(run) + " since " + Labels.time(runStart)
                            + ": possible stuck analyser or data logger");
        }
    }
}

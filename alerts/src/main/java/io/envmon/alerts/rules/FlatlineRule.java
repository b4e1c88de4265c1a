package io.envmon.alerts.rules;

import io.envmon.alerts.config.FlatlineConfig;
import io.envmon.alerts.config.RuleSet;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.window.SampleWindow;
import io.envmon.model.Durations;
import io.envmon.model.ParameterCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code flatline}: a parameter repeats exactly the same value in consecutive readings (flag N only; readings
 * with other flags or without the parameter are skipped, a gap in the data does not break the run) for at least
 * its configured duration and at least {@code minReadings} readings → one alert per parameter, {@code startedAt}
 * = the first reading of the run. The first different value resolves it. Runs of exact zeros are not flagged
 * while {@code ignoreZero} is set.
 */
public final class FlatlineRule implements StreamRule {

    public static final String ID = "flatline";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean appliesTo(SiteInfo site, RuleSet rules) {
        return rules.flatline().enabled() && !rules.flatline().parametersOf(site.point().type()).isEmpty();
    }

    @Override
    public Tracker start(SiteInfo site, RuleSet rules, List<String> columns) {
        FlatlineConfig cfg = rules.flatline();
        int n = columns.size();
        AlertKey[] keys = new AlertKey[n];
        Duration[] min = new Duration[n];
        String[] units = new String[n];
        for (int c = 0; c < n; c++) {
            String p = columns.get(c);
            Duration d = cfg.durationFor(site.point().type(), p).orElse(null);
            if (d != null && cfg.parametersOf(site.point().type()).containsKey(p)) {
                keys[c] = new AlertKey(site.kind(), site.point().site(), site.point().outlet(), ID, p);
                min[c] = d;
                units[c] = ParameterCatalog.find(site.point().type(), p).map(x -> x.unit()).orElse("");
            }
        }
        return new Runs(site, cfg, keys, min, units);
    }

    @Override
    public ObservationSeries series(SiteInfo site, RuleSet rules, AlertKey key, List<Observation> observations) {
        String unit = ParameterCatalog.find(site.point().type(), key.parameter()).map(x -> x.unit()).orElse("");
        Duration min = rules.flatline().durationFor(site.point().type(), key.parameter()).orElse(null);
        return new ObservationSeries(key, observations, MachineSettings.immediate(), unit,
                min == null ? "instant" : Durations.format(min));
    }

    /** Per column: the current run of equal values (flag N), and whether it raised. */
    private static final class Runs implements Tracker {
        private final SiteInfo site;
        private final FlatlineConfig cfg;
        private final AlertKey[] keys;
        private final Duration[] min;
        private final String[] units;
        private final double[] previous;
        private final long[] runStart;
        private final int[] count;
        private final boolean[] raised;
        private final boolean[] changedBefore;

        Runs(SiteInfo site, FlatlineConfig cfg, AlertKey[] keys, Duration[] min, String[] units) {
            this.site = site;
            this.cfg = cfg;
            this.keys = keys;
            this.min = min;
            this.units = units;
            int n = keys.length;
            this.previous = new double[n];
            Arrays.fill(previous, Double.NaN);
            this.runStart = new long[n];
            this.count = new int[n];
            this.raised = new boolean[n];
            this.changedBefore = new boolean[n];
        }

        private Runs(Runs o) {
            this.site = o.site;
            this.cfg = o.cfg;
            this.keys = o.keys;
            this.min = o.min;
            this.units = o.units;
            this.previous = o.previous.clone();
            this.runStart = o.runStart.clone();
            this.count = o.count.clone();
            this.raised = o.raised.clone();
            this.changedBefore = o.changedBefore.clone();
        }

        @Override
        public Tracker copy() {
            return new Runs(this);
        }

        @Override
        public void step(Instant ts, SampleWindow window, int row, Observer out) {
            for (int c = 0; c < keys.length; c++) {
                if (keys[c] == null || !window.has(c, row) || window.flag(c, row) != 'N') {
                    continue;
                }
                double v = window.value(c, row);
                boolean hasPrevious = !Double.isNaN(previous[c]);
                if (hasPrevious && Double.compare(v, previous[c]) == 0) {
                    count[c]++;
                    Instant start = Instant.ofEpochMilli(runStart[c]);
                    Duration run = Duration.between(start, ts);
                    if (!raised[c] && run.compareTo(min[c]) >= 0 && count[c] >= cfg.minReadings()
                            && !(cfg.ignoreZero() && v == 0)) {
                        out.observe(keys[c], Observation.raise(ts, ts, start, 1, cfg.severity(), v, null,
                                new FlatDetail(site, keys[c].parameter(), units[c], v, start, ts, min[c])));
                        raised[c] = true;
                    }
                    continue;
                }
                // a new value: clears a raised run (and, the first time, an alert carried in from before)
                if (hasPrevious && (raised[c] || !changedBefore[c])) {
                    out.observe(keys[c], Observation.clear(ts, ts, v, null, new FlatDetail(site, keys[c].parameter(),
                            units[c], v, Instant.ofEpochMilli(runStart[c]), ts, min[c])));
                }
                changedBefore[c] = hasPrevious || changedBefore[c];
                previous[c] = v;
                runStart[c] = ts.toEpochMilli();
                count[c] = 1;
                raised[c] = false;
            }
        }
    }

    private record FlatDetail(SiteInfo site, String parameter, String unit, double value, Instant runStart,
                              Instant at, Duration min) implements AlertWording {
        @Override
        public BilingualText text(AlertState state) {
            String v = Labels.num(value) + Labels.unit(unit);
            if (state == AlertState.RESOLVED) {
                return new BilingualText(Labels.zhSite(site) + " " + Labels.zh(parameter) + " 于 " + Labels.zhAt(at)
                                + "恢复变化（" + v + "），告警解除",
                        Labels.enSite(site) + " " + Labels.en(parameter) + " changing again (" + v + " at "
                                + Labels.enAt(at) + "): resolved");
            }
            Duration run = Duration.between(runStart, at);
            return new BilingualText(Labels.zhSite(site) + " " + Labels.zh(parameter) + " 自 " + Labels.zhAt(runStart) + "起连续 "
                            + Labels.zhDuration(run) + " 数值不变（" + v + "），疑似仪器或数采仪故障",
                    Labels.enSite(site) + " " + Labels.en(parameter) + " unchanged at " + v + " for "
                            + Labels.enDuration(run) + " since " + Labels.enAt(runStart)
                            + ": possible stuck analyser or data logger");
        }
    }
}

package io.envmon.alerts.rules;

import io.envmon.alerts.config.FlagRuleConfig;
import io.envmon.alerts.config.RuleSet;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.AlertWording;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.window.SampleWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code flag_fault} (HJ 212 flags D fault, B communication fault → warning after 30 min) and
 * {@code flag_maintenance} (M maintenance, C calibration → info after 2 h): consecutive readings of a point with
 * one of the flags on any parameter for at least {@code minDuration}. One alert per point (its {@code parameter} is
 * null; the message lists the flagged parameters); the first reading without those flags resolves it. The value is
 * the flagged time in minutes.
 */
public final class FlagDurationRule implements StreamRule {

    public static final String FAULT = "flag_fault";
    public static final String MAINTENANCE = "flag_maintenance";

    private final String id;
    private final Function<RuleSet, FlagRuleConfig> config;
    private final String zhWhat;
    private final String enWhat;

    private FlagDurationRule(String id, Function<RuleSet, FlagRuleConfig> config, String zhWhat, String enWhat) {
        this.id = id;
        this.config = config;
        this.zhWhat = zhWhat;
        this.enWhat = enWhat;
    }

    public static FlagDurationRule fault() {
        return new FlagDurationRule(FAULT, RuleSet::faultFlags, "故障/通讯异常", "fault/communication");
    }

    public static FlagDurationRule maintenance() {
        return new FlagDurationRule(MAINTENANCE, RuleSet::maintenanceFlags, "维护/校准", "maintenance/calibration");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean appliesTo(SiteInfo site, RuleSet rules) {
        return config.apply(rules).enabled();
    }

    @Override
    public Tracker start(SiteInfo site, RuleSet rules, List<String> columns) {
        FlagRuleConfig cfg = config.apply(rules);
        AlertKey key = new AlertKey(site.kind(), site.point().site(), site.point().outlet(), id, null);
        return new Run(site, cfg, key, columns, String.join("", cfg.flags()));
    }

    @Override
    public ObservationSeries series(SiteInfo site, RuleSet rules, AlertKey key, List<Observation> observations) {
        return new ObservationSeries(key, observations, MachineSettings.immediate(), "min", "instant");
    }

    /** The current run of rows carrying one of the flags, and whether it raised. */
    private final class Run implements Tracker {
        private final SiteInfo site;
        private final FlagRuleConfig cfg;
        private final AlertKey key;
        private final List<String> columns;
        private final String letters;
        private Instant runStart;
        private boolean raised;
        private boolean clearedBefore;
        /** The flagged columns of the run, as bits. */
        private long flagged;

        Run(SiteInfo site, FlagRuleConfig cfg, AlertKey key, List<String> columns, String letters) {
            this.site = site;
            this.cfg = cfg;
            this.key = key;
            this.columns = columns;
            this.letters = letters;
        }

        @Override
        public Tracker copy() {
            Run r = new Run(site, cfg, key, columns, letters);
            r.runStart = runStart;
            r.raised = raised;
            r.clearedBefore = clearedBefore;
            r.flagged = flagged;
            return r;
        }

        @Override
        public void step(Instant ts, SampleWindow window, int row, Observer out) {
            long now = 0;
            for (int c = 0; c < columns.size(); c++) {
                if (window.has(c, row) && letters.indexOf(window.flag(c, row)) >= 0) {
                    now |= 1L << c;
                }
            }
            if (now == 0) {
                // clears a raised run (and, the first time, an alert carried in from before)
                if (raised || !clearedBefore) {
                    out.observe(key, Observation.clear(ts, ts, null, minutes(cfg.minDuration()),
                            new FlagDetail(site, zhWhat, enWhat, cfg.flags(), names(flagged),
                                    runStart == null ? ts : runStart, ts)));
                }
                clearedBefore = true;
                runStart = null;
                raised = false;
                flagged = 0;
                return;
            }
            if (runStart == null) {
                runStart = ts;
            }
            flagged |= now;
            Duration run = Duration.between(runStart, ts);
            if (!raised && run.compareTo(cfg.minDuration()) >= 0) {
                out.observe(key, Observation.raise(ts, ts, runStart, 1, cfg.severity(), minutes(run),
                        minutes(cfg.minDuration()), new FlagDetail(site, zhWhat, enWhat, cfg.flags(),
                                names(flagged), runStart, ts)));
                raised = true;
            }
        }

        /** The flagged parameters in the point type's order. */
        private List<String> names(long bits) {
            List<String> out = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                if ((bits & (1L << c)) != 0) {
                    out.add(columns.get(c));
                }
            }
            return List.copyOf(out);
        }
    }

    private static double minutes(Duration d) {
        return d.toSeconds() / 60.0;
    }

    private record FlagDetail(SiteInfo site, String zhWhat, String enWhat, List<String> flags, List<String> parameters,
                              Instant since, Instant at) implements AlertWording {
        @Override
        public BilingualText text(AlertState state) {
            String letters = String.join("/", flags);
            if (state == AlertState.RESOLVED) {
                return new BilingualText(Labels.zhSite(site) + " " + zhWhat + "标记（" + letters + "）于 " + Labels.zhAt(at)
                                + "结束，告警解除",
                        Labels.enSite(site) + " " + enWhat + " flags (" + letters + ") ended at " + Labels.enAt(at)
                                + ": resolved");
            }
            Duration run = Duration.between(since, at);
            return new BilingualText(Labels.zhSite(site) + " 自 " + Labels.zhAt(since) + "起数据持续 " + Labels.zhDuration(run)
                            + " 带" + zhWhat + "标记（" + letters + "）："
                            + String.join("、", parameters.stream().map(Labels::zh).toList()),
                    Labels.enSite(site) + " readings flagged " + enWhat + " (" + letters + ") for "
                            + Labels.enDuration(run) + " since " + Labels.enAt(since) + ": "
                            + String.join(", ", parameters.stream().map(Labels::en).toList()));
        }
    }
}

package io.envmon.alerts.rules;

import io.envmon.alerts.config.FlagRuleConfig;
import io.envmon.alerts.config.RuleSet;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.lifecycle.Detail;
import io.envmon.alerts.lifecycle.MachineSettings;
import io.envmon.alerts.lifecycle.Observation;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.lifecycle.Text;
import io.envmon.alerts.window.SampleWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code flag_fault} (HJ 212 flags D fault, B communication fault → warning after 30 min) and
 * {@code flag_maintenance} (M maintenance, C calibration → info after 2 h): consecutive readings of a point with
 * one of the flags on any parameter for at least {@code minDuration}. One alert per point (its {@code parameter} is
 * null; the message lists the flagged parameters); the first reading without those flags resolves it. The value is
 * the flagged time in minutes.
 */
public final class FlagDurationRule implements PointRule {

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
    public Cadence cadence() {
        return Cadence.READING;
    }

    @Override
    public boolean appliesTo(PointView view) {
        return config.apply(view.rules()).enabled() && view.samples() != null;
    }

    @Override
    public List<AlertKey> keys(PointView view) {
        return List.of(view.key(id, null));
    }

    @Override
    public ObservationSeries observe(PointView view, AlertKey key) {
        FlagRuleConfig cfg = config.apply(view.rules());
        List<Observation> out = new ArrayList<>();
        Instant runStart = null;
        boolean raised = false;
        boolean clearedBefore = false;
        List<String> parameters = view.samples().parameters();
        TreeSet<String> flagged = new TreeSet<>(java.util.Comparator.comparingInt(parameters::indexOf));
        String letters = String.join("", cfg.flags());
        if (view.samples().rowsFlagged(letters) == 0) {
            // no flagged reading in the window: the full scan would only clear at its first reading
            Map.Entry<Instant, SampleWindow.Row> first = view.replayRows().firstEntry();
            if (first != null) {
                out.add(Observation.clear(first.getKey(), first.getKey(), null, minutes(cfg.minDuration()),
                        new FlagDetail(view.site(), zhWhat, enWhat, cfg.flags(), List.of(), first.getKey(),
                                first.getKey())));
            }
            return new ObservationSeries(key, out, MachineSettings.immediate(), "min", "instant");
        }
        for (Map.Entry<Instant, SampleWindow.Row> e : view.replayRows().entrySet()) {
            Instant ts = e.getKey();
            SampleWindow.Row row = e.getValue();
            List<String> now = null;
            for (int i = 0; i < parameters.size(); i++) {
                if (row.has(i) && letters.indexOf(row.flagOf(i)) >= 0) {
                    if (now == null) {
                        now = new ArrayList<>();
                    }
                    now.add(parameters.get(i));
                }
            }
            if (now == null) {
                // clears a raised run (and, the first time, an alert carried in from before the range)
                if (raised || !clearedBefore) {
                    out.add(Observation.clear(ts, ts, null, minutes(cfg.minDuration()),
                            new FlagDetail(view.site(), zhWhat, enWhat, cfg.flags(), List.copyOf(flagged),
                                    runStart == null ? ts : runStart, ts)));
                }
                clearedBefore = true;
                runStart = null;
                raised = false;
                flagged.clear();
                continue;
            }
            if (runStart == null) {
                runStart = ts;
            }
            flagged.addAll(now);
            Duration run = Duration.between(runStart, ts);
            if (!raised && run.compareTo(cfg.minDuration()) >= 0) {
                out.add(Observation.raise(ts, ts, runStart, 1, cfg.severity(), minutes(run), minutes(cfg.minDuration()),
                        new FlagDetail(view.site(), zhWhat, enWhat, cfg.flags(), List.copyOf(flagged), runStart, ts)));
                raised = true;
            }
        }
        return new ObservationSeries(key, out, MachineSettings.immediate(), "min", "instant");
    }

    @Override
    public int rankOf(AlertEvent event, PointView view) {
        return 1;
    }

    private static double minutes(Duration d) {
        return d.toSeconds() / 60.0;
    }

    private record FlagDetail(SiteInfo site, String zhWhat, String enWhat, List<String> flags, List<String> parameters,
                              Instant since, Instant at) implements Detail {
        @Override
        public Text text(AlertState state) {
            String letters = String.join("/", flags);
            if (state == AlertState.RESOLVED) {
                return new Text(Labels.zhSite(site) + " " + zhWhat + "标记（" + letters + "）已结束（" + Labels.time(at)
                                + "），告警解除",
                        Labels.enSite(site) + " " + enWhat + " flags (" + letters + ") ended at " + Labels.time(at)
                                + ": resolved");
            }
            Duration run = Duration.between(since, at);
            return new Text(Labels.zhSite(site) + " 自 " + Labels.time(since) + " 起数据持续 " + Labels.zhDuration(run)
                            + " 带" + zhWhat + "标记（" + letters + "）："
                            + String.join("、", parameters.stream().map(Labels::zh).toList()),
                    Labels.enSite(site) + " readings flagged " + enWhat + " (" + letters + ") for "
                            + Labels.enDuration(run) + " since " + Labels.time(since) + ": "
                            + String.join(", ", parameters.stream().map(Labels::en).toList()));
        }
    }
}

package io.envmon.alerts.engine;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.config.HeavyPollutionConfig;
import io.envmon.alerts.config.RuleSet;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.lifecycle.AlertBook;
import io.envmon.alerts.lifecycle.EpisodeMachine;
import io.envmon.alerts.lifecycle.ObservationSeries;
import io.envmon.alerts.rules.DistrictDays;
import io.envmon.alerts.rules.DistrictView;
import io.envmon.alerts.rules.HeavyPollutionRule;
import io.envmon.alerts.rules.PointRule;
import io.envmon.alerts.rules.PointView;
import io.envmon.alerts.rules.SiteInfo;
import io.envmon.alerts.rules.StreamRule;
import io.envmon.alerts.window.HourRecord;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the rules: builds what a rule sees, replays its observations through the lifecycle from the alert carried
 * in from the book, and reconciles with the book. Each rule runs per alert key inside its own {@code try}: a
 * fault is recorded and the other keys and rules run.
 */
final class RuleRunner {

    private final AlertRulesConfig config;
    private final List<PointRule> rules;
    private final List<StreamRule> streamRules;
    private final HeavyPollutionRule district = new HeavyPollutionRule();
    private final DistrictDays districtDays;
    private final AlertBook book;
    private final SiteDirectory sites;
    private final Counters counters;
    private final int retainHours;
    private final SeriesIndex series;

    RuleRunner(AlertRulesConfig config, List<PointRule> rules, List<StreamRule> streamRules, AlertBook book,
               SiteDirectory sites, Counters counters, DistrictDays districtDays, SeriesIndex series) {
        this.config = config;
        this.series = series;
        this.districtDays = districtDays;
        this.rules = List.copyOf(rules);
        this.streamRules = List.copyOf(streamRules);
        this.book = book;
        this.sites = sites;
        this.counters = counters;
        this.retainHours = config.window().retainHours();
    }

    /**
     * Runs the lifecycle of the per-reading rules' keys whose observations changed ({@code all}: every key, and
     * those of the point's rules with an alert in the book: after a restore or reload).
     */
    void runStreams(PointState st, boolean all, Output out) {
        if (!all && !st.streams.hasChanged()) {
            return; // the common case, on every reading: nothing observed
        }
        Set<AlertKey> keys = st.streams.drainChanged();
        MonitoredPoint p = st.site.point();
        if (all) {
            keys.addAll(st.streams.keys());
            for (StreamRule rule : streamRules) {
                keys.addAll(book.keys(k -> k.rule().equals(rule.id())
                        && k.isAbout(st.site.kind(), p.site(), p.outlet())));
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        Instant horizon = st.horizon(retainHours);
        Instant replayStart = horizon == null ? Instant.MIN : horizon;
        RuleSet set = config.rulesFor(p);
        for (AlertKey key : keys) {
            StreamRule rule = streamRule(key.rule());
            if (rule == null) {
                continue;
            }
            try {
                ObservationSeries series = rule.series(st.site, set, key, st.streams.observations(key));
                out.events.addAll(book.reconcile(series, EpisodeMachine.run(key, book.carried(key, replayStart),
                        series.observations(), series.settings(), replayStart)));
            } catch (RuntimeException e) {
                counters.fault(out, rule.id(), key.label(), e);
            }
        }
    }

    private StreamRule streamRule(String id) {
        for (StreamRule r : streamRules) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** Runs the point's hourly rules. */
    void run(PointState st, PointRule.Cadence cadence, Output out) {
        if (cadence == PointRule.Cadence.HOURLY) {
            st.hourlyDirty = false;
        }
        PointView view = view(st.site, st);
        for (PointRule rule : rules) {
            if (rule.cadence() == cadence) {
                run(rule, view, out);
            }
        }
    }

    private void run(PointRule rule, PointView view, Output out) {
        MonitoredPoint p = view.site().point();
        Set<AlertKey> keys = new LinkedHashSet<>();
        try {
            if (!rule.appliesTo(view)) {
                return;
            }
            keys.addAll(rule.keys(view));
        } catch (RuntimeException e) {
            counters.fault(out, rule.id(), p.label(), e);
            return;
        }
        keys.addAll(book.keys(k -> k.rule().equals(rule.id()) && k.isAbout(view.site().kind(), p.site(), p.outlet())));
        for (AlertKey key : keys) {
            try {
                ObservationSeries series = rule.observe(view, key);
                out.events.addAll(book.reconcile(series, EpisodeMachine.run(key,
                        book.carried(key, view.replayStart()), series.observations(), series.settings(),
                        view.replayStart())));
            } catch (RuntimeException e) {
                counters.fault(out, rule.id(), key.label(), e);
            }
        }
    }

    /** Runs the district rule over the stations' hours. */
    void runDistrict(Map<String, PointState> points, Output out) {
        HeavyPollutionConfig cfg = config.heavyPollution();
        if (!cfg.enabled()) {
            return;
        }
        Map<String, NavigableMap<Instant, HourRecord>> stations = new LinkedHashMap<>();
        Instant newest = null;
        Instant closed = null;
        for (String station : districtStations()) {
            PointState st = points.get(SiteDirectory.key("air", station, null));
            if (st == null || st.watermark == null || st.closedUpTo == null) {
                continue;
            }
            stations.put(station, Collections.unmodifiableNavigableMap(st.hours));
            newest = newest == null || st.watermark.isAfter(newest) ? st.watermark : newest;
            closed = closed == null || st.closedUpTo.isAfter(closed) ? st.closedUpTo : closed;
        }
        if (stations.isEmpty()) {
            return;
        }
        Instant replayStart = districtRangeStart(newest);
        AlertKey key = district.key(cfg);
        try {
            Instant observeFrom = replayStart.minus(Duration.ofHours(cfg.clearAfterHours()));
            districtDays.forgetBefore(observeFrom.minus(Duration.ofDays(4)));
            ObservationSeries series = district.observe(new DistrictView(cfg, config.standards(), stations,
                    replayStart, observeFrom, closed, districtDays));
            out.events.addAll(book.reconcile(series, EpisodeMachine.run(key, book.carried(key, replayStart),
                    series.observations(), series.settings(), replayStart)));
        } catch (RuntimeException e) {
            counters.fault(out, HeavyPollutionRule.ID, key.label(), e);
        }
    }

    /** The air stations the district averages: the configured ones, else every station of the registry. */
    List<String> districtStations() {
        HeavyPollutionConfig cfg = config.heavyPollution();
        return cfg.stations().isEmpty() ? sites.airStations() : cfg.stations();
    }

    /** The district's replayed range starts from the newest station reading. */
    Instant districtRangeStart(Instant newest) {
        return PointState.floorHour(newest).minus(Duration.ofHours(retainHours));
    }

    PointView view(SiteInfo site, PointState st) {
        RuleSet set = config.rulesFor(site.point());
        Instant horizon = st == null ? null : st.horizon(retainHours);
        if (horizon == null) {
            return new PointView(site, set, config.standards(), Instant.MIN, Instant.MIN, null, new TreeMap<>());
        }
        return new PointView(site, set, config.standards(), horizon, horizon.minus(HourCloser.WARM_UP), st.closedUpTo,
                Collections.unmodifiableNavigableMap(st.hours), series.lookupFor(st));
    }

    /** The level of a stored alert, as its rule reads it back (its severity when it cannot). */
    int rankOf(AlertEvent e, Map<String, PointState> points) {
        try {
            if (e.rule().equals(HeavyPollutionRule.ID)) {
                return district.rankOf(e);
            }
            if (streamRule(e.rule()) != null) {
                return 1;
            }
            Optional<SiteInfo> site = sites.find(e.kind(), e.site(), e.point());
            Optional<PointRule> rule = rules.stream().filter(r -> r.id().equals(e.rule())).findFirst();
            if (site.isPresent() && rule.isPresent()) {
                return rule.get().rankOf(e, view(site.get(), points.get(SiteDirectory.key(site.get().point()))));
            }
        } catch (RuntimeException ex) {
            // an event the rule cannot read back: fall back on its severity
        }
        return e.severity().ordinal() + 1;
    }

    /** True when the key's site is still registered and its rule still applies there. */
    boolean stillApplies(AlertKey key, Map<String, PointState> points) {
        if (key.rule().equals(HeavyPollutionRule.ID)) {
            return config.heavyPollution().enabled() && key.site().equals(config.heavyPollution().site());
        }
        Optional<SiteInfo> site = sites.find(key.kind(), key.site(), key.point());
        if (site.isEmpty()) {
            return false;
        }
        if (key.rule().equals(OfflineWatch.ID)) {
            return config.rulesFor(site.get().point()).offline().enabled();
        }
        StreamRule stream = streamRule(key.rule());
        if (stream != null) {
            return stream.appliesTo(site.get(), config.rulesFor(site.get().point()));
        }
        PointView view = view(site.get(), points.get(SiteDirectory.key(site.get().point())));
        return rules.stream().anyMatch(r -> r.id().equals(key.rule()) && r.appliesTo(view));
    }
}

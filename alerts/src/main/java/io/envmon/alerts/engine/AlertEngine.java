package io.envmon.alerts.engine;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.config.AlertRulesException;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertKey;
import io.envmon.alerts.lifecycle.AlertBook;
import io.envmon.alerts.lifecycle.BilingualText;
import io.envmon.alerts.rules.DistrictDays;
import io.envmon.alerts.rules.CopiedSeriesRule;
import io.envmon.alerts.rules.DilutionRule;
import io.envmon.alerts.rules.FlagDurationRule;
import io.envmon.alerts.rules.FlagMisuseRule;
import io.envmon.alerts.rules.FlatlineRule;
import io.envmon.alerts.rules.HeavyPollutionRule;
import io.envmon.alerts.rules.ImpossibleCombinationRule;
import io.envmon.alerts.rules.ParkedUnderLimitRule;
import io.envmon.alerts.rules.PermitLimitRule;
import io.envmon.alerts.rules.Pm25DailyRule;
import io.envmon.alerts.rules.Pm25HourlyRule;
import io.envmon.alerts.rules.PointRule;
import io.envmon.alerts.rules.SiteInfo;
import io.envmon.alerts.rules.StreamRule;
import io.envmon.alerts.rules.WaterClassRule;
import io.envmon.alerts.window.SampleWindow;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The alert engine: readings and time in, alert events and hourly AQI records out. Pure domain logic: no I/O, no
 * clock (every call gets {@code now}), no threads; the caller publishes and stores what comes out. Not
 * thread-safe: call it from one thread (one Vert.x context), or from its own process.
 *
 * <p>It streams: per point it keeps only what the rules need. The rows of the open hours (about an hour), evaluated
 * into an {@link io.envmon.alerts.window.HourRecord} when the hour closes (a reading ≥ 1 h + grace after its start,
 * or a tick after the point went quiet), then dropped; the records of closed hours ({@code window.retainHours},
 * 26 h, plus the history the daily rules look back on); and the per-reading rules' trackers, stepped once per
 * reading. Hourly rules run when an hour closes. A reading for a closed hour (late, corrected or redelivered) asks
 * the caller for the point's stored readings ({@link EngineOutput#reloads()}), and {@link #onReload} rebuilds the
 * point from them: raw readings live in InfluxDB, not in the heap. The {@link AlertBook} turns what changed into
 * events. See docs/alerts.md.
 */
public final class AlertEngine {

    private static final String RESTORED_AWAY_ZH = "站点已不在登记表中或该规则已停用，告警关闭";
    private static final String RESTORED_AWAY_EN = "the site left the registry or the rule no longer applies: closed";

    private final AlertRulesConfig config;
    private final SiteDirectory sites;
    private final AlertBook book = new AlertBook();
    private final OfflineWatch offline = new OfflineWatch(book);
    private final Counters counters = new Counters();
    /** What one reading produces; reused, since {@link Output#build} copies what it hands out. */
    private final Output readingOutput = new Output();
    private final HourCloser hours;
    /** The daily AQI records (air_daily) of the stations and the district. */
    private final DailyRecords daily;
    private final RuleRunner runner;
    private final Map<String, PointState> points = new LinkedHashMap<>();
    private final List<StreamRule> streamRules = List.of(new FlatlineRule(), FlagDurationRule.fault(),
            FlagDurationRule.maintenance());
    private final int retainHours;
    private Instant firstTick;
    private boolean districtDirty;
    /** The tick that first found the district dirty and waiting for lagging stations. */
    private Instant districtDirtySince;
    /** The newest closed hour of any air station. */
    private Instant districtClosed;
    /** Air stations whose closed hours are behind {@link #districtClosed}. */
    private int districtLagging;

    /**
     * @throws AlertRulesException when the rules' overrides or district stations name sites the registry lacks
     */
    public AlertEngine(Registry registry, AlertRulesConfig config) {
        this(registry, config, defaultRules());
    }

    /**
     * An engine for part of the registry: the points {@code scope} accepts; any other point is unknown to it
     * (its readings are skipped as {@code UNKNOWN_POINT}, it is never found offline). Several instances of the
     * service each evaluate their own part (docs/scale-out.md); the points a cross-point rule reads together must be
     * in one scope ({@link EvaluationGroups}). The rules and overrides are still checked against the whole registry.
     */
    public AlertEngine(Registry registry, AlertRulesConfig config, Predicate<MonitoredPoint> scope) {
        this(registry, config, defaultRules(), scope);
    }

    /** With other rules than the defaults (tests; a deployment that adds a rule). */
    AlertEngine(Registry registry, AlertRulesConfig config, List<PointRule> rules) {
        this(registry, config, rules, p -> true);
    }

    AlertEngine(Registry registry, AlertRulesConfig config, List<PointRule> rules, Predicate<MonitoredPoint> scope) {
        Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
        List<String> problems = config.problemsWith(registry);
        if (!problems.isEmpty()) {
            throw new AlertRulesException("alert rules do not match the registry: " + String.join("; ", problems));
        }
        this.sites = new SiteDirectory(registry, config, Objects.requireNonNull(scope, "scope"));
        DistrictDays districtDays = new DistrictDays();
        SeriesIndex series = new SeriesIndex();
        this.daily = new DailyRecords(config, counters);
        this.hours = new HourCloser(config, counters, districtDays, daily, series);
        this.runner = new RuleRunner(config, rules, streamRules, book, sites, counters, districtDays, series);
        this.retainHours = config.window().retainHours();
    }

    /**
     * The default hourly rules, in evaluation order (the per-reading rules {@code flatline}, {@code flag_fault} and
     * {@code flag_maintenance}, the district and offline rules are the engine's own).
     */
    public static List<PointRule> defaultRules() {
        return List.of(new Pm25HourlyRule(), new Pm25DailyRule(), new WaterClassRule(), new PermitLimitRule(),
                new ParkedUnderLimitRule(), new ImpossibleCombinationRule(), new DilutionRule(), new CopiedSeriesRule(),
                new FlagMisuseRule());
    }

    /**
     * Takes one accepted reading (after ingest validated and stored it).
     *
     * @param now the arrival time (wall clock); used for offline detection only, never to judge data
     */
    public EngineOutput onReading(MonitoredPoint point, Reading reading, Instant now) {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(now, "now");
        Output out = readingOutput.reset();
        SiteDirectory.Known known = sites.known(point);
        if (known == null) {
            counters.skip(out, point, reading.ts(), SkippedReading.Reason.UNKNOWN_POINT);
            return out.build();
        }
        PointState st = state(known);
        Instant horizon = st.horizon(retainHours);
        if (horizon != null && reading.ts().isBefore(horizon)) {
            counters.skip(out, point, reading.ts(), SkippedReading.Reason.TOO_OLD);
            return out.build();
        }
        if (st.reloadInFlight || st.reloadWanted) {
            st.sinceReload.add(reading);
        }
        if (st.closedUpTo != null && reading.ts().isBefore(st.closedUpTo)) {
            // an hour already summarised: its rows are in InfluxDB only
            st.lateReadings++;
            st.lastArrival = later(st.lastArrival, now);
            offline.heard(st.site, reading.ts(), now).ifPresent(out.events::add);
            if (!st.reloadInFlight && !st.reloadWanted) {
                st.sinceReload.add(reading);
                askReload(st, out);
            }
            return out.build();
        }
        counters.ignoredParameters += st.window.unknownParameters(reading);
        if (st.window.put(reading) == SampleWindow.Put.UNCHANGED) {
            counters.duplicates++;
            return out.build();
        }
        counters.accepted++;
        st.watermark = later(st.watermark, reading.ts());
        st.lastArrival = later(st.lastArrival, now);
        offline.heard(st.site, reading.ts(), now).ifPresent(out.events::add);
        st.streams.take(st.window, st.window.from(reading.ts()));
        districtDirty |= hours.close(st, st.watermark, out);
        districtDirty |= districtClosedMoved(st);
        hours.prune(st);
        runner.runStreams(st, false, out);
        if (st.hourlyDirty) {
            runner.run(st, PointRule.Cadence.HOURLY, out);
        }
        runDistrictIfDirty(out);
        return out.build();
    }

    /**
     * Follows the district's newest closed hour: true when this station's closing moved it (the district rule looks
     * at the stations' records up to it). The stations still behind it are counted, so that the district rule runs
     * once when the last of them has closed the hour too, not once per station: with thousands of stations an
     * hour close would otherwise be quadratic. Stations that stay silent are left to the tick.
     */
    private boolean districtClosedMoved(PointState st) {
        if (st.site.point().kind() != SiteKind.AIR || st.closedUpTo == null) {
            return false;
        }
        if (districtClosed == null || st.closedUpTo.isAfter(districtClosed)) {
            districtClosed = st.closedUpTo;
            districtLagging = 0;
            for (PointState other : points.values()) {
                other.districtLagging = other.site.point().kind() == SiteKind.AIR
                        && (other.closedUpTo == null || other.closedUpTo.isBefore(districtClosed));
                districtLagging += other.districtLagging ? 1 : 0;
            }
            return true;
        }
        if (st.districtLagging && !st.closedUpTo.isBefore(districtClosed)) {
            st.districtLagging = false;
            districtLagging--;
        }
        return false;
    }

    private PointState state(SiteDirectory.Known known) {
        PointState st = points.get(known.key());
        if (st == null) {
            SiteInfo site = known.site();
            List<String> columns = List.copyOf(ParameterCatalog.of(site.point().type()).keySet());
            st = new PointState(site, new Streams(site, known.rules(), streamRules, columns), new SampleWindow(columns));
            points.put(known.key(), st);
        }
        return st;
    }

    private void askReload(PointState st, Output out) {
        st.reloadInFlight = true;
        st.reloadWanted = false;
        out.reloads.add(new ReloadRequest(st.site.point(), reloadFrom(st)));
    }

    /** A reload brings the retained range: the per-reading rules replay it from its start. */
    private Instant reloadFrom(PointState st) {
        return st.horizon(retainHours);
    }

    /**
     * Answers a {@link ReloadRequest}: the point's stored readings from {@code from} on (in any order; for one
     * timestamp, later ones in the list win, as in InfluxDB). The point's open rows, its records from {@code from}
     * on and its per-reading rules are rebuilt from them and from the readings that arrived meanwhile; what changed
     * is evaluated as if the late readings had come in order.
     */
    public EngineOutput onReload(MonitoredPoint point, Instant from, List<Reading> stored, Instant now) {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(stored, "stored");
        Output out = new Output();
        PointState st = points.get(SiteDirectory.key(point));
        if (st == null || !st.reloadInFlight) {
            return out.build();
        }
        st.reloadInFlight = false;
        List<Reading> all = new ArrayList<>(stored.size() + st.sinceReload.size());
        all.addAll(stored);
        all.addAll(st.sinceReload);
        int late = st.lateReadings;
        st.sinceReload.clear();
        st.lateReadings = 0;
        Instant horizon = st.horizon(retainHours);
        Instant start = horizon != null && horizon.isAfter(from) ? horizon : from;
        int before = out.events.size() + out.records.size();
        districtDirty |= rebuild(st, start, all, st.closedUpTo, out);
        boolean changed = out.events.size() + out.records.size() > before || st.hourlyDirty;
        if (changed) {
            counters.accepted += late;
        } else {
            counters.duplicates += late;
        }
        finishRebuild(st, out);
        // the district rule waits for the next tick: a burst of reloads (corrections for every station) would
        // otherwise run it over every station once per reload
        return out.build();
    }

    /**
     * Asks for every known point's stored readings again, as for a late reading ({@link EngineOutput#reloads()}; a
     * point already waiting for one is left alone). For when readings may have been stored without reaching this
     * engine: in a cluster, an instance that stored them died before handing them over (docs/scale-out.md). The
     * answers ({@link #onReload}) evaluate what the engine missed and only that: its alert book is kept, so an alert it
     * already opened is not opened again.
     */
    public EngineOutput reloadEveryPoint() {
        Output out = new Output();
        for (PointState st : points.values()) {
            if (!st.reloadInFlight && st.horizon(retainHours) != null) {
                askReload(st, out);
            }
        }
        return out.build();
    }

    /** The reload could not be done (InfluxDB unavailable): the engine asks again at a later tick. */
    public void reloadFailed(MonitoredPoint point) {
        PointState st = points.get(SiteDirectory.key(Objects.requireNonNull(point, "point")));
        if (st != null && st.reloadInFlight) {
            st.reloadInFlight = false;
            st.reloadWanted = true;
        }
    }

    /**
     * Rebuilds a point from readings: its open rows, the records of the hours from {@code from} to {@code closed}
     * (those before {@code from} are kept) and its per-reading rules, replayed from their start.
     *
     * @return true when an air station's hours changed
     */
    private boolean rebuild(PointState st, Instant from, List<Reading> readings, Instant closed, Output out) {
        List<Reading> sorted = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            if (!r.ts().isBefore(from)) {
                sorted.add(r);
            }
        }
        sorted.sort(Comparator.comparing(Reading::ts)); // stable: for one timestamp the later reading is put last
        st.window.clear();
        for (Reading r : sorted) {
            st.window.put(r);
        }
        if (!sorted.isEmpty()) {
            st.watermark = later(st.watermark, sorted.get(sorted.size() - 1).ts());
        }
        st.streams.reset();
        st.streams.rewind(st.window);
        Instant closeTo = closed != null ? closed
                : st.watermark == null ? null : PointState.floorHour(st.watermark.minus(hours.grace()));
        boolean changed = false;
        if (closeTo != null) {
            changed = hours.closeTo(st, closeTo, from, out);
        }
        st.prunedTo = null;
        hours.prune(st);
        return changed;
    }

    private void finishRebuild(PointState st, Output out) {
        runner.runStreams(st, true, out);
        if (st.hourlyDirty) {
            runner.run(st, PointRule.Cadence.HOURLY, out);
        }
    }

    /**
     * Advances time: closes the hours of points that went quiet, detects offline points and forgets what no rule
     * needs any more. Call it regularly (every 10–30 s).
     */
    public EngineOutput onTick(Instant now) {
        Objects.requireNonNull(now, "now");
        Output out = new Output();
        if (firstTick == null) {
            firstTick = now;
        }
        for (PointState st : points.values()) {
            if (st.reloadWanted && !st.reloadInFlight) {
                askReload(st, out);
            }
            st.streams.settle(st.window);
            runner.runStreams(st, false, out);
            if (st.lastArrival != null && !now.isBefore(st.lastArrival.plus(hours.grace()))) {
                districtDirty |= hours.close(st, now, out);
                districtDirty |= districtClosedMoved(st);
                hours.prune(st);
                if (st.hourlyDirty) {
                    runner.run(st, PointRule.Cadence.HOURLY, out);
                }
            }
        }
        runDistrictAtTick(now, out);
        for (SiteDirectory.Known known : sites.points()) {
            try {
                offline.check(known.site(), known.rules().offline(), points.get(known.key()), firstTick, now)
                        .ifPresent(out.events::add);
            } catch (RuntimeException e) {
                counters.fault(out, OfflineWatch.ID, known.site().point().label(), e);
            }
        }
        book.forgetResolved(this::forgetBefore);
        return out.build();
    }

    /**
     * The bureau acknowledges an alert (an extension of CONTRACT §5: the fields {@code acknowledgedBy} and
     * {@code acknowledgedAt}; the state does not change). The first acknowledgement wins; an escalation clears it.
     *
     * @return the event to publish and store, or empty when the ID is unknown (or long resolved)
     */
    public Optional<AlertEvent> acknowledge(String alertId, String by, Instant now) {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(now, "now");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("acknowledgedBy must name who acknowledges");
        }
        return book.acknowledge(alertId, by.trim(), now);
    }

    /**
     * Rebuilds the state after a restart, on a new engine, before any other call: the last stored event of every
     * alert that was not resolved, and the stored readings of {@link #restoreDepth} back. Resolved last events may be
     * given too: an episode that ended within the replayed range is then not handed out again (a cluster's rebuild
     * gives them, docs/scale-out.md; without them such an episode comes out once more, same ID). The replay then finds the
     * same episodes, hence the same IDs, and returns only what was missed (normally nothing). Open alerts whose
     * site left the registry, or whose rule no longer applies, are resolved.
     *
     * @param now the wall clock; points are taken as just heard from, so offline alerts wait a full threshold
     * @return the events missed before the restart, and the hourly AQI records of the retained hours (rewriting
     *         them is harmless)
     * @throws IllegalStateException when the engine has already been used
     */
    public EngineOutput restore(List<AlertEvent> lastEventPerOpenAlert, List<PointReading> recentReadings,
                                Instant now) {
        if (!points.isEmpty() || !book.isEmpty() || firstTick != null) {
            throw new IllegalStateException("restore must be the first call on a new engine");
        }
        Output out = new Output();
        Map<String, List<PointReading>> byPoint = new LinkedHashMap<>();
        for (PointReading pr : recentReadings) {
            if (sites.find(pr.point()).isEmpty()) {
                counters.skip(out, pr.point(), pr.reading().ts(), SkippedReading.Reason.UNKNOWN_POINT);
            } else {
                byPoint.computeIfAbsent(SiteDirectory.key(pr.point()), k -> new ArrayList<>()).add(pr);
            }
        }
        Output scratch = new Output();
        byPoint.values().forEach(list -> load(list, now, out, scratch));
        out.faults.addAll(scratch.faults);
        for (AlertEvent e : lastEventPerOpenAlert) {
            book.restore(e, runner.rankOf(e, points));
        }
        for (PointState st : points.values()) {
            if (st.site.point().kind() == SiteKind.AIR && st.closedUpTo != null && st.horizon(retainHours) != null) {
                for (Instant h = st.horizon(retainHours); h.isBefore(st.closedUpTo); h = h.plus(Duration.ofHours(1))) {
                    HourlyAqiRecord record = hours.aqiRecord(st, h, out);
                    if (record != null) {
                        out.records.add(record);
                    }
                }
                out.daily.addAll(daily.given(st.site.point().site()));
            } else if (st.closedUpTo != null && st.horizon(retainHours) != null) {
                st.hours.subMap(st.horizon(retainHours), true, st.closedUpTo, false).forEach((h, r) ->
                        out.pointHours.add(new PointHourRecord(st.site.point(), h, r.means(), r.corrected())));
            }
            runner.runStreams(st, true, out);
            runner.run(st, PointRule.Cadence.HOURLY, out);
        }
        runner.runDistrict(points, out);
        points.values().forEach(this::districtClosedMoved);
        Output district = new Output();
        daily.flushDistrict(runner.districtStations(), districtClosed, district);
        out.faults.addAll(district.faults);
        out.daily.addAll(daily.districtGiven());
        districtDirty = false;
        for (AlertEvent e : lastEventPerOpenAlert) {
            PointState st = points.get(SiteDirectory.key(e.kind(), e.site(), e.point()));
            if (e.rule().equals(OfflineWatch.ID) && !e.isResolved() && st != null && st.watermark != null
                    && st.watermark.isAfter(e.startedAt())) {
                offline.heard(st.site, st.watermark, now).ifPresent(out.events::add);
            }
        }
        out.events.addAll(book.resolveAll(k -> !runner.stillApplies(k, points), now,
                new BilingualText(RESTORED_AWAY_ZH, RESTORED_AWAY_EN)));
        firstTick = now;
        return out.build();
    }

    /**
     * How far back {@link #restore} should be given a kind's readings for the replay to resume exactly: the
     * retained readings plus the hourly history the rules look back on (50 h by default; air 158 h, for the 24-h
     * means and the district rule's four rolling days and 36-hour clear count; enterprise 110 h, for the integrity
     * rules' look-back). Less is accepted: a lifecycle count
     * that began before the given readings restarts from zero.
     */
    public Duration restoreDepth(SiteKind kind) {
        return Duration.ofHours(retainHours).plus(hours.history(kind));
    }

    /**
     * True when an event is for the bureau only (docs/alerts.md#integrity-rules: the integrity rules by default, {@code audience} in the
     * rules file, per site): the caller must not publish it on the enterprise's alert topic, deliver it to the
     * enterprise's webhooks nor show it in the enterprise's API scope.
     */
    public boolean bureauOnly(AlertEvent event) {
        return config.bureauOnly(event.kind(), event.site(), event.point(), event.rule());
    }

    /** The last event of every alert that is not resolved. */
    public List<AlertEvent> openAlerts() {
        return book.openAlerts();
    }

    /** The last event of an alert the engine still knows (open, or resolved within the retained range). */
    public Optional<AlertEvent> alert(String id) {
        return book.find(id);
    }

    public EngineStats stats() {
        long rows = points.values().stream().mapToLong(st -> st.window.size()).sum();
        return new EngineStats(counters.accepted, counters.duplicates, counters.ignoredParameters, counters.skipped,
                counters.faults, points.size(), rows, book.openAlerts().size());
    }

    /** Runs the district rule if a station's hours changed and every station has closed the newest hour. */
    private void runDistrictIfDirty(Output out) {
        if (districtLagging <= 0) {
            runDistrictNowIfDirty(out);
        }
    }

    /**
     * At a tick, the district rule waits for stations still closing the hour, as on readings, but not longer than
     * the grace: a station whose hours stay behind (its clock is late, say) does not hold the district back.
     */
    private void runDistrictAtTick(Instant now, Output out) {
        if (!districtDirty) {
            districtDirtySince = null;
            return;
        }
        if (districtDirtySince == null) {
            districtDirtySince = now;
        }
        if (districtLagging <= 0 || !now.isBefore(districtDirtySince.plus(hours.grace()))) {
            runDistrictNowIfDirty(out);
        }
    }

    private void runDistrictNowIfDirty(Output out) {
        if (districtDirty) {
            districtDirty = false;
            districtDirtySince = null;
            runner.runDistrict(points, out);
            daily.flushDistrict(runner.districtStations(), districtClosed, out);
        }
    }

    /** Loads one point's stored readings at restart and evaluates its closed hours (into {@code scratch}). */
    private void load(List<PointReading> list, Instant now, Output out, Output scratch) {
        list.sort(Comparator.comparing(pr -> pr.reading().ts()));
        SiteDirectory.Known known = Objects.requireNonNull(sites.known(list.get(0).point()), "known point");
        SiteInfo site = known.site();
        PointState st = state(known);
        Instant newest = list.get(list.size() - 1).reading().ts();
        Instant oldest = PointState.floorHour(newest).minus(restoreDepth(site.point().kind()));
        List<Reading> readings = new ArrayList<>(list.size());
        for (PointReading pr : list) {
            Reading r = pr.reading();
            if (r.ts().isBefore(oldest)) {
                counters.skip(out, pr.point(), r.ts(), SkippedReading.Reason.TOO_OLD);
                continue;
            }
            counters.ignoredParameters += st.window.unknownParameters(r);
            counters.accepted++;
            readings.add(r);
        }
        st.watermark = newest;
        st.lastArrival = later(newest, now);
        rebuild(st, oldest, readings, PointState.floorHour(later(newest, now).minus(hours.grace())), scratch);
    }

    /** Resolved alerts are forgotten an hour after they leave their point's retained range. */
    private Instant forgetBefore(AlertKey key) {
        if (key.rule().equals(HeavyPollutionRule.ID)) {
            Instant newest = points.values().stream().filter(s -> s.site.point().kind() == SiteKind.AIR)
                    .map(s -> s.watermark).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
            return newest == null ? null : runner.districtRangeStart(newest).minus(Duration.ofHours(1));
        }
        PointState st = points.get(SiteDirectory.key(key.kind(), key.site(), key.point()));
        Instant horizon = st == null ? null : st.horizon(retainHours);
        return horizon == null ? null : horizon.minus(Duration.ofHours(1));
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}

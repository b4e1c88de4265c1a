package io.envmon.alerts.engine;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.model.PointType;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A test bench: a registry, an engine, and helpers that feed minute readings with event time as data. Arrival
 * time ({@code now}) is the reading's time plus a few seconds unless a test says otherwise.
 */
final class Scenario {

    static final String REGISTRY = """
            air:
              - {id: TG-A01, name: 太谷区政府}
              - {id: TG-A02, name: 师范学院}
              - {id: TG-H01, name: 小时站, expectedIntervalSeconds: 3600}
              - {id: TG-H02, name: 小时站二, expectedIntervalSeconds: 3600}
            water:
              - {id: XYH-02, name: 象峪河水秀桥, river: 象峪河, targetClass: III, waterBody: river, analyserCycleSeconds: {nh3n: 3600}}
            enterprises:
              - id: E001
                name: 明星金光纺织
                outlets:
                  - {id: DA001, name: 锅炉废气排放口, type: stack, referenceO2: 9, limits: {particulate: 30, so2: 200, nox: 200}}
                  - {id: DW001, name: 废水总排口, type: wastewater, limits: {cod: 100, nh3n: 15, ph: [6, 9]}}
              - id: E002
                name: 利民铸业
                outlets:
                  - {id: DA001, name: 中频炉废气排放口, type: stack, limits: {particulate: 30}}
              - id: E003
                name: 鑫源砖厂
                outlets:
                  - {id: DA001, name: 隧道窑废气排放口, type: stack, alphaRef: 1.7, o2SuppressAt: 20, limits: {particulate: 30, so2: 300, nox: 200}}
            """;

    static final MonitoredPoint A01 = new MonitoredPoint(SiteKind.AIR, "TG-A01", null, PointType.AIR_STATION);
    static final MonitoredPoint A02 = new MonitoredPoint(SiteKind.AIR, "TG-A02", null, PointType.AIR_STATION);
    static final MonitoredPoint H01 = new MonitoredPoint(SiteKind.AIR, "TG-H01", null, PointType.AIR_STATION);
    static final MonitoredPoint H02 = new MonitoredPoint(SiteKind.AIR, "TG-H02", null, PointType.AIR_STATION);
    static final MonitoredPoint XYH02 = new MonitoredPoint(SiteKind.WATER, "XYH-02", null, PointType.WATER_SECTION);
    static final MonitoredPoint E001_DA001 = new MonitoredPoint(SiteKind.ENTERPRISE, "E001", "DA001", PointType.STACK);
    static final MonitoredPoint E001_DW001 =
            new MonitoredPoint(SiteKind.ENTERPRISE, "E001", "DW001", PointType.WASTEWATER);
    static final MonitoredPoint E002_DA001 = new MonitoredPoint(SiteKind.ENTERPRISE, "E002", "DA001", PointType.STACK);
    static final MonitoredPoint E003_DA001 = new MonitoredPoint(SiteKind.ENTERPRISE, "E003", "DA001", PointType.STACK);

    /** 2026-11-28 00:00 Beijing time: HJ 633-2026 and GB 3095-2026 (transitional) are in force. */
    static final Instant T0 = OffsetDateTime.of(2026, 11, 28, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
    static final Duration ARRIVAL_DELAY = Duration.ofSeconds(3);

    final Registry registry;
    final AlertEngine engine;
    final List<AlertEvent> events = new ArrayList<>();
    final List<HourlyAqiRecord> records = new ArrayList<>();
    final List<DailyAqiRecord> daily = new ArrayList<>();
    final List<PointHourRecord> pointHours = new ArrayList<>();
    final List<RuleFault> faults = new ArrayList<>();
    final List<SkippedReading> skipped = new ArrayList<>();
    final List<PointReading> fed = new ArrayList<>();

    Scenario() {
        this(REGISTRY, AlertRulesConfig.defaults());
    }

    Scenario(AlertRulesConfig config) {
        this(REGISTRY, config);
    }

    Scenario(String registryYaml, AlertRulesConfig config) {
        this(RegistryFiles.parse(registryYaml, "test"), config);
    }

    Scenario(Registry registry, AlertRulesConfig config) {
        this.registry = registry;
        this.engine = new AlertEngine(registry, config);
    }

    Scenario(Registry registry, AlertEngine engine) {
        this.registry = registry;
        this.engine = engine;
    }

    static Instant hour(int h) {
        return T0.plus(Duration.ofHours(h));
    }

    static Map<String, Double> values(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    EngineOutput collect(EngineOutput out) {
        events.addAll(out.events());
        records.addAll(out.hourlyAqi());
        daily.addAll(out.dailyAqi());
        pointHours.addAll(out.pointHours());
        faults.addAll(out.faults());
        skipped.addAll(out.skipped());
        for (ReloadRequest reload : out.reloads()) {
            collect(engine.onReload(reload.point(), reload.from(), stored(reload), reload.from()));
        }
        return out;
    }

    /** What InfluxDB holds for a reload: every reading fed for the point from the reload's start, in order fed. */
    List<Reading> stored(ReloadRequest reload) {
        return fed.stream().filter(pr -> pr.point().equals(reload.point()))
                .map(PointReading::reading).filter(r -> !r.ts().isBefore(reload.from())).toList();
    }

    EngineOutput feed(MonitoredPoint p, Reading r) {
        return feed(p, r, r.ts().plus(ARRIVAL_DELAY));
    }

    EngineOutput feed(MonitoredPoint p, Reading r, Instant now) {
        fed.add(new PointReading(p, r));
        return collect(engine.onReading(p, r, now));
    }

    EngineOutput feed(MonitoredPoint p, Instant ts, Map<String, Double> values) {
        return feed(p, new Reading(ts, values));
    }

    EngineOutput feed(MonitoredPoint p, Instant ts, Map<String, Double> values, Instant now) {
        return feed(p, new Reading(ts, values), now);
    }

    EngineOutput tick(Instant now) {
        return collect(engine.onTick(now));
    }

    /** One reading a minute for the hour starting at {@code hourStart}, values by minute. */
    void minutes(MonitoredPoint p, Instant hourStart, IntFunction<Map<String, Double>> byMinute) {
        for (int m = 0; m < 60; m++) {
            feed(p, hourStart.plus(Duration.ofMinutes(m)), byMinute.apply(m));
        }
    }

    /** One reading a minute for the hour, the same values (slightly varied so the flat-line rule stays quiet). */
    void hourly(MonitoredPoint p, Instant hourStart, Map<String, Double> values) {
        minutes(p, hourStart, m -> wobble(values, m));
    }

    /**
     * Readings a minute apart with ± 2⁻²⁰ alternating: no two neighbours are equal (the flat-line rule stays quiet)
     * and, the offset being a power of two, the hourly mean is exactly the value.
     */
    static Map<String, Double> wobble(Map<String, Double> values, int minute) {
        Map<String, Double> out = new LinkedHashMap<>();
        double d = Math.scalb(1.0, -20) * (minute % 2 == 0 ? 1 : -1);
        values.forEach((k, v) -> out.put(k, v == 0 ? 0 : v + d));
        return out;
    }

    List<AlertEvent> events(String rule) {
        return events.stream().filter(e -> e.rule().equals(rule)).toList();
    }

    List<String> states(String rule) {
        return events(rule).stream().map(e -> e.state().wire() + ":" + e.severity().wire()).toList();
    }

    void clear() {
        events.clear();
        records.clear();
        daily.clear();
        pointHours.clear();
        faults.clear();
        skipped.clear();
    }

    static boolean isOpen(AlertEvent e) {
        return e.state() != AlertState.RESOLVED;
    }
}

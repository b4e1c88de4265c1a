package io.envmon.alerts.engine;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.config.RuleSet;
import io.envmon.alerts.config.WindowConfig;
import io.envmon.alerts.rules.SiteInfo;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.WaterSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The registry's points with what the rules need (names, section, outlet, expected interval, rule set), by point
 * key. Looked up on every reading and, for every point, at every tick: the keys and rule sets are computed once.
 */
final class SiteDirectory {

    private final Map<String, SiteInfo> byKey = new LinkedHashMap<>();
    private final Map<MonitoredPoint, Known> byPoint = new LinkedHashMap<>();
    private final List<String> airStations = new ArrayList<>();

    /** A registered point, its state key and its rule set. */
    record Known(SiteInfo site, String key, RuleSet rules) {
    }

    SiteDirectory(Registry registry, AlertRulesConfig config) {
        this(registry, config, p -> true);
    }

    /** Only the points {@code scope} accepts: the others are unknown to this directory (and its engine). */
    SiteDirectory(Registry registry, AlertRulesConfig config, Predicate<MonitoredPoint> scope) {
        WindowConfig window = config.window();
        Map<String, AirStation> air = new LinkedHashMap<>();
        registry.air().forEach(s -> air.put(s.id(), s));
        Map<String, WaterSection> water = new LinkedHashMap<>();
        registry.water().forEach(s -> water.put(s.id(), s));
        for (MonitoredPoint p : registry.points()) {
            if (!scope.test(p)) {
                continue;
            }
            Duration configured = window.intervalOf(p.type());
            SiteInfo info = switch (p.kind()) {
                case AIR -> {
                    AirStation s = air.get(p.site());
                    airStations.add(p.site());
                    yield new SiteInfo(p, s.name(), null, null, null, interval(s.expectedIntervalSeconds(), configured),
                            cycles(window, p, Map.of()));
                }
                case WATER -> {
                    WaterSection s = water.get(p.site());
                    yield new SiteInfo(p, s.name(), null, s, null, interval(s.expectedIntervalSeconds(), configured),
                            cycles(window, p, s.analyserCycleSeconds()));
                }
                case ENTERPRISE -> {
                    Enterprise e = registry.enterprise(p.site()).orElseThrow();
                    Outlet o = e.outlets().stream().filter(x -> x.id().equals(p.outlet())).findFirst().orElseThrow();
                    yield new SiteInfo(p, e.name(), o.name(), null, o, interval(o.expectedIntervalSeconds(), configured),
                            cycles(window, p, o.analyserCycleSeconds()));
                }
            };
            String key = key(p.kind().topicSegment(), p.site(), p.outlet());
            byKey.put(key, info);
            byPoint.put(p, new Known(info, key, config.rulesFor(p)));
        }
    }

    Optional<SiteInfo> find(MonitoredPoint p) {
        Known known = byPoint.get(p);
        return known == null ? Optional.empty() : Optional.of(known.site());
    }

    /** The point's entry, or {@code null} when it is not registered. */
    Known known(MonitoredPoint p) {
        return byPoint.get(p);
    }

    /** Every registered point, in registry order. */
    Collection<Known> points() {
        return byPoint.values();
    }

    Optional<SiteInfo> find(String kind, String site, String outlet) {
        return Optional.ofNullable(byKey.get(key(kind, site, outlet)));
    }

    List<String> airStations() {
        return List.copyOf(airStations);
    }

    static String key(String kind, String site, String outlet) {
        return kind + "/" + site + (outlet == null ? "" : "/" + outlet);
    }

    static String key(MonitoredPoint p) {
        return key(p.kind().topicSegment(), p.site(), p.outlet());
    }

    static boolean isAir(MonitoredPoint p) {
        return p.kind() == SiteKind.AIR;
    }

    /** The configured analyser cycles of the point's type, with the registry's per-point ones over them. */
    private static Map<String, Duration> cycles(WindowConfig window, MonitoredPoint p, Map<String, Integer> registry) {
        Map<String, Duration> out = new LinkedHashMap<>(window.analyserCycle().getOrDefault(p.type().registryName(),
                Map.of()));
        registry.forEach((parameter, seconds) -> out.put(parameter, Duration.ofSeconds(seconds)));
        return out;
    }

        private static Duration interval(Integer seconds, Duration configured) {
        return seconds == null ? configured : Duration.ofSeconds(seconds);
    }
}

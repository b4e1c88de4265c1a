package io.envmon.alerts.engine;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry's points with what the rules need (names, section, outlet, expected interval), by point key. */
final class SiteDirectory {

    private final Map<String, SiteInfo> byKey = new LinkedHashMap<>();
    private final List<String> airStations = new ArrayList<>();

    SiteDirectory(Registry registry, WindowConfig window) {
        Map<String, AirStation> air = new LinkedHashMap<>();
        registry.air().forEach(s -> air.put(s.id(), s));
        Map<String, WaterSection> water = new LinkedHashMap<>();
        registry.water().forEach(s -> water.put(s.id(), s));
        for (MonitoredPoint p : registry.points()) {
            Duration configured = window.intervalOf(p.type());
            SiteInfo info = switch (p.kind()) {
                case AIR -> {
                    AirStation s = air.get(p.site());
                    airStations.add(p.site());
                    yield new SiteInfo(p, s.name(), null, null, null, interval(s.expectedIntervalSeconds(), configured));
                }
                case WATER -> {
                    WaterSection s = water.get(p.site());
                    yield new SiteInfo(p, s.name(), null, s, null, interval(s.expectedIntervalSeconds(), configured));
                }
                case ENTERPRISE -> {
                    Enterprise e = registry.enterprise(p.site()).orElseThrow();
                    Outlet o = e.outlets().stream().filter(x -> x.id().equals(p.outlet())).findFirst().orElseThrow();
                    yield new SiteInfo(p, e.name(), o.name(), null, o, interval(o.expectedIntervalSeconds(), configured));
                }
            };
            byKey.put(key(p.kind().topicSegment(), p.site(), p.outlet()), info);
        }
    }

    Optional<SiteInfo> find(MonitoredPoint p) {
        return Optional.ofNullable(byKey.get(key(p.kind().topicSegment(), p.site(), p.outlet())));
    }

    Optional<SiteInfo> find(String kind, String site, String outlet) {
        return Optional.ofNullable(byKey.get(key(kind, site, outlet)));
    }

    List<SiteInfo> all() {
        return List.copyOf(byKey.values());
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

    private static Duration interval(Integer seconds, Duration configured) {
        return seconds == null ? configured : Duration.ofSeconds(seconds);
    }
}

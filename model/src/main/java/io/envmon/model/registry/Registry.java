package io.envmon.model.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.envmon.model.AnalyserCycles;
import io.envmon.model.ParameterCatalog;
import io.envmon.model.PointType;
import io.envmon.model.SiteIds;
import io.envmon.model.SiteKind;
import io.envmon.model.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The district's monitored sites (CONTRACT §6), validated on construction and indexed for lookups by topic
 * and by HJ 212 MN. Immutable: a new registry replaces an old one as a whole.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Registry {

    private static final Set<String> WATER_CLASSES = Set.of("I", "II", "III", "IV", "V");

    private final List<AirStation> air;
    private final Map<String, Object> alertOverrides;
    private final List<WaterSection> water;
    private final List<Enterprise> enterprises;
    private final Map<String, MonitoredPoint> byKey = new HashMap<>();
    private final Map<String, MonitoredPoint> byMn = new HashMap<>();
    private final Map<String, Enterprise> enterpriseById = new HashMap<>();
    private final Map<String, Hj212Options> hj212ByMn = new HashMap<>();
    private final Map<MonitoredPoint, String> mnByPoint = new HashMap<>();

    public Registry(List<AirStation> air, List<WaterSection> water, List<Enterprise> enterprises) {
        this(air, water, enterprises, null);
    }

    /**
     * @param alertOverrides per-site alert thresholds ({@code air: {TG-A01: {...}}, enterprise: {E001/DA001: {...}}}),
     *                       kept as written: the alert rules own their meaning (docs/alerts.md)
     */
    @JsonCreator
    public Registry(@JsonProperty("air") List<AirStation> air,
                    @JsonProperty("water") List<WaterSection> water,
                    @JsonProperty("enterprises") List<Enterprise> enterprises,
                    @JsonProperty("alertOverrides") Map<String, Object> alertOverrides) {
        this.alertOverrides = alertOverrides == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(alertOverrides));
        this.air = air == null ? List.of() : List.copyOf(air);
        this.water = water == null ? List.of() : List.copyOf(water);
        this.enterprises = enterprises == null ? List.of() : List.copyOf(enterprises);
        List<String> errors = new ArrayList<>();
        index(errors);
        if (!errors.isEmpty()) {
            throw new RegistryException(String.join("; ", errors));
        }
    }

    /** Per-site alert threshold overrides, as written in the file; empty when none. */
    @JsonProperty("alertOverrides")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, Object> alertOverrides() {
        return alertOverrides;
    }

    @JsonProperty("air")
    public List<AirStation> air() {
        return air;
    }

    @JsonProperty("water")
    public List<WaterSection> water() {
        return water;
    }

    @JsonProperty("enterprises")
    public List<Enterprise> enterprises() {
        return enterprises;
    }

    /** The point a device topic refers to, if registered (else the reading is {@code unknown_site}). */
    public Optional<MonitoredPoint> resolve(Topic topic) {
        return Optional.ofNullable(byKey.get(key(topic.kind(), topic.site(), topic.outlet())));
    }

    /** The point an HJ 212 device ID is mapped to. */
    public Optional<MonitoredPoint> byMn(String mn) {
        return Optional.ofNullable(byMn.get(mn));
    }

    /** The per-device HJ 212 settings of an MN, if its registry entry has an {@code hj212} block. */
    public Optional<Hj212Options> hj212Options(String mn) {
        return Optional.ofNullable(hj212ByMn.get(mn));
    }

    /** The HJ 212 device ID of a point, if it has one. */
    public Optional<String> mn(MonitoredPoint point) {
        return Optional.ofNullable(mnByPoint.get(point));
    }

    public Optional<Enterprise> enterprise(String id) {
        return Optional.ofNullable(enterpriseById.get(id));
    }

    /**
     * A point's analyser cycles: the typical ones of its type ({@link AnalyserCycles}) with its own
     * {@code analyserCycleSeconds} over them.
     */
    public Map<String, java.time.Duration> analyserCycles(MonitoredPoint point) {
        Map<String, Integer> own = switch (point.kind()) {
            case AIR -> Map.of();
            case WATER -> water.stream().filter(s -> s.id().equals(point.site())).findFirst()
                    .map(WaterSection::analyserCycleSeconds).orElse(Map.of());
            case ENTERPRISE -> enterprise(point.site()).flatMap(e -> e.outlets().stream()
                    .filter(o -> o.id().equals(point.outlet())).findFirst())
                    .map(Outlet::analyserCycleSeconds).orElse(Map.of());
        };
        return AnalyserCycles.of(point.type(), own);
    }

    /** Every point that sends readings: stations, sections and outlets, in file order. */
    public List<MonitoredPoint> points() {
        List<MonitoredPoint> all = new ArrayList<>();
        air.forEach(s -> all.add(byKey.get(key(SiteKind.AIR, s.id(), null))));
        water.forEach(s -> all.add(byKey.get(key(SiteKind.WATER, s.id(), null))));
        enterprises.forEach(e -> e.outlets().forEach(o -> all.add(byKey.get(key(SiteKind.ENTERPRISE, e.id(), o.id())))));
        return Collections.unmodifiableList(all);
    }

    private void index(List<String> errors) {
        for (int i = 0; i < air.size(); i++) {
            AirStation s = air.get(i);
            String where = "air[" + i + "]";
            if (checkId(errors, where, s.id())) {
                add(errors, where, new MonitoredPoint(SiteKind.AIR, s.id(), null, PointType.AIR_STATION), s.mn());
                indexHj212(errors, where, new MonitoredPoint(SiteKind.AIR, s.id(), null, PointType.AIR_STATION), s.mn(),
                        s.hj212());
            }
            checkInterval(errors, where, s.expectedIntervalSeconds());
        }
        for (int i = 0; i < water.size(); i++) {
            WaterSection s = water.get(i);
            String where = "water[" + i + "]";
            if (checkId(errors, where, s.id())) {
                add(errors, where + " (" + s.id() + ")",
                        new MonitoredPoint(SiteKind.WATER, s.id(), null, PointType.WATER_SECTION), s.mn());
                indexHj212(errors, where + " (" + s.id() + ")",
                        new MonitoredPoint(SiteKind.WATER, s.id(), null, PointType.WATER_SECTION), s.mn(), s.hj212());
            }
            if (s.targetClass() == null || !WATER_CLASSES.contains(s.targetClass())) {
                errors.add(where + ".targetClass: '" + s.targetClass() + "' is not one of I, II, III, IV, V");
            }
            if (s.waterBody() != null && !List.of("river", "lake", "reservoir").contains(s.waterBody())) {
                errors.add(where + ".waterBody: '" + s.waterBody() + "' is not one of river, lake, reservoir");
            }
            checkInterval(errors, where, s.expectedIntervalSeconds());
            checkCycles(errors, where, PointType.WATER_SECTION, s.analyserCycleSeconds());
        }
        for (int i = 0; i < enterprises.size(); i++) {
            Enterprise e = enterprises.get(i);
            String where = "enterprises[" + i + "]";
            if (!checkId(errors, where, e.id())) {
                continue;
            }
            if (enterpriseById.put(e.id(), e) != null) {
                errors.add(where + ".id: duplicate enterprise '" + e.id() + "'");
            }
            if (e.outlets().isEmpty()) {
                errors.add(where + " (" + e.id() + "): has no outlets");
            }
            for (int j = 0; j < e.outlets().size(); j++) {
                indexOutlet(errors, where + " (" + e.id() + ").outlets[" + j + "]", e, e.outlets().get(j));
            }
        }
    }

    private void indexOutlet(List<String> errors, String where, Enterprise e, Outlet o) {
        if (!checkId(errors, where, o.id())) {
            return;
        }
        PointType type;
        try {
            type = o.pointType();
        } catch (IllegalArgumentException ex) {
            errors.add(where + ".type: " + ex.getMessage());
            return;
        }
        add(errors, where, new MonitoredPoint(SiteKind.ENTERPRISE, e.id(), o.id(), type), o.mn());
        indexHj212(errors, where, new MonitoredPoint(SiteKind.ENTERPRISE, e.id(), o.id(), type), o.mn(), o.hj212());
        o.limits().keySet().stream()
                .filter(p -> ParameterCatalog.find(type, p).isEmpty())
                .forEach(p -> errors.add(where + ".limits." + p + ": not a parameter of a " + type.registryName()
                        + " outlet (" + String.join(", ", ParameterCatalog.of(type).keySet()) + ")"));
        if (o.referenceO2() != null && (o.referenceO2() < 0 || o.referenceO2() >= 21)) {
            errors.add(where + ".referenceO2: " + o.referenceO2() + " must be between 0 and 21 (%)");
        }
        if (o.referenceO2() != null && type != PointType.STACK) {
            errors.add(where + ".referenceO2: only stack outlets have a reference O2");
        }
        if (o.alphaRef() != null) {
            if (!Double.isFinite(o.alphaRef()) || o.alphaRef() < 1) {
                errors.add(where + ".alphaRef: " + o.alphaRef() + " must be an excess-air coefficient >= 1 (e.g. 1.7)");
            }
            if (type != PointType.STACK) {
                errors.add(where + ".alphaRef: only stack outlets have a reference excess-air coefficient");
            }
            if (o.referenceO2() != null) {
                errors.add(where + ".alphaRef: give either referenceO2 or alphaRef, not both (the standard converts by one)");
            }
        }
        if (o.o2SuppressAt() != null) {
            if (!(o.o2SuppressAt() > 0 && o.o2SuppressAt() <= 21)) {
                errors.add(where + ".o2SuppressAt: " + o.o2SuppressAt() + " must be above 0 and at most 21 (%)");
            }
            if (type != PointType.STACK) {
                errors.add(where + ".o2SuppressAt: only stack outlets convert to a reference O2");
            }
        }
        checkInterval(errors, where, o.expectedIntervalSeconds());
        checkCycles(errors, where, type, o.analyserCycleSeconds());
    }

    /** Analyser cycles: parameters of the point type, a positive number of seconds, at most a day. */
    private static void checkCycles(List<String> errors, String where, PointType type, Map<String, Integer> cycles) {
        cycles.forEach((p, seconds) -> {
            if (ParameterCatalog.find(type, p).isEmpty()) {
                errors.add(where + ".analyserCycleSeconds." + p + ": not a parameter of a " + type.registryName()
                        + " (" + String.join(", ", ParameterCatalog.of(type).keySet()) + ")");
            } else if (seconds == null || seconds <= 0 || seconds > 86_400) {
                errors.add(where + ".analyserCycleSeconds." + p + ": " + seconds
                        + " must be a positive number of seconds, at most 86400 (a day)");
            }
        });
    }

    private void add(List<String> errors, String where, MonitoredPoint point, String mn) {
        String key = key(point.kind(), point.site(), point.outlet());
        if (byKey.putIfAbsent(key, point) != null) {
            errors.add(where + ": duplicate " + point.kind().topicSegment() + " ID '" + point.label() + "'");
        }
        if (mn != null) {
            if (mn.isBlank() || mn.length() > 24) {
                errors.add(where + ".mn: '" + mn + "' is not an HJ 212 MN (1-24 characters)");
            } else if (byMn.putIfAbsent(mn, point) != null) {
                errors.add(where + ".mn: '" + mn + "' is already used by " + byMn.get(mn).label());
            }
        }
    }

    /** The optional {@code hj212} block: only with an {@code mn}; a known time zone; no blank unit keys or units. */
    private void indexHj212(List<String> errors, String where, MonitoredPoint point, String mn, Hj212Options options) {
        if (mn != null && !mn.isBlank()) {
            mnByPoint.putIfAbsent(point, mn);
        }
        if (options == null) {
            return;
        }
        if (mn == null || mn.isBlank()) {
            errors.add(where + ".hj212: HJ 212 settings need an mn");
            return;
        }
        if (options.timeZone() != null) {
            try {
                java.time.ZoneId.of(options.timeZone());
            } catch (java.time.DateTimeException ex) {
                errors.add(where + ".hj212.timeZone: '" + options.timeZone() + "' is not a time zone (e.g. Asia/Shanghai)");
            }
        }
        options.units().forEach((key, unit) -> {
            if (key == null || key.isBlank() || unit == null || unit.isBlank()) {
                errors.add(where + ".hj212.units: '" + key + ": " + unit + "' needs a code or parameter and a unit");
            }
        });
        hj212ByMn.putIfAbsent(mn, options);
    }

    private static boolean checkId(List<String> errors, String where, String id) {
        if (!SiteIds.isValid(id)) {
            errors.add(where + ".id: '" + id + "' does not match ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
            return false;
        }
        return true;
    }

    private static void checkInterval(List<String> errors, String where, Integer seconds) {
        if (seconds != null && seconds <= 0) {
            errors.add(where + ".expectedIntervalSeconds: must be a positive number of seconds");
        }
    }

    private static String key(SiteKind kind, String site, String outlet) {
        return kind.topicSegment() + "/" + site + (outlet == null ? "" : "/" + outlet);
    }

    /** Counts for logs: "12 air stations, 6 water sections, 109 enterprises (240 outlets)". */
    public String summary() {
        int outlets = enterprises.stream().mapToInt(e -> e.outlets().size()).sum();
        return air.size() + " air stations, " + water.size() + " water sections, " + enterprises.size()
                + " enterprises (" + outlets + " outlets)";
    }
}

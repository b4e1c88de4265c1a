package io.envmon.ingest.http.api;

import static io.envmon.ingest.http.api.ApiRequests.error;
import static io.envmon.ingest.http.api.ApiRequests.principal;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.engine.DailyAqiRecord;
import io.envmon.alerts.report.AirDay;
import io.envmon.alerts.report.AirEvaluation;
import io.envmon.alerts.report.AirPeriod;
import io.envmon.alerts.report.OutletEvaluation;
import io.envmon.alerts.report.WaterEvaluation;
import io.envmon.alerts.water.SectionClassifier;
import io.envmon.ingest.schema.PointTags;
import io.envmon.ingest.schema.Queries;
import io.envmon.ingest.schema.ReportRows;
import io.envmon.ingest.store.PointReader;
import io.envmon.ingest.store.QueryRow;
import io.envmon.model.SiteIds;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.AirStation;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.WaterSection;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/reports/...}: the daily AQI (stored {@code air_daily} rows), the monthly and annual air evaluation,
 * the water sections' monthly class and the outlets' monthly rates, computed on request from the stored rows by the
 * pure functions of {@code io.envmon.alerts.report} (docs/api.md#reports). Air and water reports are the bureau's
 * (403 for an enterprise's token); an enterprise's token sees its own outlets only.
 */
final class ReportsResource {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MAX_DAYS = 366;

    private final Vertx vertx;
    private final PointReader reader;
    private final Registry registry;
    private final AlertRulesConfig rules;
    private final Supplier<Instant> clock;

    ReportsResource(Vertx vertx, PointReader reader, Registry registry, AlertRulesConfig rules,
                    Supplier<Instant> clock) {
        this.vertx = vertx;
        this.reader = reader;
        this.registry = registry;
        this.rules = rules;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/reports/air/daily").handler(this::airDaily);
        router.get("/api/reports/air/monthly").handler(rc -> airPeriod(rc, false));
        router.get("/api/reports/air/annual").handler(rc -> airPeriod(rc, true));
        router.get("/api/reports/water/monthly").handler(this::water);
        router.get("/api/reports/enterprise/monthly").handler(this::enterprise);
    }

    private boolean bureauOnly(RoutingContext rc) {
        Principal who = principal(rc);
        if (!who.isBureau()) {
            error(rc, 403, "air and water reports are the bureau's; this token sees only enterprise "
                    + who.enterprise());
            return false;
        }
        return true;
    }

    private void airDaily(RoutingContext rc) {
        if (!bureauOnly(rc)) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.get(), DailyAqiRecord.BEIJING);
        LocalDate to = date(rc, "to", today.minusDays(1));
        LocalDate from = to == null ? null : date(rc, "from", to.minusDays(6));
        if (from == null || to == null || from.isAfter(to) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            error(rc, 400, "from and to must be dates (2026-11-28), from ≤ to, at most " + MAX_DAYS + " days");
            return;
        }
        String station = rc.request().getParam("station");
        Map<String, String> names = airNames();
        if (station != null && !names.containsKey(station)) {
            notFound(rc, station, SiteIds.isValid(station), "air station");
            return;
        }
        ReportOutput.Page page = ReportOutput.page(rc);
        if (page == null) {
            return;
        }
        String q = Queries.airDaily(startOf(from), startOf(to.plusDays(1)), station);
        vertx.executeBlocking(() -> reader.query(q), false)
                .onSuccess(rows -> {
                    List<QueryRow> sorted = new ArrayList<>(rows);
                    List<String> order = new ArrayList<>(names.keySet());
                    sorted.sort(java.util.Comparator.comparingLong(QueryRow::time)
                            .thenComparing(r -> order.indexOf(r.value(PointTags.STATION))));
                    List<Map<String, Object>> items = page.slice(sorted).stream()
                            .map(r -> ReportItems.airDay(r, names.get(r.value(PointTags.STATION)))).toList();
                    ReportOutput.respond(rc, page, "air/daily", from + ".." + to, sorted.size(), items);
                })
                .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
    }

    private void airPeriod(RoutingContext rc, boolean annual) {
        if (!bureauOnly(rc)) {
            return;
        }
        Instant now = clock.get();
        LocalDate today = LocalDate.ofInstant(now, DailyAqiRecord.BEIJING);
        AirPeriod period;
        if (annual) {
            Integer year = ApiRequests.intParam(rc, "year", today.getYear());
            if (year == null || year < 1678 || year > 2261) {
                error(rc, 400, "year must be a year such as 2026");
                return;
            }
            period = AirPeriod.year(year);
        } else {
            YearMonth month = month(rc, today);
            if (month == null) {
                return;
            }
            period = AirPeriod.month(month);
        }
        ReportOutput.Page page = ReportOutput.page(rc);
        if (page == null) {
            return;
        }
        Map<String, String> names = airNames();
        List<String> sites = page.slice(new ArrayList<>(names.keySet()));
        Instant start = startOf(period.start());
        String q = Queries.airDaily(start, startOf(period.end()), null);
        AirEvaluation evaluation = new AirEvaluation(rules.reports());
        vertx.executeBlocking(() -> reader.query(q), false)
                .onSuccess(rows -> {
                    List<AirDay> days = rows.stream().map(ReportRows::airDay).toList();
                    List<Map<String, Object>> items = sites.stream().map(site -> ReportItems.airPeriod(
                            evaluation.evaluate(site, period, days, rules.standards().gb3095At(start), today),
                            names.get(site))).toList();
                    ReportOutput.respond(rc, page, annual ? "air/annual" : "air/monthly", period.label(),
                            names.size(), items);
                })
                .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
    }

    private void water(RoutingContext rc) {
        if (!bureauOnly(rc)) {
            return;
        }
        YearMonth month = month(rc, LocalDate.ofInstant(clock.get(), DailyAqiRecord.BEIJING));
        if (month == null) {
            return;
        }
        String only = rc.request().getParam("section");
        List<WaterSection> sections = registry.water().stream().filter(s -> only == null || s.id().equals(only))
                .toList();
        if (only != null && sections.isEmpty()) {
            notFound(rc, only, SiteIds.isValid(only), "water section");
            return;
        }
        ReportOutput.Page page = ReportOutput.page(rc);
        if (page == null) {
            return;
        }
        List<WaterSection> pageSections = page.slice(sections);
        Instant from = startOf(month.atDay(1));
        Instant to = closedUpTo(startOf(month.plusMonths(1).atDay(1)));
        List<Map<String, String>> points = pageSections.stream()
                .map(s -> PointTags.of(SiteKind.WATER, s.id(), null)).toList();
        String q = Queries.pointHours(SiteKind.WATER, points, from, to.isAfter(from) ? to : from);
        WaterEvaluation evaluation = new WaterEvaluation(new SectionClassifier(SectionClassifier.DoMultiple.NOT_COMPUTED,
                rules.rules().waterClass().lakeNitrogen()));
        vertx.executeBlocking(() -> pageSections.isEmpty() ? List.<QueryRow>of() : reader.query(q), false)
                .onSuccess(rows -> {
                    Map<String, List<Map<String, Double>>> bySection = new HashMap<>();
                    for (QueryRow row : rows) {
                        bySection.computeIfAbsent(row.value(PointTags.SECTION), s -> new ArrayList<>())
                                .add(ReportRows.hour(row).means());
                    }
                    List<Map<String, Object>> items = pageSections.stream().map(s -> ReportItems.water(
                            evaluation.evaluate(s, month.toString(), bySection.getOrDefault(s.id(), List.of())),
                            s.river())).toList();
                    ReportOutput.respond(rc, page, "water/monthly", month.toString(), sections.size(), items);
                })
                .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
    }

    private void enterprise(RoutingContext rc) {
        Principal who = principal(rc);
        String only = rc.request().getParam("enterprise");
        if (!who.isBureau()) {
            if (only != null && !only.equals(who.enterprise())) {
                error(rc, 403, "this token sees only enterprise " + who.enterprise());
                return;
            }
            only = who.enterprise();
        }
        YearMonth month = month(rc, LocalDate.ofInstant(clock.get(), DailyAqiRecord.BEIJING));
        if (month == null) {
            return;
        }
        String enterpriseId = only;
        List<Enterprise> enterprises = registry.enterprises().stream()
                .filter(e -> enterpriseId == null || e.id().equals(enterpriseId)).toList();
        if (enterpriseId != null && enterprises.isEmpty()) {
            notFound(rc, enterpriseId, SiteIds.isValid(enterpriseId), "enterprise");
            return;
        }
        ReportOutput.Page page = ReportOutput.page(rc);
        if (page == null) {
            return;
        }
        List<Map.Entry<Enterprise, Outlet>> outlets = new ArrayList<>();
        enterprises.forEach(e -> e.outlets().forEach(o -> outlets.add(Map.entry(e, o))));
        List<Map.Entry<Enterprise, Outlet>> pageOutlets = page.slice(outlets);
        Instant from = startOf(month.atDay(1));
        Instant to = closedUpTo(startOf(month.plusMonths(1).atDay(1)));
        Map<Outlet, Map<String, Duration>> cycles = new LinkedHashMap<>();
        Duration longest = HOUR;
        for (Map.Entry<Enterprise, Outlet> e : pageOutlets) {
            Map<String, Duration> c = cycles(e.getKey(), e.getValue());
            cycles.put(e.getValue(), c);
            for (Duration d : c.values()) {
                longest = d.compareTo(longest) > 0 ? d : longest;
            }
        }
        // the samples of the cycles running at the month's start stand for its first hours
        Instant queryFrom = from.minus(longest);
        String q = Queries.pointHours(SiteKind.ENTERPRISE, pageOutlets.stream()
                .map(e -> PointTags.of(SiteKind.ENTERPRISE, e.getKey().id(), e.getValue().id())).toList(),
                queryFrom, to.isAfter(from) ? to : from);
        OutletEvaluation evaluation = new OutletEvaluation(rules.reports().transmissionPassMark());
        Instant end = to.isAfter(from) ? to : from;
        vertx.executeBlocking(() -> pageOutlets.isEmpty() ? List.<QueryRow>of() : reader.query(q), false)
                .onSuccess(rows -> {
                    Map<String, TreeMap<Instant, OutletEvaluation.Hour>> byOutlet = new HashMap<>();
                    for (QueryRow row : rows) {
                        byOutlet.computeIfAbsent(row.value(PointTags.ENTERPRISE) + "/" + row.value(PointTags.OUTLET),
                                k -> new TreeMap<>()).put(Instant.ofEpochMilli(row.time()), ReportRows.hour(row));
                    }
                    List<Map<String, Object>> items = pageOutlets.stream().map(e -> ReportItems.outlet(
                            evaluation.evaluate(e.getKey(), e.getValue(), month.toString(), from, end,
                                    byOutlet.getOrDefault(e.getKey().id() + "/" + e.getValue().id(), new TreeMap<>()),
                                    cycles.get(e.getValue()), e.getValue().conversionO2() != null),
                            e.getValue().pointType())).toList();
                    ReportOutput.respond(rc, page, "enterprise/monthly", month.toString(), outlets.size(), items);
                })
                .onFailure(e -> error(rc, 503, "InfluxDB: " + e.getMessage()));
    }

    /** The analyser cycles the engine uses for the outlet: the rules file's per type, the registry's over them. */
    private Map<String, Duration> cycles(Enterprise e, Outlet o) {
        MonitoredPoint p = new MonitoredPoint(SiteKind.ENTERPRISE, e.id(), o.id(), o.pointType());
        Map<String, Duration> out = new LinkedHashMap<>(rules.window().analyserCycle()
                .getOrDefault(p.type().registryName(), Map.of()));
        o.analyserCycleSeconds().forEach((param, s) -> out.put(param, Duration.ofSeconds(s)));
        return out;
    }

    /** The district (its ID and name from the rules file) and every station, in registry order. */
    private Map<String, String> airNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(rules.heavyPollution().site(), rules.heavyPollution().name());
        for (AirStation s : registry.air()) {
            names.put(s.id(), s.name());
        }
        return names;
    }

    /** The end of the hours the engine has closed by now (the hour's end plus the grace), at most {@code end}. */
    private Instant closedUpTo(Instant end) {
        Instant closed = clock.get().minus(rules.window().hourCloseGrace()).truncatedTo(ChronoUnit.HOURS);
        return closed.isBefore(end) ? closed : end;
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(DailyAqiRecord.BEIJING).toInstant();
    }

    /** {@code month} (2026-11), default the current one; null when answered 400. */
    private static YearMonth month(RoutingContext rc, LocalDate today) {
        String v = rc.request().getParam("month");
        try {
            YearMonth m = v == null || v.isBlank() ? YearMonth.from(today) : YearMonth.parse(v.trim());
            if (m.getYear() < 1678 || m.getYear() > 2261) {
                throw new DateTimeParseException("out of range", v, 0);
            }
            return m;
        } catch (DateTimeParseException e) {
            error(rc, 400, "month must be a month such as 2026-11");
            return null;
        }
    }

    private static LocalDate date(RoutingContext rc, String name, LocalDate fallback) {
        String v = rc.request().getParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            LocalDate d = LocalDate.parse(v.trim());
            return d.getYear() < 1678 || d.getYear() > 2261 ? null : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void notFound(RoutingContext rc, String id, boolean valid, String what) {
        if (valid) {
            error(rc, 404, "no " + what + " " + id + " in the registry");
        } else {
            error(rc, 400, what + " must be an ID");
        }
    }
}

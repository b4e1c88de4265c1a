package io.envmon.simulator.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.envmon.simulator.ledger.Ledger;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares a ledger with what InfluxDB holds: readings per series in the ledger's simulated time range, rows of
 * {@code rejected} by reason in its wall-clock window, rows of {@code alert} per kind/site/rule.
 */
public final class LedgerVerifier {

    static final List<String> SEVERITIES = List.of("info", "warning", "major", "critical");
    /** Rejections are stored at arrival; the service may still be working through the run's backlog. */
    private static final Duration REJECTION_GRACE = Duration.ofMinutes(2);

    private final InfluxQuery influx;

    public LedgerVerifier(InfluxQuery influx) {
        this.influx = influx;
    }

    /** @throws IOException when a query fails */
    public VerifyReport verify(Ledger ledger) throws IOException {
        List<VerifyReport.PointResult> points = new ArrayList<>();
        long sent = 0;
        long expected = 0;
        long stored = 0;
        long missing = 0;
        long extra = 0;
        Map<String, Map<Map<String, String>, Long>> counts = new HashMap<>();
        for (Ledger.PointEntry p : ledger.points()) {
            Map<Map<String, String>, Long> series = ledger.simulatedFrom() == null ? Map.of()
                    : counts.computeIfAbsent(p.measurement(), m -> uncheck(() -> countPoints(m, p.tags().keySet(), ledger)));
            long found = series.getOrDefault(p.tags(), 0L);
            VerifyReport.PointResult r = new VerifyReport.PointResult(p.label(), p.readings(), p.expectedStored(), found);
            points.add(r);
            sent += p.readings();
            expected += p.expectedStored();
            stored += found;
            missing += r.missing();
            extra += Math.max(0, found - p.expectedStored());
        }
        return new VerifyReport(sent, expected, stored, missing, extra, points, rejections(ledger), alerts(ledger));
    }

    private Map<Map<String, String>, Long> countPoints(String measurement, java.util.Set<String> tagKeys, Ledger l)
            throws IOException {
        String q = "SELECT count(*) FROM \"" + measurement + "\" WHERE " + range(Instant.parse(l.simulatedFrom()),
                Instant.parse(l.simulatedTo())) + " GROUP BY " + quoted(tagKeys);
        Map<Map<String, String>, Long> out = new HashMap<>();
        for (JsonNode s : series(influx.query(q))) {
            // a reading carries all its parameters: the busiest field counts the points
            out.put(tags(s), maxCount(s));
        }
        return out;
    }

    /** By reason: expected, found in {@code rejected}, and seen on the dead-letter topic (-1: not watched). */
    private Map<String, VerifyReport.Rejections> rejections(Ledger l) throws IOException {
        Map<String, Long> stored = new TreeMap<>();
        if (l.wallFrom() != null) {
            String q = "SELECT count(\"detail\") FROM \"rejected\" WHERE " + range(Instant.parse(l.wallFrom()),
                    Instant.parse(l.wallTo()).plus(REJECTION_GRACE)) + " GROUP BY \"reason\"";
            for (JsonNode s : series(influx.query(q))) {
                stored.put(tags(s).get("reason"), maxCount(s));
            }
        }
        Map<String, Long> deadLetters = l.deadLetters();
        TreeSet<String> reasons = new TreeSet<>(l.expectedRejections().keySet());
        reasons.addAll(stored.keySet());
        if (deadLetters != null) {
            reasons.addAll(deadLetters.keySet());
        }
        Map<String, VerifyReport.Rejections> out = new TreeMap<>();
        for (String reason : reasons) {
            out.put(reason, new VerifyReport.Rejections(l.expectedRejections().getOrDefault(reason, 0L),
                    stored.getOrDefault(reason, 0L), deadLetters == null ? -1 : deadLetters.getOrDefault(reason, 0L)));
        }
        return out;
    }

    private List<VerifyReport.AlertResult> alerts(Ledger l) throws IOException {
        List<VerifyReport.AlertResult> out = new ArrayList<>();
        if (l.expectedAlerts().isEmpty()) {
            return out;
        }
        // alerts are stamped with event time (hourly rules: the end of the hour) or, for offline, arrival time
        Instant from = Instant.parse(l.simulatedFrom()).minus(Duration.ofHours(1));
        Instant to = Instant.parse(l.simulatedTo()).plus(Duration.ofHours(2));
        Instant wallTo = l.wallTo() == null ? to : Instant.parse(l.wallTo()).plus(REJECTION_GRACE);
        String q = "SELECT count(\"state\") FROM \"alert\" WHERE " + range(from, wallTo.isAfter(to) ? wallTo : to)
                + " GROUP BY \"kind\",\"site\",\"rule\",\"severity\"";
        Map<String, TreeSet<Integer>> found = new HashMap<>();
        for (JsonNode s : series(influx.query(q))) {
            Map<String, String> t = tags(s);
            found.computeIfAbsent(t.get("kind") + "/" + t.get("site") + "/" + t.get("rule"), k -> new TreeSet<>())
                    .add(SEVERITIES.indexOf(t.get("severity")));
        }
        for (Ledger.AlertEntry a : l.expectedAlerts()) {
            TreeSet<Integer> severities = found.get(a.kind() + "/" + a.site() + "/" + a.rule());
            Integer worst = severities == null ? null : severities.last();
            String worstName = worst == null || worst < 0 ? null : SEVERITIES.get(worst);
            boolean met = worst != null && worst >= SEVERITIES.indexOf(a.minSeverity());
            out.add(new VerifyReport.AlertResult(a.kind(), a.site(), a.rule(), a.minSeverity(), worstName, met));
        }
        return out;
    }

    private static String range(Instant from, Instant to) {
        return "time >= " + from.toEpochMilli() + "ms AND time <= " + to.toEpochMilli() + "ms";
    }

    private static String quoted(java.util.Set<String> keys) {
        return String.join(",", keys.stream().sorted().map(k -> "\"" + k + "\"").toList());
    }

    private static Iterable<JsonNode> series(JsonNode root) {
        JsonNode s = root.path("results").path(0).path("series");
        return s.isArray() ? s : List.of();
    }

    private static Map<String, String> tags(JsonNode series) {
        Map<String, String> t = new TreeMap<>();
        series.path("tags").properties().forEach(e -> t.put(e.getKey(), e.getValue().asText()));
        return t;
    }

    private static long maxCount(JsonNode series) {
        long max = 0;
        for (JsonNode row : series.path("values")) {
            for (int i = 1; i < row.size(); i++) {
                max = Math.max(max, row.get(i).asLong(0));
            }
        }
        return max;
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T uncheck(IoSupplier<T> s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

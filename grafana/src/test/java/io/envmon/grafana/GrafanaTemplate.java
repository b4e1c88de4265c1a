package io.envmon.grafana;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands a panel's InfluxQL the way Grafana (10.4–11) does before sending it: the panel's time range (dashboard
 * range, panel relative time, time shift), {@code $timeFilter}, {@code $__interval}, the global variables
 * ({@code $__from}, {@code $__to}, {@code $__range_s}, …) and the template variables with the InfluxDB data source's
 * formatting (multi-value and "All" as regular expressions).
 *
 * <p>Sources: Grafana's InfluxDB data source ({@code getTimeFilter}, {@code getInfluxTime},
 * {@code interpolateQueryExpr}), {@code rangeUtil.calculateInterval} and {@code roundInterval}, and the template
 * service's variable syntax ({@code $var}, {@code ${var}}, {@code ${var:format}}, {@code [[var]]}).
 */
final class GrafanaTemplate {

    /** Grafana's template variable syntax. */
    private static final Pattern VARIABLE =
            Pattern.compile("\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?]]|\\$\\{(\\w+)(?::([^}]+))?}");
    private static final Pattern SIMPLE_RELATIVE = Pattern.compile("^now-(\\d+)([dhms])$");
    private static final Pattern DATE_MATH = Pattern.compile("([+-])(\\d+)([smhdwMy])|/([smhdwMy])");
    private static final int MAX_DATA_POINTS = 1000;

    /** A time range as Grafana holds it: raw text ({@code now-24h}) when relative, else null; and its instants. */
    record Range(String rawFrom, String rawTo, Instant from, Instant to) {
        long millis() {
            return Duration.between(from, to).toMillis();
        }
    }

    /** A template variable's selection: its values, whether "All" is selected, and how Grafana formats it. */
    record Selection(List<String> values, boolean all, boolean multiOrAll, String allValue) {
        static Selection single(String value) {
            return new Selection(List.of(value), false, false, null);
        }
    }

    private final ZoneId zone;
    private final Instant now;

    GrafanaTemplate(ZoneId zone, Instant now) {
        this.zone = zone;
        this.now = now;
    }

    /** The dashboard range, e.g. {@code now-24h} to {@code now}. */
    Range range(String from, String to) {
        return new Range(from, to, parse(from, false), parse(to, true));
    }

    /** An absolute range (as after zooming, or a shared link with times). */
    Range absolute(Instant from, Instant to) {
        return new Range(null, null, from, to);
    }

    /**
     * The range a panel queries: its relative time ({@code timeFrom}: {@code 24h} means {@code now-24h},
     * {@code now/M} this month so far) replaces the dashboard's "from", its time shift ({@code 1y}) moves both ends
     * back and makes the range absolute.
     */
    Range panelRange(Range dashboard, String timeFrom, String timeShift) {
        Range r = dashboard;
        if (timeFrom != null && !timeFrom.isBlank()) {
            String from = timeFrom.startsWith("now") ? timeFrom : "now-" + timeFrom;
            r = new Range(from, "now", parse(from, false), parse("now", true));
        }
        if (timeShift != null && !timeShift.isBlank()) {
            String shift = timeShift.startsWith("now") ? timeShift.substring(3) : "-" + timeShift;
            r = new Range(null, null, shift(r.from(), shift), shift(r.to(), shift));
        }
        return r;
    }

    /** {@code $__interval} for a range: range / 1000 points, rounded as Grafana does, at least {@code minInterval}. */
    Duration interval(Range range, String minInterval) {
        long ms = roundInterval(range.millis() / MAX_DATA_POINTS);
        if (minInterval != null && !minInterval.isBlank()) {
            ms = Math.max(ms, parseDuration(minInterval).toMillis());
        }
        return Duration.ofMillis(ms);
    }

    /** Expands an InfluxQL query. */
    String expand(String query, Range range, Duration interval, Map<String, Selection> variables) {
        String timeFilter = "time >= " + influxTime(range.rawFrom(), range.from()) + " and time <= "
                + influxTime(range.rawTo(), range.to());
        String q = query.replace("${timeFilter}", timeFilter).replace("$timeFilter", timeFilter);
        Map<String, String> builtIn = Map.of(
                "__interval", format(interval),
                "interval", format(interval),
                "__interval_ms", String.valueOf(interval.toMillis()),
                "__from", String.valueOf(range.from().toEpochMilli()),
                "__to", String.valueOf(range.to().toEpochMilli()),
                "__range_s", String.valueOf(Math.round(range.millis() / 1000.0)),
                "__range_ms", String.valueOf(range.millis()),
                "__range", format(Duration.ofMillis(range.millis())));
        Matcher m = VARIABLE.matcher(q);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
            String fmt = m.group(3) != null ? m.group(3) : m.group(5);
            String replacement;
            if (builtIn.containsKey(name)) {
                replacement = builtIn.get(name);
            } else if (variables.containsKey(name)) {
                replacement = format(variables.get(name), fmt);
            } else {
                replacement = m.group(); // Grafana leaves unknown names as they are
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The InfluxDB data source's formatting of a variable's value. */
    static String format(Selection s, String fmt) {
        if (s.all() && s.allValue() != null) {
            return s.allValue();
        }
        List<String> values = s.values();
        if (fmt == null) {
            if (!s.multiOrAll()) {
                return values.get(0);
            }
            fmt = "regex";
        }
        return switch (fmt) {
            case "regex" -> {
                List<String> escaped = values.stream().map(GrafanaTemplate::escapeRegex).toList();
                yield escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
            }
            case "raw" -> String.join(",", values);
            case "csv" -> String.join(",", values);
            case "pipe" -> String.join("|", values);
            case "singlequote" -> values.stream().map(v -> "'" + v.replace("'", "\\'") + "'")
                    .collect(Collectors.joining(","));
            case "doublequote" -> values.stream().map(v -> "\"" + v.replace("\"", "\\\"") + "\"")
                    .collect(Collectors.joining(","));
            default -> throw new IllegalArgumentException("variable format :" + fmt + " is not expanded by this test");
        };
    }

    /** Grafana's {@code escapeRegex}. */
    static String escapeRegex(String value) {
        return value.replaceAll("[\\\\^$*+?.()|\\[\\]{}/]", "\\\\$0");
    }

    /** {@code now() - 24h} for simple relative times, else epoch milliseconds ({@code getInfluxTime}). */
    private static String influxTime(String raw, Instant instant) {
        if ("now".equals(raw)) {
            return "now()";
        }
        if (raw != null) {
            Matcher m = SIMPLE_RELATIVE.matcher(raw);
            if (m.matches()) {
                return "now() - " + m.group(1) + m.group(2);
            }
        }
        return instant.toEpochMilli() + "ms";
    }

    /** Grafana date math: {@code now}, {@code now-24h}, {@code now/M}, {@code now-1y/y}; "to" rounds up. */
    Instant parse(String text, boolean roundUp) {
        if (!text.startsWith("now")) {
            return Instant.parse(text);
        }
        return apply(now.atZone(zone), text.substring(3), roundUp).toInstant();
    }

    private Instant shift(Instant instant, String math) {
        return apply(instant.atZone(zone), math, false).toInstant();
    }

    private static ZonedDateTime apply(ZonedDateTime t, String math, boolean roundUp) {
        Matcher m = DATE_MATH.matcher(math);
        int pos = 0;
        while (m.find()) {
            if (m.start() != pos) {
                throw new IllegalArgumentException("cannot parse date math '" + math + "'");
            }
            pos = m.end();
            if (m.group(4) != null) {
                t = roundUp ? endOf(t, m.group(4)) : startOf(t, m.group(4));
            } else {
                long n = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
                t = plus(t, n, m.group(3));
            }
        }
        if (pos != math.length()) {
            throw new IllegalArgumentException("cannot parse date math '" + math + "'");
        }
        return t;
    }

    private static ZonedDateTime plus(ZonedDateTime t, long n, String unit) {
        return switch (unit) {
            case "s" -> t.plusSeconds(n);
            case "m" -> t.plusMinutes(n);
            case "h" -> t.plusHours(n);
            case "d" -> t.plusDays(n);
            case "w" -> t.plusWeeks(n);
            case "M" -> t.plusMonths(n);
            case "y" -> t.plusYears(n);
            default -> throw new IllegalArgumentException(unit);
        };
    }

    private static ZonedDateTime startOf(ZonedDateTime t, String unit) {
        return switch (unit) {
            case "s" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "m" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "h" -> t.truncatedTo(ChronoUnit.HOURS);
            case "d" -> t.truncatedTo(ChronoUnit.DAYS);
            case "w" -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case "M" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "y" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            default -> throw new IllegalArgumentException(unit);
        };
    }

    private static ZonedDateTime endOf(ZonedDateTime t, String unit) {
        return plus(startOf(t, unit), 1, unit).minus(1, ChronoUnit.MILLIS);
    }

    /** {@code 1m}, {@code 30s}, {@code 1h}, {@code 1d}, {@code 500ms}: how Grafana writes intervals. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    static Duration parseDuration(String text) {
        Matcher m = Pattern.compile("^(\\d+)(ms|s|m|h|d|w|y)$").matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an interval: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofDays(365 * n);
        };
    }

    /** Grafana's {@code roundInterval} (milliseconds). */
    static long roundInterval(long interval) {
        long[][] table = {
                {15, 10}, {35, 20}, {75, 50}, {150, 100}, {350, 200}, {750, 500}, {1_500, 1_000},
                {3_500, 2_000}, {7_500, 5_000}, {12_500, 10_000}, {17_500, 15_000}, {25_000, 20_000},
                {45_000, 30_000}, {90_000, 60_000}, {210_000, 120_000}, {450_000, 300_000}, {750_000, 600_000},
                {1_050_000, 900_000}, {1_500_000, 1_200_000}, {2_700_000, 1_800_000}, {5_400_000, 3_600_000},
                {9_000_000, 7_200_000}, {16_200_000, 10_800_000}, {32_400_000, 21_600_000},
                {86_400_000, 43_200_000}, {604_800_000, 86_400_000}, {1_814_400_000, 604_800_000},
                {3_628_800_000L, 2_592_000_000L}};
        for (long[] row : table) {
            if (interval < row[0]) {
                return row[1];
            }
        }
        return 31_536_000_000L;
    }

    /** Anything that still looks like a Grafana variable after expansion (a bug in the dashboard or this class). */
    static List<String> leftovers(String expanded) {
        Matcher m = Pattern.compile("\\$\\{?[A-Za-z_]\\w*}?|\\[\\[\\w+]]").matcher(expanded);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}

package io.envmon.grafana.gen;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** InfluxQL text helpers. */
public final class Iql {

    private Iql() {
    }

    /** The query with each backtick replaced by a double quote: {@code q("SELECT mean(`pm25`)")}. */
    public static String q(String text) {
        return text.replace('`', '"');
    }

    /** {@code /^(a|b|c)$/} for literal IDs (IDs match ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$; '.' is escaped). */
    public static String anyOf(Collection<String> ids) {
        return "/^(" + ids.stream().map(id -> id.replace(".", "\\.")).collect(Collectors.joining("|")) + ")$/";
    }

    /**
     * The condition "(enterprise, outlet) is one of {@code pairs}", grouped by outlet ID so it stays short:
     * {@code (("outlet" = 'DA001' AND "enterprise" =~ /^(E001|E007)$/) OR ("outlet" = 'DA002' AND ...))}.
     */
    public static String pairs(List<Map.Entry<String, String>> enterpriseOutlet) {
        Map<String, List<String>> byOutlet = new TreeMap<>();
        for (Map.Entry<String, String> p : enterpriseOutlet) {
            byOutlet.computeIfAbsent(p.getValue(), k -> new java.util.ArrayList<>()).add(p.getKey());
        }
        return byOutlet.entrySet().stream()
                .map(e -> "(\"outlet\" = '" + e.getKey() + "' AND \"enterprise\" =~ " + anyOf(e.getValue().stream()
                        .distinct().sorted().toList()) + ")")
                .collect(Collectors.joining(" OR ", "(", ")"));
    }

    /** A number as InfluxQL writes it: 30, 0.5, 8.6. */
    public static String num(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * 1 when {@code expr} &gt; 0, else 0 (null stays null): {@code ceil(x / (abs(x) + 1e-6))}. InfluxQL has no
     * conditional; x/(|x|+ε) lies in (0, 1) for x &gt; 0 and in (-1, 0] otherwise, so its ceiling is the indicator.
     * {@code expr} must be a float: InfluxDB 1.6's abs() returns an integer argument unchanged (abs(-5) = -5).
     */
    public static String positive(String expr) {
        return "ceil((" + expr + ") / (abs(" + expr + ") + 0.000001))";
    }
}

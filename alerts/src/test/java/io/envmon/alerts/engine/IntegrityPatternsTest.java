package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.E001_DA001;
import static io.envmon.alerts.engine.Scenario.E002_DA001;
import static io.envmon.alerts.engine.Scenario.E003_DA001;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.rules.CopiedSeriesRule;
import io.envmon.alerts.rules.DilutionRule;
import io.envmon.alerts.rules.FlagMisuseRule;
import io.envmon.model.Reading;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code integrity_dilution}, {@code integrity_copied_series} and {@code integrity_flag_misuse} in the engine,
 * positive and negative cases (docs/alerts.md#integrity-rules). Each series is given hour by hour, a reading a
 * minute.
 */
class IntegrityPatternsTest {

    private static final String DILUTION = DilutionRule.ID;
    private static final String COPIED = CopiedSeriesRule.ID;
    private static final String MISUSE = FlagMisuseRule.ID;

    // ---------------------------------------------------------------- dilution

    /** One hour of a stack: particulate as measured, O2 %, flow m³/h. */
    record StackHour(double particulate, double o2, double flow) {
    }

    private static List<StackHour> hours(int n, double particulate, double o2, double flow) {
        return java.util.Collections.nCopies(n, new StackHour(particulate, o2, flow));
    }

    @SafeVarargs
    private static List<StackHour> concat(List<StackHour>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    private static Scenario stack(MonitoredPoint point, List<StackHour> series) {
        Scenario s = new Scenario();
        for (int h = 0; h < series.size(); h++) {
            StackHour x = series.get(h);
            s.hourly(point, hour(h), values("particulate", x.particulate(), "so2", 20, "nox", 50, "o2", x.o2(),
                    "flow", x.flow(), "temp", 120));
        }
        StackHour last = series.get(series.size() - 1);
        s.feed(point, hour(series.size()).plus(Duration.ofMinutes(6)), values("particulate", 10, "so2", 20, "nox", 50,
                "o2", last.o2(), "flow", last.flow(), "temp", 120));
        return s;
    }

    /** 32 mg/m³ at the usual 15 % O2, diluted to 18.5 %: 32 × 2.5 / 6. */
    private static final double DILUTED_32 = 32 * 2.5 / 6;

    static Stream<Arguments> dilution() {
        List<StackHour> usual = hours(24, 20, 15, 50000);
        return Stream.of(
                Arguments.of("O2 +3.5 and flow ×1.2 for 2 h while 32 mg/m³ undiluted (limit 30): raised at the second",
                        E002_DA001, concat(usual, hours(2, DILUTED_32, 18.5, 60000)), List.of("open:warning"), 24),
                Arguments.of("the same, then 2 h as usual: resolved", E002_DA001,
                        concat(usual, hours(2, DILUTED_32, 18.5, 60000), hours(2, 20, 15, 50000)),
                        List.of("open:warning", "resolved:warning"), 24),
                Arguments.of("one hour only", E002_DA001,
                        concat(usual, hours(1, DILUTED_32, 18.5, 60000), hours(1, 20, 15, 50000)), List.of(), -1),
                Arguments.of("low load: O2 up, flow down (less flue gas)", E002_DA001,
                        concat(usual, hours(3, DILUTED_32, 18.5, 30000)), List.of(), -1),
                Arguments.of("O2 and flow up, concentration far from the limit (15 undiluted)", E002_DA001,
                        concat(usual, hours(3, 15 * 2.5 / 6, 18.5, 60000)), List.of(), -1),
                Arguments.of("O2 up by 2 points only", E002_DA001,
                        concat(usual, hours(3, 32 * 4.0 / 6, 17, 60000)), List.of(), -1),
                Arguments.of("too little running history (8 h < 12)", E002_DA001,
                        concat(hours(8, 20, 15, 50000), hours(3, DILUTED_32, 18.5, 60000)), List.of(), -1),
                // reference O2 9 %: O2 pushed to 19.5 % (over the 19 % threshold) is not judged at all; 3.6 mg/m³
                // measured is 3.6 × 12 / 1.5 = 28.8 at 9 %
                Arguments.of("reference-O2 outlet diluted over the suppression threshold (hours not judged)",
                        E001_DA001, concat(hours(24, 15, 12, 50000), hours(2, 3.6, 19.5, 62000)),
                        List.of("open:warning"), 24),
                Arguments.of("reference-O2 outlet stopping (O2 20.8, flow 2 % of usual)", E001_DA001,
                        concat(hours(24, 15, 12, 50000), hours(3, 0.5, 20.8, 1000)), List.of(), -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dilution")
    void dilution(String name, MonitoredPoint point, List<StackHour> series, List<String> states, int startedAt) {
        Scenario s = stack(point, series);
        assertEquals(states, s.states(DILUTION), name);
        assertTrue(s.faults.isEmpty(), s.faults.toString());
        if (!states.isEmpty()) {
            AlertEvent open = s.events(DILUTION).get(0);
            assertEquals(hour(startedAt), open.startedAt());
            assertEquals(hour(startedAt + 2), open.ts(), "raised when the second hour closes");
            assertEquals("o2", open.parameter());
            assertTrue(s.engine.bureauOnly(open));
        }
    }

    @Test
    void theDilutionEventGivesTheHoursAndValues() {
        AlertEvent open = stack(E002_DA001, concat(hours(24, 20, 15, 50000), hours(2, DILUTED_32, 18.5, 60000)))
                .events(DILUTION).get(0);
        assertEquals("利民铸业(E002) 中频炉废气排放口(DA001) 2026-11-29 00:00–02:00（北京时间）连续 2 小时含氧量与流量同时升高"
                + "（最近一小时含氧量 18.5%（通常 15%），流量 60000 m³/h（通常 50000 m³/h）），污染物浓度接近限值时被稀释：颗粒物 实测 "
                + "13.3，还原稀释后 32（限值 30，判定值 13.3）。疑似稀释排放，请核查 / E002/DA001 (2026-11-29 00:00–02:00 "
                + "Beijing time) O2 and flow up together for 2 h (last hour O2 18.5 % (usually 15 %), flow 60000 m³/h "
                + "(usually 50000 m³/h)) while the concentrations neared the limit: particulate measured 13.3, 32 with "
                + "the dilution undone (limit 30, judged 13.3). Possibly diluted with air, to be checked", open.message());
        AlertEvent suppressed = stack(E001_DA001, concat(hours(24, 15, 12, 50000), hours(2, 3.6, 19.5, 62000)))
                .events(DILUTION).get(0);
        assertTrue(suppressed.message().contains("颗粒物 实测 3.6，还原稀释后 28.8（限值 30，因含氧量过高未参与判定）"),
                suppressed.message());
    }

    // ---------------------------------------------------------------- copied series

    /** A stack's minute values that move within the hour (7 distinct values per parameter), seeded by {@code k}. */
    private static Map<String, Double> moving(int k, int minute) {
        double d = (minute * 7 + k * 3) % 11 * 0.1 + k / 1000.0;
        return values("particulate", 12 + d, "so2", 40 + 2 * d, "nox", 80 + 3 * d, "o2", 15 + d / 10,
                "flow", 50000 + 100 * d, "temp", 120 + d);
    }

    /**
     * E002/DA001 and E003/DA001, hour by hour: {@code copied[h]} true = E003 sends E002's values of hour
     * {@code h - shift}; false = its own.
     */
    private static Scenario copies(boolean[] copied, int shift, boolean temperatureOnly, boolean flat) {
        Scenario s = new Scenario();
        for (int h = 0; h < copied.length; h++) {
            for (int m = 0; m < 60; m++) {
                Instant t = hour(h).plus(Duration.ofMinutes(m));
                Map<String, Double> mine = flat ? values("particulate", 12, "so2", 40, "nox", 80, "o2", 15,
                        "flow", 50000, "temp", 120) : moving(h, m);
                s.feed(E002_DA001, t, mine);
                Map<String, Double> theirs = new java.util.LinkedHashMap<>(moving(h + 1000, m));
                if (copied[h]) {
                    Map<String, Double> source = flat ? mine : moving(h - shift, m);
                    if (temperatureOnly) {
                        theirs.put("temp", source.get("temp"));
                    } else {
                        theirs = source;
                    }
                }
                s.feed(E003_DA001, t, theirs);
            }
        }
        for (int m = 6; m <= 7; m++) { // the second closing reading runs the rules of the point that closed first
            Instant t = hour(copied.length).plus(Duration.ofMinutes(m));
            s.feed(E002_DA001, t, moving(0, m));
            s.feed(E003_DA001, t, moving(1000, m));
        }
        return s;
    }

    private static boolean[] pattern(String s) {
        boolean[] out = new boolean[s.length()];
        for (int i = 0; i < s.length(); i++) {
            out[i] = s.charAt(i) == 'c';
        }
        return out;
    }

    static Stream<Arguments> copied() {
        return Stream.of(
                Arguments.of("every parameter identical for 3 h: both outlets raised", "ooocccoo", 0, false, false,
                        List.of("open:warning", "resolved:warning"), 3),
                Arguments.of("identical for 3 h, to the end", "ooooccc", 0, false, false, List.of("open:warning"), 4),
                Arguments.of("identical for 2 h only", "oooccooo", 0, false, false, List.of(), -1),
                Arguments.of("a copy of the other outlet's previous hour, 3 h", "ooocccoo", 1, false, false,
                        List.of("open:warning", "resolved:warning"), 3),
                Arguments.of("only the temperature identical (two flues at ambient)", "occcccco", 0, true, false,
                        List.of(), -1),
                Arguments.of("identical but constant series (nothing to compare)", "occcccco", 0, false, true,
                        List.of(), -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("copied")
    void copiedSeries(String name, String hours, int shift, boolean temperatureOnly, boolean flat, List<String> states,
                      int startedAt) {
        Scenario s = copies(pattern(hours), shift, temperatureOnly, flat);
        assertTrue(s.faults.isEmpty(), s.faults.toString());
        List<AlertEvent> e3 = s.events(COPIED).stream().filter(e -> e.site().equals("E003")).toList();
        assertEquals(states, e3.stream().map(e -> e.state().wire() + ":" + e.severity().wire()).toList(), name);
        if (!states.isEmpty()) {
            assertEquals(hour(startedAt), e3.get(0).startedAt());
            List<AlertEvent> e2 = s.events(COPIED).stream().filter(e -> e.site().equals("E002")).toList();
            assertEquals(states, e2.stream().map(e -> e.state().wire() + ":" + e.severity().wire()).toList(),
                    "the other outlet gets it too");
            assertEquals(hour(startedAt - shift), e2.get(0).startedAt());
        }
    }

    @Test
    void theCopiedEventNamesTheOtherOutletAndTheParameters() {
        AlertEvent open = copies(pattern("ooocccoo"), 0, false, false).events(COPIED).stream()
                .filter(e -> e.site().equals("E003")).findFirst().orElseThrow();
        assertEquals("鑫源砖厂(E003) 隧道窑废气排放口(DA001) 2026-11-28 03:00–06:00（北京时间）连续 3 小时流量、氮氧化物、含氧量、"
                + "颗粒物、二氧化硫、温度的逐条数据与 利民铸业(E002) 中频炉废气排放口(DA001)（同一时段）完全相同，精确到最后一位："
                + "疑似复制其他排放口数据，请核查", open.message().split(" / ")[0]);
    }

    // ---------------------------------------------------------------- flag misuse

    /**
     * E002/DA001 (particulate ≤ 30) hour by hour: {@code particulate[h]} its value, {@code flagged[h]} how many
     * minutes from the start of the hour particulate is flagged M (60: all; -1: no data at all that hour).
     */
    private static Scenario flags(double[] particulate, int[] flagged) {
        Scenario s = new Scenario();
        for (int h = 0; h < particulate.length; h++) {
            if (flagged[h] < 0) {
                continue;
            }
            for (int m = 0; m < 60; m++) {
                Map<String, Double> v = Scenario.wobble(values("particulate", particulate[h], "so2", 20, "nox", 50,
                        "o2", 15, "flow", 50000, "temp", 120), m);
                Map<String, String> f = m < flagged[h] ? Map.of("particulate", "M") : Map.of();
                s.feed(E002_DA001, new Reading(hour(h).plus(Duration.ofMinutes(m)), v, f, null));
            }
        }
        s.feed(E002_DA001, hour(particulate.length).plus(Duration.ofMinutes(6)), values("particulate", 10,
                "so2", 20, "nox", 50, "o2", 15, "flow", 50000, "temp", 120));
        return s;
    }

    private static double[] each(int n, double v) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    private static int[] minutes(int n, int... flaggedAt) {
        int[] out = new int[n];
        for (int i = 0; i + 1 < flaggedAt.length; i += 2) {
            out[flaggedAt[i]] = flaggedAt[i + 1];
        }
        return out;
    }

    static Stream<Arguments> misuse() {
        double[] usual = each(30, 15);
        double[] highBefore = each(30, 15);
        highBefore[9] = 26; // ≥ 80 % of 30, the hour before the flags
        double[] flaggedHigh = each(30, 15);
        for (int h : new int[] {10, 13, 16, 19}) {
            flaggedHigh[h] = 35; // the flagged values are over the limit
        }
        double[] gapsAfterHigh = each(30, 15);
        gapsAfterHigh[9] = 27;
        gapsAfterHigh[15] = 28;
        int[] twoGaps = minutes(30);
        twoGaps[10] = -1;
        twoGaps[16] = -1;
        int[] oneGap = minutes(30);
        oneGap[10] = -1;
        int[] sevenHours = minutes(30, 10, 60, 11, 60, 12, 60, 13, 60, 14, 60, 15, 60, 16, 60);
        int[] fourStretches = minutes(30, 10, 20, 13, 20, 16, 20, 19, 20);
        return Stream.of(
                Arguments.of("M on 7 whole hours of 24 (long): raised when the 6th closes", usual, sevenHours,
                        List.of("open:warning"), 10),
                Arguments.of("M 20 min every 3 h, 4 times (frequent)", usual, fourStretches, List.of("open:warning"),
                        10),
                Arguments.of("the same with the flagged values over the limit (35 > 30): major", flaggedHigh,
                        fourStretches, List.of("open:major"), 10),
                Arguments.of("7 flagged hours right after a high hour (26 ≥ 80 % of 30): major", highBefore,
                        sevenHours, List.of("open:major"), 10),
                Arguments.of("no data twice, each time right after a high hour", gapsAfterHigh, twoGaps,
                        List.of("open:major"), 9),
                Arguments.of("a daily calibration of 20 min", usual, minutes(30, 3, 20, 27, 20), List.of(), -1),
                Arguments.of("M for 5 h (not long: flag_maintenance's business)", usual,
                        minutes(30, 10, 60, 11, 60, 12, 60, 13, 60, 14, 60), List.of(), -1),
                Arguments.of("3 stretches (not frequent)", flaggedHigh, minutes(30, 10, 20, 13, 20, 16, 20),
                        List.of(), -1),
                Arguments.of("no data once after a high hour", gapsAfterHigh, oneGap, List.of(), -1),
                Arguments.of("no data twice after ordinary hours", usual, twoGaps, List.of(), -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuse")
    void flagMisuse(String name, double[] particulate, int[] flagged, List<String> states, int startedAt) {
        Scenario s = flags(particulate, flagged);
        assertEquals(states.isEmpty() ? List.of() : states.subList(0, 1),
                s.states(MISUSE).stream().limit(1).toList(), name);
        assertTrue(s.faults.isEmpty(), s.faults.toString());
        if (!states.isEmpty()) {
            assertEquals(hour(startedAt), s.events(MISUSE).get(0).startedAt());
            assertTrue(s.engine.bureauOnly(s.events(MISUSE).get(0)));
        }
    }

    @Test
    void theFlagMisuseEventGivesTheFlaggedHoursAndTheHighValues() {
        double[] flaggedHigh = each(30, 15);
        for (int h : new int[] {10, 13, 16, 19}) {
            flaggedHigh[h] = 35;
        }
        AlertEvent open = flags(flaggedHigh, minutes(30, 10, 20, 13, 20, 16, 20, 19, 20)).events(MISUSE).get(0);
        assertTrue(open.message().startsWith("利民铸业(E002) 中频炉废气排放口(DA001) 2026-11-27 20:00–2026-11-28 20:00（北京时间）"
                + "M/C 标记共 1.33 小时、4 段（标记时段：2026-11-28 10:00, 2026-11-28 13:00, 2026-11-28 16:00, "
                + "2026-11-28 19:00）；标记前后或标记数据为高值：颗粒物"), open.message());
        assertTrue(open.message().contains("疑似滥用维护/校准标记，请核查"), open.message());
    }
}

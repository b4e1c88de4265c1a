package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.E002_DA001;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.rules.ImpossibleCombinationRule;
import io.envmon.alerts.rules.ParkedUnderLimitRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The integrity rules end to end in the engine (docs/alerts.md#integrity-rules), on E002/DA001 (particulate ≤ 30 mg/m³, judged as
 * measured): {@code integrity_parked_under_limit} and {@code integrity_impossible_combination}.
 */
class IntegrityRulesTest {

    private static final String PARKED = ParkedUnderLimitRule.ID;
    private static final String IMPOSSIBLE = ImpossibleCombinationRule.ID;
    /** An hour without data. */
    private static final double GAP = Double.NaN;

    private static Map<String, Double> stack(double particulate, double flow) {
        return values("particulate", particulate, "so2", 20, "nox", 50, "o2", 15, "flow", flow, "temp", 120);
    }

    /** Hour h of the list is fed from hour(h) on, a reading a minute; NaN: no data that hour. */
    private static Scenario feed(double[] particulate, double[] flow) {
        Scenario s = new Scenario();
        for (int h = 0; h < particulate.length; h++) {
            if (!Double.isNaN(particulate[h])) {
                s.hourly(E002_DA001, hour(h), stack(particulate[h], flow[h]));
            }
        }
        s.feed(E002_DA001, hour(particulate.length).plus(Duration.ofMinutes(6)), stack(10, 50000));
        return s;
    }

    private static Scenario feed(double[] particulate) {
        double[] flow = new double[particulate.length];
        Arrays.fill(flow, 50000);
        return feed(particulate, flow);
    }

    /** {@code n} hours alternating between a and b. */
    private static double[] alternating(int n, double a, double b) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i % 2 == 0 ? a : b;
        }
        return out;
    }

    /** {@code n} hours from {@code start}, stepping by ±{@code step} alternately. */
    private static double[] held(int n, double start, double step) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = start + (i % 2 == 0 ? 0 : step);
        }
        return out;
    }

    private static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(DoubleStream::of).toArray();
    }

    private static double[] constant(int n, double v) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    static Stream<Arguments> parked() {
        return Stream.of(
                // 48 h moving 15 ↔ 24 (median change 9), then 12 h at 28.0/28.1 (change 0.1): 1 % of the history
                Arguments.of("held just under the limit after a moving history",
                        concat(alternating(48, 15, 24), held(12, 28, 0.1)), List.of("open:warning"), 48),
                Arguments.of("the same, held for 14 h: one alert, started at the run's first hour",
                        concat(alternating(48, 15, 24), held(14, 28, 0.1)), List.of("open:warning"), 48),
                Arguments.of("held, then two hours off the band: resolved",
                        concat(alternating(48, 15, 24), held(12, 28, 0.1), constant(2, 20)),
                        List.of("open:warning", "resolved:warning"), 48),
                // a plant that runs near its limit and moves as it always did: 27.2 ↔ 29.6 throughout
                Arguments.of("near the limit with its usual variability", alternating(60, 27.2, 29.6), List.of(), -1),
                Arguments.of("only 11 h in the band", concat(alternating(48, 15, 24), held(11, 28, 0.1),
                        constant(1, 20)), List.of(), -1),
                Arguments.of("an hour over the limit breaks the run", concat(alternating(48, 15, 24), held(6, 28, 0.1),
                        constant(1, 30.5), held(5, 28, 0.1)), List.of(), -1),
                Arguments.of("a missing hour breaks the run", concat(alternating(48, 15, 24), held(6, 28, 0.1),
                        constant(1, GAP), held(6, 28, 0.1)), List.of(), -1),
                Arguments.of("below the band (85 %)", concat(alternating(48, 15, 24), held(12, 25.5, 0.1)),
                        List.of(), -1),
                Arguments.of("too little history (20 h < 24)", concat(alternating(20, 15, 24), held(12, 28, 0.1)),
                        List.of(), -1),
                Arguments.of("a history that did not move (flatline's business)", concat(constant(48, 20),
                        held(12, 28, 0.1)), List.of(), -1),
                Arguments.of("moving less, but not far less (40 % of the history)",
                        concat(alternating(48, 24, 29), held(12, 27.5, 2)), List.of(), -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parked")
    void parkedUnderTheLimit(String name, double[] particulate, List<String> states, int startedAtHour) {
        Scenario s = feed(particulate);
        assertEquals(states, s.states(PARKED), name);
        assertTrue(s.faults.isEmpty(), s.faults.toString());
        if (!states.isEmpty()) {
            AlertEvent open = s.events(PARKED).get(0);
            assertEquals(hour(startedAtHour), open.startedAt());
            assertEquals(hour(startedAtHour + 12), open.ts(), "raised when the 12th hour closes");
            assertEquals("particulate", open.parameter());
            assertEquals(30.0, open.threshold());
            assertEquals("12h", open.window());
            assertTrue(s.engine.bureauOnly(open), "integrity alerts are for the bureau only by default");
            s.events("permit_limit").forEach(e -> assertEquals(false, s.engine.bureauOnly(e), "shared as before"));
        }
    }

    @Test
    void aLongParkedRunStaysOneAlertAndARestartFindsTheSameOne() {
        // held for 70 h: longer than the history it was compared with (48 h) and than the retained range (26 h)
        double[] series = concat(alternating(48, 15, 24), held(70, 28, 0.1));
        Scenario s = feed(series);
        assertEquals(List.of("open:warning"), s.states(PARKED), "held open while in the band, never re-raised");
        assertEquals(hour(48), s.events(PARKED).get(0).startedAt());
        assertEquals(Duration.ofHours(110), s.engine.restoreDepth(io.envmon.model.SiteKind.ENTERPRISE),
                "26 h retained + 24 h warm-up + 12 h run + 48 h history");

        AlertEngine restarted = new AlertEngine(s.registry, io.envmon.alerts.config.AlertRulesConfig.defaults());
        Instant now = hour(series.length).plus(Duration.ofMinutes(7));
        EngineOutput restored = restarted.restore(s.engine.openAlerts(), s.fed, now);
        assertEquals(List.of(), restored.events().stream().filter(e -> e.rule().startsWith("integrity")).toList(),
                "nothing missed, nothing duplicated");
        assertEquals(s.engine.openAlerts(), restarted.openAlerts());
    }

    @Test
    void theParkedEventGivesTheHoursAndValues() {
        AlertEvent open = feed(concat(alternating(48, 15, 24), held(12, 28, 0.1))).events(PARKED).get(0);
        assertEquals("利民铸业(E002) 中频炉废气排放口(DA001) 2026-11-30 00:00–12:00（北京时间）颗粒物 1小时均值连续 12 小时"
                + "处于许可限值 30 mg/m³ 的 90–100%（28, 28.1, 28, 28.1, 28, 28.1, 28, 28.1, 28, 28.1, 28, 28.1 mg/m³），"
                + "逐时变化中位数 0.1 mg/m³，仅为此前 48 小时（9 mg/m³）的 1.11%：疑似数据被控制在限值下方，请核查 / "
                + "E002/DA001 particulate 1-h mean held at 90–100 % of the permit limit 30 mg/m³ for 12 h "
                + "(2026-11-30 00:00–12:00 Beijing time: 28, 28.1, 28, 28.1, 28, 28.1, 28, 28.1, 28, 28.1, 28, 28.1 "
                + "mg/m³); median hour-to-hour change 0.1 mg/m³, 1.11 % of the preceding 48 h (9 mg/m³): possibly "
                + "parked under the limit, to be checked", open.message());
    }

    static Stream<Arguments> impossible() {
        double[] running = constant(6, 50000);
        return Stream.of(
                Arguments.of("a concentration with no flow: raised on the hour, cleared by the next normal one",
                        concat(constant(6, 10), constant(1, 12), constant(1, 10)),
                        concat(running, constant(1, 0), constant(1, 50000)),
                        List.of("open:warning", "resolved:warning"), 6),
                Arguments.of("no flow, analyser drift under 10 % of the limit (2.5 < 3)",
                        concat(constant(6, 10), constant(2, 2.5)), concat(running, constant(2, 0)), List.of(), -1),
                Arguments.of("zero while running for 3 h: raised at the third, started at the first",
                        concat(constant(6, 10), constant(3, 0)), concat(running, constant(3, 50000)),
                        List.of("open:warning"), 6),
                Arguments.of("zero while running for 2 h only", concat(constant(6, 10), constant(2, 0), constant(1, 10)),
                        concat(running, constant(3, 50000)), List.of(), -1),
                Arguments.of("never present before (a gas-fired boiler's SO2, here particulate)", constant(10, 0),
                        constant(10, 50000), List.of(), -1),
                Arguments.of("zero with the fan barely turning (500 m³/h: not running)",
                        concat(constant(6, 10), constant(4, 0)), concat(running, constant(4, 500)), List.of(), -1),
                Arguments.of("zero and no flow: a stop, consistent",
                        concat(constant(6, 10), constant(4, 0)), concat(running, constant(4, 0)), List.of(), -1),
                Arguments.of("a missing hour breaks a zero run",
                        concat(constant(6, 10), constant(2, 0), constant(1, GAP), constant(2, 0)),
                        concat(running, constant(5, 50000)), List.of(), -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossible")
    void impossibleCombinations(String name, double[] particulate, double[] flow, List<String> states,
                                int startedAtHour) {
        Scenario s = feed(particulate, flow);
        List<AlertEvent> particulateEvents = new ArrayList<>(s.events(IMPOSSIBLE).stream()
                .filter(e -> e.parameter().equals("particulate")).toList());
        assertEquals(states, particulateEvents.stream().map(e -> e.state().wire() + ":" + e.severity().wire())
                .toList(), name);
        assertTrue(s.faults.isEmpty(), s.faults.toString());
        if (!states.isEmpty()) {
            assertEquals(hour(startedAtHour), particulateEvents.get(0).startedAt());
        }
    }

    @Test
    void theImpossibleEventsGiveTheHoursAndValues() {
        Scenario noFlow = feed(concat(constant(6, 10), constant(1, 12)), concat(constant(6, 50000), constant(1, 0)));
        assertEquals("利民铸业(E002) 中频炉废气排放口(DA001) 2026-11-28 06:00–07:00（北京时间）流量 0 m³/h（无排放），颗粒物 "
                + "1小时均值却为 12 mg/m³（≥ 许可限值 30 mg/m³ 的 10%）：无流量却有浓度，数据矛盾，请核查 / E002/DA001 "
                + "(2026-11-28 06:00–07:00 Beijing time) flow 0 m³/h (no discharge), yet particulate 1-h mean 12 mg/m³ "
                + "(≥ 10 % of the permit limit 30 mg/m³): a concentration with no flow, contradictory data, to be "
                + "checked", noFlow.events(IMPOSSIBLE).get(0).message());
        Scenario zero = feed(concat(constant(6, 10), constant(3, 0)), constant(9, 50000));
        AlertEvent e = zero.events(IMPOSSIBLE).stream().filter(x -> x.parameter().equals("particulate")).findFirst()
                .orElseThrow();
        assertTrue(e.message().startsWith("利民铸业(E002) 中频炉废气排放口(DA001) 2026-11-28 06:00–09:00（北京时间）连续 3 小时"
                + "流量 50000, 50000, 50000 m³/h（在运行），颗粒物 1小时均值却为 0, 0, 0 mg/m³：运行中浓度为零"), e.message());
    }
}

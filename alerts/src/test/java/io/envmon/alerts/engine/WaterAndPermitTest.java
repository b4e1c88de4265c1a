package io.envmon.alerts.engine;

import static io.envmon.alerts.engine.Scenario.E001_DA001;
import static io.envmon.alerts.engine.Scenario.E001_DW001;
import static io.envmon.alerts.engine.Scenario.E002_DA001;
import static io.envmon.alerts.engine.Scenario.E003_DA001;
import static io.envmon.alerts.engine.Scenario.XYH02;
import static io.envmon.alerts.engine.Scenario.hour;
import static io.envmon.alerts.engine.Scenario.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.config.AlertRulesConfig;
import io.envmon.alerts.config.AlertRulesConfigParser;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.rules.PermitLimitRule;
import io.envmon.alerts.rules.WaterClassRule;
import io.envmon.model.PointType;
import io.envmon.model.Reading;
import io.envmon.model.SiteKind;
import io.envmon.model.registry.MonitoredPoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** water_class (GB 3838 single factor) and permit_limit (hourly means, O2 conversion, flags, ranges). */
class WaterAndPermitTest {

    private static final String W = WaterClassRule.ID;
    private static final String P = PermitLimitRule.ID;

    private static Map<String, Double> river(double nh3n, double dO, double ph) {
        return values("ph", ph, "do", dO, "codmn", 4, "nh3n", nh3n, "tp", 0.15, "temp", 12);
    }

    private static void hours(Scenario s, MonitoredPoint p, List<Map<String, Double>> byHour) {
        for (int h = 0; h < byHour.size(); h++) {
            s.hourly(p, hour(h), byHour.get(h));
        }
        s.feed(p, hour(byHour.size()).plus(Duration.ofMinutes(6)), byHour.get(byHour.size() - 1));
    }

    @Test
    void aParameterWorseThanTheTargetClassIsMajorAndWorseThanVCritical() {
        Scenario s = new Scenario();
        // XYH-02, target III (NH3-N ≤ 1.0): 0.8 III; 1.6 V; 2.5 劣V; 0.98 III but > 95 % of the limit (hold); 0.9
        hours(s, XYH02, List.of(river(0.8, 7, 7.5), river(1.6, 7, 7.5), river(2.5, 7, 7.5), river(0.98, 7, 7.5),
                river(0.9, 7, 7.5), river(0.9, 7, 7.5)));
        assertEquals(List.of("open:major", "escalated:critical", "resolved:critical"), s.states(W));
        AlertEvent open = s.events(W).get(0);
        assertEquals("nh3n", open.parameter());
        assertEquals(1.6, open.value(), 1e-9);
        assertEquals(1.0, open.threshold(), "the target class III limit");
        assertEquals("mg/L", open.unit());
        assertEquals("象峪河水秀桥(XYH-02) 2026-11-28 01:00–02:00（北京时间）氨氮 1小时均值 1.6 mg/L，Ⅴ类，劣于目标Ⅲ类"
                + "（限值 1 mg/L），超标 0.6 倍；断面水质Ⅴ类（中度污染，氨氮定类） / XYH-02 NH3-N 1-h mean 1.6 mg/L "
                + "(2026-11-28 01:00–02:00 Beijing time): class V, worse than the target class III (limit 1 mg/L), "
                + "0.6× over; section class V (moderately polluted, decided by NH3-N)",
                open.message());
        assertTrue(s.events(W).get(1).message().contains("劣Ⅴ类"));
        assertEquals(hour(6), s.events(W).get(2).ts(), "two hours at ≤ 95 % of the limit");
    }

    @Test
    void aValueJustOverTheLimitDoesNotPrintAsTheLimit() {
        // TP 0.2004 mg/L against class III ≤ 0.2: shown with the decimal that makes it over (TP's analyser cycle at
        // a section is 4 h: the value stands for, and is named as, the 4-h window)
        Scenario s = new Scenario();
        hours(s, XYH02, List.of(values("ph", 7.5, "do", 7, "codmn", 4, "nh3n", 0.3, "tp", 0.2004)));
        AlertEvent tp = s.events(W).get(0);
        assertTrue(tp.message().contains("总磷 4小时均值 0.2004 mg/L，Ⅳ类，劣于目标Ⅲ类（限值 0.2 mg/L），超标 0.002 倍"),
                tp.message());
        // particulate 30.04 mg/m³ against the permit limit 30
        Scenario p = new Scenario();
        hours(p, E002_DA001, List.of(stack(30.04, 15)));
        assertTrue(p.events(P).get(0).message().contains("颗粒物 1小时均值 30.04 mg/m³，超过排污许可限值 30 mg/m³，"
                + "超标 0.001 倍"), p.events(P).get(0).message());
        assertTrue(p.events(P).get(0).message().contains("particulate 1-h mean 30.04 mg/m³ (2026-11-28 00:00–01:00 "
                + "Beijing time) exceeds the permit limit 30 mg/m³ by 0.001×"), p.events(P).get(0).message());
    }

    @Test
    void dissolvedOxygenAndPhAreJudgedTheirWay() {
        Scenario s = new Scenario();
        hours(s, XYH02, List.of(river(0.5, 4, 9.5)));
        Map<String, AlertEvent> byParameter = new LinkedHashMap<>();
        s.events(W).forEach(e -> byParameter.put(e.parameter(), e));
        assertEquals(List.of("ph", "do"), List.copyOf(byParameter.keySet()));
        assertEquals("major", byParameter.get("do").severity().wire(), "DO 4 is class IV, below the III minimum 5");
        assertEquals(5.0, byParameter.get("do").threshold());
        assertEquals("critical", byParameter.get("ph").severity().wire(), "pH outside 6–9 is 劣V");
        assertEquals(9.0, byParameter.get("ph").threshold());
    }

    private static final String LAKE_REGISTRY = """
            water:
              - {id: WH-01, name: 乌马河水库, river: 乌马河, targetClass: III, waterBody: reservoir}
            """;
    private static final MonitoredPoint WH01 =
            new MonitoredPoint(SiteKind.WATER, "WH-01", null, PointType.WATER_SECTION);

    /** A reservoir at target III: TP 0.04 (lake III), CODMn 4 (II), TN 1.8 (V). */
    private static Scenario lakeWithHighNitrogen(AlertRulesConfig config) {
        Scenario s = new Scenario(LAKE_REGISTRY, config);
        hours(s, WH01, List.of(values("ph", 7.5, "do", 7, "codmn", 4, "nh3n", 0.3, "tp", 0.04, "tn", 1.8)));
        return s;
    }

    @Test
    void lakeNitrogenHasItsOwnAlertButDoesNotDecideTheSectionClass() {
        // 2011 evaluation method (环办〔2011〕22号): lake TN is assessed separately, outside the section class
        Scenario s = lakeWithHighNitrogen(AlertRulesConfig.defaults());
        assertEquals(List.of("open:major"), s.states(W));
        AlertEvent tn = s.events(W).get(0);
        assertEquals("tn", tn.parameter());
        assertTrue(tn.message().contains("Ⅴ类，劣于目标Ⅲ类（限值 1 mg/L），超标 0.8 倍；总氮单独评价，不参与断面定类；"
                + "断面水质Ⅲ类（良好，总磷定类）"), tn.message());
        assertTrue(tn.message().contains("TN assessed separately, not in the section class; section class III (good, "
                + "decided by TP)"), tn.message());
        // GB 3838's single factor over every Table 1 item, TN included, when configured
        Scenario inClass = lakeWithHighNitrogen(new AlertRulesConfigParser()
                .parse("rules: {waterClass: {lakeTotalNitrogen: inClass}}", "t"));
        assertTrue(inClass.events(W).get(0).message().contains("断面水质Ⅴ类（中度污染，总氮定类）"),
                inClass.events(W).get(0).message());
    }

    private static Map<String, Double> stack(double particulate, double o2) {
        return values("particulate", particulate, "so2", 20, "nox", 50, "o2", o2, "flow", 50000, "temp", 120);
    }

    @Test
    void anOutletWarnsAt80PercentAndIsCriticalOverItsPermitLimit() {
        Scenario s = new Scenario();
        // E002/DA001: particulate ≤ 30, no reference O2 (measured value judged)
        hours(s, E002_DA001, List.of(stack(20, 15), stack(25, 15), stack(31, 15), stack(24, 15), stack(20, 15)));
        assertEquals(List.of("open:warning", "escalated:critical", "resolved:critical"), s.states(P));
        List<AlertEvent> e = s.events(P);
        assertEquals(30.0, e.get(0).threshold());
        assertEquals("利民铸业(E002) 中频炉废气排放口(DA001) 2026-11-28 01:00–02:00（北京时间）颗粒物 1小时均值 25 mg/m³，"
                + "已达许可限值 30 mg/m³ 的 83.3%（预警线 80%） / E002/DA001 particulate 1-h mean 25 mg/m³ "
                + "(2026-11-28 01:00–02:00 Beijing time) is at 83.3 % of the permit limit 30 mg/m³ (early warning at "
                + "80 %)", e.get(0).message());
        assertTrue(e.get(1).message().contains("超过排污许可限值 30 mg/m³，超标 0.033 倍"), e.get(1).message());
        assertEquals(hour(5), e.get(2).ts(), "24 is 80 % (hold); 20 is 67 % ≤ 75 %: resolved");
    }

    @Test
    void stackConcentrationsAreConvertedToTheReferenceO2() {
        Scenario s = new Scenario();
        // E001/DA001: reference O2 9 %, particulate ≤ 30. 20 mg/m³ at 12 % O2 → 20 × 12 / 9 = 26.7 (89 %)
        hours(s, E001_DA001, List.of(stack(20, 12), stack(24, 12)));
        assertEquals(List.of("open:warning", "escalated:critical"), s.states(P));
        assertEquals(26.67, s.events(P).get(0).value(), 0.01);
        assertTrue(s.events(P).get(0).message().contains("1小时折算均值（基准含氧量 9%）"));
        assertTrue(s.events(P).get(1).message().contains("1-h mean at 9 % O2 32 mg/m³"), s.events(P).get(1).message());
    }

    @Test
    void nearAirO2IsSuppressedNotAlarmed() {
        Scenario s = new Scenario();
        // start-up: O2 19.5 % (≥ 19): 5 mg/m³ would convert to 5 × 12 / 1.5 = 40 > 30; not judged
        hours(s, E001_DA001, List.of(stack(5, 19.5), stack(5, 19.5)));
        assertEquals(List.of(), s.events(P));
    }

    @Test
    void readingsFlaggedStoppedOrCalibratingAreLeftOut() {
        Scenario s = new Scenario();
        for (int m = 0; m < 60; m++) {
            Map<String, Double> v = stack(m < 50 ? 10 : 500, 15);
            // the last 10 minutes: calibration gas (C) on particulate; the whole hour is still ≥ 45 min
            s.feed(E002_DA001, new Reading(hour(0).plusSeconds(60L * m), Scenario.wobble(v, m),
                    m < 50 ? Map.of() : Map.of("particulate", "C"), null));
        }
        for (int m = 0; m < 60; m++) {
            s.feed(E002_DA001, new Reading(hour(1).plusSeconds(60L * m), stack(900, 20.9), Map.of("particulate", "F",
                    "so2", "F", "nox", "F"), null));
        }
        s.feed(E002_DA001, hour(2).plus(Duration.ofMinutes(6)), stack(10, 15));
        assertEquals(List.of(), s.states(P));
    }

    /** One hour of particulate 500 mg/m³ at E002/DA001 (limit 30), every value flagged {@code flag}. */
    private static Scenario flaggedHour(Scenario s, String flag) {
        for (int m = 0; m < 60; m++) {
            s.feed(E002_DA001, new Reading(hour(0).plusSeconds(60L * m), Scenario.wobble(stack(500, 15), m),
                    Map.of("particulate", flag), null));
        }
        s.feed(E002_DA001, hour(1).plus(Duration.ofMinutes(6)), stack(10, 15));
        return s;
    }

    @Test
    void aManuallySetValueIsNotAMeasurement() {
        // HJ 212 flag S (设定值): a value set by hand, not measured. By default (window.validFlags N, T) it enters
        // no mean, so an hour of S values is not judged against the permit
        assertEquals(List.of(), flaggedHour(new Scenario(), "S").states(P));
        // T (above the measuring range) is a lower bound of the truth: it still counts
        assertEquals(List.of("open:critical"), flaggedHour(new Scenario(), "T").states(P));
        // a deployment that trusts set values can say so
        AlertRulesConfig withS = new AlertRulesConfigParser().parse("window: {validFlags: [N, S, T]}", "t");
        assertEquals(List.of("open:critical"), flaggedHour(new Scenario(withS), "S").states(P));
    }

    @Test
    void aRangeLimitSuchAsPh6To9() {
        Scenario s = new Scenario();
        Map<String, Double> normal = values("cod", 40, "nh3n", 3, "ph", 7.5, "flow", 100);
        Map<String, Double> alkaline = values("cod", 40, "nh3n", 3, "ph", 9.3, "flow", 100);
        hours(s, E001_DW001, List.of(normal, alkaline, normal, normal));
        assertEquals(List.of("open:critical", "resolved:critical"), s.states(P));
        assertEquals("ph", s.events(P).get(0).parameter());
        assertEquals(9.0, s.events(P).get(0).threshold(), "the bound it is beyond");
        assertEquals("", s.events(P).get(0).unit());
    }

    @Test
    void aRiverAnalyserReportingOnceAnHourIsJudged() {
        Scenario s = new Scenario();
        // XYH-02 (target III; its NH3-N analyser measures hourly): NH3-N 2.5 mg/L, 劣V, one reading an hour at :10,
        // as a wet-chemistry analyser sends it. Judged as minute data would be: one sample makes the hour.
        for (int h = 0; h <= 4; h++) {
            s.feed(XYH02, hour(h).plusSeconds(600), values("nh3n", 2.5));
        }
        assertEquals(List.of("open:critical"), s.states(W));
        AlertEvent open = s.events(W).get(0);
        assertEquals(2.5, open.value());
        assertEquals(hour(0), open.startedAt());
        assertEquals("1h", open.window());
    }

    @Test
    void aFourHourAnalyserSampleStandsForItsCycle() {
        Scenario s = new Scenario();
        // TP at XYH-02 (river, target III ≤ 0.2; 劣V > 0.4), the default cycle of a water section: one sample per 4 h.
        // 0.5 at 00:10, 04:10 and 08:10: one alert, open all along (the hours between samples are judged on the
        // sample before them); 0.1 at 12:10 and 16:10: resolved after two clean hours, at the end of hour 13.
        double[] tp = {0.5, 0.5, 0.5, 0.1, 0.1};
        for (int i = 0; i < tp.length; i++) {
            s.feed(XYH02, hour(4 * i).plusSeconds(600), values("tp", tp[i]));
        }
        s.feed(XYH02, hour(20).plusSeconds(600), values("tp", 0.1));
        assertEquals(List.of("open:critical", "resolved:critical"), s.states(W));
        assertEquals("4h", s.events(W).get(0).window());
        assertEquals(hour(0), s.events(W).get(0).startedAt());
        assertEquals(hour(14), s.events(W).get(1).ts(), "clean hours 12 and 13");
        // the text names the window judged: the 4-h cycle of the sample, not one hour of it
        String message = s.events(W).get(0).message();
        assertTrue(message.contains("TP 4-h mean 0.5 mg/L (2026-11-28 00:00–04:00"), message);
        assertTrue(message.contains("00:00–04:00（北京时间）总磷 4小时均值 0.5 mg/L"), message);
        assertFalse(message.contains("1-h mean") || message.contains("1小时"), message);
    }

    @Test
    void aPermitAlertOnATwoHourAnalyserNamesTheTwoHourWindow() {
        Scenario s = new Scenario();
        // COD at E001/DW001 (limit 100 mg/L), an outlet's default cycle: one sample per 2 h. 150 at 00:10: judged
        // on hours 0 and 1, the one alert names the 2-h window 00:00–02:00
        s.feed(E001_DW001, hour(0).plusSeconds(600), values("cod", 150, "nh3n", 3, "ph", 7.5, "flow", 100));
        s.feed(E001_DW001, hour(2).plusSeconds(600), values("cod", 150, "nh3n", 3, "ph", 7.5, "flow", 100));
        s.feed(E001_DW001, hour(4).plusSeconds(600), values("cod", 150, "nh3n", 3, "ph", 7.5, "flow", 100));
        AlertEvent cod = s.events(P).stream().filter(e -> "cod".equals(e.parameter())).findFirst().orElseThrow();
        assertEquals("2h", cod.window());
        assertTrue(cod.message().contains("COD 2-h mean 150 mg/L (2026-11-28 0"), cod.message());
        assertTrue(cod.message().contains("2小时均值 150"), cod.message());
        assertFalse(cod.message().contains("1-h mean") || cod.message().contains("1小时"), cod.message());
    }

    @Test
    void aBrickKilnIsConvertedByItsExcessAirCoefficient() {
        Scenario s = new Scenario();
        // E003/DA001, GB 29620: α_ref 1.7. 10 mg/m³ at 17 % O2: α = 21 / 4 = 5.25, 10 × 5.25 / 1.7 = 30.88 > 30.
        // (Judged as measured, or at "8.6 % O2", it would be 10 or 31.0.) The outlet's o2SuppressAt is 20 %: at
        // 19.5 % (normal for a kiln) 4 mg/m³ is still judged: 4 × 14 / 1.7 = 32.9.
        hours(s, E003_DA001, List.of(stack(10, 17), stack(4, 19.5)));
        List<AlertEvent> particulate = s.events(P).stream().filter(e -> e.parameter().equals("particulate")).toList();
        assertEquals(1, particulate.size(), "one alert, open through both hours: " + particulate);
        AlertEvent open = particulate.get(0);
        assertEquals("critical", open.severity().wire());
        assertEquals(30.882, open.value(), 0.001);
        assertTrue(open.message().contains("1小时折算均值（基准过量空气系数 1.7）"), open.message());
        assertTrue(open.message().contains("1-h mean at excess-air coefficient 1.7"), open.message());
    }
}

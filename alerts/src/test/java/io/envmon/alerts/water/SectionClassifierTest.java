package io.envmon.alerts.water;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.registry.WaterSection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Section class = worst evaluated parameter; exceedances against the target class with the multiple
 * (C − limit) / limit (GB 3838-2002 §5.1; standards.md §4.3).
 */
class SectionClassifierTest {

    private final SectionClassifier classifier = new SectionClassifier();

    private static Map<String, Double> riverSample() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("ph", 7.5);       // I
        v.put("do", 4.0);       // IV (≥ 3, < 5)
        v.put("codmn", 5.0);    // III
        v.put("cod", 25.0);     // IV
        v.put("nh3n", 2.5);     // 劣V
        v.put("tp", 0.25);      // IV (river)
        v.put("tn", 3.0);       // rivers: not evaluated
        v.put("turbidity", 30.0);
        v.put("temp", 20.0);
        return v;
    }

    @Test
    void worstClassAndExceedances() {
        SectionAssessment a = classifier.assess(riverSample(), WaterClass.III, false);
        assertEquals(Optional.of(WaterClass.WORSE_THAN_V), a.sectionClass());
        assertEquals(List.of("nh3n"), a.decidingParameters());
        assertFalse(a.meetsTarget());
        assertEquals(Set.of("tn", "turbidity", "temp"), Set.copyOf(a.notEvaluated()));
        assertEquals(List.of("ph", "do", "codmn", "cod", "nh3n", "tp"), List.copyOf(a.parameterClasses().keySet()));

        List<SectionAssessment.Exceedance> e = a.exceedances();
        assertEquals(List.of("do", "cod", "nh3n", "tp"), e.stream().map(SectionAssessment.Exceedance::parameter).toList());
        // DO: no multiple (2011 evaluation method) by default
        assertTrue(e.get(0).multiple().isEmpty());
        assertEquals(WaterClass.IV, e.get(0).parameterClass());
        assertEquals(5.0, e.get(0).targetLimit().min());
        // COD: (25 − 20) / 20 = 0.25
        assertEquals(0.25, e.get(1).multiple().getAsDouble());
        assertEquals(20.0, e.get(1).targetLimit().max());
        // NH3-N: (2.5 − 1.0) / 1.0 = 1.5
        assertEquals(1.5, e.get(2).multiple().getAsDouble());
        assertEquals(WaterClass.WORSE_THAN_V, e.get(2).parameterClass());
        // TP river: (0.25 − 0.2) / 0.2 = 0.25
        assertEquals(0.25, e.get(3).multiple().getAsDouble());
    }

    @Test
    void doShortfallConvention() {
        SectionAssessment a = new SectionClassifier(SectionClassifier.DoMultiple.RELATIVE_SHORTFALL)
                .assess(riverSample(), WaterClass.III, false);
        // DO 4 against class III ≥ 5: (5 − 4) / 5 = 0.2
        assertEquals(0.2, a.exceedances().get(0).multiple().getAsDouble());
    }

    @Test
    void lakeNitrogenIsAssessedSeparatelyByDefault() {
        // 2011 evaluation method (环办〔2011〕22号): lake TN is evaluated and reported on its own, not in the class
        SectionAssessment a = classifier.assess(Map.of("tn", 0.6, "cod", 15.0), WaterClass.II, true);
        assertEquals(Optional.of(WaterClass.I), a.sectionClass(), "COD 15 is class I; TN (III) does not count");
        assertEquals(List.of("cod"), a.decidingParameters());
        assertTrue(a.meetsTarget(), "the section meets II; TN is a separate finding");
        assertEquals(WaterClass.III, a.parameterClasses().get("tn"), "TN still gets its class");
        assertEquals(List.of("tn"), a.exceedances().stream().map(SectionAssessment.Exceedance::parameter).toList());
        assertEquals(0.2, a.exceedances().get(0).multiple().getAsDouble(), "(0.6 − 0.5) / 0.5");
        assertEquals(List.of("tn"), a.separate());
        // a lake with nothing but TN has no section class
        assertEquals(Optional.empty(), classifier.assess(Map.of("tn", 1.8), WaterClass.III, true).sectionClass());
    }

    @Test
    void lakeUsesLakePhosphorusAndEvaluatesNitrogen() {
        SectionClassifier classifier = new SectionClassifier(SectionClassifier.DoMultiple.NOT_COMPUTED,
                SectionClassifier.LakeNitrogen.IN_CLASS);
        SectionAssessment a = classifier.assess(Map.of("tp", 0.03, "tn", 0.6, "cod", 15.0), WaterClass.II, true);
        assertEquals(Optional.of(WaterClass.III), a.sectionClass());
        assertEquals(List.of("tp", "tn"), a.decidingParameters());
        // TP lake class II ≤ 0.025: (0.03 − 0.025) / 0.025 = 0.2; TN class II ≤ 0.5: (0.6 − 0.5) / 0.5 = 0.2
        assertEquals(0.2, a.exceedances().get(0).multiple().getAsDouble());
        assertEquals(0.2, a.exceedances().get(1).multiple().getAsDouble());
        // the same TP in a river is class II: meets target II
        SectionAssessment river = classifier.assess(Map.of("tp", 0.03, "tn", 0.6), WaterClass.II, false);
        assertTrue(river.meetsTarget());
        assertEquals(List.of("tn"), river.notEvaluated());
    }

    @Test
    void phOutsideTheRangeExceedsWithoutMultiple() {
        SectionAssessment a = classifier.assess(Map.of("ph", 9.5, "cod", 10.0), WaterClass.III, false);
        assertEquals(Optional.of(WaterClass.WORSE_THAN_V), a.sectionClass());
        assertEquals(1, a.exceedances().size());
        assertTrue(a.exceedances().get(0).multiple().isEmpty());
        assertEquals("6–9", a.exceedances().get(0).targetLimit().toString());
    }

    @Test
    void valuesAtTheTargetLimitMeetIt() {
        SectionAssessment a = classifier.assess(Map.of("cod", 20.0, "nh3n", 1.0, "do", 5.0, "tp", 0.2), WaterClass.III, false);
        assertEquals(Optional.of(WaterClass.III), a.sectionClass());
        assertTrue(a.meetsTarget());
        assertTrue(a.exceedances().isEmpty());
    }

    @Test
    void nothingEvaluated() {
        SectionAssessment a = classifier.assess(Map.of("turbidity", 5.0), WaterClass.III, false);
        assertEquals(Optional.empty(), a.sectionClass());
        assertFalse(a.meetsTarget());
        assertEquals(List.of(), a.decidingParameters());
    }

    @Test
    void fromTheRegistry() {
        WaterSection lake = new WaterSection("WS-01", "Lake", "L", "II", "reservoir", null, null, null, null);
        assertEquals(Optional.of(WaterClass.IV), classifier.assess(lake, Map.of("tp", 0.1)).sectionClass());
        WaterSection river = new WaterSection("WS-02", "River", "R", "III", null, null, null, null, null);
        assertEquals(Optional.of(WaterClass.II), classifier.assess(river, Map.of("tp", 0.1)).sectionClass());

        WaterSection noTarget = new WaterSection("WS-03", "x", "R", null, null, null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier.assess(noTarget, Map.of("tp", 0.1)));
        assertTrue(e.getMessage().contains("WS-03"));
        assertThrows(IllegalArgumentException.class,
                () -> classifier.assess(Map.of("tp", 0.1), WaterClass.WORSE_THAN_V, false));
    }
}
